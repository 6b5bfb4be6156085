//! ## What it does
//! Flags `rate`, `irate` or `increase` over an aggregation: over a subquery of one,
//! `rate(sum(x)[5m:])`, or over a recording rule of the project whose expression is an
//! aggregation, `rate(job:x:sum[5m])` where `job:x:sum` records `sum by (job) (x)`.
//! An aggregation reached through a function (`rate(abs(sum(x))[5m:])`) is flagged too:
//! no function gives back the resets the aggregation hid.
//!
//! ## Why is this bad?
//! `rate` finds counter resets by looking for a value that falls. A sum of counters
//! falls when any one of them restarts, by that counter's whole value, and `rate` takes
//! the fall for a reset of the sum: it adds the sum's whole value back, and the result
//! shows a huge spike every time one process restarts. It also falls, or jumps, when a
//! series joins or leaves the sum. Rate first, then sum: each counter's resets are seen
//! on that counter alone.
//!
//! ## Example
//! ```text
//! record "job:http_requests:rate5m" = `rate(sum by (job) (http_requests_total)[5m:])`
//! ```
//!
//! ## Use instead
//! ```text
//! record "job:http_requests:rate5m" = `sum by (job) (rate(http_requests_total[5m]))`
//! ```

use std::collections::BTreeMap;

use crate::diagnostic::Span;
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, ExprKind};
use crate::promql::visit::{Visitor, selector_metric_names, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    // The recording rules whose expression is an aggregation, by recorded name.
    let aggregated: BTreeMap<&str, &str> = input
        .records()
        .filter_map(|r| Some((r.record.as_str(), aggregation(&r.expr.expr)?.1)))
        .collect();
    for query in input.queries() {
        let mut calls = Calls {
            aggregated: &aggregated,
            out: &mut *out,
        };
        calls.visit_expr(&query.expr);
    }
}

/// The `rate`-like calls of a query, each checked once.
struct Calls<'a, 'o> {
    aggregated: &'a BTreeMap<&'a str, &'a str>,
    out: &'o mut Vec<Finding>,
}

impl<'a> Visitor<'a> for Calls<'_, '_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let ExprKind::Call { func, args } = &expr.kind
            && matches!(func.name.as_str(), "rate" | "irate" | "increase")
            && let Some(arg) = args.first()
        {
            match &arg.kind {
                ExprKind::Subquery { expr: inner, .. } => {
                    if let Some((at, op)) = aggregation(inner) {
                        self.out.push(over_subquery(func.span, &func.name, at, op));
                    }
                }
                ExprKind::Matrix { selector, .. } => {
                    for name in selector_metric_names(selector) {
                        if let Some(op) = self.aggregated.get(name) {
                            let at = selector.name.as_ref().map_or(arg.span, |n| n.span);
                            self.out
                                .push(over_record(func.span, &func.name, at, name, op));
                        }
                    }
                }
                _ => {}
            }
        }
        walk_expr(self, expr);
    }
}

/// The first aggregation an expression's value comes from, outside any range selection:
/// its operator's span and name. A subquery or a range function inside starts a new
/// series of samples, so what is below it is not looked at.
fn aggregation(expr: &Expr) -> Option<(Span, &'static str)> {
    match &expr.kind {
        ExprKind::Aggregate(a) => Some((a.op_span, a.op.as_str())),
        ExprKind::Paren(inner) | ExprKind::Unary { expr: inner, .. } => aggregation(inner),
        ExprKind::Binary(b) => aggregation(&b.lhs).or_else(|| aggregation(&b.rhs)),
        ExprKind::Call { args, .. } => args
            .iter()
            .filter(|a| !matches!(a.kind, ExprKind::Matrix { .. } | ExprKind::Subquery { .. }))
            .find_map(aggregation),
        ExprKind::Vector(_)
        | ExprKind::Matrix { .. }
        | ExprKind::Subquery { .. }
        | ExprKind::Number { .. }
        | ExprKind::String(_)
        | ExprKind::Variable(_) => None,
    }
}

fn over_subquery(call: Span, func: &str, at: Span, op: &str) -> Finding {
    Finding::new(
        call,
        format!(
            "`{func}()` over a `{op}`: a counter that restarts makes the {op} fall, and \
             `{func}()` takes the fall for a reset of the whole"
        ),
        format!("`{func}()` of an aggregation"),
    )
    .with_secondary(at, format!("aggregated here, before the `{func}()`"))
    .with_help(format!(
        "take the `{func}()` of each counter first, then aggregate: \
         `{op} by (...) ({func}(metric[5m]))`"
    ))
}

fn over_record(call: Span, func: &str, at: Span, record: &str, op: &str) -> Finding {
    Finding::new(
        call,
        format!(
            "`{func}()` over `{record}`, which records a `{op}`: a counter that restarts \
             makes the {op} fall, and `{func}()` takes the fall for a reset of the whole"
        ),
        format!("`{func}()` of an aggregation"),
    )
    .with_secondary(at, format!("recorded as a `{op}`"))
    .with_help(format!(
        "record the `{func}()` of each counter first, then aggregate: \
         `{op} by (...) ({func}(metric[5m]))`, or read a recording rule of that"
    ))
}
