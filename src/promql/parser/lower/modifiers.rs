//! Lowering what follows an expression: ranges, subqueries, `offset` and `@`, with
//! Prometheus' rules about which expressions may carry them.

use pest::iterators::Pair;

use super::selector::variable;
use super::{Lowerer, Rule};
use crate::diagnostic::Span;
use crate::promql::ast::{At, Duration, Expr, ExprKind, Modifiers, Offset};
use crate::promql::parse_error::ParseErrorKind;
use crate::promql::parser::operators::Node;
use crate::promql::{duration, literal};

impl Lowerer<'_> {
    pub(super) fn suffix(&mut self, mut node: Node, pair: Pair<'_, Rule>) -> Option<Node> {
        let span = self.span(&pair);
        let whole = node.expr.span.to(span);
        match pair.as_rule() {
            Rule::range => {
                let range =
                    self.duration(pair.into_inner().find(|p| p.as_rule() == Rule::duration)?)?;
                let problem = match &node.expr.kind {
                    ExprKind::Vector(s) if s.modifiers.offset.is_some() => {
                        Some(ParseErrorKind::OffsetBeforeRange)
                    }
                    ExprKind::Vector(s) if s.modifiers.at.is_some() => {
                        Some(ParseErrorKind::AtBeforeRange)
                    }
                    ExprKind::Vector(_) => None,
                    _ => Some(ParseErrorKind::RangeNotOnSelector),
                };
                if let Some(kind) = problem {
                    self.error(span, kind);
                    return Some(node);
                }
                if let ExprKind::Vector(selector) = node.expr.kind {
                    node.expr = Expr {
                        kind: ExprKind::Matrix {
                            selector,
                            range,
                            range_span: span,
                            modifiers: Modifiers::default(),
                        },
                        span: whole,
                    };
                }
                Some(node)
            }
            Rule::subquery => {
                let mut durations = pair.into_inner().filter(|p| p.as_rule() == Rule::duration);
                let range = self.duration(durations.next()?)?;
                let step = match durations.next() {
                    Some(p) => Some(self.duration(p)?),
                    None => None,
                };
                let depth = self.deeper(node.depth, span)?;
                Some(Node {
                    expr: Expr {
                        kind: ExprKind::Subquery {
                            expr: Box::new(node.expr),
                            range,
                            step,
                            modifiers: Modifiers::default(),
                        },
                        span: whole,
                    },
                    depth,
                })
            }
            Rule::offset => {
                let mut negative = false;
                let mut duration = None;
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::offset_sign => negative = true,
                        Rule::duration => duration = Some(self.duration(p)?),
                        _ => {}
                    }
                }
                let offset = Offset {
                    negative,
                    duration: duration?,
                    span,
                };
                match modifiers_mut(&mut node.expr) {
                    None => self.error(span, ParseErrorKind::OffsetNotAllowed),
                    Some(m) if m.offset.is_some() => self.error(span, ParseErrorKind::OffsetTwice),
                    Some(m) => {
                        m.offset = Some(offset);
                        node.expr.span = whole;
                    }
                }
                Some(node)
            }
            Rule::at => {
                let at = self.at(pair, span)?;
                match modifiers_mut(&mut node.expr) {
                    None => self.error(span, ParseErrorKind::AtNotAllowed),
                    Some(m) if m.at.is_some() => self.error(span, ParseErrorKind::AtTwice),
                    Some(m) => {
                        m.at = Some(at);
                        node.expr.span = whole;
                    }
                }
                Some(node)
            }
            _ => Some(node),
        }
    }

    fn at(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<At> {
        let mut sign = "";
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::at_start => return Some(At::Start(span)),
                Rule::at_end => return Some(At::End(span)),
                Rule::at_timestamp => {
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::at_sign => sign = if q.as_str() == "-" { "-" } else { "+" },
                            Rule::number_value if duration::is_duration_text(q.as_str()) => {
                                let text = q.as_str().to_string();
                                let span = self.span(&q);
                                self.error(span, ParseErrorKind::DurationAsNumber(text));
                                return None;
                            }
                            Rule::number_value => {
                                let raw = format!("{sign}{}", q.as_str());
                                let magnitude =
                                    literal::number_value(q.as_str()).unwrap_or(f64::NAN);
                                let seconds = if sign == "-" { -magnitude } else { magnitude };
                                // Prometheus keeps @ timestamps as int64 milliseconds.
                                let limit = i64::MAX as f64 / 1000.0;
                                if !seconds.is_finite() || seconds.abs() >= limit {
                                    self.error(span, ParseErrorKind::TimestampOutOfBounds(raw));
                                    return None;
                                }
                                return Some(At::Timestamp { seconds, raw, span });
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn duration(&mut self, pair: Pair<'_, Rule>) -> Option<Duration> {
        let span = self.span(&pair);
        let text = pair.as_str();
        if text.starts_with('$') || text.starts_with("[[") {
            return Some(Duration::Variable(variable(text, span)?));
        }
        if text.bytes().any(|b| b"smhdwy".contains(&b)) && !text.starts_with("0x") {
            return match duration::parse(text) {
                Ok(0) => {
                    self.error(span, ParseErrorKind::ZeroDuration);
                    None
                }
                Ok(millis) => Some(Duration::Literal { millis, span }),
                Err(e) => {
                    self.error(span, ParseErrorKind::InvalidDuration(e));
                    None
                }
            };
        }
        // A plain number is seconds: `foo[300]`. It is printed as a duration (`5m`), so it
        // must be one Prometheus can hold: whole milliseconds, more than zero, and at most
        // what its nanosecond count can hold.
        let seconds = literal::number_value(text).unwrap_or(f64::NAN);
        let millis = seconds * 1000.0;
        if !millis.is_finite() || millis.abs() >= i64::MAX as f64 / 1e6 {
            self.error(span, ParseErrorKind::BadNumberOrDuration(text.to_string()));
            return None;
        }
        if !duration::whole_millis(text) {
            self.error(span, ParseErrorKind::SubMillisecond(text.to_string()));
            return None;
        }
        let millis = millis.round() as i64;
        if millis == 0 {
            self.error(span, ParseErrorKind::ZeroDuration);
            return None;
        }
        Some(Duration::Literal { millis, span })
    }
}

/// The modifiers of the expressions that may carry `offset` and `@`.
fn modifiers_mut(expr: &mut Expr) -> Option<&mut Modifiers> {
    match &mut expr.kind {
        ExprKind::Vector(s) => Some(&mut s.modifiers),
        ExprKind::Matrix { modifiers, .. } | ExprKind::Subquery { modifiers, .. } => {
            Some(modifiers)
        }
        _ => None,
    }
}
