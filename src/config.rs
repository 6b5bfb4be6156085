//! Project settings from the optional `dac.toml` at the project root.
//!
//! ```toml
//! [build]
//! sources = ["."]                   # what `dac build` with no paths compiles
//! exclude = []                      # gitignore-style globs, relative to this file
//! import_paths = []                 # shared libraries outside the project
//! max_file_size = "16 MiB"          # the largest source file read
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
//!
//! [lint]                            # docs/configuration.md; the rules: docs/rules.md
//! in_build = true                   # `dac build` refuses what an error-level rule rejects
//! disable = []                      # rule names
//! severity = {}                     # rule name = "error" | "warning" | "info" | "off"
//! alert_severities = ["critical", "warning", "info"]
//! required_labels = []
//! required_annotations = []
//! high_cardinality_labels = [...]   # user_id, email, ip, ... (see LintSettings)
//!
//! [lint.budgets]                    # the most estimated series per query
//! panel_series = 500
//! alert_series = 100
//! record_series = 1000
//!
//! [prometheus]                      # prometheus.yml, for Prometheus without the operator
//! mode = "operator"                 # "operator" | "config" | "both" (see `prometheus`)
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, FileId, Severity, Span};
use crate::env::{FileSystem, ReadError};
use crate::lint::registry::RuleId;
use crate::lint::settings::LintSettings;
use crate::promql::suggest::did_you_mean;
use crate::resolve::sandbox::{DEFAULT_MAX_FILE_SIZE, exclude_matcher};
use crate::source::SourceMap;

mod prometheus;
pub use prometheus::{Placed, PrometheusMode, PrometheusSettings};

pub const FILE_NAME: &str = "dac.toml";

/// A path written in dac.toml (relative to the file) and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigPath {
    pub path: PathBuf,
    pub span: Option<Span>,
}

impl ConfigPath {
    fn new(path: &str) -> ConfigPath {
        ConfigPath {
            path: PathBuf::from(path),
            span: None,
        }
    }
}

/// The settings every emitter reads. Label and annotation maps are sorted by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// What `dac build` compiles when given no paths, relative to the project root.
    pub sources: Vec<ConfigPath>,
    /// Gitignore-style globs of what a directory walk skips, relative to the root.
    pub exclude: Vec<String>,
    /// Directories outside the root that imports may reach, relative to the root.
    pub import_paths: Vec<ConfigPath>,
    /// The largest source file read, in bytes.
    pub max_file_size: u64,
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
    /// `[lint]`: which rules run, how severe they are, and what they check against.
    pub lint: LintSettings,
    /// `[prometheus]`: the operator's resources, `prometheus.yml`, or both.
    pub prometheus: PrometheusSettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: vec![ConfigPath::new(".")],
            exclude: Vec::new(),
            import_paths: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
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
            lint: LintSettings::default(),
            prometheus: PrometheusSettings::default(),
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
    #[serde(default)]
    lint: RawLint,
    #[serde(default)]
    prometheus: prometheus::RawPrometheus,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLint {
    in_build: Option<bool>,
    disable: Option<Vec<Spanned<String>>>,
    severity: Option<std::collections::BTreeMap<Spanned<String>, Spanned<String>>>,
    alert_severities: Option<Vec<Spanned<String>>>,
    required_labels: Option<Vec<String>>,
    required_annotations: Option<Vec<String>>,
    high_cardinality_labels: Option<Vec<String>>,
    #[serde(default)]
    budgets: RawBudgets,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBudgets {
    panel_series: Option<u64>,
    alert_series: Option<u64>,
    record_series: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    sources: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    import_paths: Option<Vec<Spanned<String>>>,
    max_file_size: Option<Spanned<RawSize>>,
    out_dir: Option<Spanned<String>>,
}

/// A size: bytes, or a string such as `"16 MiB"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSize {
    Bytes(i64),
    Text(String),
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
    NotDns1123Label {
        what: &'static str,
        value: String,
    },
    BadLabelKey(String),
    BadLabelValue(String),
    Empty(&'static str),
    BadGlob(String),
    BadSize(String),
    /// A path in `[build]` that is not there: what it is, and the path.
    Missing {
        what: &'static str,
        path: String,
    },
    /// A name in `[lint]` that is no lint rule, and the nearest one.
    UnknownRule {
        name: String,
        suggestion: Option<&'static str>,
    },
    /// A `[lint.severity]` value that is not `error`, `warning`, `info` or `off`.
    BadSeverity(String),
    /// A value of `key` that is not what it takes.
    BadValue {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
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
            ConfigErrorKind::BadGlob(e) => write!(f, "invalid `build.exclude` glob: {e}"),
            ConfigErrorKind::BadSize(v) => {
                write!(f, "`{v}` is not a file size for `build.max_file_size`")
            }
            ConfigErrorKind::Missing { what, path } => {
                write!(f, "{what} `{path}` does not exist")
            }
            ConfigErrorKind::UnknownRule { name, suggestion } => {
                write!(f, "`{name}` in `[lint]` is not a lint rule")?;
                match suggestion {
                    Some(s) => write!(f, "; did you mean `{s}`?"),
                    None => Ok(()),
                }
            }
            ConfigErrorKind::BadSeverity(v) => {
                write!(f, "`{v}` is not a severity for `[lint.severity]`")
            }
            ConfigErrorKind::BadValue {
                key,
                value,
                expected,
            } => write!(
                f,
                "`{value}` is not a value for `{key}`: it takes {expected}"
            ),
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
                "known keys: [build] sources, exclude, import_paths, max_file_size, out_dir; \
                 [grafana] default_folder; [kubernetes] namespace; \
                 [kubernetes.dashboards] labels, annotations, folder_annotation; \
                 [kubernetes.prometheus_rules] labels, config_map; \
                 [kubernetes.service_monitors] labels; [lint], [prometheus]: \
                 docs/configuration.md"
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
            ConfigErrorKind::BadGlob(_) => {
                "write globs as in .gitignore, e.g. `tests/fixtures/` or `*.draft.dac`"
            }
            ConfigErrorKind::BadSize(_) => {
                "write a positive number of bytes, or a string such as \"16 MiB\" \
                 (units B, KiB, MiB, GiB)"
            }
            ConfigErrorKind::Missing { .. } => {
                "paths in dac.toml are relative to the directory dac.toml is in"
            }
            ConfigErrorKind::UnknownRule { .. } => "`dac lint --list` lists the rules",
            ConfigErrorKind::BadSeverity(_) => {
                "write \"error\", \"warning\", \"info\", or \"off\" to turn the rule off"
            }
            ConfigErrorKind::BadValue { .. } => {
                "docs/configuration.md lists each key's values and default"
            }
        };
        let label = match &self.kind {
            ConfigErrorKind::Unreadable(_) | ConfigErrorKind::Toml(_) => "here",
            ConfigErrorKind::NotDns1123Label { .. } => "not a DNS-1123 label",
            ConfigErrorKind::BadLabelKey(_) => "not a label key",
            ConfigErrorKind::BadLabelValue(_) => "not a label value",
            ConfigErrorKind::Empty(_) => "empty",
            ConfigErrorKind::BadGlob(_) => "not a glob",
            ConfigErrorKind::BadSize(_) => "not a size",
            ConfigErrorKind::Missing { .. } => "not found",
            ConfigErrorKind::UnknownRule { .. } => "unknown rule",
            ConfigErrorKind::BadSeverity(_) => "not a severity",
            ConfigErrorKind::BadValue { .. } => "not a valid value",
        };
        let d = Diagnostic::error(Code::ConfigInvalid, self.kind.to_string()).with_help(help);
        match self.span {
            Some(span) => d.with_primary(span, label),
            None => d,
        }
    }
}

/// Reads the dac.toml at `path` (registering it in `sources` for diagnostics).
pub fn load(
    path: &Path,
    fs: &dyn FileSystem,
    sources: &mut SourceMap,
) -> Result<Config, Vec<Diagnostic>> {
    let text = fs.read_source(path, DEFAULT_MAX_FILE_SIZE).map_err(|e| {
        let reason = match e {
            ReadError::Io(e) => e.to_string(),
            ReadError::NotRegular(what) => format!("it is {what}, not a regular file"),
            ReadError::TooLarge { limit, .. } => format!("it is over {limit} bytes"),
            ReadError::NotUtf8 { .. } => "it is not UTF-8 text".to_string(),
            ReadError::LinkOutside(target) => format!("it links to `{}`", target.display()),
        };
        let err = ConfigError {
            span: None,
            kind: ConfigErrorKind::Unreadable(format!("`{}`: {reason}", path.display())),
        };
        vec![err.to_diagnostic()]
    })?;
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

    parse_build(&raw.build, file, &mut config, &mut errors);
    parse_lint(&raw.lint, file, &mut config.lint, &mut errors);
    prometheus::parse(&raw.prometheus, file, &mut config.prometheus, &mut errors);
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

/// The `[build]` section: paths, globs and the size limit.
fn parse_build(raw: &RawBuild, file: FileId, config: &mut Config, errors: &mut Vec<ConfigError>) {
    let span = |s: &Spanned<String>| Span::new(file, s.span().start, s.span().end);
    let mut paths = |list: &Option<Vec<Spanned<String>>>, what: &'static str| {
        list.as_ref().map(|list| {
            let mut out = Vec::new();
            for p in list {
                if p.get_ref().is_empty() {
                    errors.push(ConfigError {
                        span: Some(span(p)),
                        kind: ConfigErrorKind::Empty(what),
                    });
                }
                out.push(ConfigPath {
                    path: PathBuf::from(p.get_ref()),
                    span: Some(span(p)),
                });
            }
            out
        })
    };
    if let Some(sources) = paths(&raw.sources, "a path in build.sources") {
        config.sources = sources;
    }
    if let Some(import_paths) = paths(&raw.import_paths, "a path in build.import_paths") {
        config.import_paths = import_paths;
    }
    if let Some(dir) = &raw.out_dir {
        if dir.get_ref().is_empty() {
            errors.push(ConfigError {
                span: Some(span(dir)),
                kind: ConfigErrorKind::Empty("build.out_dir"),
            });
        }
        config.out_dir = PathBuf::from(dir.get_ref());
    }
    if let Some(globs) = &raw.exclude {
        config.exclude = globs.iter().map(|g| g.get_ref().clone()).collect();
        if let Err((i, message)) = exclude_matcher(&config.exclude) {
            errors.push(ConfigError {
                span: globs.get(i).map(span),
                kind: ConfigErrorKind::BadGlob(message),
            });
        }
    }
    if let Some(size) = &raw.max_file_size {
        let at = Span::new(file, size.span().start, size.span().end);
        let (bytes, shown) = match size.get_ref() {
            RawSize::Bytes(n) => (u64::try_from(*n).ok(), n.to_string()),
            RawSize::Text(t) => (parse_size(t), t.clone()),
        };
        match bytes.filter(|&b| b > 0) {
            Some(bytes) => config.max_file_size = bytes,
            None => errors.push(ConfigError {
                span: Some(at),
                kind: ConfigErrorKind::BadSize(shown),
            }),
        }
    }
}

/// The `[lint]` section: rule names are checked against the registry.
fn parse_lint(raw: &RawLint, file: FileId, lint: &mut LintSettings, errors: &mut Vec<ConfigError>) {
    let span = |s: &Spanned<String>| Span::new(file, s.span().start, s.span().end);
    let mut rule = |name: &Spanned<String>| {
        let found = RuleId::from_name(name.get_ref());
        if found.is_none() {
            let names = RuleId::ALL.iter().map(|r| r.name());
            errors.push(ConfigError {
                span: Some(span(name)),
                kind: ConfigErrorKind::UnknownRule {
                    name: name.get_ref().clone(),
                    suggestion: did_you_mean(name.get_ref(), names),
                },
            });
        }
        found
    };
    for name in raw.disable.iter().flatten() {
        lint.disabled.extend(rule(name));
    }
    let mut severities = Vec::new();
    for (name, value) in raw.severity.iter().flatten() {
        if let Some(r) = rule(name) {
            severities.push((r, value));
        }
    }
    for (r, value) in severities {
        let severity = match value.get_ref().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            "off" => {
                lint.disabled.push(r);
                continue;
            }
            other => {
                errors.push(ConfigError {
                    span: Some(span(value)),
                    kind: ConfigErrorKind::BadSeverity(other.to_string()),
                });
                continue;
            }
        };
        lint.severities.insert(r, severity);
    }
    lint.disabled.sort();
    lint.disabled.dedup();
    if let Some(in_build) = raw.in_build {
        lint.in_build = in_build;
    }
    if let Some(list) = &raw.alert_severities {
        lint.alert_severities = list.iter().map(|s| s.get_ref().clone()).collect();
    }
    let lists = [
        (&raw.required_labels, &mut lint.required_labels),
        (&raw.required_annotations, &mut lint.required_annotations),
        (
            &raw.high_cardinality_labels,
            &mut lint.high_cardinality_labels,
        ),
    ];
    for (raw, into) in lists {
        if let Some(list) = raw {
            into.clone_from(list);
        }
    }
    let b = &raw.budgets;
    let budgets = &mut lint.budgets;
    budgets.panel_series = b.panel_series.unwrap_or(budgets.panel_series);
    budgets.alert_series = b.alert_series.unwrap_or(budgets.alert_series);
    budgets.record_series = b.record_series.unwrap_or(budgets.record_series);
}

/// `"16 MiB"`, `"512KiB"`, `"100 B"`, `"2048"`: bytes.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let factor: u64 = match unit.trim() {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(factor)
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
