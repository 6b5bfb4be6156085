//! The Grafana variables a dashboard query refers to, wherever the tree keeps them.

use crate::diagnostic::Span;
use crate::promql::ast::{Duration, Expr, ExprKind, Modifiers, VectorSelector};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// Without `$`, braces or format: `instance`, `__rate_interval`.
    pub name: String,
    pub span: Span,
}

/// Every variable in `expr`, in source order.
pub fn variables(expr: &Expr) -> Vec<VarRef> {
    let mut out = Vec::new();
    walk(expr, &mut out);
    out
}

fn walk(expr: &Expr, out: &mut Vec<VarRef>) {
    match &expr.kind {
        ExprKind::Variable(v) => out.push(VarRef {
            name: v.name.clone(),
            span: v.span,
        }),
        ExprKind::Vector(s) => selector(s, out),
        ExprKind::Matrix {
            selector: s,
            range,
            modifiers,
            ..
        } => {
            selector(s, out);
            duration(range, out);
            mods(modifiers, out);
        }
        ExprKind::Subquery {
            expr,
            range,
            step,
            modifiers,
        } => {
            walk(expr, out);
            duration(range, out);
            if let Some(step) = step {
                duration(step, out);
            }
            mods(modifiers, out);
        }
        ExprKind::Paren(e) | ExprKind::Unary { expr: e, .. } => walk(e, out),
        ExprKind::Binary(b) => {
            walk(&b.lhs, out);
            walk(&b.rhs, out);
            if let Some(m) = &b.matching {
                for l in &m.labels {
                    text(&l.name, l.span, out);
                }
                if let Some(g) = &m.group {
                    for l in &g.labels {
                        text(&l.name, l.span, out);
                    }
                }
            }
        }
        ExprKind::Aggregate(a) => {
            if let Some(p) = &a.param {
                walk(p, out);
            }
            walk(&a.expr, out);
            if let Some(g) = &a.grouping {
                for l in &g.labels {
                    text(&l.name, l.span, out);
                }
            }
        }
        ExprKind::Call { args, .. } => {
            for a in args {
                walk(a, out);
            }
        }
        ExprKind::Number { .. } | ExprKind::String(_) => {}
    }
}

fn selector(s: &VectorSelector, out: &mut Vec<VarRef>) {
    if let Some(name) = &s.name {
        text(&name.name, name.span, out);
    }
    for m in &s.matchers {
        text(&m.label.name, m.label.span, out);
        text(&m.value, m.value_span, out);
    }
    mods(&s.modifiers, out);
}

fn mods(m: &Modifiers, out: &mut Vec<VarRef>) {
    if let Some(offset) = &m.offset {
        duration(&offset.duration, out);
    }
}

fn duration(d: &Duration, out: &mut Vec<VarRef>) {
    if let Duration::Variable(v) = d {
        out.push(VarRef {
            name: v.name.clone(),
            span: v.span,
        });
    }
}

/// Variables written inside a name or string: `$x`, `${x}`, `${x:format}`, `[[x]]`.
fn text(s: &str, span: Span, out: &mut Vec<VarRef>) {
    for name in names_in(s) {
        out.push(VarRef { name, span });
    }
}

/// The variable names in `s`, following Grafana's pattern. Names starting with a digit
/// (`$1` in a regex replacement) are not variables.
pub fn names_in(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let word = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (start, len) = match b[i] {
            b'$' if b.get(i + 1) == Some(&b'{') => (i + 2, word(i + 2)),
            b'$' => (i + 1, word(i + 1)),
            b'[' if b.get(i + 1) == Some(&b'[') => {
                let n = word(i + 2);
                let rest = &s[(i + 2 + n).min(s.len())..];
                let closes =
                    rest.starts_with("]]") || (rest.starts_with(':') && rest[1..].contains("]]"));
                if closes { (i + 2, n) } else { (i + 2, 0) }
            }
            _ => (i + 1, 0),
        };
        if len > 0 && !b[start].is_ascii_digit() {
            out.push(s[start..start + len].to_string());
            i = start + len;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::names_in;

    #[test]
    fn finds_names_in_text() {
        assert_eq!(names_in("$a|${b:regex}|[[c]]"), vec!["a", "b", "c"]);
        assert!(names_in("cost$|^a$|x$1|[[:alpha:]]").is_empty());
    }
}
