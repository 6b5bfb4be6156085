//! ## What it does
//! Flags `histogram_quantile` over classic histogram buckets (`*_bucket` series, or a
//! recording rule of them such as `job_le:x_bucket:rate5m`) when an aggregation in its
//! argument drops the `le` label: `sum by (job) (rate(x_bucket[5m]))`. Also flags
//! `histogram_quantile` over a metric that is not a histogram's buckets: a counter, a
//! gauge or a summary in the catalog, or a histogram's `_sum` or `_count` (by the
//! catalog, else by the name's suffix: `_total`, `_sum`, `_count`).
//!
//! ## Why is this bad?
//! A classic histogram is one series per bucket, told apart by `le`, the bucket's upper
//! bound. Summed without `le`, the buckets collapse into one series and
//! `histogram_quantile` has nothing to interpolate: it returns no result at all, so the
//! panel is empty and the alert can never fire. Over series that are not buckets (a
//! counter, a histogram's `_count`) there is no `le` to begin with: the same empty
//! result. (Native histograms have no `le` and are not flagged.)
//!
//! ## Example
//! ```text
//! histogram_quantile(0.99, sum by (job) (rate(http_request_duration_seconds_bucket[5m])))
//! histogram_quantile(0.99, rate(http_request_duration_seconds_count[5m]))
//! ```
//!
//! ## Use instead
//! ```text
//! histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))
//! ```

use crate::diagnostic::Span;
use crate::lint::cardinality::{CatalogIndex, Suffix};
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::known_labels::metric_name;
use crate::lint::settings::LintSettings;
use crate::model::MetricKind;
use crate::promql::ast::{Expr, ExprKind, VectorSelector};
use crate::promql::labels::output_labels;
use crate::promql::visit::{Visitor, metric_names, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for query in input.queries() {
        let mut calls = Calls(Vec::new());
        calls.visit_expr(&query.expr);
        for arg in calls.0 {
            not_buckets(input, arg, out);
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

/// Each metric read under `histogram_quantile` that is known not to be buckets.
fn not_buckets(input: &LintInput, arg: &Expr, out: &mut Vec<Finding>) {
    struct Read<'a>(Vec<(&'a str, Span)>);
    impl<'a> Visitor<'a> for Read<'a> {
        fn visit_selector(&mut self, selector: &'a VectorSelector, expr: &'a Expr) {
            if let Some(name) = metric_name(selector) {
                self.0.push((name, expr.span));
            }
        }
    }
    let mut read = Read(Vec::new());
    read.visit_expr(arg);
    for (name, at) in read.0 {
        let Some(what) = not_bucket(input.catalog(), name) else {
            continue;
        };
        out.push(
            Finding::new(
                at,
                format!(
                    "`histogram_quantile` over `{name}`, {what}, not a histogram's buckets: \
                     it returns nothing"
                ),
                "not buckets",
            )
            .with_help(
                "read the histogram's `_bucket` series, keeping `le`: \
                 `histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))`",
            ),
        );
    }
}

/// What `name` is when it is known not to be a histogram's buckets: from the catalog,
/// else from its suffix; `None` for buckets, a recording rule, a histogram's own name (a
/// native histogram) or a name nothing tells about.
fn not_bucket(catalog: &CatalogIndex, name: &str) -> Option<&'static str> {
    if let Some(entry) = catalog.lookup(name) {
        let kinds: Vec<Option<MetricKind>> = entry.sources.iter().map(|s| s.kind).collect();
        return match entry.suffix {
            Suffix::Bucket => None,
            Suffix::Total => Some("a histogram's or a summary's `_sum` or `_count`"),
            Suffix::Plain => match kinds.as_slice() {
                [Some(MetricKind::Counter), ..] => Some("a counter"),
                [Some(MetricKind::Gauge), ..] => Some("a gauge"),
                [Some(MetricKind::Summary), ..] => Some("a summary"),
                _ => None,
            },
        };
    }
    if name.contains(':') {
        return None; // a recording rule outside the project: its name does not say
    }
    if name.ends_with("_total") {
        Some("a counter")
    } else if name.ends_with("_count") || name.ends_with("_sum") {
        Some("a `_sum` or `_count` series")
    } else {
        None
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
