//! A tree with each span changed by a function: [`Span::DUMMY`] everywhere, to compare
//! trees ignoring where they came from (round-trip tests, diff); or moved, to reuse a
//! query parsed at one place for the same text at another.

use super::{
    AggregateExpr, At, BinaryExpr, Duration, Expr, ExprKind, GrafanaVar, Group, Grouping, Ident,
    Matcher, Modifiers, Offset, VectorMatching, VectorSelector,
};
use crate::diagnostic::Span;

impl Expr {
    /// This tree with every span replaced by [`Span::DUMMY`].
    pub fn without_spans(&self) -> Expr {
        self.map_spans(&|_| Span::DUMMY)
    }

    /// This tree with every span `s` replaced by `f(s)`.
    pub fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Expr {
        let m = Mapper(f);
        m.expr(self)
    }
}

struct Mapper<'f>(&'f dyn Fn(Span) -> Span);

impl Mapper<'_> {
    fn span(&self, s: Span) -> Span {
        (self.0)(s)
    }

    fn boxed(&self, e: &Expr) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn expr(&self, e: &Expr) -> Expr {
        let kind = match &e.kind {
            ExprKind::Number { value, raw } => ExprKind::Number {
                value: *value,
                raw: raw.clone(),
            },
            ExprKind::String(s) => ExprKind::String(s.clone()),
            ExprKind::Vector(s) => ExprKind::Vector(self.selector(s)),
            ExprKind::Matrix {
                selector,
                range,
                range_span,
                modifiers,
            } => ExprKind::Matrix {
                selector: self.selector(selector),
                range: self.duration(range),
                range_span: self.span(*range_span),
                modifiers: self.modifiers(modifiers),
            },
            ExprKind::Subquery {
                expr,
                range,
                step,
                modifiers,
            } => ExprKind::Subquery {
                expr: self.boxed(expr),
                range: self.duration(range),
                step: step.as_ref().map(|d| self.duration(d)),
                modifiers: self.modifiers(modifiers),
            },
            ExprKind::Paren(inner) => ExprKind::Paren(self.boxed(inner)),
            ExprKind::Unary { op, expr } => ExprKind::Unary {
                op: *op,
                expr: self.boxed(expr),
            },
            ExprKind::Binary(b) => ExprKind::Binary(Box::new(self.binary(b))),
            ExprKind::Aggregate(a) => ExprKind::Aggregate(Box::new(AggregateExpr {
                op: a.op,
                op_span: self.span(a.op_span),
                param: a.param.as_ref().map(|p| self.expr(p)),
                expr: self.expr(&a.expr),
                grouping: a.grouping.as_ref().map(|g| Grouping {
                    without: g.without,
                    labels: self.idents(&g.labels),
                    span: self.span(g.span),
                }),
            })),
            ExprKind::Call { func, args } => ExprKind::Call {
                func: self.ident(func),
                args: args.iter().map(|a| self.expr(a)).collect(),
            },
            ExprKind::Variable(v) => ExprKind::Variable(self.variable(v)),
        };
        Expr {
            kind,
            span: self.span(e.span),
        }
    }

    fn binary(&self, b: &BinaryExpr) -> BinaryExpr {
        BinaryExpr {
            op: b.op,
            op_span: self.span(b.op_span),
            lhs: self.expr(&b.lhs),
            rhs: self.expr(&b.rhs),
            return_bool: b.return_bool,
            matching: b.matching.as_ref().map(|m| VectorMatching {
                on: m.on,
                labels: self.idents(&m.labels),
                group: m.group.as_ref().map(|g| Group {
                    side: g.side,
                    labels: self.idents(&g.labels),
                    span: self.span(g.span),
                }),
                span: self.span(m.span),
            }),
        }
    }

    fn ident(&self, i: &Ident) -> Ident {
        Ident {
            name: i.name.clone(),
            span: self.span(i.span),
        }
    }

    fn idents(&self, list: &[Ident]) -> Vec<Ident> {
        list.iter().map(|i| self.ident(i)).collect()
    }

    fn variable(&self, v: &GrafanaVar) -> GrafanaVar {
        GrafanaVar {
            span: self.span(v.span),
            ..v.clone()
        }
    }

    fn duration(&self, d: &Duration) -> Duration {
        match d {
            Duration::Literal { millis, span } => Duration::Literal {
                millis: *millis,
                span: self.span(*span),
            },
            Duration::Variable(v) => Duration::Variable(self.variable(v)),
        }
    }

    fn selector(&self, s: &VectorSelector) -> VectorSelector {
        VectorSelector {
            name: s.name.as_ref().map(|n| self.ident(n)),
            matchers: s
                .matchers
                .iter()
                .map(|m| Matcher {
                    label: self.ident(&m.label),
                    op: m.op,
                    value: m.value.clone(),
                    value_span: self.span(m.value_span),
                    span: self.span(m.span),
                })
                .collect(),
            modifiers: self.modifiers(&s.modifiers),
        }
    }

    fn modifiers(&self, m: &Modifiers) -> Modifiers {
        Modifiers {
            offset: m.offset.as_ref().map(|o| Offset {
                negative: o.negative,
                duration: self.duration(&o.duration),
                span: self.span(o.span),
            }),
            at: m.at.as_ref().map(|a| match a {
                At::Timestamp { seconds, raw, span } => At::Timestamp {
                    seconds: *seconds,
                    raw: raw.clone(),
                    span: self.span(*span),
                },
                At::Start(s) => At::Start(self.span(*s)),
                At::End(s) => At::End(self.span(*s)),
            }),
        }
    }
}
