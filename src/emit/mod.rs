//! Emitters: the resolved model in, the files of the output tree out.
//!
//! ```text
//! grafana/<folder>/<uid>.json                 Grafana dashboard JSON
//! prometheus/<rules>.rules.yml                plain rule files
//! prometheus/<rules>.test.yml                 promtool unit tests
//! kubernetes/grafana-dashboard-<uid>.yaml     one ConfigMap per dashboard
//! kubernetes/prometheusrule-<rules>.yaml      PrometheusRule
//! kubernetes/prometheus-rules.yaml            ConfigMap of every rule file
//! kubernetes/servicemonitor-<service>.yaml    ServiceMonitor
//! kubernetes/kustomization.yaml               every manifest above
//! ```
//!
//! Every path component made from a uid, title or name goes through
//! [`names::slug`], so no input can make a path leave the output directory.

pub mod duration;
pub mod grafana;
pub mod kubernetes;
pub mod names;
pub mod prometheus;
pub mod yaml;

use std::borrow::Borrow;
use std::collections::BTreeMap;

use crate::codes::Code;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Dashboard, Project, RuleSet, Service};

/// One file of the output tree; `path` is relative, `/`-separated, and safe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Collects files, reporting two sources that would write the same path.
#[derive(Default)]
struct Tree {
    files: BTreeMap<String, (Vec<u8>, Span, String)>,
    diagnostics: Vec<Diagnostic>,
    /// Pairs already reported: a dashboard's JSON and ConfigMap collide together.
    reported: Vec<(String, String)>,
}

impl Tree {
    fn add(&mut self, path: String, contents: String, span: Span, what: String) {
        if let Some((_, first_span, first)) = self.files.get(&path) {
            let pair = (what.clone(), first.clone());
            if self.reported.contains(&pair) {
                return;
            }
            self.reported.push(pair);
            self.diagnostics.push(
                Diagnostic::error(
                    Code::PathCollision,
                    format!("{what} and {first} would both be written to `{path}`"),
                )
                .with_primary(span, "this one")
                .with_secondary(*first_span, "and this one")
                .with_help(
                    "file names are lowercased and stripped to letters, digits and `-`; \
                     choose names that differ in those",
                ),
            );
            return;
        }
        // Documents are built by appending, so their buffers carry up to twice their
        // length; a large project holds every output at once.
        let mut contents = contents.into_bytes();
        contents.shrink_to_fit();
        self.files.insert(path, (contents, span, what));
    }
}

/// Every file of the output tree, sorted by path, and what went wrong or looks risky.
pub fn emit(project: &Project, config: &Config) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let dashboards = project.dashboards.iter().collect();
    emit_from(
        dashboards,
        project.rule_sets.iter().collect(),
        &project.services,
        config,
    )
}

/// [`emit`], freeing each dashboard and rule set as soon as its documents are built:
/// a large project then never holds its whole model and all its outputs at once (and
/// the freeing is shared by the cores).
pub fn emit_owned(project: Project, config: &Config) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let Project {
        dashboards,
        rule_sets,
        services,
    } = project;
    emit_from(dashboards, rule_sets, &services, config)
}

fn emit_from<D, R>(
    dashboards: Vec<D>,
    rule_sets: Vec<R>,
    services: &[Service],
    config: &Config,
) -> (Vec<OutputFile>, Vec<Diagnostic>)
where
    D: Borrow<Dashboard> + Send,
    R: Borrow<RuleSet> + Send,
{
    let mut tree = Tree::default();
    let mut manifests = Vec::new();
    let mut diagnostics = Vec::new();

    // Documents are built on all cores, then added in order (see `crate::par`).
    let dashboards = crate::par::map(dashboards, |d| {
        let d = d.borrow();
        let mut diagnostics = Vec::new();
        let folder = d.folder.as_deref().unwrap_or(&config.default_folder);
        let uid = names::slug(&d.uid, 40);
        let json = grafana::dashboard_json(d, &mut diagnostics);
        check_size(&json, d, &mut diagnostics);
        let cm = kubernetes::dashboard_config_map(&uid, folder, &json, config);
        let json_path = format!("grafana/{}/{uid}.json", names::slug(folder, 63));
        let what = format!("dashboard `{}`", d.uid);
        (json_path, json, uid, cm, d.uid_span, what, diagnostics)
    });
    for (json_path, json, uid, cm, span, what, mut emitted) in dashboards {
        diagnostics.append(&mut emitted);
        tree.add(json_path, json, span, what.clone());
        let file = format!("{}.yaml", kubernetes::dashboard_config_map_name(&uid));
        manifests.push(file.clone());
        tree.add(format!("kubernetes/{file}"), cm, span, what);
    }

    let mut rule_files = Vec::new();
    let rule_sets = crate::par::map(rule_sets, |rs| {
        let rs = rs.borrow();
        let mut diagnostics = Vec::new();
        check_labels(&rs.labels, "PrometheusRule", &mut diagnostics);
        let name = names::slug(&rs.name, 63);
        let rules = prometheus::rules_file(rs);
        let tests = prometheus::test_file(rs, &name);
        let manifest = kubernetes::prometheus_rule(rs, &name, config);
        let what = format!("rule set `{}`", rs.name);
        (
            name,
            rules,
            tests,
            manifest,
            rs.name_span,
            what,
            diagnostics,
        )
    });
    for (name, rules, tests, manifest, span, what, mut checked) in rule_sets {
        diagnostics.append(&mut checked);
        let file_name = prometheus::rules_file_name(&name);
        tree.add(
            format!("prometheus/{file_name}"),
            rules.clone(),
            span,
            what.clone(),
        );
        if let Some(tests) = tests {
            tree.add(
                format!("prometheus/{name}.test.yml"),
                tests,
                span,
                what.clone(),
            );
        }
        let file = format!("prometheusrule-{name}.yaml");
        manifests.push(file.clone());
        tree.add(format!("kubernetes/{file}"), manifest, span, what);
        rule_files.push((file_name, rules, span));
    }
    if !rule_files.is_empty() {
        rule_files.sort_by(|a, b| a.0.cmp(&b.0));
        // A rule file larger than a whole ConfigMap cannot be deployed this way at all;
        // smaller ones are packed into as many ConfigMaps as they need.
        for (name, text, span) in &rule_files {
            if text.len() > kubernetes::CONFIG_MAP_LIMIT {
                diagnostics.push(
                    Diagnostic::error(
                        Code::ConfigMapTooLarge,
                        format!(
                            "the rule file `{name}` is {} KiB, over the 1024 KiB a ConfigMap can hold",
                            text.len() / 1024
                        ),
                    )
                    .with_primary(*span, "this rule set")
                    .with_help("split the rule set into several, or deploy only the PrometheusRule manifests"),
                );
            }
        }
        let files: Vec<(String, String)> = rule_files.into_iter().map(|f| (f.0, f.1)).collect();
        let file = format!("{}.yaml", names::slug(&config.rules_config_map, 63));
        manifests.push(file.clone());
        tree.add(
            format!("kubernetes/{file}"),
            kubernetes::rules_config_maps(&files, config),
            Span::DUMMY,
            "the rules ConfigMap".to_string(),
        );
    }

    for s in services.iter().filter(|s| s.monitor) {
        check_labels(&s.selector, "ServiceMonitor selector", &mut diagnostics);
        let name = names::slug(&s.name, 63);
        let file = format!("servicemonitor-{name}.yaml");
        manifests.push(file.clone());
        tree.add(
            format!("kubernetes/{file}"),
            kubernetes::service_monitor(s, &name, config),
            s.name_span,
            format!("service `{}`", s.name),
        );
    }

    if !manifests.is_empty() {
        tree.add(
            "kubernetes/kustomization.yaml".to_string(),
            kubernetes::kustomization(&manifests),
            Span::DUMMY,
            "the kustomization".to_string(),
        );
    }

    diagnostics.append(&mut tree.diagnostics);
    let files = tree
        .files
        .into_iter()
        .map(|(path, (contents, _, _))| OutputFile { path, contents })
        .collect();
    (files, diagnostics)
}

/// Labels that end up in Kubernetes metadata or selectors must be valid there.
fn check_labels(labels: &[crate::model::Pair], what: &str, diagnostics: &mut Vec<Diagnostic>) {
    use crate::config::{is_label_key, is_label_value};
    for p in labels {
        let problem = if !is_label_key(&p.key) {
            Some(format!("`{}` is not a valid Kubernetes label key", p.key))
        } else if !is_label_value(&p.value) {
            Some(format!(
                "`{}` is not a valid Kubernetes label value",
                p.value
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            diagnostics.push(
                Diagnostic::error(Code::KubernetesLabel, format!("{message} ({what})"))
                    .with_primary(p.span, "this label")
                    .with_help(
                        "keys are an optional DNS prefix and `/`, then a name; names and \
                         values are at most 63 letters, digits, `-`, `_` or `.`, starting \
                         and ending with a letter or digit",
                    ),
            );
        }
    }
}

/// The length of `text` as a JSON string literal, quotes included, escaped the way
/// serde_json escapes it: counted, not built, since it is only compared with a limit
/// and building it cost a large project several percent of its build.
fn json_string_len(text: &str) -> usize {
    let escapes: usize = text
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\x08' | b'\t' | b'\n' | b'\x0c' | b'\r' => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    text.len() + escapes + 2
}

fn check_size(json: &str, d: &crate::model::Dashboard, diagnostics: &mut Vec<Diagnostic>) {
    // Client-side apply stores the object as JSON in an annotation: the dashboard JSON
    // escaped once more as a string, quotes and newlines included.
    let as_annotation = json_string_len(json);
    if json.len() > kubernetes::CONFIG_MAP_LIMIT {
        diagnostics.push(
            Diagnostic::error(
                Code::DashboardTooLarge,
                format!(
                    "dashboard `{}` is {} KiB of JSON, over the 1024 KiB a ConfigMap can hold",
                    d.uid,
                    json.len() / 1024
                ),
            )
            .with_primary(d.uid_span, "this dashboard")
            .with_help("split it into several dashboards linked by tags"),
        );
    } else if as_annotation > kubernetes::APPLY_ANNOTATION_LIMIT {
        diagnostics.push(
            Diagnostic::warning(
                Code::DashboardLarge,
                format!(
                    "dashboard `{}` is {} KiB as an apply annotation: client-side \
                     `kubectl apply` fails above 256 KiB",
                    d.uid,
                    as_annotation / 1024
                ),
            )
            .with_primary(d.uid_span, "this dashboard")
            .with_help("apply with `kubectl apply --server-side`, or split the dashboard"),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_string_len_is_the_length_serde_json_writes() {
        let mut every_byte: String = (0u8..0x80).map(char::from).collect();
        every_byte.push_str("é ✓ 😀 \u{2028} \u{7f}");
        for text in [
            "",
            "plain",
            "{\"a\": \"b\\\\c\"}\n\t\r",
            every_byte.as_str(),
        ] {
            let expected = serde_json::to_string(text).map(|s| s.len());
            assert_eq!(
                Ok(super::json_string_len(text)),
                expected.map_err(|e| e.to_string()),
                "{text:?}"
            );
        }
    }
}
