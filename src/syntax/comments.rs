//! Attaching comments to statements by position, so a formatter can reprint them:
//! a comment on a statement's last line is its trailing comment, whole-line comments
//! lead the next statement of the same block, and comments before a `}` (or the end of
//! the file) with no statement after them dangle in that block.

use crate::ast::{Body, Comment, Stmt, Value, ValueKind};

/// Distributes `comments` (sorted by position) over `stmts`; what is left is returned as
/// the block's dangling comments.
pub fn attach(stmts: &mut [Stmt], comments: Vec<Comment>, text: &str) -> Vec<Comment> {
    let mut dangling = Vec::new();
    let mut inside: Vec<Vec<Comment>> = vec![Vec::new(); stmts.len()];
    for c in comments {
        let at = c.span.start;
        if let Some(i) = stmts
            .iter()
            .position(|s| s.span.start <= at && at < s.span.end)
        {
            inside[i].push(c);
            continue;
        }
        let prev = stmts.iter().rposition(|s| s.span.end <= at);
        let same_line = prev.is_some_and(|i| {
            text.get(stmts[i].span.end as usize..at as usize)
                .is_some_and(|between| !between.contains('\n'))
        });
        match prev {
            Some(i) if same_line && stmts[i].comments.trailing.is_none() => {
                stmts[i].comments.trailing = Some(c);
            }
            _ => match stmts.iter().position(|s| s.span.start >= c.span.end) {
                Some(next) => stmts[next].comments.leading.push(c),
                None => dangling.push(c),
            },
        }
    }
    for (stmt, cs) in stmts.iter_mut().zip(inside) {
        if !cs.is_empty() {
            attach_inside(stmt, cs, text);
        }
    }
    dangling
}

/// Comments within a statement's span go to the innermost block that holds them, or else
/// to the statement's `inner` comments.
fn attach_inside(stmt: &mut Stmt, comments: Vec<Comment>, text: &str) {
    let mut bodies: Vec<&mut Body> = Vec::new();
    for h in &mut stmt.headers {
        collect_bodies(h, &mut bodies);
    }
    if let Some(v) = &mut stmt.value {
        collect_bodies(v, &mut bodies);
    }
    if let Some(b) = &mut stmt.body {
        bodies.push(b);
    }
    let mut per_body: Vec<Vec<Comment>> = vec![Vec::new(); bodies.len()];
    for c in comments {
        match bodies
            .iter()
            .position(|b| b.span.start < c.span.start && c.span.start < b.span.end)
        {
            Some(i) => per_body[i].push(c),
            None => stmt.comments.inner.push(c),
        }
    }
    for (body, cs) in bodies.into_iter().zip(per_body) {
        if !cs.is_empty() {
            let dangling = attach(&mut body.stmts, cs, text);
            body.dangling.extend(dangling);
        }
    }
}

fn collect_bodies<'a>(value: &'a mut Value, out: &mut Vec<&'a mut Body>) {
    match &mut value.kind {
        ValueKind::Map(b) => out.push(b),
        ValueKind::List(items) => {
            for item in items {
                collect_bodies(&mut item.value, out);
            }
        }
        ValueKind::Join(parts) => {
            for p in parts {
                collect_bodies(p, out);
            }
        }
        ValueKind::Call(call) => {
            for arg in &mut call.args {
                if let Some(v) = &mut arg.value {
                    collect_bodies(v, out);
                }
            }
        }
        _ => {}
    }
}
