//! ## What it does
//! Online (`dac lint --prometheus URL`): reads each job's real scrape interval from
//! `/api/v1/targets` and flags a literal range of `rate`, `irate`, `increase`, `delta`
//! or `deriv`, in a panel or a rule, that spans fewer than 4 scrapes of the job it
//! reads. The job is the selector's `job="..."` matcher, else the catalog service that
//! exports the metric; a selector of neither, or of a job Prometheus does not scrape,
//! is not checked. When a job's targets disagree, the slowest one counts. Ranges that
//! are Grafana variables (`$__rate_interval`) are Grafana's to size.
//!
//! ## Why is this bad?
//! `rate()` needs two samples in its window, and a scrape can fail or land late. A
//! window of fewer than 4 scrapes returns nothing after one missed scrape: the panel
//! has gaps, and an alert on it resolves and fires again. The interval that matters is
//! the one Prometheus really uses, which is not always what the catalog or the
//! ServiceMonitor says.
//!
//! ## Example
//! With `trade-service` scraped every 30s:
//! ```text
//! record "job:trade_orders:rate1m" = `sum by (job) (rate(trade_orders_total[1m]))`
//! ```
//!
//! ## Use instead
//! ```text
//! record "job:trade_orders:rate2m" = `sum by (job) (rate(trade_orders_total[2m]))`
//! ```

use std::collections::BTreeMap;

use crate::diagnostic::Span;

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::online::checks::scrape_interval::{RangeTooShort, range_too_short};
use crate::lint::online::{ApiError, PrometheusApi, Selector, probe};
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Duration, Expr, ExprKind, MatchOp};
use crate::promql::visit::{Visitor, walk_expr};

/// The functions whose result depends on how many samples fall in the range.
const RATE_FUNCTIONS: &[&str] = &["rate", "irate", "increase", "delta", "deriv"];

pub fn check(
    input: &LintInput,
    _: &LintSettings,
    api: &dyn PrometheusApi,
    out: &mut Vec<Finding>,
) -> Result<(), ApiError> {
    let intervals = probe::scrape_intervals(api)?;
    let jobs: BTreeMap<&str, &str> = input
        .project
        .services
        .iter()
        .flat_map(|s| s.metrics.iter().map(|m| (m.name.as_str(), s.job.as_str())))
        .collect();
    let mut ranges = Ranges(Vec::new());
    for query in input.queries() {
        ranges.visit_expr(&query.expr);
    }
    for (expr, millis, span) in ranges.0 {
        let ExprKind::Matrix { selector, .. } = &expr.kind else {
            continue;
        };
        let Some(selector) = Selector::from_ast(selector) else {
            continue;
        };
        let Some(job) = job_of(&selector, &jobs) else {
            continue;
        };
        let Some(live) = intervals.get(job) else {
            continue;
        };
        if let Some(short) = range_too_short(millis, live) {
            out.push(finding(span, job, &short));
        }
    }
    Ok(())
}

/// The rate functions' literal range selectors: the matrix, its range and the range's
/// span.
struct Ranges<'a>(Vec<(&'a Expr, u64, Span)>);

impl<'a> Visitor<'a> for Ranges<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let ExprKind::Call { func, args } = &expr.kind
            && RATE_FUNCTIONS.contains(&func.name.as_str())
        {
            for arg in args {
                if let ExprKind::Matrix {
                    range: Duration::Literal { millis, span },
                    ..
                } = &arg.kind
                {
                    self.0
                        .push((arg, u64::try_from(*millis).unwrap_or(0), *span));
                }
            }
        }
        walk_expr(self, expr);
    }
}

/// The job a selector reads: its literal `job="..."` matcher, else its metric's
/// catalog service.
fn job_of<'a>(selector: &'a Selector, jobs: &BTreeMap<&str, &'a str>) -> Option<&'a str> {
    let matched = selector
        .matchers
        .iter()
        .find(|m| m.label == "job" && m.op == MatchOp::Equal);
    match matched {
        Some(m) => Some(m.value.as_str()),
        None => jobs.get(selector.metric.as_str()).copied(),
    }
}

fn finding(span: Span, job: &str, short: &RangeTooShort) -> Finding {
    Finding::new(
        span,
        format!("job `{job}`: {short}"),
        "fewer than 4 scrapes",
    )
    .with_help(
        "one missed scrape leaves too few samples in a shorter range; in a dashboard, \
         `$__rate_interval` sizes the range from the data source's scrape interval",
    )
}
