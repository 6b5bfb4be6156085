//! ## What it does
//! Flags a catalog `service` (one dac writes a ServiceMonitor for; exporters are left
//! out) whose dashboards have no panel for one of the four golden signals (traffic,
//! errors, latency, saturation), or that has no alert on its errors or on its latency.
//! The finding names the missing signal and a metric of the service's catalog that
//! could serve it, with a query over it. A service that no panel of the project reads
//! is left alone: its dashboards are elsewhere, if anywhere (another repository, a lint
//! of some of the sources), and a catalog may well list services only for their types.
//!
//! A panel or alert covers a signal of a service when one of its queries reads a metric
//! of that signal with a `job` matcher naming the service, or a metric of the service's
//! catalog with no `job` matcher at all (it then reads every service that has it).
//! Recording rules count as what their expressions read. Which metric serves which
//! signal, by name, type and matchers:
//! - **traffic**: a counter of requests (`request` in its name, or a histogram's
//!   `_count`), without an error matcher;
//! - **errors**: a status matcher on 5xx (`status=~"5.."`) or on `error`, `failed`,
//!   `timeout`; or a metric named like `_errors_total` or `_failed_total`;
//! - **latency**: the `_bucket` or `_sum` of a histogram (or a summary) whose name says
//!   `seconds`, `duration` or `latency`;
//! - **saturation**: a metric of CPU, memory, queue depth, utilisation, pools, threads,
//!   in-flight work or limits (by name).
//!
//! ## Why is this bad?
//! The four golden signals are the minimum that tells whether a service serves its
//! users: how much it is asked, how often it fails, how slow it is, and how close to
//! full it runs. A dashboard without one of them hides a whole class of outage; a
//! service without an alert on errors or latency pages no one while its users suffer.
//!
//! ## Example
//! ```text
//! service "trade-service" {
//!   job = "trade-service"
//!   counter   http_requests_total           "HTTP requests" { labels = { status = 10 } }
//!   histogram http_request_duration_seconds "HTTP request latency" { buckets = 12 }
//! }
//!
//! dashboard "Trade" {
//!   uid = "trade"
//!   timeseries "Requests" {
//!     query `sum(rate(http_requests_total{job="trade-service"}[$__rate_interval]))`
//!     unit = "reqps"
//!   }
//! }
//! ```
//!
//! ## Use instead
//! A panel for each signal, and alerts on errors and latency:
//! ```text
//! timeseries "Latency" {
//!   query `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="trade-service"}[$__rate_interval])))`
//!   unit = "s"
//! }
//! ```
//! ```text
//! alert "TradeServiceHighLatency" {
//!   expr = `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="trade-service"}[5m]))) > 1`
//!   for  = 10m
//! }
//! ```

use std::collections::BTreeSet;

use crate::lint::context::{LintInput, panels};
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::lint::signals::{Jobs, Read, Records, Signal, example, reads, signals};
use crate::model::{MetricKind, Query, Service};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let services: Vec<&Service> = input
        .project
        .services
        .iter()
        .filter(|s| s.monitor)
        .collect();
    if services.is_empty() {
        return;
    }
    let mut records = Records::new();
    for r in input.records() {
        records
            .entry(r.record.as_str())
            .or_default()
            .push(&r.expr.expr);
    }
    let kind = |name: &str| {
        input
            .project
            .services
            .iter()
            .flat_map(|s| &s.metrics)
            .find(|m| m.name == name)
            .map(|m| m.kind)
    };
    let read_all = |queries: &mut dyn Iterator<Item = &Query>| -> Vec<Read> {
        queries.flat_map(|q| reads(&q.expr, &records)).collect()
    };
    let panel_reads = read_all(
        &mut input
            .project
            .dashboards
            .iter()
            .flat_map(panels)
            .flat_map(|p| p.targets.iter().map(|t| &t.query)),
    );
    let alert_reads = read_all(&mut input.alerts().map(|a| &a.expr));
    for service in services {
        // A service no panel reads has its dashboards elsewhere, if anywhere (another
        // repository, a partial run): nothing here to judge.
        if !panel_reads.iter().any(|r| reads_service(service, r)) {
            continue;
        }
        let shown = covered(service, &panel_reads, &kind);
        for signal in Signal::ALL.into_iter().filter(|s| !shown.contains(s)) {
            out.push(missing(service, signal, "dashboard panel", "a"));
        }
        let alerted = covered(service, &alert_reads, &kind);
        for signal in [Signal::Errors, Signal::Latency] {
            if !alerted.contains(&signal) {
                out.push(missing(service, signal, "alert", "an"));
            }
        }
    }
}

/// The signals of `service` that `reads` cover.
fn covered(
    service: &Service,
    reads: &[Read],
    kind: &impl Fn(&str) -> Option<MetricKind>,
) -> BTreeSet<Signal> {
    reads
        .iter()
        .filter(|r| reads_service(service, r))
        .flat_map(|r| signals(r, kind))
        .collect()
}

/// Whether `read` is about `service`: a `job` matcher names it, or, without one, the
/// metric is one of its catalog.
fn reads_service(service: &Service, read: &Read) -> bool {
    match &read.jobs {
        Jobs::Any => service.metrics.iter().any(|m| {
            read.metric == m.name
                || read
                    .metric
                    .strip_prefix(m.name.as_str())
                    .is_some_and(|s| ["_bucket", "_sum", "_count"].contains(&s))
        }),
        jobs => jobs.includes(&service.job),
    }
}

/// `what` is missing (`a`/`an` its article).
fn missing(service: &Service, signal: Signal, what: &str, a: &str) -> Finding {
    let name = signal.name();
    let serving = service
        .metrics
        .iter()
        .find_map(|m| Some((m, example(m, signal, &service.job)?)));
    let help = match serving {
        Some((metric, query)) => format!(
            "`{}` can serve it: add {a} {what} over it, such as `{query}`",
            metric.name
        ),
        None => format!(
            "its catalog lists no metric that serves {name}: have the service expose one \
             (see `dac lint --explain service/golden-signals`), then add {a} {what} over it"
        ),
    };
    Finding::new(
        service.name_span,
        format!("service `{}` has no {what} on its {name}", service.name),
        format!("no {name} {what}"),
    )
    .with_help(help)
}
