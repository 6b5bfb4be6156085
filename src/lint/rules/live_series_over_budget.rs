//! ## What it does
//! Online (`dac lint --prometheus URL`): flags a selector whose series reach the
//! query's result without an aggregation (`sum`, `count`, `topk`, ...) in between, when
//! that Prometheus holds more of them than the query's budget (`[lint.budgets]`:
//! `panel_series`, `alert_series`, `record_series`). The series are counted with
//! `/api/v1/series` asked with a limit of the budget plus one, never with `count()`,
//! which times out on exactly the large metrics (pint#1796); a server older than 2.51
//! ignores the limit and the count is exact.
//!
//! A selector with a Grafana variable in a matcher is not counted: the variable narrows
//! it at run time, and the selector without it would be counted too high. The offline
//! `promql/cardinality` estimate, from the catalog, is the same check before deploy;
//! this one counts what is really there.
//!
//! ## Why is this bad?
//! Every series of the result is a line to draw, a row of a recording rule to store
//! each evaluation, or an alert instance to send. Thousands of them make a panel
//! unreadable and slow, a recording rule as costly as the metric it should summarize,
//! and an alert a storm of pages for one fault.
//!
//! ## Example
//! ```text
//! panel "Orders" {
//!   query = `rate(http_requests_total[$__rate_interval])`
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! panel "Orders" {
//!   query = `sum by (job) (rate(http_requests_total[$__rate_interval]))`
//! }
//! ```

use crate::lint::context::{LintInput, QueryKind};
use crate::lint::finding::Finding;
use crate::lint::online::batch;
use crate::lint::online::checks::live_cardinality::{OverBudget, over_budget};
use crate::lint::online::{ApiError, PrometheusApi, Selector, probe};
use crate::lint::settings::LintSettings;
use crate::promql::ast::{BinaryOp, Expr, ExprKind};

/// A selector to count: where it is, and the budget of its query.
struct Counted<'a> {
    at: &'a Expr,
    selector: Selector,
    kind: QueryKind,
    budget: u64,
}

pub fn check(
    input: &LintInput,
    settings: &LintSettings,
    api: &dyn PrometheusApi,
    out: &mut Vec<Finding>,
) -> Result<(), ApiError> {
    let mut counted = Vec::new();
    for (kind, query) in input.queries_by_kind() {
        let mut reaching = Vec::new();
        unaggregated(&query.expr, &mut reaching);
        counted.extend(reaching.into_iter().filter_map(|at| {
            let selector = match &at.kind {
                ExprKind::Vector(vs) | ExprKind::Matrix { selector: vs, .. } => {
                    Selector::from_ast(vs)?
                }
                _ => return None,
            };
            (!selector.partial).then_some(Counted {
                at,
                selector,
                kind,
                budget: kind.budget(&settings.budgets),
            })
        }));
    }
    let counts = batch::run(&counted, |c| probe::live_count(api, &c.selector, c.budget));
    for (c, count) in counted.iter().zip(counts) {
        if let Some(over) = over_budget(count?, c.budget) {
            out.push(finding(c, over));
        }
    }
    Ok(())
}

/// The selectors below `expr` whose series reach its result one for one: not through
/// an aggregation, nor as the filter of `and`/`unless`, nor into `absent()`/`scalar()`.
fn unaggregated<'a>(expr: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &expr.kind {
        ExprKind::Vector(_) | ExprKind::Matrix { .. } => out.push(expr),
        ExprKind::Call { func, args } => match func.name.as_str() {
            "absent" | "absent_over_time" | "scalar" => {}
            _ => args.iter().for_each(|a| unaggregated(a, out)),
        },
        ExprKind::Aggregate(_) => {}
        ExprKind::Binary(b) => {
            unaggregated(&b.lhs, out);
            if !matches!(b.op, BinaryOp::And | BinaryOp::Unless) {
                unaggregated(&b.rhs, out);
            }
        }
        ExprKind::Paren(inner) | ExprKind::Unary { expr: inner, .. } => unaggregated(inner, out),
        ExprKind::Subquery { expr: inner, .. } => unaggregated(inner, out),
        ExprKind::Number { .. } | ExprKind::String(_) | ExprKind::Variable(_) => {}
    }
}

fn finding(c: &Counted, over: OverBudget) -> Finding {
    let (what, key) = match c.kind {
        QueryKind::Panel => ("a panel query", "panel_series"),
        QueryKind::Alert => ("an alert", "alert_series"),
        QueryKind::Record => ("a recording rule", "record_series"),
    };
    Finding::new(
        c.at.span,
        over.to_string(),
        format!("{} reach the result one for one", over.count),
    )
    .with_help(format!(
        "the budget of {what} is `[lint.budgets] {key} = {}`: aggregate to the labels \
         it needs (`sum by (...)`), or add matchers",
        c.budget
    ))
}
