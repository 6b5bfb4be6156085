//! Selector scopes: label matchers a block adds to every vector selector in it that has
//! no matcher on that label. Injected into the PromQL syntax tree, never into text.

use super::cx::Cx;
use super::error::ErrorKind;
use crate::ast::{AssignOpKind, Value, ValueKind};
use crate::diagnostic::Span;
use crate::promql::ast::{Expr, ExprKind, Ident, MatchOp, Matcher, VectorSelector};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    pub matchers: Vec<ScopeMatcher>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScopeMatcher {
    pub label: String,
    pub op: MatchOp,
    pub value: String,
    /// The entry in the `scope` map, which errors about the injected matcher point at.
    pub span: Span,
    pub value_span: Span,
}

impl Scope {
    /// This scope with the matchers of a `scope = { ... }` value added; an inner matcher
    /// replaces an outer one on the same label.
    pub fn with(&self, cx: &mut Cx, value: &Value) -> Scope {
        let mut out = self.clone();
        let ValueKind::Map(body) = &value.kind else {
            cx.wrong_type(value, "scope", "a map of matchers `{ label = \"value\" }`");
            return out;
        };
        let mut seen = super::cx::Seen::default();
        for stmt in &body.stmts {
            let Some(v) = cx.attr_allowing(stmt, &mut seen, true) else {
                continue;
            };
            let label = stmt.key.text.clone();
            if !is_label_name(&label) {
                cx.error(
                    stmt.key.span,
                    ErrorKind::BadName {
                        what: "label name",
                        name: label,
                        rule: "label names are letters, digits and `_`, not starting with a digit",
                    },
                );
                continue;
            }
            let Some(text) = cx.word(v, &label) else {
                continue;
            };
            let op = match stmt.op.map(|o| o.kind) {
                Some(AssignOpKind::NotEq) => MatchOp::NotEqual,
                Some(AssignOpKind::Regex) => MatchOp::Regex,
                Some(AssignOpKind::NotRegex) => MatchOp::NotRegex,
                _ => MatchOp::Equal,
            };
            out.matchers.retain(|m| m.label != label);
            out.matchers.push(ScopeMatcher {
                label,
                op,
                value: text,
                span: stmt.span,
                value_span: v.span,
            });
        }
        out
    }

    /// Adds the scope's matchers to every selector of `expr` lacking them.
    pub fn inject(&self, expr: &mut Expr) {
        if self.matchers.is_empty() {
            return;
        }
        selectors_mut(expr, &mut |selector| self.inject_selector(selector));
    }

    pub fn inject_selector(&self, selector: &mut VectorSelector) {
        for m in &self.matchers {
            let has = selector.matchers.iter().any(|x| x.label.name == m.label)
                || (m.label == "__name__" && selector.name.is_some());
            if has {
                continue;
            }
            selector.matchers.push(Matcher {
                label: Ident {
                    name: m.label.clone(),
                    span: m.span,
                },
                op: m.op,
                value: m.value.clone(),
                value_span: m.value_span,
                span: m.span,
            });
        }
    }
}

pub fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Calls `f` on every vector selector of `expr`, range selectors' included.
pub fn selectors_mut(expr: &mut Expr, f: &mut dyn FnMut(&mut VectorSelector)) {
    match &mut expr.kind {
        ExprKind::Vector(selector) | ExprKind::Matrix { selector, .. } => f(selector),
        ExprKind::Subquery { expr, .. } | ExprKind::Paren(expr) | ExprKind::Unary { expr, .. } => {
            selectors_mut(expr, f)
        }
        ExprKind::Binary(b) => {
            selectors_mut(&mut b.lhs, f);
            selectors_mut(&mut b.rhs, f);
        }
        ExprKind::Aggregate(a) => {
            if let Some(p) = &mut a.param {
                selectors_mut(p, f);
            }
            selectors_mut(&mut a.expr, f);
        }
        ExprKind::Call { args, .. } => {
            for a in args {
                selectors_mut(a, f);
            }
        }
        ExprKind::Number { .. } | ExprKind::String(_) | ExprKind::Variable(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;
    use crate::promql::{ParseOptions, parse, print};

    fn scope(entries: &[(&str, MatchOp, &str)]) -> Scope {
        Scope {
            matchers: entries
                .iter()
                .map(|(label, op, value)| ScopeMatcher {
                    label: label.to_string(),
                    op: *op,
                    value: value.to_string(),
                    span: Span::DUMMY,
                    value_span: Span::DUMMY,
                })
                .collect(),
        }
    }

    fn scoped(query: &str, s: &Scope) -> String {
        let mut expr = parse(query, &ParseOptions::new(FileId(0))).unwrap();
        s.inject(&mut expr);
        print(&expr)
    }

    #[test]
    fn adds_matchers_to_selectors_lacking_them() {
        let s = scope(&[
            ("service", MatchOp::Equal, "trade"),
            ("env", MatchOp::NotRegex, "dev|test"),
        ]);
        assert_eq!(
            scoped(
                "sum(rate(x{service=\"other\"}[5m])) / on() group_left y offset 5m",
                &s
            ),
            "sum(rate(x{service=\"other\", env!~\"dev|test\"}[5m])) / on () group_left () y{service=\"trade\", env!~\"dev|test\"} offset 5m"
        );
        assert_eq!(scoped("1 + 2", &s), "1 + 2");
    }

    #[test]
    fn a_metric_name_counts_as_a_name_matcher() {
        let s = scope(&[("__name__", MatchOp::Regex, "up|x")]);
        assert_eq!(scoped("up", &s), "up");
        assert_eq!(scoped("{job=\"a\"}", &s), "{job=\"a\", __name__=~\"up|x\"}");
    }
}
