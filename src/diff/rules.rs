//! Rule groups' changes in words: groups added, removed, or with a new interval; rules
//! matched by group and name (and labels, for several of one name), then per rule its
//! expr, `for`, labels and annotations:
//! `alert TradeServiceHighErrorRate: for 5m → 10m, severity warning → critical`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::outcome::QueryChange;
use super::words::{self, text};

/// The changes between two `groups` lists, and the queries that changed.
pub fn changes(old: Option<&Value>, new: Option<&Value>) -> (Vec<String>, Vec<QueryChange>) {
    let (a, b) = (by_name(old, "name"), by_name(new, "name"));
    let mut lines = Vec::new();
    let mut queries = Vec::new();
    for name in a.keys().filter(|n| !b.contains_key(*n)) {
        lines.push(format!("group {name} removed"));
    }
    for (name, group) in &b {
        let Some(old_group) = a.get(name) else {
            let count = rules(group).len();
            lines.push(format!("group {name} added ({count} rule(s))"));
            continue;
        };
        for key in ["interval", "limit", "query_offset"] {
            if old_group.get(key) != group.get(key) {
                let what = format!("group {name}: {key}");
                lines.push(words::change(&what, old_group.get(key), group.get(key)));
            }
        }
        rule_changes(old_group, group, &mut lines, &mut queries);
    }
    (lines, queries)
}

fn rule_changes(old: &Value, new: &Value, lines: &mut Vec<String>, queries: &mut Vec<QueryChange>) {
    let (a, b) = (keyed(old), keyed(new));
    for (key, _) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
        lines.push(format!("{} removed", key.0));
    }
    for (key, rule) in &b {
        let Some(old_rule) = a.get(key) else {
            lines.push(format!("{} added", key.0));
            continue;
        };
        let mut said = Vec::new();
        if old_rule.get("expr") != rule.get("expr") {
            said.push("expr changed".to_string());
            queries.push(QueryChange {
                place: key.0.clone(),
                old: text(old_rule, "expr").to_string(),
                new: text(rule, "expr").to_string(),
            });
        }
        for field in ["for", "keep_firing_for"] {
            if old_rule.get(field) != rule.get(field) {
                said.push(words::change(field, old_rule.get(field), rule.get(field)));
            }
        }
        for (map, what) in [("labels", "label"), ("annotations", "annotation")] {
            said.extend(map_changes(old_rule.get(map), rule.get(map), what));
        }
        if !said.is_empty() {
            lines.push(format!("{}: {}", key.0, said.join(", ")));
        }
    }
}

/// Labels in words (`severity warning → critical`, `label team added`); annotations,
/// long as they are, only by name (`annotation summary changed`).
fn map_changes(old: Option<&Value>, new: Option<&Value>, what: &str) -> Vec<String> {
    let empty = serde_json::Map::new();
    let a = old.and_then(Value::as_object).unwrap_or(&empty);
    let b = new.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| match (a.get(k), b.get(k), what) {
            (Some(x), Some(y), "label") => words::change(k, Some(x), Some(y)),
            (Some(_), Some(_), _) => format!("{what} {k} changed"),
            (None, _, _) => format!("{what} {k} added"),
            (Some(_), None, _) => format!("{what} {k} removed"),
        })
        .collect()
}

/// A group's rules by `alert NAME` or `record NAME`; several of one name are told apart
/// by their labels, then by their order.
fn keyed(group: &Value) -> BTreeMap<(String, String, usize), &Value> {
    let list = rules(group);
    let name = |r: &Value| match r.get("alert").and_then(Value::as_str) {
        Some(a) => format!("alert {a}"),
        None => format!("record {}", text(r, "record")),
    };
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for rule in list {
        let n = name(rule);
        let many = list.iter().filter(|r| name(r) == n).count() > 1;
        let labels = if many {
            rule.get("labels").map(Value::to_string).unwrap_or_default()
        } else {
            String::new()
        };
        let i = seen.entry((n.clone(), labels.clone())).or_default();
        out.insert((n, labels, *i), rule);
        *i += 1;
    }
    out
}

fn rules(group: &Value) -> &[Value] {
    group
        .get("rules")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn by_name<'a>(groups: Option<&'a Value>, key: &str) -> BTreeMap<String, &'a Value> {
    groups
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|g| (text(g, key).to_string(), g))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_alerts_for_and_severity_are_named() {
        let rule = |f: &str, s: &str| json!([{"name": "g", "rules": [{"alert": "A", "expr": "x > 1", "for": f, "labels": {"severity": s}}]}]);
        let (lines, queries) =
            changes(Some(&rule("5m", "warning")), Some(&rule("10m", "critical")));
        assert_eq!(
            lines,
            ["alert A: for 5m → 10m, severity warning → critical"]
        );
        assert!(queries.is_empty());
    }
}
