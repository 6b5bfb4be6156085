//! Every rule expression and every dashboard query of kube-prometheus parses and passes
//! the type checker: rules as Prometheus reads them, dashboard queries in Grafana mode.
//! Run with `--nocapture` to see the counts.

use std::fs;
use std::path::{Path, PathBuf};

use dac::diagnostic::Diagnostic;
use dac::promql::check::check;
use dac::promql::labels::output_labels;
use dac::promql::parser::{ParseOptions, parse};
use dac::report::human::render_all;
use dac::source::SourceMap;
use serde_json::Value as Json;
use yaml_serde::Value as Yaml;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kube-prometheus")
}

/// A query and where it was found.
struct Query {
    place: String,
    text: String,
    /// A panel target's `legendFormat`, if any.
    legend: Option<String>,
}

/// An alerting rule: its expression and the `$labels.x` its annotations use.
struct Alert {
    name: String,
    expr: String,
    template_labels: Vec<String>,
}

fn rule_files() -> Vec<(String, Yaml)> {
    let mut files: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("corpus folder")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with("-prometheusRule.yaml"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no PrometheusRule files in the corpus");
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("readable rule file");
            let doc: Yaml = yaml_serde::from_str(&text).expect("valid YAML");
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, doc)
        })
        .collect()
}

fn alerts() -> Vec<Alert> {
    let reference = regex::Regex::new(r"\$labels\.([A-Za-z_][A-Za-z0-9_]*)").unwrap();
    let mut alerts = Vec::new();
    for (_, doc) in rule_files() {
        for group in doc["spec"]["groups"].as_sequence().expect("spec.groups") {
            for rule in group["rules"].as_sequence().expect("rules") {
                let Some(name) = rule["alert"].as_str() else {
                    continue;
                };
                let mut template_labels = Vec::new();
                for (_, text) in rule["annotations"].as_mapping().into_iter().flatten() {
                    let text = text.as_str().unwrap_or("");
                    template_labels.extend(reference.captures_iter(text).map(|c| c[1].to_string()));
                }
                alerts.push(Alert {
                    name: name.to_string(),
                    expr: rule["expr"].as_str().expect("expr").to_string(),
                    template_labels,
                });
            }
        }
    }
    alerts
}

fn rule_expressions() -> Vec<Query> {
    let mut queries = Vec::new();
    for (file, doc) in rule_files() {
        for group in doc["spec"]["groups"].as_sequence().expect("spec.groups") {
            let group_name = group["name"].as_str().unwrap_or("?");
            for rule in group["rules"].as_sequence().expect("rules") {
                let name = rule["alert"]
                    .as_str()
                    .or_else(|| rule["record"].as_str())
                    .unwrap_or("?");
                let expr = match &rule["expr"] {
                    Yaml::String(s) => s.clone(),
                    Yaml::Number(n) => n.to_string(),
                    other => panic!("{file} {name}: expr is {other:?}"),
                };
                queries.push(Query {
                    place: format!("{file} {group_name} {name}"),
                    text: expr,
                    legend: None,
                });
            }
        }
    }
    queries
}

fn dashboard_queries() -> Vec<Query> {
    let text = fs::read_to_string(corpus().join("grafana-dashboardDefinitions.yaml"))
        .expect("readable dashboard list");
    let list: Yaml = yaml_serde::from_str(&text).expect("valid YAML");
    let mut queries = Vec::new();
    for item in list["items"].as_sequence().expect("items") {
        for (key, value) in item["data"].as_mapping().expect("data") {
            let file = key.as_str().expect("file name");
            let dashboard: Json =
                serde_json::from_str(value.as_str().expect("dashboard text")).expect("JSON");
            collect_panel_queries(file, &dashboard["panels"], &mut queries);
            for row in dashboard["rows"].as_array().into_iter().flatten() {
                collect_panel_queries(file, &row["panels"], &mut queries);
            }
            for variable in dashboard["templating"]["list"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if variable["type"] != "query" {
                    continue;
                }
                let query = match &variable["query"] {
                    Json::String(s) => s.as_str(),
                    Json::Object(o) => o.get("query").and_then(Json::as_str).unwrap_or(""),
                    _ => "",
                };
                if let Some(promql) = variable_promql(query) {
                    queries.push(Query {
                        place: format!("{file} variable {}", variable["name"]),
                        text: promql.to_string(),
                        legend: None,
                    });
                }
            }
        }
    }
    queries
}

fn collect_panel_queries(file: &str, panels: &Json, queries: &mut Vec<Query>) {
    for panel in panels.as_array().into_iter().flatten() {
        for target in panel["targets"].as_array().into_iter().flatten() {
            if let Some(expr) = target["expr"].as_str() {
                queries.push(Query {
                    place: format!("{file} panel {}", panel["title"]),
                    text: expr.to_string(),
                    legend: target["legendFormat"].as_str().map(str::to_string),
                });
            }
        }
        collect_panel_queries(file, &panel["panels"], queries);
    }
}

/// The PromQL inside a Grafana variable query: `label_values(EXPR, label)` and
/// `query_result(EXPR)` hold some; `label_values(label)`, `label_names()` and
/// `metrics(regex)` hold none. Anything else is PromQL as a whole.
fn variable_promql(query: &str) -> Option<&str> {
    let query = query.trim();
    if let Some(args) = call_args(query, "label_values") {
        return last_top_level_comma(args).map(|i| args[..i].trim());
    }
    if let Some(args) = call_args(query, "query_result") {
        return Some(args.trim());
    }
    if call_args(query, "label_names").is_some() || call_args(query, "metrics").is_some() {
        return None;
    }
    (!query.is_empty()).then_some(query)
}

fn call_args<'a>(query: &'a str, function: &str) -> Option<&'a str> {
    query
        .strip_prefix(function)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// The last comma outside brackets and strings.
fn last_top_level_comma(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut quote = None;
    let mut escaped = false;
    let mut last = None;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q != '`' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' | '`' => quote = Some(c),
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' => depth -= 1,
                ',' if depth == 0 => last = Some(i),
                _ => {}
            },
        }
    }
    last
}

/// Parses and checks each query; returns the number of warnings, and fails with every
/// error rendered.
fn check_all(queries: &[Query], grafana: bool) -> usize {
    let mut sources = SourceMap::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut warnings = 0;
    for query in queries {
        let file = sources.add(query.place.clone(), query.text.clone());
        let options = ParseOptions {
            file,
            offset: 0,
            grafana,
        };
        match parse(&query.text, &options) {
            Ok(expr) => {
                for d in check(&expr, grafana) {
                    if d.is_error() {
                        errors.push(d);
                    } else {
                        warnings += 1;
                    }
                }
            }
            Err(diagnostics) => errors.extend(diagnostics),
        }
    }
    assert!(
        errors.is_empty(),
        "{} errors in {} queries:\n{}",
        errors.len(),
        queries.len(),
        render_all(&errors, &sources)
    );
    warnings
}

#[test]
fn every_rule_expression_parses_and_checks() {
    let queries = rule_expressions();
    let warnings = check_all(&queries, false);
    println!(
        "kube-prometheus rules: {} expressions, 0 errors, {warnings} warnings",
        queries.len()
    );
    assert!(
        queries.len() > 200,
        "only {} rule expressions",
        queries.len()
    );
}

#[test]
fn every_dashboard_query_parses_and_checks_in_grafana_mode() {
    let queries = dashboard_queries();
    let warnings = check_all(&queries, true);
    println!(
        "kube-prometheus dashboards: {} queries, 0 errors, {warnings} warnings",
        queries.len()
    );
    assert!(
        queries.len() > 300,
        "only {} dashboard queries",
        queries.len()
    );
}

#[test]
fn variable_queries_yield_their_promql() {
    assert_eq!(
        variable_promql("label_values(up{job=\"a,b\"}, instance)"),
        Some("up{job=\"a,b\"}")
    );
    assert_eq!(
        variable_promql("label_values(sum by (a, b) (x), a)"),
        Some("sum by (a, b) (x)")
    );
    assert_eq!(variable_promql("label_values(instance)"), None);
    assert_eq!(
        variable_promql("query_result(topk(5, x))"),
        Some("topk(5, x)")
    );
    assert_eq!(variable_promql("label_names()"), None);
    assert_eq!(variable_promql("metrics(up.*)"), None);
    assert_eq!(variable_promql("up"), Some("up"));
}

/// Alert templates that use a label their expression has aggregated away: real faults
/// in kube-prometheus (the label renders empty), which the label analysis must find.
const KNOWN_MISSING_LABELS: &[(&str, &str)] = &[
    ("AlertmanagerClusterFailedToSendAlerts", "job"),
    ("AlertmanagerConfigInconsistent", "job"),
    ("AlertmanagerClusterDown", "job"),
    ("AlertmanagerClusterCrashlooping", "job"),
];

#[test]
fn alert_templates_use_labels_their_expression_keeps() {
    let mut references = 0;
    let mut missing = Vec::new();
    for alert in alerts() {
        let expr = parse(&alert.expr, &ParseOptions::new(dac::diagnostic::FileId(0)))
            .unwrap_or_else(|e| panic!("{}: {e:?}", alert.name));
        let labels = output_labels(&expr);
        for label in &alert.template_labels {
            references += 1;
            if !labels.may_have(label) {
                missing.push((alert.name.clone(), label.clone()));
            }
        }
    }
    missing.sort();
    missing.dedup();
    let mut expected: Vec<(String, String)> = KNOWN_MISSING_LABELS
        .iter()
        .map(|(a, l)| (a.to_string(), l.to_string()))
        .collect();
    expected.sort();
    println!(
        "kube-prometheus alerts: {references} $labels references, {} to labels the expression drops",
        missing.len()
    );
    assert!(references > 200, "only {references} label references");
    assert_eq!(missing, expected);
}

#[test]
fn legends_use_labels_their_query_keeps() {
    let reference = regex::Regex::new(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}").unwrap();
    let options = ParseOptions {
        file: dac::diagnostic::FileId(0),
        offset: 0,
        grafana: true,
    };
    let mut references = 0;
    let mut missing = Vec::new();
    for query in dashboard_queries() {
        let Some(legend) = &query.legend else {
            continue;
        };
        let expr =
            parse(&query.text, &options).unwrap_or_else(|e| panic!("{}: {e:?}", query.place));
        let labels = output_labels(&expr);
        for label in reference.captures_iter(legend) {
            references += 1;
            if !labels.may_have(&label[1]) {
                missing.push(format!(
                    "{}: {{{{{}}}}} in {}",
                    query.place, &label[1], query.text
                ));
            }
        }
    }
    println!(
        "kube-prometheus legends: {references} label references, {} missing",
        missing.len()
    );
    assert!(references > 200, "only {references} legend references");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
