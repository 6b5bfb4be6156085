//! Each lint rule run as a user runs it: `dac lint FIXTURE` from the crate root, on a
//! fixture that triggers the rule (snapshot of the rendered findings, with
//! `file:line:col`) and on one that must not trigger it (no finding at all). The
//! fixtures use tests/fixtures/lint/dac.toml, which keeps every setting at its default.

use crate::dac_bin::{crate_root, dac};

const F: &str = "tests/fixtures/lint/";

/// `dac lint FIXTURE`: checks the exit code and that nothing but the rule's findings
/// and the count are reported; returns stderr.
fn lint(fixture: &str, exit: i32, rule: &str) -> String {
    let run = dac(&crate_root(), ["lint", &format!("{F}{fixture}")]).expect(exit);
    assert!(!run.stderr.contains("panicked"), "{run}");
    let codes: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.split_once('[')?.1.split_once(']'))
        .filter(|(_, rest)| rest.starts_with(": "))
        .map(|(code, _)| code)
        .collect();
    assert!(
        codes.iter().all(|c| *c == rule),
        "only `{rule}` may report here: {codes:?}\n{run}"
    );
    assert!(run.stdout.starts_with("lint: "), "{run}");
    run.stderr
}

macro_rules! rule {
    ($name:ident, $rule:literal, $exit:literal, $count:literal) => {
        mod $name {
            use super::*;

            #[test]
            fn triggers() {
                let file = concat!(stringify!($name), "_bad.dac");
                let stderr = lint(file, $exit, $rule);
                let found = stderr.matches(concat!("[", $rule, "]: ")).count();
                assert_eq!(found, $count, "{stderr}");
                assert!(stderr.contains(&format!("{F}{file}:")), "{stderr}");
                insta::assert_snapshot!(stringify!($name), stderr);
            }

            #[test]
            fn does_not_trigger() {
                let file = concat!(stringify!($name), "_ok.dac");
                let stderr = lint(file, 0, $rule);
                assert_eq!(stderr, "", "a finding on a fixture that must have none");
            }
        }
    };
}

rule!(alert_for, "alert/for", 0, 2);
rule!(alert_severity, "alert/severity", 0, 2);
rule!(alert_summary, "alert/summary", 0, 2);
rule!(alert_runbook, "alert/runbook", 0, 2);
rule!(alert_no_condition, "alert/no-condition", 0, 2);
rule!(alert_template_label, "alert/template-label", 1, 2);
rule!(record_name, "record/name", 0, 3);
rule!(counter_rate, "promql/counter-rate", 0, 3);
rule!(histogram_quantile_le, "promql/histogram-quantile-le", 1, 3);
rule!(rate_of_aggregation, "promql/rate-of-aggregation", 1, 3);
rule!(regex, "promql/regex", 0, 6);
rule!(rate_interval, "promql/rate-interval", 0, 5);
rule!(rule_dependency, "rule/dependency", 0, 3);
rule!(cardinality, "promql/cardinality", 0, 3);
rule!(
    high_cardinality_label,
    "promql/high-cardinality-label",
    0,
    4
);
rule!(unknown_metric, "promql/unknown-metric", 0, 3);
rule!(unknown_label, "promql/unknown-label", 0, 4);
rule!(impossible, "promql/impossible", 1, 5);
rule!(legend_label, "panel/legend-label", 0, 2);
rule!(panel_unit, "dashboard/panel-unit", 0, 2);
rule!(panel_title, "dashboard/panel-title", 0, 2);
rule!(dashboard_datasource, "dashboard/datasource", 0, 2);
rule!(variable_unused, "dashboard/variable-unused", 0, 2);
rule!(variable_undefined, "dashboard/variable-undefined", 0, 3);
rule!(golden_signals, "service/golden-signals", 0, 11);
rule!(unrouted_alert, "routing/unrouted-alert", 0, 2);
rule!(unknown_matcher_label, "routing/unknown-matcher-label", 0, 2);
rule!(unused_severity, "routing/unused-severity", 0, 3);
rule!(inhibit_equal_missing, "routing/inhibit-equal-missing", 0, 2);
