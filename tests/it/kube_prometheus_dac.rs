//! kube-prometheus' 234 rules written as dac (`tests/data/kube-prometheus-dac`, made by
//! `examples/kube_prometheus_to_dac.rs`): the fixture is what the generator writes, it
//! builds, every emitted rule file passes `promtool check rules`, and the emitted rules
//! are the manifests' rules: the same groups and intervals, the same alerts and records
//! in the same order, with the same expressions (as promql-parser reads them), `for`,
//! labels and annotations.

#[path = "../../examples/kube_prometheus_to_dac.rs"]
#[allow(dead_code)]
mod generator;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_serde::Value;

use crate::dac_bin::{self, crate_root, dac};

const MANIFESTS: &str = "tests/data/kube-prometheus";
const FIXTURE: &str = "tests/data/kube-prometheus-dac";
const SUFFIX: &str = "-prometheusRule.yaml";

fn manifests() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(crate_root().join(MANIFESTS))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(SUFFIX))
        .collect();
    paths.sort();
    assert_eq!(
        paths.len(),
        8,
        "kube-prometheus' 8 PrometheusRule manifests"
    );
    paths
}

fn yaml(path: &Path) -> Value {
    yaml_serde::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_fixture_is_what_the_generator_writes() {
    for path in manifests() {
        let file = path.file_name().unwrap().to_str().unwrap();
        let fixture = crate_root()
            .join(FIXTURE)
            .join(format!("{}.dac", file.trim_end_matches(SUFFIX)));
        let expected = generator::manifest(&yaml(&path), file).unwrap();
        assert!(
            fs::read_to_string(&fixture).ok().as_deref() == Some(expected.as_str()),
            "{} is stale: regenerate it (examples/kube_prometheus_to_dac.rs says how)",
            fixture.display()
        );
    }
}

/// One rule as both sides are compared.
#[derive(Debug, PartialEq)]
struct RuleView {
    kind: &'static str,
    name: String,
    /// promql-parser's printed form of the expression.
    expr: String,
    for_millis: Option<u64>,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
}

/// Groups by (rule file, group name): the interval and the rules in order.
type Rules = BTreeMap<(String, String), (Option<u64>, Vec<RuleView>)>;

fn millis(d: &str) -> u64 {
    let mut total = 0;
    let mut number = 0;
    let mut chars = d.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(digit) = c.to_digit(10) {
            number = number * 10 + u64::from(digit);
            continue;
        }
        let unit = match (c, chars.peek()) {
            ('m', Some('s')) => {
                chars.next();
                1
            }
            ('s', _) => 1_000,
            ('m', _) => 60_000,
            ('h', _) => 3_600_000,
            ('d', _) => 86_400_000,
            ('w', _) => 7 * 86_400_000,
            ('y', _) => 365 * 86_400_000,
            _ => panic!("duration {d:?}"),
        };
        total += number * unit;
        number = 0;
    }
    total
}

fn strings(v: &Value) -> BTreeMap<String, String> {
    v.as_mapping()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::String(s) => s.clone(),
                        other => yaml_serde::to_string(other).unwrap().trim().to_string(),
                    };
                    (k.as_str().unwrap().to_string(), v)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn groups_of(file: &str, groups: &Value, rules: &mut Rules) {
    for g in groups.as_sequence().unwrap() {
        let name = g["name"].as_str().unwrap().to_string();
        let interval = g.get("interval").and_then(Value::as_str).map(millis);
        let views = g["rules"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|r| {
                let (kind, name) = match r.get("alert").and_then(Value::as_str) {
                    Some(a) => ("alert", a),
                    None => ("record", r["record"].as_str().unwrap()),
                };
                let expr = r["expr"].as_str().unwrap();
                let parsed = promql_parser::parser::parse(expr)
                    .unwrap_or_else(|e| panic!("{name}: {expr}: {e}"));
                RuleView {
                    kind,
                    name: name.to_string(),
                    expr: parsed.to_string(),
                    for_millis: r.get("for").and_then(Value::as_str).map(millis),
                    labels: strings(&r["labels"]),
                    annotations: strings(&r["annotations"]),
                }
            })
            .collect();
        rules.insert((file.to_string(), name), (interval, views));
    }
}

fn manifest_rules() -> Rules {
    let mut rules = Rules::new();
    for path in manifests() {
        let doc = yaml(&path);
        let name = doc["metadata"]["name"].as_str().unwrap().to_string();
        groups_of(&name, &doc["spec"]["groups"], &mut rules);
    }
    rules
}

fn promtool_check(file: &Path) {
    let run = Command::new(dac_bin::program("PROMTOOL", "promtool"))
        .args(["check", "rules"])
        .arg(file)
        .output()
        .expect("promtool runs");
    assert!(
        run.status.success(),
        "promtool check rules {}:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn kube_prometheus_as_dac_builds_passes_promtool_and_keeps_every_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = dac(
        &crate_root(),
        ["build", FIXTURE, "-o", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "the fixture must build:\n{run}");

    let mut emitted = Rules::new();
    let mut files: Vec<PathBuf> = fs::read_dir(out.join("prometheus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".rules.yml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8, "a rule file per manifest");
    for file in &files {
        promtool_check(file);
        let name = file.file_name().unwrap().to_str().unwrap();
        groups_of(
            name.trim_end_matches(".rules.yml"),
            &yaml(file)["groups"],
            &mut emitted,
        );
    }

    let expected = manifest_rules();
    let count = |rules: &Rules, kind: &str| {
        rules
            .values()
            .flat_map(|(_, v)| v)
            .filter(|r| r.kind == kind)
            .count()
    };
    assert_eq!(
        (count(&expected, "alert"), count(&expected, "record")),
        (139, 95)
    );
    assert_eq!(
        (count(&emitted, "alert"), count(&emitted, "record")),
        (139, 95),
        "234 rules, alerts and records"
    );
    assert_eq!(
        emitted.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same rule files and groups"
    );
    for (key, (interval, rules)) in &expected {
        let (got_interval, got) = &emitted[key];
        assert_eq!(got_interval, interval, "interval of {key:?}");
        assert_eq!(got.len(), rules.len(), "rules of {key:?}");
        for (g, e) in got.iter().zip(rules) {
            assert_eq!(g, e, "in {key:?}");
        }
    }
}
