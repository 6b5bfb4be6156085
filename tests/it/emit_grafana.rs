//! Grafana dashboard JSON: valid against Grafana's own (strict) schema, and stable.

use crate::common;

use dac::emit::grafana::dashboard_json;
use serde_json::Value;

fn assert_valid(json: &str) {
    let instance: Value = serde_json::from_str(json).unwrap();
    let errors = common::validate::errors(&common::validate::grafana_validator(), &instance);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
}

#[test]
fn every_construct_validates_against_the_grafana_schema() {
    for d in common::project().dashboards {
        assert_valid(&dashboard_json(&d));
    }
}

#[test]
fn the_schema_test_can_fail() {
    let json = dashboard_json(&common::trade_dashboard());
    let mut v: Value = serde_json::from_str(&json).unwrap();
    v["panels"][1]["unknownField"] = Value::Bool(true);
    let instance = v;
    assert!(!common::validate::grafana_validator().is_valid(&instance));
}

#[test]
fn panel_ids_are_unique_and_the_datasource_variable_is_added() {
    let json = dashboard_json(&common::trade_dashboard());
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
    insta::assert_snapshot!(dashboard_json(&common::trade_dashboard()));
}

#[test]
fn a_declared_datasource_variable_is_not_added_twice() {
    let mut d = common::trade_dashboard();
    d.variables.insert(
        0,
        common::variable(
            "datasource",
            dac::model::VariableKind::Datasource {
                plugin: "prometheus".to_string(),
                regex: None,
            },
        ),
    );
    let json = dashboard_json(&d);
    let v: Value = serde_json::from_str(&json).unwrap();
    let named: Vec<&Value> = v["templating"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["name"] == "datasource")
        .collect();
    assert_eq!(named.len(), 1);
    assert_valid(&json);
}

#[test]
fn a_fixed_datasource_is_used_everywhere_and_adds_no_variable() {
    let mut d = common::trade_dashboard();
    d.datasource = dac::model::DatasourceRef::Uid("P1809F7CD0C75ACF3".to_string());
    let json = dashboard_json(&d);
    assert!(!json.contains("${datasource}"));
    assert!(json.contains("\"uid\": \"P1809F7CD0C75ACF3\""));
    assert_valid(&json);
}

#[test]
fn an_auto_interval_variable_is_written_without_it_and_validates() {
    let mut d = common::trade_dashboard();
    d.variables.push(common::variable(
        "step",
        dac::model::VariableKind::Interval {
            values: vec![dac::model::Step::Duration(dac::model::Millis(60_000))],
            auto: true,
        },
    ));
    let json = dashboard_json(&d);
    let v: Value = serde_json::from_str(&json).unwrap();
    let step = v["templating"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "step")
        .unwrap();
    assert_eq!(step["query"], "1m");
    assert!(step.get("auto").is_none(), "{step}");
    assert_valid(&json);
}

#[test]
fn color_schemes_are_written_as_grafana_ids_and_heatmaps_keep_their_own() {
    let mut d = common::trade_dashboard();
    if let dac::model::Item::Row(r) = &mut d.items[1] {
        r.panels[0].display.color_mode = Some(dac::model::ColorMode::Scheme(
            dac::model::ColorScheme::ContinuousGrYlRd,
        ));
    }
    if let dac::model::Item::Row(r) = &mut d.items[2] {
        r.panels[2].display.color_mode =
            Some(dac::model::ColorMode::HeatmapScheme("Blues".to_string()));
    }
    let json = dashboard_json(&d);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["panels"][2]["fieldConfig"]["defaults"]["color"]["mode"],
        "continuous-GrYlRd"
    );
    let heatmap = v["panels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["type"] == "heatmap")
        .unwrap();
    assert_eq!(heatmap["options"]["color"]["scheme"], "Blues");
    assert_valid(&json);
}
