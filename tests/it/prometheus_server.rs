//! The rule files of Cryptobot's build, loaded by a real Prometheus server (Debian's
//! `prometheus` package) on 127.0.0.1: every group and rule the build wrote is loaded,
//! and none is unhealthy.

use crate::common;
use crate::dac_bin;

use std::fs;
use std::path::PathBuf;

use common::prometheus::Server;
use common::validate::yaml_to_json;
use dac_bin::{build_cryptobot, files, tree};
use serde_json::Value;

/// A rule as the build wrote it: its group, name and kind.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Loaded {
    file: String,
    group: String,
    name: String,
    kind: String,
}

#[test]
fn prometheus_loads_every_group_and_rule_of_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let rule_files: Vec<PathBuf> = files(&tree(&out))
        .into_iter()
        .filter(|p| p.starts_with("prometheus/") && p.ends_with(".rules.yml"))
        .map(|p| out.join(p))
        .collect();
    assert!(rule_files.len() >= 7, "{rule_files:?}");

    let mut built = Vec::new();
    for path in &rule_files {
        let doc = yaml_to_json(&fs::read_to_string(path).unwrap());
        for group in doc["groups"].as_array().unwrap() {
            for rule in group["rules"].as_array().unwrap() {
                let (name, kind) = match rule["alert"].as_str() {
                    Some(alert) => (alert, "alerting"),
                    None => (rule["record"].as_str().unwrap(), "recording"),
                };
                built.push(Loaded {
                    file: path.display().to_string(),
                    group: group["name"].as_str().unwrap().to_string(),
                    name: name.to_string(),
                    kind: kind.to_string(),
                });
            }
        }
    }

    let config = tmp.path().join("prometheus.yml");
    let mut text = String::from("global:\n  evaluation_interval: 1m\nrule_files:\n");
    for path in &rule_files {
        text.push_str(&format!(
            "  - {}\n",
            serde_json::to_string(&path.display().to_string()).unwrap()
        ));
    }
    fs::write(&config, text).unwrap();

    let mut server = Server::start(tmp.path(), &config);
    server.wait_ready();
    let (status, body) = server.get("/api/v1/rules").unwrap();
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["status"], "success", "{body}");

    let mut loaded = Vec::new();
    let mut unhealthy = Vec::new();
    for group in answer["data"]["groups"].as_array().unwrap() {
        for rule in group["rules"].as_array().unwrap() {
            let name = rule["name"].as_str().unwrap().to_string();
            if rule["health"] == "err" || !rule["lastError"].as_str().unwrap_or("").is_empty() {
                unhealthy.push(format!("{name}: {}", rule["lastError"]));
            }
            loaded.push(Loaded {
                file: group["file"].as_str().unwrap().to_string(),
                group: group["name"].as_str().unwrap().to_string(),
                name,
                kind: rule["type"].as_str().unwrap().to_string(),
            });
        }
    }
    assert!(
        unhealthy.is_empty(),
        "unhealthy rules:\n{}",
        unhealthy.join("\n")
    );
    built.sort();
    loaded.sort();
    assert_eq!(loaded, built);
    assert!(loaded.len() >= 70, "only {} rules", loaded.len());
}
