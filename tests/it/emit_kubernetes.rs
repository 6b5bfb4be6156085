//! Kubernetes manifests: the PrometheusRule against the operator's CRD schema, the
//! ConfigMaps, ServiceMonitors and kustomization by content.

use crate::common;

use common::validate::{crd_validator, errors, yaml_to_json};
use dac::config::{Config, is_dns1123_subdomain};
use dac::emit::{OutputFile, emit};
use serde_json::Value;

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| {
        panic!(
            "no {path} among {:?}",
            files.iter().map(|f| &f.path).collect::<Vec<_>>()
        )
    });
    std::str::from_utf8(&f.contents).unwrap()
}

#[test]
fn prometheus_rule_validates_against_the_crd() {
    let mut project = common::project();
    project.rule_sets[0].groups[0].query_offset = Some(dac::model::Millis(30_000));
    let files = emit(&project, &Config::default());
    let doc = yaml_to_json(file(&files, "kubernetes/prometheusrule-trade-service.yaml"));
    let validator = crd_validator();
    let errs = errors(&validator, &doc);
    assert!(errs.is_empty(), "CRD schema errors:\n{}", errs.join("\n"));
    assert_eq!(
        doc["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "dac"
    );
    assert_eq!(doc["metadata"]["labels"]["prometheus"], "k8s");
    assert_eq!(doc["metadata"]["labels"]["team"], "trading");
    assert_eq!(doc["metadata"]["namespace"], "monitoring");

    // The same check rejects a rule the operator would reject.
    let mut bad = doc.clone();
    bad["spec"]["groups"][0]["rules"][0]["expr"] = Value::Null;
    assert!(!errors(&validator, &bad).is_empty());
}

#[test]
fn prometheus_rule_snapshot() {
    let files = emit(&common::project(), &Config::default());
    insta::assert_snapshot!(file(&files, "kubernetes/prometheusrule-trade-service.yaml"));
}

#[test]
fn dashboard_config_map_carries_the_sidecar_label_folder_and_json() {
    let files = emit(&common::project(), &Config::default());
    let text = file(&files, "kubernetes/grafana-dashboard-cryptobot-trade.yaml");
    let doc = yaml_to_json(text);
    assert_eq!(doc["apiVersion"], "v1");
    assert_eq!(doc["kind"], "ConfigMap");
    let name = doc["metadata"]["name"].as_str().unwrap();
    assert_eq!(name, "grafana-dashboard-cryptobot-trade");
    assert!(is_dns1123_subdomain(name));
    // A string "1", not the number 1: Kubernetes rejects numeric label values.
    assert_eq!(
        doc["metadata"]["labels"]["grafana_dashboard"],
        Value::String("1".into())
    );
    assert_eq!(
        doc["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "dac"
    );
    assert_eq!(
        doc["metadata"]["annotations"]["grafana_folder"],
        "Cryptobot"
    );
    // The embedded JSON is byte for byte the dashboard file.
    assert_eq!(
        doc["data"]["cryptobot-trade.json"].as_str().unwrap(),
        file(&files, "grafana/cryptobot/cryptobot-trade.json")
    );
}

#[test]
fn dashboard_config_map_snapshot() {
    let mut project = common::project();
    project.dashboards.truncate(1);
    project.dashboards[0].items.truncate(1);
    project.dashboards[0].variables.clear();
    let config = Config {
        dashboard_annotations: vec![(
            "k8s-sidecar-target-directory".into(),
            "/tmp/dashboards".into(),
        )],
        ..Config::default()
    };
    let files = emit(&project, &config);
    insta::assert_snapshot!(file(
        &files,
        "kubernetes/grafana-dashboard-cryptobot-trade.yaml"
    ));
}

#[test]
fn rules_config_map_holds_every_rule_file() {
    let files = emit(&common::project(), &Config::default());
    let doc = yaml_to_json(file(&files, "kubernetes/prometheus-rules.yaml"));
    assert_eq!(doc["kind"], "ConfigMap");
    assert_eq!(
        doc["data"]["trade-service.rules.yml"].as_str().unwrap(),
        file(&files, "prometheus/trade-service.rules.yml")
    );
}

#[test]
fn service_monitors_only_for_monitored_services() {
    let files = emit(&common::project(), &Config::default());
    assert!(!files.iter().any(|f| f.path.contains("node-exporter")));
    let doc = yaml_to_json(file(&files, "kubernetes/servicemonitor-data-service.yaml"));
    assert_eq!(doc["kind"], "ServiceMonitor");
    assert_eq!(doc["spec"]["selector"]["matchLabels"]["app"], "data");
    assert_eq!(doc["spec"]["endpoints"][0]["scrapeTimeout"], "10s");
    assert_eq!(
        doc["spec"]["endpoints"][0]["relabelings"][0]["replacement"],
        "cryptobot-data"
    );
    assert!(doc["spec"].get("namespaceSelector").is_none());
    insta::assert_snapshot!(file(&files, "kubernetes/servicemonitor-trade-service.yaml"));
}

#[test]
fn kustomization_lists_every_manifest() {
    let files = emit(&common::project(), &Config::default());
    let doc = yaml_to_json(file(&files, "kubernetes/kustomization.yaml"));
    let listed: Vec<String> = doc["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("kubernetes/{}", r.as_str().unwrap()))
        .collect();
    let manifests: Vec<String> = files
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| p.starts_with("kubernetes/") && !p.ends_with("kustomization.yaml"))
        .collect();
    assert_eq!(listed, manifests);
    insta::assert_snapshot!(file(&files, "kubernetes/kustomization.yaml"));
}

#[test]
fn every_manifest_is_labelled_managed_by_dac_and_named_dns_1123() {
    let files = emit(&common::project(), &Config::default());
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("kubernetes/") && !f.path.ends_with("kustomization.yaml"))
    {
        let doc = yaml_to_json(std::str::from_utf8(&f.contents).unwrap());
        assert_eq!(
            doc["metadata"]["labels"]["app.kubernetes.io/managed-by"], "dac",
            "{}",
            f.path
        );
        assert!(
            is_dns1123_subdomain(doc["metadata"]["name"].as_str().unwrap()),
            "{}",
            f.path
        );
    }
}

fn big_dashboard(panels: usize) -> dac::model::Dashboard {
    let items = (0..panels)
        .map(|i| {
            dac::model::Item::Panel(common::panel(
                dac::model::PanelKind::Timeseries,
                &format!("Panel {i}"),
                vec![common::target(
                    "A",
                    "sum(rate(http_requests_total[5m]))",
                    None,
                )],
            ))
        })
        .collect();
    common::dashboard("big", "Big", items)
}

/// The emitter reports no size: `k8s/configmap-size` reads what it emitted.
#[test]
fn large_dashboards_warn_and_huge_ones_fail() {
    let sources = dac::source::SourceMap::new();
    let settings = dac::lint::settings::LintSettings::default();
    for (panels, code, error) in [
        (200, "k8s/configmap-size", false),
        (800, "k8s/configmap-size", true),
    ] {
        let project = dac::model::Project {
            dashboards: vec![big_dashboard(panels)],
            ..Default::default()
        };
        let files = emit(&project, &Config::default());
        let input =
            dac::lint::context::LintInput::new(&project, &sources).with_outputs(Some(&files));
        let found: Vec<_> = dac::lint::lint(&input, &settings)
            .into_iter()
            .filter(|d| d.code.name() == code)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].is_error(), error, "{panels} panels: {found:?}");
    }
}

#[test]
fn every_duration_matches_the_crd_pattern() {
    let validator = crd_validator();
    for ms in [
        0,
        1,
        999,
        1_000,
        60_000,
        90_061_001,
        31_536_000_001,
        694_861_001_001,
    ] {
        let mut project = common::project();
        project.rule_sets[0].groups[0].interval = Some(dac::model::Millis(ms));
        project.rule_sets[0].groups[0].query_offset = Some(dac::model::Millis(ms));
        if let dac::model::Rule::Alert(a) = &mut project.rule_sets[0].groups[0].rules[1] {
            a.for_ = Some(dac::model::Millis(ms));
            a.keep_firing_for = Some(dac::model::Millis(ms));
        }
        let files = emit(&project, &Config::default());
        let doc = yaml_to_json(file(&files, "kubernetes/prometheusrule-trade-service.yaml"));
        let errs = errors(&validator, &doc);
        assert!(errs.is_empty(), "{ms} ms: {}", errs.join("\n"));
    }
}
