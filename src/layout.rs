//! The output tree's layout: where each object of the model is written. Emitting and
//! the check that no two objects claim one file both read it, so they cannot disagree.
//!
//! ```text
//! grafana/<folder>/<uid>.json                 Grafana dashboard JSON
//! prometheus/<rules>.rules.yml                plain rule files
//! prometheus/<rules>.test.yml                 promtool unit tests
//! kubernetes/grafana-dashboard-<uid>.yaml     one ConfigMap per dashboard
//! kubernetes/prometheusrule-<rules>.yaml      PrometheusRule
//! kubernetes/<rules ConfigMap>.yaml           ConfigMap of every rule file
//! kubernetes/servicemonitor-<service>.yaml    ServiceMonitor
//! prometheus/prometheus.yml                   [prometheus] mode = "config" | "both"
//! kubernetes/<config ConfigMap>.yaml          the ConfigMap of prometheus.yml
//! alertmanager/alertmanager.yml               the routing block, for Alertmanager
//! kubernetes/alertmanager-config.yaml         that file in a ConfigMap
//! kubernetes/alertmanagerconfig.yaml          the routing block as an AlertmanagerConfig
//! kubernetes/kustomization.yaml               every manifest above
//! ```
//!
//! With `[prometheus] mode = "config"`, no PrometheusRule and no ServiceMonitor is
//! written: nothing would read them.
//!
//! Every path component made from a uid, title or name goes through [`names::slug`],
//! so no input can make a path leave the output directory.

pub mod names;

use crate::config::Config;
use crate::diagnostic::Span;
use crate::model::{Dashboard, Project, RuleSet, Service};

pub use names::slug;

/// A dashboard's uid as it appears in file and object names.
pub fn dashboard_slug(dashboard: &Dashboard) -> String {
    slug(&dashboard.uid, 40)
}

/// The folder a dashboard goes to: its own, else the project's default.
pub fn dashboard_folder<'a>(dashboard: &'a Dashboard, config: &'a Config) -> &'a str {
    dashboard
        .folder
        .as_deref()
        .unwrap_or(&config.default_folder)
}

/// `grafana/<folder>/<uid>.json`.
pub fn dashboard_json(dashboard: &Dashboard, config: &Config) -> String {
    let folder = slug(dashboard_folder(dashboard, config), 63);
    format!("grafana/{folder}/{}.json", dashboard_slug(dashboard))
}

/// The name of a dashboard's ConfigMap, also its file's name in `kubernetes/`.
pub fn dashboard_config_map_name(uid_slug: &str) -> String {
    format!("grafana-dashboard-{uid_slug}")
}

/// A rule set's name as it appears in file and object names.
pub fn rule_set_slug(rule_set: &RuleSet) -> String {
    slug(&rule_set.name, 63)
}

/// `<rules>.rules.yml`: a rule file's name, in `prometheus/` and in the rules ConfigMap.
pub fn rules_file_name(rule_set_slug: &str) -> String {
    format!("{rule_set_slug}.rules.yml")
}

/// `prometheus/<rules>.rules.yml`.
pub fn rules_file(rule_set_slug: &str) -> String {
    format!("prometheus/{}", rules_file_name(rule_set_slug))
}

/// `prometheus/<rules>.test.yml`.
pub fn rules_test_file(rule_set_slug: &str) -> String {
    format!("prometheus/{rule_set_slug}.test.yml")
}

/// `prometheusrule-<rules>.yaml`, in `kubernetes/`.
pub fn prometheus_rule_file(rule_set_slug: &str) -> String {
    format!("prometheusrule-{rule_set_slug}.yaml")
}

/// The rules ConfigMap's file, in `kubernetes/`.
pub fn rules_config_map_file(config: &Config) -> String {
    format!("{}.yaml", slug(&config.rules_config_map, 63))
}

/// A service's name as it appears in file and object names.
pub fn service_slug(service: &Service) -> String {
    slug(&service.name, 63)
}

/// `servicemonitor-<service>.yaml`, in `kubernetes/`.
pub fn service_monitor_file(service_slug: &str) -> String {
    format!("servicemonitor-{service_slug}.yaml")
}

pub const KUSTOMIZATION: &str = "kubernetes/kustomization.yaml";

/// `prometheus.yml`, for a Prometheus run without the operator.
pub const PROMETHEUS_CONFIG: &str = "prometheus/prometheus.yml";

/// Whether the build writes `prometheus.yml`: the mode asks for it, and the project has
/// something for Prometheus (a project of dashboards alone gets none).
pub fn writes_prometheus_config(project: &Project, config: &Config) -> bool {
    config.prometheus.mode.config()
        && (!project.services.is_empty() || !project.rule_sets.is_empty())
}

/// Alertmanager's configuration, from the routing block.
pub const ALERTMANAGER_CONFIG: &str = "alertmanager/alertmanager.yml";
/// Its ConfigMap, and the routing block as an AlertmanagerConfig, in `kubernetes/`.
pub const ALERTMANAGER_CONFIG_MAP: &str = "alertmanager-config.yaml";
pub const ALERTMANAGER_CRD: &str = "alertmanagerconfig.yaml";

/// The name of the ConfigMap that holds `prometheus.yml`, also its file's name.
pub fn prometheus_config_map_name(config: &Config) -> String {
    slug(&config.prometheus.config_map, 63)
}

/// Whether a rule set has promtool tests, and so a test file.
pub fn has_tests(rule_set: &RuleSet) -> bool {
    rule_set.groups.iter().any(|g| !g.tests.is_empty())
}

/// How messages name what a dashboard's files are made from: "dashboard `trade`".
pub fn dashboard_what(d: &Dashboard) -> String {
    format!("dashboard `{}`", d.uid)
}

/// "rule set `trade-service`".
pub fn rule_set_what(rs: &RuleSet) -> String {
    format!("rule set `{}`", rs.name)
}

/// "service `trade-service`".
pub fn service_what(s: &Service) -> String {
    format!("service `{}`", s.name)
}

/// One file the project will write: where, and what it is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub path: String,
    /// The block's name in the sources; [`Span::DUMMY`] for what the project's settings
    /// name (the rules ConfigMap, the kustomization).
    pub span: Span,
    /// What it is, for messages: "dashboard `trade`".
    pub what: String,
}

/// Every file emitting `project` writes, in the order it writes them (not sorted).
pub fn planned(project: &Project, config: &Config) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut add = |path: String, span: Span, what: &str| {
        out.push(Planned {
            path,
            span,
            what: what.to_string(),
        });
    };
    for d in &project.dashboards {
        let what = dashboard_what(d);
        add(dashboard_json(d, config), d.uid_span, &what);
        let name = dashboard_config_map_name(&dashboard_slug(d));
        add(format!("kubernetes/{name}.yaml"), d.uid_span, &what);
    }
    let operator = config.prometheus.mode.operator();
    for rs in &project.rule_sets {
        let what = rule_set_what(rs);
        let name = rule_set_slug(rs);
        add(rules_file(&name), rs.name_span, &what);
        if has_tests(rs) {
            add(rules_test_file(&name), rs.name_span, &what);
        }
        if operator {
            add(
                format!("kubernetes/{}", prometheus_rule_file(&name)),
                rs.name_span,
                &what,
            );
        }
    }
    if !project.rule_sets.is_empty() {
        let path = format!("kubernetes/{}", rules_config_map_file(config));
        add(path, Span::DUMMY, "the rules ConfigMap");
    }
    for s in project.services.iter().filter(|s| s.monitor && operator) {
        let file = service_monitor_file(&service_slug(s));
        add(format!("kubernetes/{file}"), s.name_span, &service_what(s));
    }
    let config_file = writes_prometheus_config(project, config);
    if config_file {
        let name = prometheus_config_map_name(config);
        add(
            format!("kubernetes/{name}.yaml"),
            Span::DUMMY,
            "the Prometheus configuration's ConfigMap",
        );
        add(
            PROMETHEUS_CONFIG.to_string(),
            Span::DUMMY,
            "the Prometheus configuration",
        );
    }
    // One routing block per project; a second is an error of the resolver.
    if let Some(r) = project.routing.first() {
        let what = format!("routing `{}`", r.name);
        add(ALERTMANAGER_CONFIG.to_string(), r.name_span, &what);
        for file in [ALERTMANAGER_CONFIG_MAP, ALERTMANAGER_CRD] {
            add(format!("kubernetes/{file}"), r.name_span, &what);
        }
    }
    // Every ConfigMap and object above is a manifest of the kustomization.
    if out.iter().any(|p| p.path.starts_with("kubernetes/")) {
        out.push(Planned {
            path: KUSTOMIZATION.to_string(),
            span: Span::DUMMY,
            what: "the kustomization".to_string(),
        });
    }
    out
}
