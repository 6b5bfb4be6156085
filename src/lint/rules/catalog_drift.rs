//! ## What it does
//! Online (`dac lint --prometheus URL`): compares the metric catalog with what that
//! Prometheus really holds. For each catalog metric it asks the label names of its
//! service's series (those of the service's `job`) and the number of values of each
//! (for a histogram, of its `_bucket` series),
//! and flags: a metric with no series at all; a label the live series carry that the
//! catalog does not list; a listed label no live series has; and a cardinality more
//! than 2× off either way. For each service it flags a job no active target has, and
//! an `interval` other than the one the targets are scraped at.
//!
//! Labels that scraping adds (`job`, `instance`; for a service dac writes a
//! ServiceMonitor for, also `namespace`, `pod`, `service`, `container` and `endpoint`)
//! and the exposition's `le` and `quantile` are not the service's labels and are not
//! compared. `unbounded` labels have no count to drift from.
//!
//! ## Why is this bad?
//! The offline rules trust the catalog: `promql/cardinality` multiplies its
//! cardinalities, `promql/unknown-label` checks matchers against its label sets, and
//! rate ranges are held to its intervals. A catalog that says `symbol = 4` where 40
//! symbols trade lets a query through its budget; one that lists a label the exporter
//! renamed approves a matcher that matches nothing. This rule keeps the offline checks
//! honest.
//!
//! ## Example
//! With 40 symbols live:
//! ```text
//! service "trade" {
//!   job = "trade-service"
//!   counter trade_orders_total "Orders placed" {
//!     labels = { symbol = 4, side = 2 }
//!   }
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! service "trade" {
//!   job = "trade-service"
//!   counter trade_orders_total "Orders placed" {
//!     labels = { symbol = 40, side = 2 }
//!   }
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::online::batch;
use crate::lint::online::checks::drift::{Drift, catalog_drift, live_name};
use crate::lint::online::checks::scrape_interval::{IntervalDrift, interval_drift};
use crate::lint::online::{ApiError, PrometheusApi, probe};
use crate::lint::settings::LintSettings;
use crate::model::{Metric, Service};
use crate::promql::literal::quote;

/// Labels a ServiceMonitor's scrape adds to every series of its targets.
const MONITOR_LABELS: &[&str] = &["namespace", "pod", "service", "container", "endpoint"];

pub fn check(
    input: &LintInput,
    _: &LintSettings,
    api: &dyn PrometheusApi,
    out: &mut Vec<Finding>,
) -> Result<(), ApiError> {
    let services = &input.project.services;
    let intervals = probe::scrape_intervals(api)?;
    for service in services {
        if let Some(drift) = interval_drift(service, &intervals) {
            out.push(interval_finding(service, &drift));
        }
    }
    let metrics: Vec<(&Service, &Metric)> = services
        .iter()
        .flat_map(|s| s.metrics.iter().map(move |m| (s, m)))
        .collect();
    // Asked of the service's own job: services that share a metric name (every HTTP
    // service's `http_requests_total`) each have their own labels and values.
    let live = batch::run(&metrics, |(s, m)| {
        let selector = format!("{}{{job={}}}", live_name(m), quote(&s.job));
        probe::live_labels(api, &selector)
    });
    for ((service, metric), live) in metrics.iter().zip(live) {
        let ignore = if service.monitor { MONITOR_LABELS } else { &[] };
        for drift in catalog_drift(metric, live?.as_ref(), ignore) {
            out.push(metric_finding(metric, &drift));
        }
    }
    Ok(())
}

fn interval_finding(service: &Service, drift: &IntervalDrift) -> Finding {
    let label = match drift {
        IntervalDrift::NotScraped => format!("no target of job `{}`", service.job),
        IntervalDrift::Differs { .. } => "scraped at another interval".to_string(),
    };
    Finding::new(
        service.name_span,
        format!("service `{}`: {drift}", service.name),
        label,
    )
}

fn metric_finding(metric: &Metric, drift: &Drift) -> Finding {
    let listed = |label: &str| metric.labels.iter().find(|l| l.name == label);
    let (span, label) = match drift {
        Drift::NotExported => (metric.span, "no live series"),
        Drift::Unlisted { .. } => (metric.span, "a live label missing here"),
        Drift::Absent { label } => (
            listed(label).map_or(metric.span, |l| l.span),
            "no live series has it",
        ),
        Drift::Understated { label, .. } => {
            (listed(label).map_or(metric.span, |l| l.span), "too low")
        }
        Drift::Overstated { label, .. } => {
            (listed(label).map_or(metric.span, |l| l.span), "too high")
        }
    };
    Finding::new(span, format!("`{}`: {drift}", metric.name), label)
}
