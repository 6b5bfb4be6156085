//! A dashboard's changes in words: settings, variables, links, then panels. Panels are
//! matched by a stable identity, their title and the row they are in (and which of
//! several with that title), never by position or `id`: a panel added at the top is the
//! only one that shows, and one that moved says so.

use std::collections::BTreeMap;

use serde_json::Value;

use super::outcome::QueryChange;
use super::words::{self, text};

/// Keys compared as lists of named things or as panels, not as settings.
const NOT_SETTINGS: [&str; 4] = ["panels", "templating", "links", "annotations"];

/// Panel fields with words of their own, or that only say where the panel is.
const PANEL_OWN: [&str; 6] = [
    "gridPos",
    "targets",
    "fieldConfig",
    "options",
    "title",
    "panels",
];

/// The changes in words, and the queries that changed (for the query diff).
pub fn changes(old: &Value, new: &Value) -> (Vec<String>, Vec<QueryChange>) {
    let mut lines = settings(old, new);
    for (list, what) in [("templating", "variable"), ("annotations", "annotation")] {
        let get = |v: &Value| v.get(list).and_then(|l| l.get("list")).cloned();
        lines.extend(named_list(get(old), get(new), what, "name"));
    }
    lines.extend(named_list(
        old.get("links").cloned(),
        new.get("links").cloned(),
        "link",
        "title",
    ));
    let mut queries = Vec::new();
    lines.extend(panels(old, new, &mut queries));
    (lines, queries)
}

fn settings(old: &Value, new: &Value) -> Vec<String> {
    let (Some(a), Some(b)) = (old.as_object(), new.as_object()) else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !NOT_SETTINGS.contains(&k.as_str()) && a.get(*k) != b.get(*k))
        .map(|k| words::change(&format!("setting {k}"), a.get(k), b.get(k)))
        .collect()
}

/// Variables, links, annotations: by name, added, removed or changed.
fn named_list(old: Option<Value>, new: Option<Value>, what: &str, key: &str) -> Vec<String> {
    let by_name = |v: &Option<Value>| -> BTreeMap<String, Value> {
        let items = v
            .as_ref()
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut map = BTreeMap::new();
        for item in items {
            let mut name = text(&item, key).to_string();
            while map.contains_key(&name) {
                name.push('\'');
            }
            map.insert(name, item);
        }
        map
    };
    let (a, b) = (by_name(&old), by_name(&new));
    let mut lines = Vec::new();
    for (name, item) in &a {
        match b.get(name) {
            None => lines.push(format!("{what} \"{name}\" removed")),
            Some(other) if other != item => {
                let fields = changed_keys(item, other);
                lines.push(format!("{what} \"{name}\": {} changed", fields.join(", ")));
            }
            Some(_) => {}
        }
    }
    for name in b.keys().filter(|n| !a.contains_key(*n)) {
        lines.push(format!("{what} \"{name}\" added"));
    }
    lines
}

/// The top-level keys of two objects whose values differ.
fn changed_keys(old: &Value, new: &Value) -> Vec<String> {
    let (Some(a), Some(b)) = (old.as_object(), new.as_object()) else {
        return vec!["value".to_string()];
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// A panel with its place in the tree.
struct Placed<'a> {
    /// Row title and panel title, and which of several such: the identity.
    id: (String, String, usize),
    panel: &'a Value,
}

/// Every panel in dashboard order: rows, the panels under each (a collapsed row holds
/// them; an open one is followed by them).
fn flatten(dashboard: &Value) -> Vec<Placed<'_>> {
    let mut out: Vec<Placed<'_>> = Vec::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut row = String::new();
    let mut place = |row: &str, title: String, panel| {
        let n = seen.entry((row.to_string(), title.clone())).or_default();
        out.push(Placed {
            id: (row.to_string(), title, *n),
            panel,
        });
        *n += 1;
    };
    let top = dashboard.get("panels").and_then(Value::as_array);
    for panel in top.into_iter().flatten() {
        if text(panel, "type") != "row" {
            place(&row, text(panel, "title").to_string(), panel);
            continue;
        }
        row = text(panel, "title").to_string();
        place("", format!("row \"{row}\""), panel);
        let inner = panel.get("panels").and_then(Value::as_array);
        for p in inner.into_iter().flatten() {
            place(&row, text(p, "title").to_string(), p);
        }
    }
    out
}

/// How a report names a panel: `panel "p95 latency"`, or `row "HTTP"`.
fn name(id: &(String, String, usize)) -> String {
    let (row, title, n) = id;
    if title.starts_with("row \"") && row.is_empty() {
        return title.clone();
    }
    let nth = if *n > 0 {
        format!(" (#{})", n + 1)
    } else {
        String::new()
    };
    if row.is_empty() {
        format!("panel \"{title}\"{nth}")
    } else {
        format!("panel \"{title}\"{nth} in row \"{row}\"")
    }
}

fn panels(old: &Value, new: &Value, queries: &mut Vec<QueryChange>) -> Vec<String> {
    let (a, b) = (flatten(old), flatten(new));
    let ids = |side: &[Placed<'_>]| side.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    let (a_ids, b_ids) = (ids(&a), ids(&b));
    let common_a: Vec<_> = a_ids
        .iter()
        .filter(|id| b_ids.contains(id))
        .cloned()
        .collect();
    let common_b: Vec<_> = b_ids
        .iter()
        .filter(|id| a_ids.contains(id))
        .cloned()
        .collect();
    let moved = moved(&common_a, &common_b);
    // A panel only one side has in its row, and the other side has in another row, by
    // the same title: it moved between rows.
    let gone: Vec<&Placed<'_>> = a.iter().filter(|p| !b_ids.contains(&p.id)).collect();
    let came: Vec<&Placed<'_>> = b.iter().filter(|p| !a_ids.contains(&p.id)).collect();
    let mut across: Vec<(&Placed<'_>, &Placed<'_>)> = Vec::new();
    for p in &came {
        let taken = |q: &Placed<'_>| across.iter().any(|(o, _)| std::ptr::eq(*o, q));
        if let Some(q) = gone
            .iter()
            .find(|q| q.id.1 == p.id.1 && q.id.0 != p.id.0 && !taken(q))
        {
            across.push((q, p));
        }
    }
    let mut lines = Vec::new();
    for p in &gone {
        if !across.iter().any(|(o, _)| std::ptr::eq(*o, *p)) {
            lines.push(format!("{} removed", name(&p.id)));
        }
    }
    for p in &b {
        if let Some((q, _)) = across.iter().find(|(_, n)| std::ptr::eq(*n, p)) {
            let mut said = panel_changes(q.panel, p.panel, &name(&p.id), queries);
            said.insert(0, format!("moved from row \"{}\"", q.id.0));
            lines.push(format!("{}: {}", name(&p.id), said.join(", ")));
            continue;
        }
        let Some(q) = a.iter().find(|q| q.id == p.id) else {
            lines.push(format!("{} added", name(&p.id)));
            continue;
        };
        let mut said = panel_changes(q.panel, p.panel, &name(&p.id), queries);
        if moved.contains(&p.id) {
            said.insert(0, "moved".to_string());
        }
        if !said.is_empty() {
            lines.push(format!("{}: {}", name(&p.id), said.join(", ")));
        }
    }
    lines
}

/// The panels both sides have whose order among them changed: those outside the longest
/// common subsequence, so one panel moved is the one reported.
fn moved<T: PartialEq + Clone + Ord + std::hash::Hash>(old: &[T], new: &[T]) -> Vec<T> {
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, old, new);
    let mut out = Vec::new();
    for op in ops {
        if let similar::DiffOp::Insert {
            new_index, new_len, ..
        } = op
        {
            out.extend(new[new_index..new_index + new_len].iter().cloned());
        }
        if let similar::DiffOp::Replace {
            new_index, new_len, ..
        } = op
        {
            out.extend(new[new_index..new_index + new_len].iter().cloned());
        }
    }
    out
}

/// One panel's changes: queries, legend, unit, thresholds, options, size, the rest.
fn panel_changes(
    old: &Value,
    new: &Value,
    place: &str,
    queries: &mut Vec<QueryChange>,
) -> Vec<String> {
    let mut said = targets(old.get("targets"), new.get("targets"), place, queries);
    let defaults = |v: &Value, key: &str| {
        v.get("fieldConfig")
            .and_then(|f| f.get("defaults"))
            .and_then(|d| d.get(key))
            .cloned()
    };
    for (key, what) in [("unit", "unit"), ("thresholds", "thresholds")] {
        let (x, y) = (defaults(old, key), defaults(new, key));
        if x != y {
            said.push(words::change(what, x.as_ref(), y.as_ref()));
        }
    }
    let rest = |v: &Value| {
        let mut f = v.get("fieldConfig").cloned().unwrap_or(Value::Null);
        if let Some(Value::Object(d)) = f.get_mut("defaults") {
            d.remove("unit");
            d.remove("thresholds");
        }
        f
    };
    if rest(old) != rest(new) {
        said.push("field config changed".to_string());
    }
    if old.get("options") != new.get("options") {
        let keys = changed_keys(
            old.get("options").unwrap_or(&Value::Null),
            new.get("options").unwrap_or(&Value::Null),
        );
        said.push(format!("options changed ({})", keys.join(", ")));
    }
    let size = |v: &Value| {
        let g = v.get("gridPos");
        (
            g.and_then(|g| g.get("w")).cloned(),
            g.and_then(|g| g.get("h")).cloned(),
        )
    };
    if size(old) != size(new) {
        said.push("size changed".to_string());
    }
    for key in changed_keys(old, new) {
        if !PANEL_OWN.contains(&key.as_str()) {
            said.push(words::change(&key, old.get(&key), new.get(&key)));
        }
    }
    said
}

/// Queries by `refId`: added, removed, or their query, legend and options changed.
fn targets(
    old: Option<&Value>,
    new: Option<&Value>,
    place: &str,
    queries: &mut Vec<QueryChange>,
) -> Vec<String> {
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let (a, b) = (list(old), list(new));
    let single = a.len() <= 1 && b.len() <= 1;
    let label = |r: &str| {
        if single {
            "query".to_string()
        } else {
            format!("query {r}")
        }
    };
    let mut said = Vec::new();
    for t in &a {
        let r = text(t, "refId");
        if !b.iter().any(|u| text(u, "refId") == r) {
            said.push(format!("{} removed", label(r)));
        }
    }
    for t in &b {
        let r = text(t, "refId");
        let Some(o) = a.iter().find(|u| text(u, "refId") == r) else {
            said.push(format!("{} added", label(r)));
            continue;
        };
        if o.get("expr") != t.get("expr") {
            said.push(format!("{} changed", label(r)));
            queries.push(QueryChange {
                place: format!("{place} {}", label(r)),
                old: text(o, "expr").to_string(),
                new: text(t, "expr").to_string(),
            });
        }
        if o.get("legendFormat") != t.get("legendFormat") {
            said.push(words::change(
                "legend",
                o.get("legendFormat"),
                t.get("legendFormat"),
            ));
        }
        let others: Vec<String> = changed_keys(o, t)
            .into_iter()
            .filter(|k| k != "expr" && k != "legendFormat")
            .collect();
        if !others.is_empty() {
            said.push(format!(
                "{} options changed ({})",
                label(r),
                others.join(", ")
            ));
        }
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn panel(title: &str, y: u32, expr: &str) -> Value {
        json!({"title": title, "type": "timeseries", "gridPos": {"x": 0, "y": y, "w": 12, "h": 8},
               "targets": [{"refId": "A", "expr": expr}]})
    }

    #[test]
    fn a_panel_added_at_the_top_is_the_only_change() {
        let old = json!({"panels": [panel("a", 0, "x"), panel("b", 8, "y")]});
        let new =
            json!({"panels": [panel("new", 0, "z"), panel("a", 8, "x"), panel("b", 16, "y")]});
        assert_eq!(changes(&old, &new).0, ["panel \"new\" added"]);
    }

    #[test]
    fn a_panel_moved_to_another_row_says_so() {
        let row = |t: &str| json!({"type": "row", "title": t, "gridPos": {"w": 24, "h": 1}});
        let old = json!({"panels": [row("r1"), panel("a", 1, "x"), row("r2")]});
        let new = json!({"panels": [row("r1"), row("r2"), panel("a", 2, "x")]});
        assert_eq!(
            changes(&old, &new).0,
            ["panel \"a\" in row \"r2\": moved from row \"r1\""]
        );
    }

    #[test]
    fn a_moved_panel_and_a_changed_query_are_named() {
        let old = json!({"panels": [panel("a", 0, "x"), panel("b", 8, "y")]});
        let new = json!({"panels": [panel("b", 0, "y2"), panel("a", 8, "x")]});
        let (lines, queries) = changes(&old, &new);
        assert_eq!(lines, ["panel \"b\": moved, query changed"]);
        assert_eq!(queries[0].old, "y");
    }
}
