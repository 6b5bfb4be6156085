//! Lowering vector selectors: names (also quoted, also Grafana variables) and matchers.

use pest::iterators::Pair;

use super::{Lowerer, Rule};
use crate::diagnostic::Span;
use crate::promql::ast::{
    Expr, ExprKind, GrafanaVar, Ident, MatchOp, Matcher, Modifiers, VectorSelector,
};
use crate::promql::literal;
use crate::promql::parse_error::ParseErrorKind;
use crate::promql::parser::ParseOptions;

impl Lowerer<'_> {
    pub(super) fn vector_selector(&mut self, pair: Pair<'_, Rule>) -> Option<VectorSelector> {
        let mut selector = VectorSelector {
            name: None,
            matchers: Vec::new(),
            modifiers: Modifiers::default(),
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::metric_name => {
                    selector.name = Some(Ident {
                        name: p.as_str().to_string(),
                        span: self.span(&p),
                    });
                }
                Rule::label_matchers => {
                    for m in p.into_inner().filter(|m| m.as_rule() == Rule::matcher) {
                        self.matcher(m, &mut selector)?;
                    }
                }
                _ => {}
            }
        }
        Some(selector)
    }

    fn matcher(&mut self, pair: Pair<'_, Rule>, selector: &mut VectorSelector) -> Option<()> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = inner.next()?;
        let first_span = self.span(&first);
        let Some(op) = inner.next() else {
            // A quoted name on its own is the metric name: `{"my.metric"}`.
            let name = self.unquote(&first)?;
            if let Some(existing) = &selector.name {
                let first = existing.name.clone();
                self.error(
                    first_span,
                    ParseErrorKind::MetricNameTwice {
                        first,
                        second: name,
                    },
                );
                return None;
            }
            selector.name = Some(Ident {
                name,
                span: first_span,
            });
            return Some(());
        };
        let label = match first.as_rule() {
            Rule::string_literal => self.unquote(&first)?,
            _ => first.as_str().to_string(),
        };
        let op = match op.as_str() {
            "=" => MatchOp::Equal,
            "!=" => MatchOp::NotEqual,
            "=~" => MatchOp::Regex,
            _ => MatchOp::NotRegex,
        };
        let value_pair = inner.next()?;
        let value_span = self.span(&value_pair);
        let value = self.unquote(&value_pair)?;
        selector.matchers.push(Matcher {
            label: Ident {
                name: label,
                span: first_span,
            },
            op,
            value,
            value_span,
            span,
        });
        Some(())
    }
}

pub(super) fn variable(text: &str, span: Span) -> Option<GrafanaVar> {
    let (name, format, syntax) = literal::split_variable(text)?;
    Some(GrafanaVar {
        name,
        format,
        syntax,
        span,
    })
}

/// A bare selector that is exactly one Grafana variable (`topk($n, x)`, `x > $limit`)
/// stands for a value Grafana fills in: it becomes [`ExprKind::Variable`]. Where only an
/// instant vector can go (an aggregation's operand, a function argument of vector type),
/// [`as_selector`] turns it back into a metric name.
pub(super) fn as_variable(expr: Expr, opts: &ParseOptions) -> Expr {
    let ExprKind::Vector(selector) = &expr.kind else {
        return expr;
    };
    if !opts.grafana || !selector.matchers.is_empty() {
        return expr;
    }
    let Some(name) = &selector.name else {
        return expr;
    };
    // `{"$x"}` is a quoted name, not a variable standing alone.
    if name.span.len() != name.name.len() {
        return expr;
    }
    let whole = if name.name.starts_with("[[") {
        name.name.ends_with("]]") && name.name.matches("[[").count() == 1
    } else {
        literal::dollar_variable_len(&name.name) == Some(name.name.len())
    };
    match whole.then(|| variable(&name.name, name.span)).flatten() {
        Some(var) => Expr {
            kind: ExprKind::Variable(var),
            span: expr.span,
        },
        None => expr,
    }
}

/// A Grafana variable where an instant vector must go is a metric name: `sum($metric)`.
/// Looks through parentheses.
pub(in crate::promql::parser) fn as_selector(expr: Expr) -> Expr {
    match expr.kind {
        ExprKind::Variable(var) => Expr {
            kind: ExprKind::Vector(VectorSelector {
                name: Some(Ident {
                    name: variable_text(&var),
                    span: var.span,
                }),
                matchers: Vec::new(),
                modifiers: Modifiers::default(),
            }),
            span: expr.span,
        },
        ExprKind::Paren(inner) => Expr {
            kind: ExprKind::Paren(Box::new(as_selector(*inner))),
            span: expr.span,
        },
        kind => Expr { kind, ..expr },
    }
}

/// The variable as written.
fn variable_text(var: &GrafanaVar) -> String {
    use crate::promql::ast::VarSyntax;
    let format = var
        .format
        .as_deref()
        .map(|f| format!(":{f}"))
        .unwrap_or_default();
    match var.syntax {
        VarSyntax::Dollar => format!("${}", var.name),
        VarSyntax::Braced => format!("${{{}{format}}}", var.name),
        VarSyntax::Brackets => format!("[[{}{format}]]", var.name),
    }
}
