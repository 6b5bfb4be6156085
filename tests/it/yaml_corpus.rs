//! The YAML writer on real-world input: kube-prometheus' rules and dashboard ConfigMaps
//! written out and read back unchanged, and the rules accepted by promtool.

use crate::common;

use std::process::Command;

use dac::emit::yaml::{self, Node};
use serde_json::Value;

fn corpus(name: &str) -> Value {
    let path = common::data().join("kube-prometheus").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    serde_json::to_value(v).unwrap()
}

fn round_trip(v: &Value) -> String {
    let text = yaml::to_string(&Node::from(v));
    let back: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    assert_eq!(&serde_json::to_value(back).unwrap(), v, "{text}");
    text
}

#[test]
fn every_kube_prometheus_rule_file_round_trips_and_passes_promtool() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(common::data().join("kube-prometheus")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with("-prometheusRule.yaml") {
            continue;
        }
        let manifest = corpus(&name);
        round_trip(&manifest);
        let rules = serde_json::json!({ "groups": manifest["spec"]["groups"] });
        let file = dir.path().join(name.replace(".yaml", ".rules.yml"));
        std::fs::write(&file, round_trip(&rules)).unwrap();
        files.push(file);
    }
    assert_eq!(files.len(), 8);
    let program = std::env::var("PROMTOOL").unwrap_or_else(|_| "promtool".to_string());
    let out = Command::new(&program)
        .arg("check")
        .arg("rules")
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program}` ({e}): install promtool (Debian: `apt-get install prometheus`) or set $PROMTOOL"));
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_kube_prometheus_dashboard_config_map_round_trips() {
    let list = corpus("grafana-dashboardDefinitions.yaml");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 33);
    for item in items {
        let text = round_trip(item);
        // Dashboards are readable literal blocks, not one escaped line.
        assert!(text.contains(".json: |"), "{}", &text[..200]);
    }
}
