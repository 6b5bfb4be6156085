//! The dashboard, panel and variable rules run as a user runs them: `dac lint FIXTURE`
//! from the crate root, on a fixture that triggers the rule (snapshot of the rendered
//! findings, with `file:line:col`) and on one that must not (no finding at all). Same
//! shape as `lint_rules`, in a file of its own.

use crate::dac_bin::{crate_root, dac};

const F: &str = "tests/fixtures/lint/";

/// `dac lint FIXTURE`: checks the exit code and that only `rule` reports; returns stderr.
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

rule!(legend_label, "panel/legend-label", 0, 2);
rule!(panel_unit, "dashboard/panel-unit", 0, 2);
rule!(panel_title, "dashboard/panel-title", 0, 2);
rule!(dashboard_datasource, "dashboard/datasource", 0, 2);
rule!(variable_unused, "dashboard/variable-unused", 0, 2);
rule!(variable_undefined, "dashboard/variable-undefined", 0, 3);
rule!(golden_signals, "service/golden-signals", 0, 11);
