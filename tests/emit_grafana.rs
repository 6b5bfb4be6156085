//! Grafana dashboard JSON: valid against Grafana's own (strict) schema, and stable.

mod common;

use dac::emit::grafana::dashboard_json;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let path = common::shared().join("schemas/grafana-dashboard.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

fn assert_valid(json: &str) {
    let instance: Value = serde_json::from_str(json).unwrap();
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
}

#[test]
fn every_construct_validates_against_the_grafana_schema() {
    let mut diagnostics = Vec::new();
    for d in common::project().dashboards {
        assert_valid(&dashboard_json(&d, &mut diagnostics));
    }
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn the_schema_test_can_fail() {
    let mut diagnostics = Vec::new();
    let json = dashboard_json(&common::trade_dashboard(), &mut diagnostics);
    let mut v: Value = serde_json::from_str(&json).unwrap();
    v["panels"][1]["unknownField"] = Value::Bool(true);
    let instance = v;
    assert!(!validator().is_valid(&instance));
}

#[test]
fn panel_ids_are_unique_and_the_datasource_variable_is_added() {
    let mut diagnostics = Vec::new();
    let json = dashboard_json(&common::trade_dashboard(), &mut diagnostics);
    let v: Value = serde_json::from_str(&json).unwrap();
    let mut ids = Vec::new();
    for p in v["panels"].as_array().unwrap() {
        ids.push(p["id"].as_u64().unwrap());
        for inner in p["panels"].as_array().into_iter().flatten() {
            ids.push(inner["id"].as_u64().unwrap());
        }
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "{ids:?}");
    assert_eq!(v["templating"]["list"][0]["type"], "datasource");
    assert_eq!(v["templating"]["list"][0]["name"], "datasource");
    assert_eq!(v["schemaVersion"], 41);
}

#[test]
fn trade_dashboard_snapshot() {
    let mut diagnostics = Vec::new();
    insta::assert_snapshot!(dashboard_json(&common::trade_dashboard(), &mut diagnostics));
}
