//! ## What it does
//! Flags `histogram_quantile` over classic histogram buckets (`*_bucket` series, or a
//! recording rule of them such as `job_le:x_bucket:rate5m`) when an aggregation in its
//! argument drops the `le` label: `sum by (job) (rate(x_bucket[5m]))`.
//!
//! ## Why is this bad?
//! A classic histogram is one series per bucket, told apart by `le`, the bucket's upper
//! bound. Summed without `le`, the buckets collapse into one series and
//! `histogram_quantile` has nothing to interpolate: it returns no result at all, so the
//! panel is empty and the alert can never fire. (Native histograms have no `le` and are
//! not flagged.)
//!
//! ## Example
//! ```text
//! histogram_quantile(0.99, sum by (job) (rate(http_request_duration_seconds_bucket[5m])))
//! ```
//!
//! ## Use instead
//! ```text
//! histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, ExprKind};
use crate::promql::labels::output_labels;
use crate::promql::visit::{Visitor, metric_names, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for query in input.queries() {
        let mut calls = Calls(Vec::new());
        calls.visit_expr(&query.expr);
        for arg in calls.0 {
            if output_labels(arg).may_have("le") || !reads_buckets(arg) {
                continue;
            }
            let at = dropper(arg).unwrap_or(arg.span);
            out.push(
                Finding::new(
                    at,
                    "`histogram_quantile` over buckets without `le`: it returns nothing",
                    "this drops `le`",
                )
                .with_help(
                    "keep `le` in the aggregation: `sum by (..., le) (...)`, or remove `le` \
                     from its `without (...)`",
                ),
            );
        }
    }
}

/// Whether the expression reads classic histogram buckets, directly or recorded.
fn reads_buckets(expr: &Expr) -> bool {
    metric_names(expr)
        .iter()
        .any(|n| n.ends_with("_bucket") || n.contains("_bucket:"))
}

/// The grouping (or the aggregation) that drops `le`: the outermost aggregation whose
/// input still has it.
fn dropper(expr: &Expr) -> Option<crate::diagnostic::Span> {
    struct Find(Option<crate::diagnostic::Span>);
    impl<'a> Visitor<'a> for Find {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.0.is_some() {
                return;
            }
            if let ExprKind::Aggregate(a) = &expr.kind
                && !output_labels(expr).may_have("le")
                && output_labels(&a.expr).may_have("le")
            {
                let grouping = a.grouping.as_ref().map(|g| g.span);
                self.0 = Some(grouping.unwrap_or(a.op_span));
                return;
            }
            walk_expr(self, expr);
        }
    }
    let mut find = Find(None);
    find.visit_expr(expr);
    find.0
}

/// The `x` of every `histogram_quantile(φ, x)`.
struct Calls<'a>(Vec<&'a Expr>);

impl<'a> Visitor<'a> for Calls<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let ExprKind::Call { func, args } = &expr.kind
            && func.name == "histogram_quantile"
            && let Some(arg) = args.get(1)
        {
            self.0.push(arg);
        }
        walk_expr(self, expr);
    }
}
