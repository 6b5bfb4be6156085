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
fn build_paths_globs_and_size_are_read() {
    let config = parse_str(
        r#"
[build]
sources = ["dashboards", "alerts"]
exclude = ["*.draft.dac", "tests/fixtures/"]
import_paths = ["../team-lib"]
max_file_size = "2 MiB"
"#,
    )
    .unwrap();
    let paths =
        |list: &[ConfigPath]| -> Vec<PathBuf> { list.iter().map(|p| p.path.clone()).collect() };
    assert_eq!(
        paths(&config.sources),
        ["dashboards", "alerts"].map(PathBuf::from)
    );
    assert_eq!(config.exclude, ["*.draft.dac", "tests/fixtures/"]);
    assert_eq!(paths(&config.import_paths), [PathBuf::from("../team-lib")]);
    assert_eq!(config.max_file_size, 2 * 1024 * 1024);
    // Where each path is written, for errors about it.
    assert!(config.sources[0].span.is_some_and(|s| !s.is_dummy()));
    assert_eq!(
        parse_str("[build]\nmax_file_size = 1000\n")
            .unwrap()
            .max_file_size,
        1000
    );
}

#[test]
fn the_defaults_build_the_directory_of_dac_toml_with_a_16_mib_limit() {
    let config = Config::default();
    assert_eq!(config.sources, [ConfigPath::new(".")]);
    assert_eq!(config.max_file_size, 16 * 1024 * 1024);
}

#[test]
fn bad_build_settings_are_reported_at_their_place() {
    insta::assert_snapshot!(rendered(
        "[build]\nsources = [\"\"]\nexclude = [\"ok\", \"a{b\"]\nmax_file_size = \"lots\"\n"
    ));
    assert!(parse_str("[build]\nmax_file_size = -1\n").is_err());
    assert!(parse_str("[build]\nmax_file_size = \"0 MiB\"\n").is_err());
}

#[test]
fn a_dac_toml_is_read_from_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dac.toml");
    std::fs::write(&path, "[kubernetes]\nnamespace = \"cryptobot\"\n").unwrap();
    let mut sources = SourceMap::new();
    let config = load(&path, &crate::resolve::DiskFs, &mut sources).unwrap();
    assert_eq!(config.namespace, "cryptobot");
    let missing = load(
        &dir.path().join("nope.toml"),
        &crate::resolve::DiskFs,
        &mut sources,
    );
    assert!(
        missing.unwrap_err()[0]
            .message
            .starts_with("cannot read dac.toml: `")
    );
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

#[test]
fn the_lint_section_is_read() {
    let config = parse_str(
        r#"
[lint]
in_build = false
disable = ["alert/runbook", "record/name"]
alert_severities = ["page", "ticket"]
required_labels = ["team"]
required_annotations = ["dashboard"]
high_cardinality_labels = ["customer"]
[lint.severity]
"alert/for" = "error"
"alert/summary" = "info"
"alert/no-condition" = "off"
[lint.budgets]
panel_series = 50
record_series = 20000
"#,
    )
    .unwrap();
    let lint = &config.lint;
    assert!(!lint.in_build);
    assert_eq!(
        lint.disabled,
        [
            RuleId::AlertNoCondition,
            RuleId::AlertRunbook,
            RuleId::RecordName
        ]
    );
    assert_eq!(lint.severity(RuleId::AlertFor), Some(Severity::Error));
    assert_eq!(lint.severity(RuleId::AlertSummary), Some(Severity::Info));
    assert_eq!(lint.severity(RuleId::AlertNoCondition), None);
    assert_eq!(
        lint.severity(RuleId::AlertSeverity),
        Some(Severity::Warning)
    );
    assert_eq!(lint.alert_severities, ["page", "ticket"]);
    assert_eq!(lint.required_labels, ["team"]);
    assert_eq!(lint.required_annotations, ["dashboard"]);
    assert_eq!(lint.high_cardinality_labels, ["customer"]);
    assert_eq!(
        (
            lint.budgets.panel_series,
            lint.budgets.alert_series,
            lint.budgets.record_series
        ),
        (50, 100, 20000)
    );
}

#[test]
fn lint_defaults_are_the_issues() {
    let lint = Config::default().lint;
    assert!(lint.in_build);
    assert!(lint.disabled.is_empty());
    assert_eq!(lint.alert_severities, ["critical", "warning", "info"]);
    assert_eq!(lint.high_cardinality_labels.len(), 13);
    assert!(
        lint.high_cardinality_labels
            .iter()
            .any(|l| l == "user_agent")
    );
}

#[test]
fn unknown_rules_and_severities_in_lint_are_errors_at_their_place() {
    let text = "[lint]\ndisable = [\"alert/fro\"]\n[lint.severity]\n\"alert/for\" = \"fatal\"\n";
    let errors = parse_str(text).unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.kind.clone()).collect::<Vec<_>>(),
        [
            ConfigErrorKind::UnknownRule {
                name: "alert/fro".into(),
                suggestion: Some("alert/for"),
            },
            ConfigErrorKind::BadSeverity("fatal".into()),
        ]
    );
    let shown = rendered(text);
    assert!(shown.contains("dac.toml:2:12"), "{shown}");
    assert!(shown.contains("did you mean `alert/for`?"), "{shown}");
    assert!(shown.contains("dac.toml:4:15"), "{shown}");
}

#[test]
fn an_unknown_lint_key_is_an_error() {
    let shown = rendered("[lint]\nin_biuld = true\n");
    assert!(shown.contains("unknown field `in_biuld`"), "{shown}");
}
