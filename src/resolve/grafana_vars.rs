//! The Grafana variables a dashboard query refers to, wherever the tree keeps them.

use crate::diagnostic::Span;
use crate::promql::ast::{Duration, Expr, ExprKind, Ident, Modifiers, VectorSelector};
use crate::promql::visit::{Visitor, walk_expr};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// Without `$`, braces or format: `instance`, `__rate_interval`.
    pub name: String,
    pub span: Span,
}

/// Every variable in `expr`, in source order.
pub fn variables(expr: &Expr) -> Vec<VarRef> {
    let mut collect = Collect(Vec::new());
    collect.visit_expr(expr);
    collect.0
}

/// The tree's walk finds the selectors and sub-expressions; what it does not visit
/// (durations, modifiers, the labels of `by` and `on`) is read here, after the children,
/// so variables come out in source order.
struct Collect(Vec<VarRef>);

impl<'a> Visitor<'a> for Collect {
    fn visit_expr(&mut self, expr: &'a Expr) {
        let out = &mut self.0;
        if let ExprKind::Variable(v) = &expr.kind {
            out.push(VarRef {
                name: v.name.clone(),
                span: v.span,
            });
        }
        walk_expr(self, expr);
        let out = &mut self.0;
        match &expr.kind {
            ExprKind::Matrix {
                range, modifiers, ..
            } => {
                duration(range, out);
                mods(modifiers, out);
            }
            ExprKind::Subquery {
                range,
                step,
                modifiers,
                ..
            } => {
                duration(range, out);
                if let Some(step) = step {
                    duration(step, out);
                }
                mods(modifiers, out);
            }
            ExprKind::Binary(b) => {
                if let Some(m) = &b.matching {
                    labels(&m.labels, out);
                    if let Some(g) = &m.group {
                        labels(&g.labels, out);
                    }
                }
            }
            ExprKind::Aggregate(a) => {
                if let Some(g) = &a.grouping {
                    labels(&g.labels, out);
                }
            }
            _ => {}
        }
    }

    fn visit_selector(&mut self, s: &'a VectorSelector, _: &'a Expr) {
        selector(s, &mut self.0);
    }
}

fn labels(labels: &[Ident], out: &mut Vec<VarRef>) {
    for l in labels {
        text(&l.name, l.span, out);
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
    use super::{names_in, variables};
    use crate::diagnostic::FileId;
    use crate::promql::parser::{ParseOptions, parse};

    #[test]
    fn finds_variables_wherever_the_tree_keeps_them() {
        let opts = ParseOptions {
            file: FileId(0),
            offset: 0,
            grafana: true,
        };
        let src = "sum by ($by) (rate(m{job=\"$job\"}[$__rate_interval] offset $off)) \
            / on ($on) group_left ($left) max_over_time(${metric}[$range:$step]) * $factor";
        let expr = parse(src, &opts).expect("the query parses");
        let names: Vec<String> = variables(&expr).into_iter().map(|v| v.name).collect();
        assert_eq!(
            names,
            [
                "job",
                "__rate_interval",
                "off",
                "by",
                "metric",
                "range",
                "step",
                "on",
                "left",
                "factor",
            ]
        );
    }

    #[test]
    fn finds_names_in_text() {
        assert_eq!(names_in("$a|${b:regex}|[[c]]"), vec!["a", "b", "c"]);
        assert!(names_in("cost$|^a$|x$1|[[:alpha:]]").is_empty());
    }
}
