//! Comparing trees while ignoring where they came from: every span set to
//! [`Span::DUMMY`]. Used by round-trip tests (`parse(print(t)) == t`) and by diff.

use super::{
    AggregateExpr, At, BinaryExpr, Duration, Expr, ExprKind, GrafanaVar, Group, Grouping, Ident,
    Matcher, Modifiers, Offset, VectorMatching, VectorSelector,
};
use crate::diagnostic::Span;

impl Expr {
    /// This tree with every span replaced by [`Span::DUMMY`].
    pub fn without_spans(&self) -> Expr {
        let kind = match &self.kind {
            ExprKind::Number { value, raw } => ExprKind::Number {
                value: *value,
                raw: raw.clone(),
            },
            ExprKind::String(s) => ExprKind::String(s.clone()),
            ExprKind::Vector(s) => ExprKind::Vector(selector(s)),
            ExprKind::Matrix {
                selector: s,
                range,
                modifiers: m,
                ..
            } => ExprKind::Matrix {
                selector: selector(s),
                range: duration(range),
                range_span: Span::DUMMY,
                modifiers: modifiers(m),
            },
            ExprKind::Subquery {
                expr,
                range,
                step,
                modifiers: m,
            } => ExprKind::Subquery {
                expr: Box::new(expr.without_spans()),
                range: duration(range),
                step: step.as_ref().map(duration),
                modifiers: modifiers(m),
            },
            ExprKind::Paren(e) => ExprKind::Paren(Box::new(e.without_spans())),
            ExprKind::Unary { op, expr } => ExprKind::Unary {
                op: *op,
                expr: Box::new(expr.without_spans()),
            },
            ExprKind::Binary(b) => ExprKind::Binary(Box::new(BinaryExpr {
                op: b.op,
                op_span: Span::DUMMY,
                lhs: b.lhs.without_spans(),
                rhs: b.rhs.without_spans(),
                return_bool: b.return_bool,
                matching: b.matching.as_ref().map(|m| VectorMatching {
                    on: m.on,
                    labels: idents(&m.labels),
                    group: m.group.as_ref().map(|g| Group {
                        side: g.side,
                        labels: idents(&g.labels),
                        span: Span::DUMMY,
                    }),
                    span: Span::DUMMY,
                }),
            })),
            ExprKind::Aggregate(a) => ExprKind::Aggregate(Box::new(AggregateExpr {
                op: a.op,
                op_span: Span::DUMMY,
                param: a.param.as_ref().map(Expr::without_spans),
                expr: a.expr.without_spans(),
                grouping: a.grouping.as_ref().map(|g| Grouping {
                    without: g.without,
                    labels: idents(&g.labels),
                    span: Span::DUMMY,
                }),
            })),
            ExprKind::Call { func, args } => ExprKind::Call {
                func: ident(func),
                args: args.iter().map(Expr::without_spans).collect(),
            },
            ExprKind::Variable(v) => ExprKind::Variable(variable(v)),
        };
        Expr {
            kind,
            span: Span::DUMMY,
        }
    }
}

fn ident(i: &Ident) -> Ident {
    Ident {
        name: i.name.clone(),
        span: Span::DUMMY,
    }
}

fn idents(list: &[Ident]) -> Vec<Ident> {
    list.iter().map(ident).collect()
}

fn variable(v: &GrafanaVar) -> GrafanaVar {
    GrafanaVar {
        span: Span::DUMMY,
        ..v.clone()
    }
}

fn duration(d: &Duration) -> Duration {
    match d {
        Duration::Literal { millis, .. } => Duration::Literal {
            millis: *millis,
            span: Span::DUMMY,
        },
        Duration::Variable(v) => Duration::Variable(variable(v)),
    }
}

fn selector(s: &VectorSelector) -> VectorSelector {
    VectorSelector {
        name: s.name.as_ref().map(ident),
        matchers: s
            .matchers
            .iter()
            .map(|m| Matcher {
                label: ident(&m.label),
                op: m.op,
                value: m.value.clone(),
                value_span: Span::DUMMY,
                span: Span::DUMMY,
            })
            .collect(),
        modifiers: modifiers(&s.modifiers),
    }
}

fn modifiers(m: &Modifiers) -> Modifiers {
    Modifiers {
        offset: m.offset.as_ref().map(|o| Offset {
            negative: o.negative,
            duration: duration(&o.duration),
            span: Span::DUMMY,
        }),
        at: m.at.as_ref().map(|a| match a {
            At::Timestamp { seconds, raw, .. } => At::Timestamp {
                seconds: *seconds,
                raw: raw.clone(),
                span: Span::DUMMY,
            },
            At::Start(_) => At::Start(Span::DUMMY),
            At::End(_) => At::End(Span::DUMMY),
        }),
    }
}
