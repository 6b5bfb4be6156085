//! Dashboard mistakes caught where they were made: attributes a panel kind does not
//! use, thresholds out of order, colors Grafana does not know, explicit positions over
//! a row header or another panel, a table without a query. Each bad input runs the
//! binary over an earlier good build: exit 2, the message at its `file:line:col`
//! (snapshot of stderr), the output directory untouched. The good inputs are checked in
//! the emitted JSON.

use crate::common;
use crate::dac_bin;

use std::path::Path;

use dac_bin::{build_cryptobot, crate_root, dac, tree};
use serde_json::Value;

const F: &str = "tests/fixtures/dashboard/";

/// `dac build FIXTURE -o TMP/out` over Cryptobot's build: exit 2, nothing on stdout,
/// the output untouched; returns stderr.
fn failing_build(tmp: &Path, fixture: &str) -> String {
    let out = tmp.join("out");
    build_cryptobot(&out);
    let before = tree(tmp);
    let run = dac_bin::refused(
        &crate_root(),
        [
            "build",
            &format!("{F}{fixture}"),
            "-o",
            &out.display().to_string(),
        ],
    );
    assert!(
        run.stderr.trim_end().ends_with("nothing was written"),
        "{run}"
    );
    assert!(tree(tmp) == before, "a failed build changed the output");
    run.stderr
}

macro_rules! case {
    ($name:ident, $fixture:expr, [$(($message:expr, $at:expr)),+ $(,)?]) => {
        #[test]
        fn $name() {
            let tmp = tempfile::tempdir().unwrap();
            let stderr = failing_build(tmp.path(), $fixture);
            $(
                assert!(stderr.contains($message), "missing {:?} in:\n{stderr}", $message);
                assert!(stderr.contains($at), "missing {:?} in:\n{stderr}", $at);
            )+
            insta::assert_snapshot!(stringify!($name), stderr);
        }
    };
}

case!(
    attributes_a_panel_kind_does_not_use,
    "inapplicable_attribute.dac",
    [
        (
            "`stack` does not apply to a gauge panel",
            "inapplicable_attribute.dac:6:5"
        ),
        (
            "`legend` does not apply to a gauge panel",
            "inapplicable_attribute.dac:7:5"
        ),
        (
            "`graph_mode` does not apply to a gauge panel",
            "inapplicable_attribute.dac:8:5"
        ),
        (
            "`reduce` does not apply to a timeseries panel",
            "inapplicable_attribute.dac:12:5"
        ),
        (
            "`content` does not apply to a timeseries panel",
            "inapplicable_attribute.dac:13:5"
        ),
        (
            "`query` does not apply to a text panel",
            "inapplicable_attribute.dac:16:5"
        ),
        (
            "`unit` does not apply to a text panel",
            "inapplicable_attribute.dac:17:5"
        ),
        // Unknown everywhere: the suggestion comes from the stat panel's own list.
        (
            "unknown statement `colour` in a stat panel",
            "did you mean `color`?"
        ),
        (
            "`fill` does not apply to an override of a stat panel",
            "inapplicable_attribute.dac:23:26"
        ),
        ("build failed with 9 error(s)", "nothing was written"),
    ]
);

#[test]
fn the_list_of_what_a_kind_takes_is_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr = failing_build(tmp.path(), "inapplicable_attribute.dac");
    let help = |context: &str| {
        stderr
            .lines()
            .find_map(|l| l.split_once(&format!("{context} takes: ")).map(|(_, k)| k))
            .unwrap_or_else(|| panic!("no list for {context} in:\n{stderr}"))
            .split(", ")
            .collect::<Vec<_>>()
    };
    let timeseries = help("a timeseries panel");
    assert!(!timeseries.contains(&"content") && !timeseries.contains(&"reduce"));
    assert!(timeseries.contains(&"stack"));
    let text = help("a text panel");
    assert!(text.contains(&"content") && !text.contains(&"query"));
    let gauge = help("a gauge panel");
    assert!(gauge.contains(&"reduce") && !gauge.contains(&"legend"));
}

case!(
    thresholds_out_of_order,
    "thresholds_out_of_order.dac",
    [
        (
            "threshold `0.25` is not above the threshold before it (`0.5`)",
            "thresholds_out_of_order.dac:6:39"
        ),
        (
            "threshold `1` is not above the threshold before it (`1`)",
            "thresholds_out_of_order.dac:10:37"
        ),
    ]
);

case!(
    colors_grafana_does_not_know,
    "bad_colors.dac",
    [
        ("`gren` is not a Grafana color", "bad_colors.dac:6:19"),
        ("`#12345` is not a Grafana color", "bad_colors.dac:6:28"),
        (
            "`rgb(300, 0, 0)` is not a Grafana color",
            "bad_colors.dac:6:41"
        ),
        ("`crimson` is not a Grafana color", "bad_colors.dac:7:40"),
        (
            "`very-dark-red` is not a Grafana color",
            "bad_colors.dac:11:13"
        ),
        ("`Red` is not a Grafana color", "bad_colors.dac:12:35"),
        ("super-light-", "`rgba(R, G, B, A)`"),
    ]
);

case!(
    an_explicit_y_above_the_panels_own_row,
    "y_above_row.dac",
    [(
        "`y = 2` puts the panel above its own row, whose header is at y 5",
        "y_above_row.dac:10:11"
    )]
);

case!(
    an_explicit_y_over_another_panel,
    "y_overlap.dac",
    [
        (
            "`y` puts this panel over the panel `Requests`",
            "y_overlap.dac:9:9"
        ),
        ("overlapped", "4 |   timeseries \"Requests\""),
    ]
);

/// Builds `fixture` into a temporary directory: exit 0; returns stderr and the one
/// dashboard's JSON, which must pass Grafana's schema.
fn good_build(fixture: &str, uid: &str) -> (String, Value) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = dac(
        &crate_root(),
        [
            "build",
            &format!("{F}{fixture}"),
            "-o",
            &out.display().to_string(),
        ],
    )
    .expect(0);
    let path = out.join(format!("grafana/cryptobot/{uid}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap();
    let errors = common::validate::errors(&common::validate::grafana_validator(), &json);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    (run.stderr, json)
}

#[test]
fn a_table_without_a_query_is_a_warning() {
    let (stderr, json) = good_build("table_without_query.dac", "tables");
    assert!(
        stderr.contains("warning[dac/no-query]: table `Pods` has no query"),
        "{stderr}"
    );
    assert!(stderr.contains("table_without_query.dac:4:3"), "{stderr}");
    insta::assert_snapshot!(stderr);
    assert_eq!(json["panels"][0]["type"], "table");
}

fn variable_queries(json: &Value) -> Vec<(String, String)> {
    json["templating"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["type"] == "query")
        .map(|v| {
            (
                v["name"].as_str().unwrap().to_string(),
                v["query"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `pod =~ "$pod"` stays out of `pod`'s own query; `job =~ "$job"` out of `job`'s, and
/// out of nothing else: `pod` is filtered by `$job`, so `job` gets no `$pod` matcher.
#[test]
fn a_scope_matcher_is_kept_out_of_the_variables_it_names() {
    let (_, json) = good_build("variable_scope.dac", "variables");
    assert_eq!(
        variable_queries(&json),
        [
            ("job", r#"label_values(up{namespace="cryptobot"}, job)"#),
            (
                "pod",
                r#"label_values(up{namespace="cryptobot", job=~"$job"}, pod)"#
            ),
            (
                "instance",
                r#"label_values(up{pod=~"$pod", namespace="cryptobot", job=~"$job"}, instance)"#
            ),
            (
                "top",
                r#"query_result(topk(5, sum by (pod) (rate(http_requests_total{namespace="cryptobot", job=~"$job", pod=~"$pod"}[5m]))))"#
            ),
        ]
        .map(|(n, q)| (n.to_string(), q.to_string()))
    );
    // Panels get the whole scope.
    assert_eq!(
        json["panels"][0]["targets"][0]["expr"],
        r#"sum by (pod) (rate(http_requests_total{namespace="cryptobot", job=~"$job", pod=~"$pod"}[$__rate_interval]))"#
    );
}

#[test]
fn a_variable_does_not_get_a_matcher_on_itself() {
    let (_, json) = good_build("self_scoped_variable.dac", "pods");
    assert_eq!(
        variable_queries(&json),
        [(
            "pod".to_string(),
            r#"label_values(up{namespace="cryptobot"}, pod)"#.to_string()
        )]
    );
    assert_eq!(
        json["panels"][0]["targets"][0]["expr"],
        r#"sum(up{namespace="cryptobot", pod=~"$pod"})"#
    );
}

/// Whole numbers stay whole in override properties; every form of color is written as
/// given; a free explicit position is kept.
#[test]
fn good_values_are_emitted_as_written() {
    let (stderr, json) = good_build("display_values.dac", "display");
    assert!(!stderr.contains("warning"), "{stderr}");
    let props = &json["panels"][0]["fieldConfig"]["overrides"][0]["properties"];
    let value = |id: &str| {
        props
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["value"].to_string())
            .unwrap_or_else(|| panic!("no {id} in {props}"))
    };
    assert_eq!(value("custom.width"), "260");
    assert_eq!(value("custom.ratio"), "0.5");
    assert_eq!(value("min"), "0");
    assert_eq!(value("max"), "100");
    assert_eq!(
        value("thresholds"),
        r#"{"mode":"absolute","steps":[{"color":"green","value":null},{"color":"red","value":80}]}"#
    );

    let stat = &json["panels"][1]["fieldConfig"]["defaults"];
    assert_eq!(stat["color"]["fixedColor"], "#FF983080");
    let colors: Vec<&str> = stat["thresholds"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["color"].as_str().unwrap())
        .collect();
    assert_eq!(
        colors,
        [
            "transparent",
            "rgba(0, 211, 255, 0.5)",
            "semi-dark-green",
            "rgb(10,20,30)"
        ]
    );
    assert_eq!(
        stat["mappings"][0]["options"]["0"]["color"],
        "super-light-red"
    );

    assert_eq!(
        json["panels"][2]["gridPos"],
        serde_json::json!({ "h": 8, "w": 12, "x": 12, "y": 12 })
    );
}
