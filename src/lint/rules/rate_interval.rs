//! ## What it does
//! Flags the range of `rate`, `irate` and `increase` where it is too short, or fixed
//! where Grafana should choose it:
//!
//! - in a dashboard panel, a range other than `$__rate_interval`, such as `[5m]` or
//!   `[$__interval]`. `$__range` (the whole time range, for a stat panel's total) and
//!   the dashboard's own variables (`[$window]`, a choice left to the viewer) are
//!   accepted, and so is any range of an instant query (`instant = true`), which has
//!   no step to follow: its range is how far back the value of "now" looks;
//! - in an alert or recording rule, a range under 4× the scrape interval of what it
//!   reads. The scrape interval is the catalog service's `interval`; for a metric that
//!   several services expose, the longest of theirs, unless a `job="..."` matcher picks
//!   one. For a recording rule of the project it is its group's `interval`. Otherwise
//!   it is Prometheus' default, 1m (`scrape_interval` and `evaluation_interval` both
//!   default to 1m), so `rate(x[2m])` over a metric dac knows nothing of is flagged:
//!   give its service an `interval` in the catalog when it is scraped more often.
//!
//! ## Why is this bad?
//! `rate` needs at least two samples in its range, and a scrape can fail or come late:
//! with a range under 4× the scrape interval, one missed scrape leaves a single sample
//! and the rate vanishes, so a graph has gaps and an alert resets its `for`. In a
//! dashboard a fixed range is too short when zoomed out (samples are skipped between
//! steps) or too long when zoomed in; `$__rate_interval` is at least 4× the data
//! source's scrape interval and grows with the step.
//!
//! ## Example
//! ```text
//! panel "Requests" { query = `sum(rate(http_requests_total[1m]))` }
//! alert "HighErrorRate" {                       # the service is scraped every 30s
//!   expr = `sum(rate(http_requests_total{status="500"}[1m])) > 1`
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! panel "Requests" { query = `sum(rate(http_requests_total[$__rate_interval]))` }
//! alert "HighErrorRate" {
//!   expr = `sum(rate(http_requests_total{status="500"}[2m])) > 1`
//! }
//! ```

use std::collections::BTreeMap;

use crate::diagnostic::Span;
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::model::{Item, MetricKind, Project, QueryKind, Rule};
use crate::promql::ast::{Duration, Expr, ExprKind, MatchOp, VectorSelector};
use crate::promql::duration::format;
use crate::promql::visit::{Visitor, selector_metric_names, walk_expr};

/// Prometheus' default `scrape_interval` and `evaluation_interval`.
const DEFAULT_INTERVAL: u64 = 60_000;

/// How many scrape intervals a rate's range needs at least.
const SCRAPES: u64 = 4;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for dashboard in &input.project.dashboards {
        for item in &dashboard.items {
            let panels = match item {
                Item::Panel(p) => std::slice::from_ref(p),
                Item::Row(row) => row.panels.as_slice(),
            };
            // An instant query has no step to follow: its range is how far back "now"
            // looks, a choice of its own.
            let targets = panels.iter().flat_map(|p| &p.targets);
            for target in targets.filter(|t| t.kind != QueryKind::Instant) {
                for (func, range) in rate_ranges(&target.query.expr) {
                    out.extend(in_dashboard(func, range.1));
                }
            }
        }
    }
    let intervals = Intervals::of(input.project);
    for rule in input
        .project
        .rule_sets
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.rules)
    {
        let expr = match rule {
            Rule::Alert(a) => &a.expr.expr,
            Rule::Record(r) => &r.expr.expr,
        };
        for (func, (selector, range)) in rate_ranges(expr) {
            let Duration::Literal { millis, span } = range else {
                continue;
            };
            let Some(source) = intervals.of_selector(selector) else {
                continue;
            };
            let needed = source.millis * SCRAPES;
            if u64::try_from(*millis).is_ok_and(|m| m < needed) {
                out.push(in_rule(func, *span, *millis, needed, &source));
            }
        }
    }
}

/// Each `rate`, `irate` and `increase` over a range selector: the function's name and
/// span, the selector and its range.
type RateRange<'a> = ((&'a str, Span), (&'a VectorSelector, &'a Duration));

fn rate_ranges(expr: &Expr) -> Vec<RateRange<'_>> {
    struct Find<'a>(Vec<RateRange<'a>>);
    impl<'a> Visitor<'a> for Find<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let ExprKind::Call { func, args } = &expr.kind
                && matches!(func.name.as_str(), "rate" | "irate" | "increase")
                && let Some(Expr {
                    kind:
                        ExprKind::Matrix {
                            selector, range, ..
                        },
                    ..
                }) = args.first()
            {
                self.0
                    .push(((func.name.as_str(), func.span), (selector, range)));
            }
            walk_expr(self, expr);
        }
    }
    let mut find = Find(Vec::new());
    find.visit_expr(expr);
    find.0
}

fn in_dashboard((func, _): (&str, Span), range: &Duration) -> Option<Finding> {
    let written = match range {
        Duration::Literal { millis, .. } => format!("`{}`", format(*millis)),
        Duration::Variable(v) if v.name == "__rate_interval" || v.name == "__range" => {
            return None;
        }
        // The dashboard's own variable: a range the viewer picks on purpose.
        Duration::Variable(v) if !v.name.starts_with("__") => return None,
        Duration::Variable(v) => format!("`${}`", v.name),
    };
    Some(
        Finding::new(
            range.span(),
            format!(
                "`{func}()` in a panel over {written}, not `$__rate_interval`: too short \
                 when zoomed out, too long when zoomed in"
            ),
            "not `$__rate_interval`",
        )
        .with_help(
            "write `[$__rate_interval]`: Grafana makes it at least 4× the scrape interval \
             and grows it with the step",
        ),
    )
}

fn in_rule(
    (func, _): (&str, Span),
    at: Span,
    millis: i64,
    needed: u64,
    source: &Source,
) -> Finding {
    let needed_text = format(i64::try_from(needed).unwrap_or(i64::MAX));
    Finding::new(
        at,
        format!(
            "`{func}()` over {}, under 4× the interval {} between samples of {}: one \
             missed sample leaves too few for a rate",
            format(millis),
            format(i64::try_from(source.millis).unwrap_or(i64::MAX)),
            source.what
        ),
        format!("under {needed_text}"),
    )
    .with_help(format!(
        "use a range of at least {needed_text}; {}",
        source.fix
    ))
}

const SERVICE_FIX: &str =
    "if it is scraped more often, say so with `interval` on its service in the catalog";
const RECORD_FIX: &str = "if its group is evaluated more often, say so with the group's `interval`";

/// Where a series comes from, and how often it gets a sample.
struct Source {
    millis: u64,
    /// `service `trade``, `recording rule `x``, ...
    what: String,
    /// How to tell dac the interval is shorter, when it is.
    fix: &'static str,
}

/// A catalog service, as far as the scrape interval goes.
#[derive(Clone, Copy)]
struct Scraped<'a> {
    job: &'a str,
    interval: Option<u64>,
    service: &'a str,
}

/// The sample intervals the project knows: of each catalog metric's services, and of
/// each recording rule's group.
struct Intervals<'a> {
    /// Metric name (with its `_bucket`, `_count`, `_sum` series) → each service
    /// exposing it.
    metrics: BTreeMap<String, Vec<Scraped<'a>>>,
    records: BTreeMap<&'a str, Option<u64>>,
}

impl<'a> Intervals<'a> {
    fn of(project: &'a Project) -> Self {
        let mut metrics: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for service in &project.services {
            let entry = Scraped {
                job: &service.job,
                interval: service.interval.map(|m| m.0),
                service: &service.name,
            };
            for metric in &service.metrics {
                let suffixes: &[&str] = match metric.kind {
                    MetricKind::Histogram => &["", "_bucket", "_count", "_sum"],
                    MetricKind::Summary => &["", "_count", "_sum"],
                    MetricKind::Counter | MetricKind::Gauge => &[""],
                };
                for suffix in suffixes {
                    metrics
                        .entry(format!("{}{suffix}", metric.name))
                        .or_default()
                        .push(entry);
                }
            }
        }
        let mut records = BTreeMap::new();
        for group in project.rule_sets.iter().flat_map(|s| &s.groups) {
            for rule in &group.rules {
                if let Rule::Record(r) = rule {
                    records.insert(r.record.as_str(), group.interval.map(|m| m.0));
                }
            }
        }
        Intervals { metrics, records }
    }

    /// How often the series a selector reads get a sample; `None` when it names no
    /// metric (a Grafana variable, a `__name__` regex).
    fn of_selector(&self, selector: &VectorSelector) -> Option<Source> {
        let name = selector_metric_names(selector).next()?;
        if let Some(interval) = self.records.get(name) {
            return Some(Source {
                millis: interval.unwrap_or(DEFAULT_INTERVAL),
                what: match interval {
                    Some(_) => format!("recording rule `{name}` (its group's `interval`)"),
                    None => {
                        format!("recording rule `{name}` (Prometheus' default evaluation interval)")
                    }
                },
                fix: RECORD_FIX,
            });
        }
        let Some(services) = self.metrics.get(name) else {
            return Some(Source {
                millis: DEFAULT_INTERVAL,
                what: format!("`{name}` (not in the catalog: Prometheus' default)"),
                fix: SERVICE_FIX,
            });
        };
        let job = selector
            .matchers
            .iter()
            .find(|m| m.label.name == "job" && m.op == MatchOp::Equal)
            .map(|m| m.value.as_str());
        let picked: Vec<_> = match job {
            Some(job) if services.iter().any(|s| s.job == job) => {
                services.iter().filter(|s| s.job == job).collect()
            }
            _ => services.iter().collect(),
        };
        // The slowest service decides: the range must hold enough of its samples.
        let slowest = picked
            .iter()
            .max_by_key(|s| s.interval.unwrap_or(DEFAULT_INTERVAL))?;
        let millis = slowest.interval.unwrap_or(DEFAULT_INTERVAL);
        let default = if slowest.interval.is_none() {
            ", Prometheus' default"
        } else {
            ""
        };
        Some(Source {
            millis,
            what: format!("service `{}`{default}", slowest.service),
            fix: SERVICE_FIX,
        })
    }
}
