//! Normalising a document so that only real changes remain: what servers add (Grafana's
//! `id`, `version`, `iteration`, `meta`; Kubernetes' bookkeeping) is dropped, key order
//! does not count (the values keep keys sorted), PromQL is compared by its syntax tree
//! (its canonical print), and a ConfigMap's embedded dashboards and rule files are read
//! into values so they are compared as documents, not as one long string.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::document::{Document, Kind};
use crate::diagnostic::FileId;
use crate::lint::online::duration;
use crate::promql::ast::Expr;
use crate::promql::visit::for_each_selector_mut;
use crate::promql::{self, ParseOptions};

/// Dashboard fields Grafana sets on save; the sources never decide them.
const DASHBOARD_NOISE: [&str; 4] = ["id", "version", "iteration", "meta"];

/// Object metadata the Kubernetes API server adds.
const KUBE_NOISE: [&str; 6] = [
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "managedFields",
    "selfLink",
];

pub fn all(documents: Vec<Document>) -> Vec<Document> {
    // Each document on its own: on every core, in order.
    crate::par::map(documents, document)
}

pub fn document(mut doc: Document) -> Document {
    match doc.kind {
        Kind::Dashboard => dashboard(&mut doc.body),
        Kind::RuleFile => rule_groups(doc.body.get_mut("groups")),
        Kind::PrometheusRule => {
            kube(&mut doc.body);
            let spec = doc.body.get_mut("spec");
            rule_groups(spec.and_then(|s| s.get_mut("groups")));
        }
        Kind::ConfigMap => {
            kube(&mut doc.body);
            config_map_data(&mut doc.body);
        }
        Kind::ServiceMonitor => kube(&mut doc.body),
        Kind::RuleTest | Kind::Other => {}
    }
    doc
}

/// A dashboard: Grafana's noise dropped at the top and from every panel (a panel's `id`
/// is its place in the list, not its identity), and every query in canonical form.
pub fn dashboard(body: &mut Value) {
    if let Value::Object(map) = body {
        for key in DASHBOARD_NOISE {
            map.remove(key);
        }
        if let Some(Value::Array(panels)) = map.get_mut("panels") {
            panels.iter_mut().for_each(panel);
        }
        if let Some(Value::Array(vars)) = map.get_mut("templating").and_then(|t| t.get_mut("list"))
        {
            for var in vars {
                queries(var, true);
            }
        }
    }
}

fn panel(panel: &mut Value) {
    if let Value::Object(map) = panel {
        map.remove("id");
        if let Some(Value::Array(inner)) = map.get_mut("panels") {
            inner.iter_mut().for_each(self::panel);
        }
        if let Some(Value::Array(targets)) = map.get_mut("targets") {
            for target in targets {
                queries(target, true);
            }
        }
    }
}

/// Every `expr` of the rules of these groups in canonical form, and every duration as
/// Prometheus writes it (`300s` and `5m` are one `for`; a zero `for` is none).
fn rule_groups(groups: Option<&mut Value>) {
    let Some(Value::Array(groups)) = groups else {
        return;
    };
    for group in groups {
        durations(group, &["interval", "query_offset"]);
        if let Some(Value::Array(rules)) = group.get_mut("rules") {
            for rule in rules {
                queries(rule, false);
                durations(rule, &["for", "keep_firing_for"]);
            }
        }
    }
}

/// The durations at `keys` of `object` in Prometheus' own form; a zero one dropped (it
/// means the same as none). What does not parse stays as written.
fn durations(object: &mut Value, keys: &[&str]) {
    let Value::Object(map) = object else {
        return;
    };
    for key in keys {
        let Some(Value::String(text)) = map.get(*key) else {
            continue;
        };
        match duration::parse_millis(text.trim()) {
            Some(0) => {
                map.remove(*key);
            }
            Some(ms) => {
                map.insert(
                    (*key).to_string(),
                    Value::String(duration::format_millis(ms)),
                );
            }
            None => {}
        }
    }
}

/// A query in canonical form with each selector's matchers sorted, as a running
/// Prometheus answers it (`dac diff --prometheus`): the order of matchers never changes
/// what a selector selects. The sources' order is kept elsewhere, as written.
pub fn canonical_sorted(text: &str) -> String {
    printed(text, false, |expr| {
        for_each_selector_mut(expr, &mut |s| {
            s.matchers
                .sort_by(|a, b| (&a.label.name, &a.value).cmp(&(&b.label.name, &b.value)));
        });
    })
}

/// `text` parsed, changed by `edit` and printed; trimmed when it does not parse.
fn printed(text: &str, grafana: bool, edit: impl FnOnce(&mut Expr)) -> String {
    let options = ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana,
    };
    match promql::parse(text, &options) {
        Ok(mut expr) => {
            edit(&mut expr);
            promql::print(&expr)
        }
        Err(_) => text.trim().to_string(),
    }
}

/// The `expr` (and a variable's `query`) of one object, in canonical form.
fn queries(object: &mut Value, grafana: bool) {
    for key in ["expr", "query"] {
        if let Some(Value::String(text)) = object.get_mut(key) {
            *text = canonical(text, grafana);
        }
    }
}

/// The canonical print of a query, or the text trimmed when it does not parse (a
/// variable's `label_values(...)` query, or a query some other tool wrote).
pub fn canonical(text: &str, grafana: bool) -> String {
    // A project's dashboards repeat their queries; each text is printed once a thread.
    let mode = usize::from(grafana);
    if let Some(known) = CANONICAL.with(|m| m.borrow()[mode].get(text).cloned()) {
        return known;
    }
    let printed = printed(text, grafana, |_| {});
    CANONICAL.with(|m| {
        let m = &mut m.borrow_mut()[mode];
        // Bounded, whatever the input: past the limit the memo starts over.
        if m.len() >= CANONICAL_MEMO {
            m.clear();
        }
        m.insert(text.to_string(), printed.clone());
    });
    printed
}

/// How many canonical texts a thread remembers.
const CANONICAL_MEMO: usize = 4096;

thread_local! {
    /// Canonical texts by text: rule queries, then dashboard queries (`grafana as usize`).
    static CANONICAL: RefCell<[HashMap<String, String>; 2]> = RefCell::default();
}

/// Kubernetes bookkeeping: the server's metadata fields, `status`, and the annotation
/// `kubectl apply` leaves behind.
fn kube(body: &mut Value) {
    let Value::Object(map) = body else {
        return;
    };
    map.remove("status");
    if let Some(Value::Object(meta)) = map.get_mut("metadata") {
        for key in KUBE_NOISE {
            meta.remove(key);
        }
        if let Some(Value::Object(notes)) = meta.get_mut("annotations") {
            notes.remove("kubectl.kubernetes.io/last-applied-configuration");
            if notes.is_empty() {
                meta.remove("annotations");
            }
        }
    }
}

/// A ConfigMap's `*.json` dashboards and `*.yml` rule files, read and normalised as the
/// documents they are; other data stays text.
fn config_map_data(body: &mut Value) {
    let Some(Value::Object(data)) = body.get_mut("data") else {
        return;
    };
    let entries: Vec<(String, Value)> = std::mem::take(data).into_iter().collect();
    let mut read = Map::new();
    for (name, value) in entries {
        let parsed = match &value {
            Value::String(text) => Document::read(&name, text)
                .ok()
                .filter(|docs| docs.len() == 1)
                .and_then(|mut docs| docs.pop()),
            _ => None,
        };
        let value = match parsed {
            Some(doc) if matches!(doc.kind, Kind::Dashboard | Kind::RuleFile) => document(doc).body,
            _ => value,
        };
        read.insert(name, value);
    }
    *data = read;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_reformatted_query_has_one_canonical_form() {
        assert_eq!(
            canonical("sum by(job)(rate(x{a=\"1\"}[5m]))", false),
            canonical("sum(\n  rate(x{a='1'}[5m])\n) by (job)", false)
        );
        assert_eq!(
            canonical("label_values(up, job)", true),
            "label_values(up, job)"
        );
    }

    #[test]
    fn rules_compare_as_prometheus_answers_them() {
        assert_eq!(
            canonical_sorted("x{namespace=\"a\", job=\"b\"} > 1"),
            canonical_sorted("x{job='b',namespace='a'}>1")
        );
        let mut groups = json!([{"name": "g", "interval": "60s", "rules": [
            {"alert": "A", "expr": "x", "for": "300s", "keep_firing_for": "0s"}]}]);
        rule_groups(Some(&mut groups));
        assert_eq!(
            groups,
            json!([{"name": "g", "interval": "1m", "rules": [{"alert": "A", "expr": "x", "for": "5m"}]}])
        );
    }

    #[test]
    fn grafana_noise_is_dropped() {
        let mut body =
            json!({"id": 3, "version": 7, "uid": "u", "panels": [{"id": 1, "title": "a"}]});
        dashboard(&mut body);
        assert_eq!(body, json!({"uid": "u", "panels": [{"title": "a"}]}));
    }
}
