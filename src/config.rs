//! Project settings from the optional `dac.toml` at the project root.
//!
//! ```toml
//! [build]
//! out_dir = "out"
//!
//! [grafana]
//! default_folder = "General"
//!
//! [kubernetes]
//! namespace = "monitoring"
//!
//! [kubernetes.dashboards]          # one ConfigMap per dashboard, for the Grafana sidecar
//! labels = { grafana_dashboard = "1" }
//! annotations = {}
//! folder_annotation = "grafana_folder"
//!
//! [kubernetes.prometheus_rules]
//! labels = { prometheus = "k8s", role = "alert-rules" }
//! config_map = "prometheus-rules"   # the ConfigMap of every rule file
//!
//! [kubernetes.service_monitors]
//! labels = {}
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::source::SourceMap;

pub const FILE_NAME: &str = "dac.toml";

/// The settings every emitter reads. Label and annotation maps are sorted by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Where `dac build` writes, relative to the project root unless absolute.
    pub out_dir: PathBuf,
    pub namespace: String,
    pub default_folder: String,
    /// Labels of every dashboard ConfigMap; `grafana_dashboard: "1"` is always among them.
    pub dashboard_labels: Vec<(String, String)>,
    pub dashboard_annotations: Vec<(String, String)>,
    /// The annotation the k8s-sidecar's `folderAnnotation` reads the folder title from.
    pub folder_annotation: String,
    pub prometheus_rule_labels: Vec<(String, String)>,
    pub rules_config_map: String,
    pub service_monitor_labels: Vec<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            out_dir: PathBuf::from("out"),
            namespace: "monitoring".to_string(),
            default_folder: "General".to_string(),
            dashboard_labels: vec![("grafana_dashboard".to_string(), "1".to_string())],
            dashboard_annotations: Vec::new(),
            folder_annotation: "grafana_folder".to_string(),
            prometheus_rule_labels: vec![
                ("prometheus".to_string(), "k8s".to_string()),
                ("role".to_string(), "alert-rules".to_string()),
            ],
            rules_config_map: "prometheus-rules".to_string(),
            service_monitor_labels: Vec::new(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    grafana: RawGrafana,
    #[serde(default)]
    kubernetes: RawKubernetes,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    out_dir: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrafana {
    default_folder: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKubernetes {
    namespace: Option<Spanned<String>>,
    #[serde(default)]
    dashboards: RawDashboards,
    #[serde(default)]
    prometheus_rules: RawPrometheusRules,
    #[serde(default)]
    service_monitors: RawServiceMonitors,
}

type RawLabels = Option<std::collections::BTreeMap<Spanned<String>, Spanned<String>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDashboards {
    labels: RawLabels,
    annotations: RawLabels,
    folder_annotation: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrometheusRules {
    labels: RawLabels,
    config_map: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServiceMonitors {
    labels: RawLabels,
}

/// What is wrong with a setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigErrorKind {
    Unreadable(String),
    Toml(String),
    NotDns1123Label { what: &'static str, value: String },
    BadLabelKey(String),
    BadLabelValue(String),
    Empty(&'static str),
}

impl fmt::Display for ConfigErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigErrorKind::Unreadable(e) => write!(f, "cannot read {FILE_NAME}: {e}"),
            ConfigErrorKind::Toml(e) => write!(f, "invalid {FILE_NAME}: {e}"),
            ConfigErrorKind::NotDns1123Label { what, value } => write!(
                f,
                "{what} `{value}` is not a DNS-1123 label (lowercase letters, digits and `-`, \
                 at most 63 characters, starting and ending with a letter or digit)"
            ),
            ConfigErrorKind::BadLabelKey(k) => {
                write!(f, "`{k}` is not a valid Kubernetes label key")
            }
            ConfigErrorKind::BadLabelValue(v) => {
                write!(f, "`{v}` is not a valid Kubernetes label value")
            }
            ConfigErrorKind::Empty(what) => write!(f, "{what} must not be empty"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub span: Option<Span>,
    pub kind: ConfigErrorKind,
}

impl ConfigError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        let help = match &self.kind {
            ConfigErrorKind::Unreadable(_) => "check the file's permissions and encoding (UTF-8)",
            ConfigErrorKind::Toml(_) => {
                "known keys: [build] out_dir; [grafana] default_folder; [kubernetes] namespace; \
                 [kubernetes.dashboards] labels, annotations, folder_annotation; \
                 [kubernetes.prometheus_rules] labels, config_map; \
                 [kubernetes.service_monitors] labels"
            }
            ConfigErrorKind::NotDns1123Label { .. } => "use a name like `monitoring`",
            ConfigErrorKind::BadLabelKey(_) => {
                "a label key is an optional DNS subdomain prefix and `/`, then at most 63 \
                 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit"
            }
            ConfigErrorKind::BadLabelValue(_) => {
                "a label value is at most 63 letters, digits, `-`, `_` or `.`, starting and \
                 ending with a letter or digit (or empty)"
            }
            ConfigErrorKind::Empty(_) => "set a value or remove the key to use the default",
        };
        let label = match &self.kind {
            ConfigErrorKind::Unreadable(_) | ConfigErrorKind::Toml(_) => "here",
            ConfigErrorKind::NotDns1123Label { .. } => "not a DNS-1123 label",
            ConfigErrorKind::BadLabelKey(_) => "not a label key",
            ConfigErrorKind::BadLabelValue(_) => "not a label value",
            ConfigErrorKind::Empty(_) => "empty",
        };
        let d = Diagnostic::error("config/invalid", self.kind.to_string()).with_help(help);
        match self.span {
            Some(span) => d.with_primary(span, label),
            None => d,
        }
    }
}

/// Reads `<root>/dac.toml` if it exists (registering it in `sources` for diagnostics);
/// the defaults otherwise.
pub fn load(root: &Path, sources: &mut SourceMap) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            let err = ConfigError {
                span: None,
                kind: ConfigErrorKind::Unreadable(e.to_string()),
            };
            return Err(vec![err.to_diagnostic()]);
        }
    };
    let file = sources.add(path.display().to_string(), text);
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    parse(file, text).map_err(|errors| errors.iter().map(ConfigError::to_diagnostic).collect())
}

/// Parses the text of a `dac.toml` registered as `file`. Reports every invalid value.
pub fn parse(file: FileId, text: &str) -> Result<Config, Vec<ConfigError>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        vec![ConfigError {
            span: e.span().map(|r| Span::new(file, r.start, r.end)),
            kind: ConfigErrorKind::Toml(e.message().trim_end().to_string()),
        }]
    })?;
    let mut errors = Vec::new();
    let mut config = Config::default();
    let span = |s: &Spanned<String>| Span::new(file, s.span().start, s.span().end);

    if let Some(dir) = &raw.build.out_dir {
        if dir.get_ref().is_empty() {
            errors.push(ConfigError {
                span: Some(span(dir)),
                kind: ConfigErrorKind::Empty("build.out_dir"),
            });
        }
        config.out_dir = PathBuf::from(dir.get_ref());
    }
    if let Some(folder) = &raw.grafana.default_folder {
        if folder.get_ref().trim().is_empty() {
            errors.push(ConfigError {
                span: Some(span(folder)),
                kind: ConfigErrorKind::Empty("grafana.default_folder"),
            });
        }
        config.default_folder = folder.get_ref().clone();
    }
    let k = &raw.kubernetes;
    let mut dns_label = |value: &Option<Spanned<String>>, what: &'static str, into: &mut String| {
        if let Some(v) = value {
            if !is_dns1123_label(v.get_ref()) {
                errors.push(ConfigError {
                    span: Some(span(v)),
                    kind: ConfigErrorKind::NotDns1123Label {
                        what,
                        value: v.get_ref().clone(),
                    },
                });
            }
            *into = v.get_ref().clone();
        }
    };
    dns_label(&k.namespace, "namespace", &mut config.namespace);
    dns_label(
        &k.prometheus_rules.config_map,
        "the rules ConfigMap name",
        &mut config.rules_config_map,
    );
    if let Some(key) = &k.dashboards.folder_annotation {
        if !is_label_key(key.get_ref()) {
            errors.push(ConfigError {
                span: Some(span(key)),
                kind: ConfigErrorKind::BadLabelKey(key.get_ref().clone()),
            });
        }
        config.folder_annotation = key.get_ref().clone();
    }
    let mut labels = |raw: &RawLabels, values_are_labels: bool| -> Option<Vec<(String, String)>> {
        let raw = raw.as_ref()?;
        let mut out = Vec::new();
        for (key, value) in raw {
            if !is_label_key(key.get_ref()) {
                errors.push(ConfigError {
                    span: Some(span(key)),
                    kind: ConfigErrorKind::BadLabelKey(key.get_ref().clone()),
                });
            }
            if values_are_labels && !is_label_value(value.get_ref()) {
                errors.push(ConfigError {
                    span: Some(span(value)),
                    kind: ConfigErrorKind::BadLabelValue(value.get_ref().clone()),
                });
            }
            out.push((key.get_ref().clone(), value.get_ref().clone()));
        }
        Some(out)
    };
    if let Some(mut l) = labels(&k.dashboards.labels, true) {
        // The sidecar finds dashboards by this label; it is never dropped.
        if !l.iter().any(|(key, _)| key == "grafana_dashboard") {
            l.push(("grafana_dashboard".to_string(), "1".to_string()));
        }
        config.dashboard_labels = l;
    }
    if let Some(a) = labels(&k.dashboards.annotations, false) {
        config.dashboard_annotations = a;
    }
    if let Some(l) = labels(&k.prometheus_rules.labels, true) {
        config.prometheus_rule_labels = l;
    }
    if let Some(l) = labels(&k.service_monitors.labels, true) {
        config.service_monitor_labels = l;
    }
    for list in [
        &mut config.dashboard_labels,
        &mut config.dashboard_annotations,
        &mut config.prometheus_rule_labels,
        &mut config.service_monitor_labels,
    ] {
        list.sort();
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// RFC 1123 label: what Kubernetes wants for namespaces and most names.
pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// RFC 1123 subdomain: what Kubernetes wants for ConfigMap and custom resource names.
pub fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

/// `[prefix/]name`, as Kubernetes validates label and annotation keys.
pub fn is_label_key(s: &str) -> bool {
    let (prefix, name) = match s.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    prefix.is_none_or(is_dns1123_subdomain) && !name.is_empty() && is_label_value(name)
}

pub fn is_label_value(s: &str) -> bool {
    let b = s.as_bytes();
    b.is_empty()
        || (b.len() <= 63
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c))
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric())
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
