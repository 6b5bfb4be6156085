//! ## What it does
//! Flags a counter whose raw value is used (compared, summed, shown) instead of its
//! rate, and `rate`, `irate` or `increase` over a gauge. A metric's type comes from the
//! catalog, where a histogram's `_bucket`, `_sum` and `_count` and a summary's `_sum` and
//! `_count` are counters; a metric the catalog does not have is a counter when its name
//! ends in `_total`. Counting series (`count`, `group`, `absent`) and filtering by them (the
//! right side of `and`/`unless`) read no value and are not flagged.
//!
//! ## Why is this bad?
//! A counter only goes up, and starts again from 0 when the process restarts. Its raw
//! value says how much happened since some restart no one chose: a threshold on it
//! fires or not depending on uptime, and a graph of it is a staircase. `rate()` over a
//! gauge treats every fall as a counter reset and returns nonsense.
//!
//! ## Example
//! ```text
//! alert "PaymentsFailing" {
//!   expr = `sum by (job) (payments_failed_total) > 10`
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! alert "PaymentsFailing" {
//!   expr = `sum by (job) (increase(payments_failed_total[10m])) > 10`
//! }
//! ```
//! For a gauge, use `deriv()` or `delta()`, or the gauge itself.

use crate::lint::cardinality::{CatalogIndex, Suffix};
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::model::MetricKind;
use crate::promql::ast::{AggregateOp, BinaryOp, Expr, ExprKind, VectorSelector};
use crate::promql::visit::selectors;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let kinds = input.catalog();
    for query in input.queries() {
        walk(&query.expr, kinds, out);
    }
}

fn kind_of(selector: &VectorSelector, kinds: &CatalogIndex) -> Option<MetricKind> {
    let name = selector.name.as_ref()?.name.as_str();
    match kinds.lookup(name) {
        // The series of a histogram's buckets, or a histogram's or summary's sum and
        // count, only go up.
        Some(entry) if entry.suffix != Suffix::Plain => Some(MetricKind::Counter),
        // A recording rule has no kind.
        Some(entry) => entry.sources.first().and_then(|s| s.kind),
        None if name.ends_with("_total") && !name.contains(':') => Some(MetricKind::Counter),
        None => None,
    }
}

/// Looks for both faults below `expr`, where the value of `expr` is used.
fn walk(expr: &Expr, kinds: &CatalogIndex, out: &mut Vec<Finding>) {
    match &expr.kind {
        ExprKind::Vector(selector) => {
            if kind_of(selector, kinds) == Some(MetricKind::Counter) {
                out.push(raw_counter(expr, selector));
            }
        }
        ExprKind::Call { func, args } => match func.name.as_str() {
            // These read series, not values.
            "absent" | "absent_over_time" | "present_over_time" | "count_over_time"
            | "timestamp" | "changes" | "resets" => {}
            "rate" | "irate" | "increase" => {
                for s in args.iter().flat_map(selectors) {
                    if kind_of(s, kinds) == Some(MetricKind::Gauge) {
                        out.push(rate_of_gauge(func.span, &func.name, s));
                    }
                }
            }
            _ => args.iter().for_each(|a| walk(a, kinds, out)),
        },
        ExprKind::Aggregate(a) => {
            if !matches!(a.op, AggregateOp::Count | AggregateOp::Group) {
                walk(&a.expr, kinds, out);
            }
        }
        ExprKind::Binary(b) => {
            walk(&b.lhs, kinds, out);
            if !matches!(b.op, BinaryOp::And | BinaryOp::Unless) {
                walk(&b.rhs, kinds, out);
            }
        }
        ExprKind::Paren(inner) | ExprKind::Unary { expr: inner, .. } => walk(inner, kinds, out),
        ExprKind::Subquery { expr: inner, .. } => walk(inner, kinds, out),
        ExprKind::Matrix { .. }
        | ExprKind::Number { .. }
        | ExprKind::String(_)
        | ExprKind::Variable(_) => {}
    }
}

fn raw_counter(expr: &Expr, selector: &VectorSelector) -> Finding {
    let name = selector.name.as_ref().map_or("", |n| n.name.as_str());
    Finding::new(
        expr.span,
        format!("counter `{name}` is read as a raw value: it only grows, and restarts reset it"),
        "a counter's value, not its rate",
    )
    .with_help(format!(
        "read how fast it grows: `rate({name}[5m])`, or how much it grew: \
         `increase({name}[1h])`"
    ))
}

fn rate_of_gauge(at: crate::diagnostic::Span, func: &str, selector: &VectorSelector) -> Finding {
    let name = selector.name.as_ref().map_or("", |n| n.name.as_str());
    Finding::new(
        at,
        format!("`{func}()` over gauge `{name}`: every fall looks like a counter reset"),
        "for counters only",
    )
    .with_help(format!(
        "use `deriv({name}[5m])` for its slope, `delta({name}[1h])` for its change, or \
         the gauge itself"
    ))
}
