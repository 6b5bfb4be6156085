//! `[prometheus]`: what a Prometheus run without the operator needs from dac
//! (`prometheus.yml` and its ConfigMap), and whether the operator's resources are written.
//!
//! ```toml
//! [prometheus]
//! mode = "operator"                       # "operator" | "config" | "both"
//! scrape_interval = "30s"                 # global.scrape_interval
//! scrape_timeout = "10s"                  # global.scrape_timeout
//! evaluation_interval = "30s"             # global.evaluation_interval
//! external_labels = {}                    # global.external_labels
//! rules_dir = "/etc/prometheus/rules"     # where the rules ConfigMap is mounted
//! rule_files = []                         # default: every rule file of the ConfigMap
//! alertmanager = ""                       # host:port of the Alertmanager service
//! scrape_annotated = false                # the `prometheus.io/scrape` job
//! config_map = "prometheus-config"        # name of the ConfigMap of prometheus.yml
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, ConfigErrorKind, is_dns1123_subdomain};
use crate::diagnostic::{FileId, Span};
use crate::syntax::parse_duration;

/// Which of the two ways of running Prometheus dac writes for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PrometheusMode {
    /// PrometheusRules and ServiceMonitors for the Prometheus operator.
    #[default]
    Operator,
    /// `prometheus.yml` and its ConfigMap, for a Prometheus run without the operator.
    Config,
    /// Both.
    Both,
}

impl PrometheusMode {
    /// Whether PrometheusRules and ServiceMonitors are written.
    pub fn operator(self) -> bool {
        self != PrometheusMode::Config
    }

    /// Whether `prometheus.yml` and its ConfigMap are written.
    pub fn config(self) -> bool {
        self != PrometheusMode::Operator
    }
}

/// A value written in dac.toml and where it is written (`None` for a default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed<T> {
    pub value: T,
    pub span: Option<Span>,
}

/// `[prometheus]`, checked. Durations are in milliseconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrometheusSettings {
    pub mode: PrometheusMode,
    pub scrape_interval: u64,
    pub scrape_timeout: u64,
    pub evaluation_interval: u64,
    /// Sorted by name.
    pub external_labels: Vec<(String, String)>,
    /// An absolute directory: where the rules ConfigMap is mounted in the container.
    pub rules_dir: String,
    /// Names (or `*` globs) of rule files under `rules_dir`; `None`: every rule file.
    pub rule_files: Option<Vec<Placed<String>>>,
    /// `host:port` of the Alertmanager service; `None`: no `alerting` section.
    pub alertmanager: Option<String>,
    pub scrape_annotated: bool,
    pub config_map: String,
}

impl Default for PrometheusSettings {
    fn default() -> Self {
        PrometheusSettings {
            mode: PrometheusMode::Operator,
            scrape_interval: 30_000,
            scrape_timeout: 10_000,
            evaluation_interval: 30_000,
            external_labels: Vec::new(),
            rules_dir: "/etc/prometheus/rules".to_string(),
            rule_files: None,
            alertmanager: None,
            scrape_annotated: false,
            config_map: "prometheus-config".to_string(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrometheus {
    mode: Option<Spanned<String>>,
    scrape_interval: Option<Spanned<String>>,
    scrape_timeout: Option<Spanned<String>>,
    evaluation_interval: Option<Spanned<String>>,
    external_labels: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    rules_dir: Option<Spanned<String>>,
    rule_files: Option<Vec<Spanned<String>>>,
    alertmanager: Option<Spanned<String>>,
    scrape_annotated: Option<bool>,
    config_map: Option<Spanned<String>>,
}

/// Reads `[prometheus]` into `into`, reporting each wrong value at its span.
pub(super) fn parse(
    raw: &RawPrometheus,
    file: FileId,
    into: &mut PrometheusSettings,
    errors: &mut Vec<ConfigError>,
) {
    let mut report = Report { file, errors };
    if let Some(mode) = &raw.mode {
        match mode.get_ref().as_str() {
            "operator" => into.mode = PrometheusMode::Operator,
            "config" => into.mode = PrometheusMode::Config,
            "both" => into.mode = PrometheusMode::Both,
            _ => report.bad(
                mode,
                "prometheus.mode",
                "\"operator\", \"config\" or \"both\"",
            ),
        }
    }
    timing(raw, into, &mut report);
    if let Some(labels) = &raw.external_labels {
        into.external_labels.clear();
        for (name, value) in labels {
            if !is_prometheus_label_name(name.get_ref()) {
                report.bad(
                    name,
                    "prometheus.external_labels",
                    "a Prometheus label name: letters, digits and `_`, not starting with a \
                     digit or `__`",
                );
            }
            into.external_labels
                .push((name.get_ref().clone(), value.get_ref().clone()));
        }
    }
    rules(raw, into, &mut report);
    if let Some(am) = &raw.alertmanager {
        if !is_host_port(am.get_ref()) {
            report.bad(
                am,
                "prometheus.alertmanager",
                "host:port of the Alertmanager service, such as \
                 \"alertmanager-main.monitoring.svc:9093\"",
            );
        }
        into.alertmanager = Some(am.get_ref().clone());
    }
    if let Some(on) = raw.scrape_annotated {
        into.scrape_annotated = on;
    }
    if let Some(name) = &raw.config_map {
        if !is_dns1123_subdomain(name.get_ref()) {
            report.bad(
                name,
                "prometheus.config_map",
                "a DNS-1123 name such as \"prometheus-config\"",
            );
        }
        into.config_map = name.get_ref().clone();
    }
    into.external_labels.sort();
}

/// Where the errors of `[prometheus]` go, each at its value in dac.toml.
struct Report<'a> {
    file: FileId,
    errors: &'a mut Vec<ConfigError>,
}

impl Report<'_> {
    fn span(&self, s: &Spanned<String>) -> Span {
        Span::new(self.file, s.span().start, s.span().end)
    }

    fn bad(&mut self, s: &Spanned<String>, key: &'static str, expected: &'static str) {
        let span = self.span(s);
        self.errors.push(ConfigError {
            span: Some(span),
            kind: ConfigErrorKind::BadValue {
                key,
                value: s.get_ref().clone(),
                expected,
            },
        });
    }
}

/// The scrape and evaluation intervals and the scrape timeout.
fn timing(raw: &RawPrometheus, into: &mut PrometheusSettings, report: &mut Report) {
    let durations = [
        (
            &raw.scrape_interval,
            "prometheus.scrape_interval",
            &mut into.scrape_interval,
        ),
        (
            &raw.scrape_timeout,
            "prometheus.scrape_timeout",
            &mut into.scrape_timeout,
        ),
        (
            &raw.evaluation_interval,
            "prometheus.evaluation_interval",
            &mut into.evaluation_interval,
        ),
    ];
    for (value, key, field) in durations {
        if let Some(v) = value {
            match parse_duration(v.get_ref()) {
                Ok(ms) if ms > 0 => *field = ms,
                _ => report.bad(v, key, "a positive duration such as \"30s\" or \"1m\""),
            }
        }
    }
    // Prometheus refuses a timeout longer than the interval.
    if into.scrape_timeout > into.scrape_interval {
        match (&raw.scrape_timeout, &raw.scrape_interval) {
            (Some(t), _) => report.bad(
                t,
                "prometheus.scrape_timeout",
                "a duration no longer than `scrape_interval` (Prometheus refuses a longer one)",
            ),
            (None, Some(i)) => report.bad(
                i,
                "prometheus.scrape_interval",
                "a duration no shorter than `scrape_timeout` (10s unless set)",
            ),
            (None, None) => {}
        }
    }
}

/// Where the rule files are mounted, and which of them Prometheus loads.
fn rules(raw: &RawPrometheus, into: &mut PrometheusSettings, report: &mut Report) {
    if let Some(dir) = &raw.rules_dir {
        let d = dir.get_ref().trim_end_matches('/');
        if !d.starts_with('/') || d.contains(['\n', '*', '?', '[']) {
            report.bad(
                dir,
                "prometheus.rules_dir",
                "an absolute directory such as \"/etc/prometheus/rules\"",
            );
        }
        into.rules_dir = if d.is_empty() {
            "/".into()
        } else {
            d.to_string()
        };
    }
    if let Some(list) = &raw.rule_files {
        let mut files = Vec::new();
        for f in list {
            let name = f.get_ref();
            if name.is_empty() || name.contains('/') || name.contains(['?', '[', '\n']) {
                report.bad(
                    f,
                    "prometheus.rule_files",
                    "a file name in `rules_dir`, optionally with `*`, such as \"trade-service.rules.yml\"",
                );
            }
            files.push(Placed {
                value: name.clone(),
                span: Some(report.span(f)),
            });
        }
        into.rule_files = Some(files);
    }
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`, not reserved (`__` is Prometheus' own).
fn is_prometheus_label_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with("__")
}

/// `host:port`, as Prometheus' `static_configs` targets are written.
fn is_host_port(s: &str) -> bool {
    let Some((host, port)) = s.rsplit_once(':') else {
        return false;
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._[]:".contains(c));
    host_ok && port.parse::<u16>().is_ok_and(|p| p > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    fn settings(text: &str) -> PrometheusSettings {
        parse(FileId(0), text).expect("valid").prometheus
    }

    fn errors(text: &str) -> Vec<String> {
        let errors = parse(FileId(0), text).expect_err("invalid");
        errors.iter().map(|e| e.kind.to_string()).collect()
    }

    #[test]
    fn defaults_keep_the_operator_mode() {
        let p = settings("");
        assert_eq!(p, PrometheusSettings::default());
        assert!(p.mode.operator() && !p.mode.config());
    }

    #[test]
    fn every_key_is_read() {
        let p = settings(
            r#"
[prometheus]
mode = "both"
scrape_interval = "1m"
scrape_timeout = "15s"
evaluation_interval = "2m"
external_labels = { region = "eu", cluster = "prod" }
rules_dir = "/rules/"
rule_files = ["*.rules.yml"]
alertmanager = "am.monitoring.svc:9093"
scrape_annotated = true
config_map = "prom"
"#,
        );
        assert!(p.mode.operator() && p.mode.config());
        assert_eq!(
            (p.scrape_interval, p.scrape_timeout, p.evaluation_interval),
            (60_000, 15_000, 120_000)
        );
        assert_eq!(
            p.external_labels,
            vec![
                ("cluster".to_string(), "prod".to_string()),
                ("region".to_string(), "eu".to_string())
            ]
        );
        assert_eq!(p.rules_dir, "/rules");
        assert_eq!(p.rule_files.unwrap()[0].value, "*.rules.yml");
        assert_eq!(p.alertmanager.as_deref(), Some("am.monitoring.svc:9093"));
        assert!(p.scrape_annotated);
        assert_eq!(p.config_map, "prom");
    }

    #[test]
    fn wrong_values_are_each_reported() {
        let found = errors(
            r#"
[prometheus]
mode = "operators"
scrape_interval = "10s"
scrape_timeout = "20s"
external_labels = { "bad-name" = "x" }
rules_dir = "rules"
rule_files = ["sub/x.yml"]
alertmanager = "http://am"
"#,
        );
        assert_eq!(found.len(), 6, "{found:#?}");
        for (i, key) in [
            "prometheus.mode",
            "prometheus.scrape_timeout",
            "prometheus.external_labels",
            "prometheus.rules_dir",
            "prometheus.rule_files",
            "prometheus.alertmanager",
        ]
        .iter()
        .enumerate()
        {
            assert!(found[i].contains(key), "{i}: {}", found[i]);
        }
    }

    #[test]
    fn host_port_needs_both() {
        assert!(is_host_port("alertmanager-main.monitoring.svc:9093"));
        assert!(is_host_port("127.0.0.1:9093"));
        assert!(!is_host_port("alertmanager-main"));
        assert!(!is_host_port("http://am:9093"));
        assert!(!is_host_port("am:0"));
        assert!(!is_host_port(":9093"));
    }

    #[test]
    fn label_names_as_prometheus_reads_them() {
        assert!(is_prometheus_label_name("cluster"));
        assert!(is_prometheus_label_name("_x1"));
        assert!(!is_prometheus_label_name("1x"));
        assert!(!is_prometheus_label_name("__name__"));
        assert!(!is_prometheus_label_name("a-b"));
    }
}
