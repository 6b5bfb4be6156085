//! Each invalid fixture of `tests/fixtures/lang/invalid` gives the diagnostics in its
//! snapshot: message, `file:line:col`, the source line and the underline. Each case also
//! names the message and position it must contain, so a snapshot cannot drift silently.

use std::path::PathBuf;

use dac::report::human::render_all;
use dac::resolve::load_project;
use dac::source::SourceMap;

/// Resolves `root` (relative to the crate root, which is where cargo runs tests, so file
/// names in the rendered output do not depend on the machine).
fn errors(root: &str) -> String {
    let mut sources = SourceMap::new();
    let (project, diagnostics) = load_project(&[PathBuf::from(root)], &mut sources);
    assert!(project.is_none(), "{root} resolved without errors");
    assert!(!diagnostics.is_empty());
    render_all(&diagnostics, &sources)
}

macro_rules! case {
    ($name:ident, $path:expr, [$(($message:expr, $at:expr)),+ $(,)?]) => {
        #[test]
        fn $name() {
            let out = errors($path);
            $(
                assert!(out.contains($message), "missing {:?} in:\n{out}", $message);
                assert!(out.contains($at), "missing {:?} in:\n{out}", $at);
            )+
            insta::assert_snapshot!(stringify!($name), out);
        }
    };
}

const D: &str = "tests/fixtures/lang/invalid/";

case!(
    missing_equals,
    &format!("{D}missing_equals.dac"),
    [(
        "expected `=` after attribute name `unit`",
        "missing_equals.dac:5:10"
    ),]
);
case!(
    unclosed_brace,
    &format!("{D}unclosed_brace.dac"),
    [
        ("unclosed `{`", "unclosed_brace.dac:3:21"),
        ("left open at the end of the file", "1 | dashboard"),
    ]
);
case!(
    unterminated_string,
    &format!("{D}unterminated_string.dac"),
    [("unterminated string", "unterminated_string.dac:2:9"),]
);
case!(
    missing_separator,
    &format!("{D}missing_separator.dac"),
    [(
        "expected a line break or `;`, found `folder`",
        "missing_separator.dac:2:17"
    ),]
);
case!(
    promql_error,
    &format!("{D}promql_error.dac"),
    [
        ("unclosed left parenthesis", "promql_error.dac:5:"),
        ("did you mean \"rate\"", "promql_error.dac:10:12"),
    ]
);
case!(
    unknown_attribute,
    &format!("{D}unknown_attribute.dac"),
    [
        (
            "unknown statement `unti` in a timeseries panel",
            "unknown_attribute.dac:5:5"
        ),
        ("did you mean `unit`?", "unknown_attribute.dac:7:3"),
    ]
);
case!(
    duplicate_uid,
    &format!("{D}duplicate_uid.dac"),
    [
        (
            "duplicate dashboard uid `cryptobot`",
            "duplicate_uid.dac:6:9"
        ),
        ("first defined here", "duplicate_uid.dac"),
    ]
);
case!(
    duplicate_alert,
    &format!("{D}duplicate_alert.dac"),
    [("duplicate alert `TradeDown`", "duplicate_alert.dac:6:11"),]
);
case!(
    duplicate_record,
    &format!("{D}duplicate_record.dac"),
    [
        (
            "warning[dac/duplicate-record]: duplicate recording rule `job:up:sum`",
            "duplicate_record.dac:7:12"
        ),
        (
            "error[dac/duplicate-alert]: duplicate alert `Down`",
            "duplicate_record.dac:8:11"
        ),
    ]
);
case!(
    duplicate_rule_set,
    &format!("{D}duplicate_rule_set.dac"),
    [("duplicate rule set `trade`", "duplicate_rule_set.dac:7:7"),]
);
case!(
    bad_duration,
    &format!("{D}bad_duration.dac"),
    [
        ("invalid duration `30m1h`", "bad_duration.dac:3:16"),
        ("invalid duration `5m5m`", "bad_duration.dac:6:14"),
    ]
);
case!(
    unknown_unit,
    &format!("{D}unknown_unit.dac"),
    [
        ("unknown Grafana unit `reqsp`", "unknown_unit.dac:5:12"),
        ("did you mean `reqps`?", "unknown_unit.dac"),
    ]
);
case!(
    bad_uid,
    &format!("{D}bad_uid.dac"),
    [
        ("Grafana allows at most 40", "bad_uid.dac:2:9"),
        ("has characters Grafana rejects", "bad_uid.dac:6:9"),
        (
            "rule set name `Trade_Service` is not valid",
            "bad_uid.dac:9:7"
        ),
    ]
);
case!(
    grafana_variable_in_rule,
    &format!("{D}grafana_variable_in_rule.dac"),
    [
        (
            "Grafana variable `$__rate_interval` in a rule expression",
            "grafana_variable_in_rule.dac:4:59"
        ),
        (
            "Grafana variable `$instance` in a rule expression",
            "grafana_variable_in_rule.dac:7:27"
        ),
    ]
);
case!(
    undeclared_variable,
    &format!("{D}undeclared_variable.dac"),
    [
        (
            "the dashboard declares no variable `$instanse`",
            "undeclared_variable.dac:5:51"
        ),
        ("did you mean `$instance`?", "undeclared_variable.dac"),
        (
            "the dashboard declares no variable `$pod`",
            "undeclared_variable.dac:6:45"
        ),
    ]
);
case!(
    import_cycle,
    &format!("{D}import_cycle"),
    [
        ("import cycle", "b.dac:1:8"),
        ("which is imported here", "a.dac:1:8"),
    ]
);
case!(
    import_missing,
    &format!("{D}import_missing.dac"),
    [(
        "cannot import `tests/fixtures/lang/invalid/lib/nowhere.dac`",
        "import_missing.dac:1:8"
    ),]
);
case!(
    template_errors,
    &format!("{D}template_errors.dac"),
    [
        ("unknown template `http_rat`", "template_errors.dac:11:7"),
        ("did you mean `http_rate`?", "template_errors.dac"),
        (
            "missing parameter `service` of template `http_rate`",
            "template_errors.dac:12:3"
        ),
        (
            "template `http_rate` has no parameter `colour`",
            "template_errors.dac:13:36"
        ),
        (
            "parameter `service` must be a string, found a number",
            "template_errors.dac:14:27"
        ),
        ("parameter declared here", "1 | template panel http_rate"),
    ]
);
case!(
    template_misuse,
    &format!("{D}template_misuse.dac"),
    [
        (
            "template `down` holds alerts and recording rules, which cannot be used in a dashboard",
            "template_misuse.dac:17:7"
        ),
        (
            "`@jbo` is not a parameter of this template",
            "template_misuse.dac:4:15"
        ),
        ("template `loop` uses itself", "template_misuse.dac:10:9"),
        (
            "`@title` is a template parameter, used outside a template",
            "template_misuse.dac:18:11"
        ),
    ]
);
case!(
    wrong_type,
    &format!("{D}wrong_type.dac"),
    [
        (
            "`refresh` must be a duration such as `5m`, found a string",
            "wrong_type.dac:3:13"
        ),
        (
            "`multi` must be `true` or `false`, found a name",
            "wrong_type.dac:4:62"
        ),
        (
            "`decimals` must be a number, found a string",
            "wrong_type.dac:7:16"
        ),
        ("`VALUE: COLOR` after the base color", "wrong_type.dac:8:26"),
        ("`stacked` is not a valid `stack`", "wrong_type.dac:9:13"),
        ("`30` is not a valid `width`", "wrong_type.dac:10:13"),
    ]
);
case!(
    many_errors,
    &format!("{D}many_errors.dac"),
    [
        ("this dashboard has no `uid`", "many_errors.dac:2:1"),
        ("unclosed left parenthesis", "many_errors.dac:4:"),
        ("unknown Grafana unit `furlongs`", "many_errors.dac:5:12"),
        ("invalid duration `1m1m`", "many_errors.dac:11:41"),
        ("duplicate alert `A`", "many_errors.dac:12:11"),
        (
            "service name `Trade Service` is not valid",
            "many_errors.dac:16:9"
        ),
        (
            "`method` must be a number, found a name",
            "many_errors.dac:17:64"
        ),
    ]
);
case!(
    rule_test_errors,
    &format!("{D}rule_test_errors.dac"),
    [
        (
            "a test series must be a selector",
            "rule_test_errors.dac:8:15"
        ),
        (
            "the test expects alert `TradeDwn`, which this group does not define",
            "rule_test_errors.dac:9:7"
        ),
        ("did you mean `TradeDown`?", "rule_test_errors.dac"),
        (
            "unknown statement `value` in an expected query result",
            "rule_test_errors.dac:10:33"
        ),
    ]
);
case!(
    compare_errors,
    &format!("{D}compare_errors.dac"),
    [
        (
            "`threshold` must be a number, found a string",
            "compare_errors.dac:4:21"
        ),
        (
            "a value takes one comparison, of a query and a number",
            "compare_errors.dac:7:23"
        ),
        (
            "`expr` must be PromQL between backticks, found a string",
            "compare_errors.dac:10:14"
        ),
    ]
);
case!(
    variable_errors,
    &format!("{D}variable_errors.dac"),
    [
        ("duplicate variable `instance`", "variable_errors.dac:4:3"),
        ("invalid variable query", "variable_errors.dac:5:19"),
        (
            "the dashboard declares no variable `$pods`",
            "variable_errors.dac:7:14"
        ),
    ]
);
case!(
    panel_after_row,
    &format!("{D}panel_after_row.dac"),
    [
        (
            "a panel outside any row, after a row",
            "panel_after_row.dac:6:3"
        ),
        ("the first row", "3 |   row \"Trading\""),
    ]
);
case!(
    stray_legend,
    &format!("{D}stray_legend.dac"),
    [(
        "a `legend \"...\"` line that follows no query",
        "stray_legend.dac:6:5"
    ),]
);
case!(
    duplicate_alert_across_groups,
    &format!("{D}duplicate_alert_across_groups.dac"),
    [
        (
            "duplicate alert `TradeDown`",
            "duplicate_alert_across_groups.dac:9:11"
        ),
        (
            "first defined here, with the same labels",
            "3 |     alert \"TradeDown\""
        ),
    ]
);
