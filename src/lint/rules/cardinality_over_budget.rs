//! ## What it does
//! Estimates, from the catalog alone, how many series a query returns, and flags a
//! query whose estimate exceeds its budget: `[lint.budgets]` `panel_series` for a
//! panel's query (default 500), `alert_series` for an alert (100), `record_series` for
//! a recording rule (1,000). The message shows the arithmetic and the span points at
//! the operator that let the series through: the selector, the `by (...)`, the binary
//! operator. An estimate from label cardinalities (no `series = N` in the catalog) is
//! an upper bound and says "at most". A metric the catalog does not have gets no
//! estimate (`promql/unknown-metric` reports it); a label the catalog marks
//! `unbounded` is `promql/high-cardinality-label`'s.
//!
//! ## Why is this bad?
//! Every series is a line Grafana draws, a row Prometheus reads on every refresh, and,
//! for an alert, a separate alert Alertmanager tracks and may page for. A panel of
//! 2,000 lines is unreadable and slow; an alert of 2,000 series floods on-call.
//! Nothing warns about it before deploy: Prometheus answers, slowly.
//!
//! ## Example
//! ```text
//! target { expr = `sum by (endpoint, method, status) (rate(http_requests_total[5m]))` }
//! ```
//! `endpoint (25) × method (7) × status (12) = 2,100 series > budget 500`
//!
//! ## Use instead
//! Aggregate away what the panel does not need, or narrow with matchers:
//! ```text
//! target { expr = `sum by (status) (rate(http_requests_total{endpoint="/orders"}[5m]))` }
//! ```
//! Or raise the budget in `dac.toml` (`[lint.budgets]`) when the size is intended.

use crate::diagnostic::Span;
use crate::lint::cardinality::{Estimate, thousands};
use crate::lint::context::{LintInput, QueryKind};
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, ExprKind};
use crate::promql::visit::{Visitor, walk_expr};

pub fn check(input: &LintInput, settings: &LintSettings, out: &mut Vec<Finding>) {
    if !input.has_catalog() {
        return;
    }
    let analyses = input.cardinality(settings);
    for ((role, query), analysis) in input.queries_by_kind().zip(analyses) {
        let (budget, what, key) = match role {
            QueryKind::Panel => (settings.budgets.panel_series, "panel query", "panel_series"),
            QueryKind::Alert => (settings.budgets.alert_series, "alert", "alert_series"),
            QueryKind::Record => (
                settings.budgets.record_series,
                "recording rule",
                "record_series",
            ),
        };
        let est = &analysis.estimate;
        let Some(n) = est.count() else {
            continue;
        };
        if n > budget {
            let mut f = finding(est, n, budget, what, key);
            if let Some(at) = keeper(&query.expr, est.span) {
                f = f.with_secondary(at, "and this keeps them all");
            }
            out.push(f);
        }
    }
}

fn finding(est: &Estimate, n: u64, budget: u64, what: &str, key: &str) -> Finding {
    let at_most = if est.upper_bound { "at most " } else { "" };
    Finding::new(
        est.span,
        format!(
            "this {what} returns {at_most}{} series, over its budget of {}: {est} > budget {}",
            thousands(n),
            thousands(budget),
            thousands(budget)
        ),
        format!("{at_most}{} series get through here", thousands(n)),
    )
    .with_help(format!(
        "aggregate away the labels you do not need (`sum by (...)`), narrow the selector \
         with matchers, or raise `{key}` under `[lint.budgets]` in dac.toml"
    ))
}

/// The outermost aggregation over the node that decided the estimate: its `by (...)`
/// (or operator) reduced nothing, so it shares the blame.
fn keeper(expr: &Expr, decided: Span) -> Option<Span> {
    struct Find(Span, Option<Span>);
    impl<'a> Visitor<'a> for Find {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.1.is_some() {
                return;
            }
            if let ExprKind::Aggregate(a) = &expr.kind
                && a.expr.span.start <= self.0.start
                && self.0.end <= a.expr.span.end
            {
                self.1 = Some(a.grouping.as_ref().map_or(a.op_span, |g| g.span));
                return;
            }
            walk_expr(self, expr);
        }
    }
    let mut find = Find(decided, None);
    find.visit_expr(expr);
    find.1
}
