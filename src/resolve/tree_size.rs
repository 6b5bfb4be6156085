//! How big a piece of syntax tree is, in nodes: what the expansion budget counts.
//!
//! A statement, a value and a list item are a node each, and text counts one more node
//! for every [`TEXT_PER_NODE`] bytes: a template holding one 10 KB query costs what its
//! copies will cost once they are parsed and printed, not what a one-word attribute does.

use crate::ast::{Body, Stmt, Value, ValueKind};

/// Bytes of text that count as one node.
pub const TEXT_PER_NODE: usize = 32;

pub fn stmts(stmts: &[Stmt]) -> usize {
    stmts.iter().map(stmt).fold(0, usize::saturating_add)
}

pub fn stmt(stmt: &Stmt) -> usize {
    let comments = &stmt.comments;
    let comment_text: usize = comments
        .leading
        .iter()
        .chain(&comments.trailing)
        .chain(&comments.inner)
        .map(|c| c.text.len())
        .sum();
    1usize
        .saturating_add(text(&stmt.key.text))
        .saturating_add(comment_text / TEXT_PER_NODE)
        .saturating_add(
            stmt.headers
                .iter()
                .map(value)
                .fold(0, usize::saturating_add),
        )
        .saturating_add(stmt.value.as_ref().map_or(0, value))
        .saturating_add(stmt.body.as_ref().map_or(0, body))
}

fn body(body: &Body) -> usize {
    stmts(&body.stmts)
}

pub fn value(value: &Value) -> usize {
    let inner = match &value.kind {
        ValueKind::String { text: t, .. }
        | ValueKind::Duration { text: t, .. }
        | ValueKind::Number { text: t, .. }
        | ValueKind::Name(t)
        | ValueKind::Param(t) => text(t),
        ValueKind::Query(q) => text(&q.text),
        ValueKind::List(items) => items
            .iter()
            .map(|i| {
                1usize.saturating_add(i.key.as_ref().map_or(0, self::value)) + self::value(&i.value)
            })
            .fold(0, usize::saturating_add),
        ValueKind::Map(b) => body(b),
        ValueKind::Join(parts) => parts.iter().map(self::value).fold(0, usize::saturating_add),
        ValueKind::Compare { lhs, rhs, .. } => self::value(lhs).saturating_add(self::value(rhs)),
        ValueKind::Call(call) => call
            .args
            .iter()
            .map(|a| 1usize.saturating_add(a.value.as_ref().map_or(0, self::value)))
            .fold(text(&call.name.text), usize::saturating_add),
    };
    inner.saturating_add(1)
}

fn text(t: &str) -> usize {
    t.len() / TEXT_PER_NODE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;

    fn size(src: &str) -> usize {
        let (file, diags) = crate::syntax::parse(FileId(0), src);
        assert!(diags.is_empty(), "{diags:?}");
        stmts(&file.unwrap().stmts)
    }

    #[test]
    fn counts_statements_values_and_text() {
        assert_eq!(size("unit = \"s\"\n"), 2);
        assert_eq!(size("stat \"a\" { unit = \"s\" }\n"), 4);
        assert_eq!(size("x = [1, 2]\n"), 1 + 1 + 2 * 2);
        let long = format!("query `{}`\n", "a".repeat(320));
        assert_eq!(size(&long), 1 + 1 + 10);
    }
}
