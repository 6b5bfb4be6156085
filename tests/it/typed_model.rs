//! The model holds meaning and emit holds format: the checks that once waited for the
//! Grafana emitter are the resolver's (so a command that does not emit finds them too),
//! and typed values come out of `dac build` the way Grafana saves them.

use crate::dac_bin;

use std::path::{Path, PathBuf};

use dac::codes::Code;
use dac::resolve::load_project;
use dac::source::SourceMap;
use dac_bin::{crate_root, dac};
use serde_json::Value;

const F: &str = "tests/fixtures/typed/";

fn fixture(name: &str) -> PathBuf {
    crate_root().join(F).join(name)
}

/// `dac build FIXTURE -o TMP/out` from the crate root: exit 2, nothing written; stderr
/// with the temporary path as `[TMP]`.
fn failing_build(tmp: &Path, name: &str) -> String {
    let out = tmp.join("out");
    let run = dac(
        &crate_root(),
        [
            "build".as_ref(),
            format!("{F}{name}").as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    )
    .expect(2);
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr
            .trim_end()
            .ends_with("error(s); nothing was written"),
        "{run}"
    );
    assert!(!out.exists(), "a failed build wrote {}", out.display());
    run.stderr.replace(&tmp.display().to_string(), "[TMP]")
}

/// `dac build FIXTURE -o TMP/out`, which must succeed: stderr, and the dashboard JSON.
fn good_build(tmp: &Path, name: &str) -> (String, Value) {
    let out = tmp.join("out");
    let run = dac(
        &crate_root(),
        [
            "build".as_ref(),
            format!("{F}{name}").as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    )
    .expect(0);
    assert!(!run.stderr.contains("panicked"), "{run}");
    let text = std::fs::read_to_string(out.join("grafana/cryptobot/trade.json"))
        .unwrap_or_else(|e| panic!("no dashboard JSON ({e}); {run}"));
    let json: Value = serde_json::from_str(&text).unwrap();
    (
        run.stderr.replace(&tmp.display().to_string(), "[TMP]"),
        json,
    )
}

/// The codes that resolving `name` reports, without emitting anything.
fn resolve_codes(name: &str) -> Vec<Code> {
    let mut sources = SourceMap::new();
    let (_, diagnostics) = load_project(&[fixture(name)], &mut sources);
    diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn an_unknown_color_scheme_is_an_error_of_the_resolver() {
    assert_eq!(
        resolve_codes("unknown_color_scheme.dac"),
        [Code::ColorScheme]
    );
    let tmp = tempfile::tempdir().unwrap();
    let stderr = failing_build(tmp.path(), "unknown_color_scheme.dac");
    assert!(stderr.contains("error[dac/color-scheme]: `Rainbow` is not a Grafana color scheme"));
    assert!(stderr.contains("unknown_color_scheme.dac:6:20"), "{stderr}");
    assert!(
        stderr.contains("GrYlRd, greens"),
        "the help lists the schemes"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_datasource_variable_of_another_type_is_an_error_of_the_resolver() {
    assert_eq!(
        resolve_codes("datasource_variable_type.dac"),
        [Code::DatasourceVariable]
    );
    let tmp = tempfile::tempdir().unwrap();
    let stderr = failing_build(tmp.path(), "datasource_variable_type.dac");
    assert!(stderr.contains(
        "error[dac/datasource-variable]: variable `prom` is the dashboard's datasource but is not a datasource variable"
    ));
    assert!(
        stderr.contains("datasource_variable_type.dac:5:3"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_interval_variables_auto_is_a_warning_of_the_resolver_and_not_written() {
    assert_eq!(resolve_codes("interval_auto.dac"), [Code::IntervalAuto]);
    let tmp = tempfile::tempdir().unwrap();
    let (stderr, json) = good_build(tmp.path(), "interval_auto.dac");
    assert!(stderr.contains(
        "warning[dac/interval-auto]: the `auto` option of interval variable `window` is not written"
    ));
    assert!(stderr.contains("interval_auto.dac:4:45"), "{stderr}");
    let window = json["templating"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "window")
        .unwrap();
    assert_eq!(window["query"], "1m,5m,1h");
    assert!(window.get("auto").is_none(), "{window}");
    let report: String = stderr
        .lines()
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(report);
}

#[test]
fn labels_kubernetes_would_reject_are_errors_of_the_resolver() {
    assert_eq!(
        resolve_codes("kubernetes_labels.dac"),
        [Code::KubernetesLabel, Code::KubernetesLabel]
    );
    let tmp = tempfile::tempdir().unwrap();
    let stderr = failing_build(tmp.path(), "kubernetes_labels.dac");
    assert!(
        stderr.contains("`trading desk` is not a valid Kubernetes label value (PrometheusRule)")
    );
    assert!(stderr.contains("kubernetes_labels.dac:4:14"), "{stderr}");
    assert!(
        stderr.contains("`bad key!` is not a valid Kubernetes label key (ServiceMonitor selector)")
    );
    assert!(stderr.contains("kubernetes_labels.dac:11:16"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn typed_values_are_written_the_way_grafana_saves_them() {
    assert_eq!(resolve_codes("typed_values.dac"), []);
    let tmp = tempfile::tempdir().unwrap();
    let (_, d) = good_build(tmp.path(), "typed_values.dac");
    assert_eq!(d["refresh"], "90m");
    assert_eq!(
        d["time"],
        serde_json::json!({ "from": "now-1d", "to": "now" })
    );
    let window = &d["templating"]["list"][1];
    assert_eq!(window["query"], "90s,90m,$__auto");

    let ts = &d["panels"][0];
    assert_eq!(
        ts["fieldConfig"]["defaults"]["color"]["mode"],
        "continuous-GrYlRd"
    );
    assert_eq!(ts["interval"], "$window");
    assert_eq!(ts["targets"][0]["interval"], "2h");
    assert_eq!(
        ts["options"]["legend"],
        serde_json::json!({
            "calcs": ["mean", "diffperc"],
            "displayMode": "list",
            "placement": "right",
            "showLegend": false
        })
    );
    assert_eq!(
        ts["fieldConfig"]["overrides"],
        serde_json::json!([
            {
                "matcher": { "id": "byName", "options": "total" },
                "properties": [
                    { "id": "custom.fillOpacity", "value": 0 },
                    { "id": "custom.stacking", "value": { "group": "A", "mode": "percent" } },
                    { "id": "color", "value": { "mode": "palette-classic" } }
                ]
            },
            {
                "matcher": { "id": "byRegexp", "options": "p.*" },
                "properties": [{
                    "id": "custom.lineStyle",
                    "value": { "dash": [10, 2.5], "fill": "dash", "on": true, "x": null }
                }]
            }
        ])
    );

    let stat = &d["panels"][1];
    assert_eq!(
        stat["fieldConfig"]["defaults"]["color"]["mode"],
        "continuous-blues"
    );
    assert_eq!(
        stat["options"]["reduceOptions"]["calcs"],
        serde_json::json!(["stdDev"])
    );
    assert_eq!(stat["options"]["graphMode"], "none");
    assert_eq!(stat["options"]["orientation"], "vertical");
    // Grafana's relative time takes one number and one unit.
    assert_eq!(stat["timeFrom"], "90m");

    // A heatmap's scheme is its own, kept as written.
    let heatmap = &d["panels"][2];
    assert_eq!(heatmap["options"]["color"]["scheme"], "Blues");
}
