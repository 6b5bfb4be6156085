//! `--format json`: one document on standard output (schema in docs/diff.md).

use serde_json::{Value, json};

use super::outcome::DiffReport;
use super::text_diff;

/// The schema's version: bumped when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

pub fn render(report: &DiffReport, base: &str) -> Value {
    let s = report.summary();
    let objects: Vec<Value> = report
        .objects
        .iter()
        .map(|o| {
            let old_name = o.renamed_from.as_deref().unwrap_or(&o.path);
            let diff = if o.old_text == o.new_text {
                String::new()
            } else {
                text_diff::unified(&o.old_text, &o.new_text, &format!("a/{old_name}"), &format!("b/{}", o.path))
            };
            json!({
                "status": o.status.word(),
                "kind": o.kind.id(),
                "name": o.name,
                "path": o.path,
                "renamed_from": o.renamed_from,
                "changes": o.changes,
                "queries": o.queries.iter().map(|q| json!({"place": q.place, "old": q.old, "new": q.new})).collect::<Vec<_>>(),
                "diff": diff,
            })
        })
        .collect();
    json!({
        "version": VERSION,
        "base": base,
        "changed": report.has_changes(),
        "summary": {"added": s.added, "removed": s.removed, "changed": s.changed, "unchanged": s.unchanged},
        "objects": objects,
    })
}
