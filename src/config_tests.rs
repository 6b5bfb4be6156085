use super::*;
use crate::report::human;

fn parse_str(text: &str) -> Result<Config, Vec<ConfigError>> {
    parse(FileId(0), text)
}

fn rendered(text: &str) -> String {
    let mut sources = SourceMap::new();
    let file = sources.add("dac.toml", text);
    let errors = parse(file, text).expect_err("expected errors");
    errors
        .iter()
        .map(|e| human::render(&e.to_diagnostic(), &sources))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn empty_file_gives_the_defaults() {
    assert_eq!(parse_str("").unwrap(), Config::default());
}

#[test]
fn every_setting_is_read() {
    let config = parse_str(
        r#"
[build]
out_dir = "build/monitoring"
[grafana]
default_folder = "Cryptobot"
[kubernetes]
namespace = "observability"
[kubernetes.dashboards]
labels = { team = "sre" }
annotations = { "k8s-sidecar-target-directory" = "/tmp/dashboards" }
folder_annotation = "grafana-folder"
[kubernetes.prometheus_rules]
labels = { release = "kube-prometheus-stack" }
config_map = "cryptobot-rules"
[kubernetes.service_monitors]
labels = { release = "kube-prometheus-stack" }
"#,
    )
    .unwrap();
    assert_eq!(config.out_dir, PathBuf::from("build/monitoring"));
    assert_eq!(config.default_folder, "Cryptobot");
    assert_eq!(config.namespace, "observability");
    assert_eq!(
        config.dashboard_labels,
        vec![
            ("grafana_dashboard".to_string(), "1".to_string()),
            ("team".to_string(), "sre".to_string())
        ]
    );
    assert_eq!(config.folder_annotation, "grafana-folder");
    assert_eq!(config.rules_config_map, "cryptobot-rules");
    assert_eq!(config.prometheus_rule_labels.len(), 1);
    assert_eq!(config.service_monitor_labels.len(), 1);
    assert_eq!(config.dashboard_annotations.len(), 1);
}

#[test]
fn unknown_key_is_an_error_at_the_key() {
    insta::assert_snapshot!(rendered(
        "[kubernetes]\nnamespace = \"monitoring\"\nnamspace = \"x\"\n"
    ));
}

#[test]
fn bad_values_are_all_reported_at_their_place() {
    insta::assert_snapshot!(rendered(
        "[kubernetes]\nnamespace = \"Monitoring\"\n[kubernetes.prometheus_rules]\nlabels = { \"bad key!\" = \"ok\", fine = \"not ok!\" }\n"
    ));
}

#[test]
fn missing_file_gives_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let mut sources = SourceMap::new();
    assert_eq!(load(dir.path(), &mut sources).unwrap(), Config::default());
}

#[test]
fn name_rules() {
    assert!(is_dns1123_label("a-1"));
    assert!(!is_dns1123_label("-a"));
    assert!(!is_dns1123_label("A"));
    assert!(!is_dns1123_label(&"a".repeat(64)));
    assert!(is_label_key("app.kubernetes.io/name"));
    assert!(!is_label_key("/name"));
    assert!(!is_label_key("a/b/c"));
    assert!(is_label_value(""));
    assert!(!is_label_value("a b"));
}
