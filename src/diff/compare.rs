//! Each matched pair of normalised documents becomes an [`ObjectDiff`]: its status, its
//! changes in words (by kind), and the texts the exact diff is made from.

use serde_json::Value;

use super::document::{Document, Identity, Kind};
use super::outcome::{DiffReport, ObjectDiff, QueryChange, Status};
use super::{dashboard, fields, matching, rules};

/// Compares normalised documents.
pub fn compare(old: Vec<Document>, new: Vec<Document>) -> DiffReport {
    let mut objects: Vec<ObjectDiff> = matching::pair(&old, &new)
        .into_iter()
        .filter_map(|pair| match pair {
            (Some(a), Some(b)) => Some(changed(&old[a], &new[b])),
            (None, Some(b)) => Some(one_side(&new[b], Status::Added)),
            (Some(a), None) => Some(one_side(&old[a], Status::Removed)),
            (None, None) => None,
        })
        .collect();
    sort(&mut objects);
    DiffReport { objects }
}

/// Report order: dashboards first, then rules, then Kubernetes objects; by path within
/// a kind.
pub fn sort(objects: &mut [ObjectDiff]) {
    objects.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
}

/// A document both sides have, the same, at the same path.
pub fn unchanged(doc: Identity) -> ObjectDiff {
    ObjectDiff {
        status: Status::Unchanged,
        kind: doc.kind,
        name: doc.name,
        path: doc.path,
        renamed_from: None,
        changes: Vec::new(),
        queries: Vec::new(),
        old_text: String::new(),
        new_text: String::new(),
    }
}

fn one_side(doc: &Document, status: Status) -> ObjectDiff {
    let text = pretty(&doc.body);
    let (old_text, new_text) = match status {
        Status::Removed => (text, String::new()),
        _ => (String::new(), text),
    };
    ObjectDiff {
        status,
        kind: doc.kind,
        name: doc.name.clone(),
        path: doc.path.clone(),
        renamed_from: None,
        changes: Vec::new(),
        queries: Vec::new(),
        old_text,
        new_text,
    }
}

fn changed(old: &Document, new: &Document) -> ObjectDiff {
    let renamed_from = (old.path != new.path).then(|| old.path.clone());
    let same = old.body == new.body;
    let (mut changes, queries) = if same {
        (Vec::new(), Vec::new())
    } else {
        words(new.kind, &old.body, &new.body)
    };
    if let Some(from) = &renamed_from {
        changes.insert(0, format!("file renamed from {from}"));
    }
    let status = if same && renamed_from.is_none() {
        Status::Unchanged
    } else {
        Status::Changed
    };
    let (old_text, new_text) = if status == Status::Unchanged {
        (String::new(), String::new())
    } else {
        (pretty(&old.body), pretty(&new.body))
    };
    ObjectDiff {
        status,
        kind: new.kind,
        name: new.name.clone(),
        path: new.path.clone(),
        renamed_from,
        changes,
        queries,
        old_text,
        new_text,
    }
}

/// The changes in words for one kind of object.
fn words(kind: Kind, old: &Value, new: &Value) -> (Vec<String>, Vec<QueryChange>) {
    match kind {
        Kind::Dashboard => dashboard::changes(old, new),
        Kind::RuleFile => rules::changes(old.get("groups"), new.get("groups")),
        Kind::PrometheusRule => {
            let groups = |v: &Value| v.get("spec").and_then(|s| s.get("groups")).cloned();
            let (mut lines, queries) = rules::changes(groups(old).as_ref(), groups(new).as_ref());
            lines.extend(fields::changes(&without_groups(old), &without_groups(new)));
            (lines, queries)
        }
        Kind::ConfigMap => config_map(old, new),
        Kind::ServiceMonitor | Kind::RuleTest | Kind::Other => (fields::changes(old, new), vec![]),
    }
}

fn without_groups(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(Value::Object(spec)) = v.get_mut("spec") {
        spec.remove("groups");
    }
    v
}

/// A ConfigMap: its metadata field by field, each data entry in the words of what it
/// holds (a dashboard, a rule file), prefixed by the entry's name.
fn config_map(old: &Value, new: &Value) -> (Vec<String>, Vec<QueryChange>) {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Value::Object(m) = &mut v {
            m.remove("data");
        }
        v
    };
    let mut lines = fields::changes(&strip(old), &strip(new));
    let mut queries = Vec::new();
    let empty = serde_json::Map::new();
    let data = |v: &Value| v.get("data").and_then(Value::as_object).cloned();
    let (a, b) = (
        data(old).unwrap_or(empty.clone()),
        data(new).unwrap_or(empty),
    );
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (x, y) = (a.get(key), b.get(key));
        let (said, asked) = match (x, y) {
            (Some(x), Some(y)) if x == y => continue,
            (None, _) => (vec!["added".to_string()], vec![]),
            (_, None) => (vec!["removed".to_string()], vec![]),
            (Some(x), Some(y)) if x.get("panels").is_some() => dashboard::changes(x, y),
            (Some(x), Some(y)) if x.get("groups").is_some() => {
                rules::changes(x.get("groups"), y.get("groups"))
            }
            (Some(x), Some(y)) => (fields::changes(x, y), vec![]),
        };
        lines.extend(said.into_iter().map(|l| format!("data {key}: {l}")));
        queries.extend(asked);
    }
    (lines, queries)
}

/// The normalised document as the text the exact diff compares: pretty JSON, keys sorted.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
