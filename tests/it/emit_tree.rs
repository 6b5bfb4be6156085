//! The whole output tree: layout, determinism, path safety, and writing it.

use crate::common;

use dac::config::Config;
use dac::config::PrometheusMode;
use dac::emit::OutputFile;
use dac::emit::emit;
use dac::output::{LockMode, OutputLock, StaleFile, WriteSummary, is_safe_relative};
use dac::resolve::output_paths::check;

/// `dac::output::write_tree` under the output directory's lock, as a build calls it.
fn write_tree(out: &std::path::Path, files: &[OutputFile]) -> Result<WriteSummary, String> {
    let lock =
        OutputLock::acquire(out, LockMode::Exclusive, false, |_| {}).map_err(|e| e.to_string())?;
    dac::output::write_tree(&lock, files, &mut ()).map_err(|e| e.to_string())
}

/// `dac::output::check_tree` under the shared lock, as `--check` calls it.
fn check_tree(out: &std::path::Path, files: &[OutputFile]) -> Vec<StaleFile> {
    let lock = OutputLock::acquire(out, LockMode::Shared, false, |_| {}).unwrap();
    dac::output::check_tree(&lock, files).unwrap()
}

#[test]
fn tree_layout() {
    let files = emit(&common::project(), &Config::default());
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    insta::assert_snapshot!(paths.join("\n"), @r"
    grafana/cryptobot/cryptobot-trade.json
    grafana/general/cryptobot-overview.json
    kubernetes/grafana-dashboard-cryptobot-overview.yaml
    kubernetes/grafana-dashboard-cryptobot-trade.yaml
    kubernetes/kustomization.yaml
    kubernetes/prometheus-rules.yaml
    kubernetes/prometheusrule-trade-service.yaml
    kubernetes/servicemonitor-data-service.yaml
    kubernetes/servicemonitor-trade-service.yaml
    prometheus/trade-service.rules.yml
    prometheus/trade-service.test.yml
    ");
}

/// `dac lint` emits only what `k8s/configmap-size` reads: the same files, bytes and
/// origins as the whole tree has there.
#[test]
fn the_checked_files_are_the_trees_dashboards_and_rule_files() {
    let config = Config::default();
    let all = emit(&common::project(), &config);
    let read: Vec<OutputFile> = all
        .into_iter()
        .filter(|f| {
            (f.path.starts_with("grafana/") && f.path.ends_with(".json"))
                || (f.path.starts_with("prometheus/") && f.path.ends_with(".rules.yml"))
        })
        .collect();
    assert_eq!(dac::emit::emit_checked(&common::project(), &config), read);
    assert_eq!(read.len(), 3);
}

#[test]
fn same_model_same_bytes() {
    let config = Config::default();
    let a = emit(&common::project(), &config);
    let b = emit(&common::project(), &config);
    assert_eq!(a, b);
}

#[test]
fn source_order_of_dashboards_and_rule_sets_does_not_change_the_files() {
    let config = Config::default();
    let mut reversed = common::project();
    reversed.dashboards.reverse();
    reversed.services.reverse();
    assert_eq!(emit(&common::project(), &config), emit(&reversed, &config));
}

#[test]
fn no_name_can_escape_the_output_directory() {
    let mut project = common::project();
    project.dashboards[0].uid = "../../etc/passwd".to_string();
    project.dashboards[0].folder = Some("../../../root/.ssh".to_string());
    project.dashboards[1].uid = "/abs/olute".to_string();
    project.rule_sets[0].name = "..".to_string();
    project.services[0].name = "a/../../b".to_string();
    let config = Config {
        default_folder: "/".to_string(),
        ..Config::default()
    };
    let files = emit(&project, &config);
    for f in &files {
        assert!(is_safe_relative(&f.path), "{}", f.path);
        assert!(!f.path.contains(".."), "{}", f.path);
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write_tree(&out, &files).unwrap();
    let entries: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["out"]);
}

#[test]
fn names_that_collide_after_slugging_are_an_error() {
    let mut project = common::project();
    project.dashboards[1].uid = "Cryptobot_Trade".to_string();
    project.dashboards[1].folder = Some("Cryptobot".to_string());
    let diagnostics = check(&project, &Config::default());
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.name()).collect();
    // The JSON file and the ConfigMap both collide; one report says it.
    assert_eq!(codes, ["dac/output-path-collision"]);
    assert!(
        diagnostics[0]
            .message
            .contains("`grafana/cryptobot/cryptobot-trade.json`"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn written_tree_is_up_to_date_for_check() {
    let files = emit(&common::project(), &Config::default());
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(!check_tree(&out, &files).is_empty());
    let summary = write_tree(&out, &files).unwrap();
    assert_eq!(summary.written.len(), files.len());
    assert!(check_tree(&out, &files).is_empty());
    let again = write_tree(&out, &files).unwrap();
    assert!(again.written.is_empty());
    assert_eq!(again.unchanged, files.len());
}

#[test]
fn config_namespace_and_labels_reach_the_manifests() {
    let config = Config {
        namespace: "observability".to_string(),
        prometheus_rule_labels: vec![("release".to_string(), "kps".to_string())],
        service_monitor_labels: vec![("release".to_string(), "kps".to_string())],
        rules_config_map: "cryptobot-rules".to_string(),
        ..Config::default()
    };
    let files = emit(&common::project(), &config);
    let text = |p: &str| {
        String::from_utf8(files.iter().find(|f| f.path == p).unwrap().contents.clone()).unwrap()
    };
    let rule = text("kubernetes/prometheusrule-trade-service.yaml");
    assert!(rule.contains("  namespace: observability\n"));
    assert!(rule.contains("    release: kps\n"));
    assert!(!rule.contains("role: alert-rules"));
    assert!(text("kubernetes/servicemonitor-trade-service.yaml").contains("    release: kps\n"));
    assert!(text("kubernetes/cryptobot-rules.yaml").contains("  name: cryptobot-rules\n"));
}

fn with_mode(mode: PrometheusMode) -> Config {
    let mut config = Config::default();
    config.prometheus.mode = mode;
    config
}

/// The collision check reads `layout::planned`; the emitter writes by `layout`'s path
/// functions. They must list the same files, or the check would miss one.
#[test]
fn planned_paths_are_the_emitted_paths() {
    for config in [
        Config::default(),
        Config {
            default_folder: "Elsewhere".to_string(),
            rules_config_map: "rules-for-prometheus".to_string(),
            ..Config::default()
        },
        with_mode(PrometheusMode::Config),
        with_mode(PrometheusMode::Both),
    ] {
        let project = common::project();
        let mut planned: Vec<String> = dac::layout::planned(&project, &config)
            .into_iter()
            .map(|p| p.path)
            .collect();
        planned.sort();
        let emitted: Vec<String> = emit(&project, &config)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(planned, emitted);
    }
    let empty = dac::model::Project::default();
    assert!(dac::layout::planned(&empty, &Config::default()).is_empty());
    assert!(emit(&empty, &Config::default()).is_empty());
}

#[test]
fn every_kind_of_name_is_checked() {
    let mut project = common::project();
    let service = project.services[0].clone();
    let mut twin = service.clone();
    twin.name = format!("{}_", service.name.to_uppercase());
    project.services.push(twin);
    // The rules ConfigMap dac.toml names, against a dashboard's ConfigMap.
    let config = Config {
        rules_config_map: format!("grafana-dashboard-{}", project.dashboards[0].uid),
        ..Config::default()
    };
    let diagnostics = check(&project, &config);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[0].starts_with("the rules ConfigMap and dashboard"),
        "{messages:#?}"
    );
    assert!(
        messages[1].contains("would both be written to `kubernetes/servicemonitor-"),
        "{messages:#?}"
    );
    assert!(check(&common::project(), &Config::default()).is_empty());
}
