//! The four golden signals, and which of them a query reads: the heuristic of
//! `service/golden-signals`, by metric name, catalog type and matchers.
//!
//! A query reads what its selectors select; a selector of a recording rule defined in
//! the project reads what the rule's expression reads, under both selectors' `job`
//! matchers. Each read then counts for a signal:
//! - errors: a matcher on a status code starting with 5 (`status=~"5.."`), or on a
//!   status/result of `error`, `failed`, `failure` or `timeout`; or a metric whose name
//!   says `error` or `fail` (`_errors_total`, `_failed_total`);
//! - latency: the `_bucket` or `_sum` of a histogram or summary (or a summary's
//!   quantiles) whose name says `seconds`, `duration` or `latency`;
//! - traffic: a counter of requests (`request` in the name; a histogram's `_count`
//!   too), read without an error matcher;
//! - saturation: a metric of CPU, memory, queues, utilisation, pools, threads, in-flight
//!   work or limits (by name).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Metric, MetricKind};
use crate::promql::ast::{Expr, MatchOp, VectorSelector};
use crate::promql::visit::{selector_metric_names, selectors};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Signal {
    Traffic,
    Errors,
    Latency,
    Saturation,
}

impl Signal {
    pub const ALL: [Signal; 4] = [
        Signal::Traffic,
        Signal::Errors,
        Signal::Latency,
        Signal::Saturation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Signal::Traffic => "traffic",
            Signal::Errors => "errors",
            Signal::Latency => "latency",
            Signal::Saturation => "saturation",
        }
    }
}

/// Which `job`s a read is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Jobs {
    /// No `job` matcher narrows it (or one dac cannot read, such as `job=~"trade-.*"`).
    Any,
    Only(BTreeSet<String>),
}

impl Jobs {
    fn and(&self, other: &Jobs) -> Jobs {
        match (self, other) {
            (Jobs::Any, j) | (j, Jobs::Any) => j.clone(),
            (Jobs::Only(a), Jobs::Only(b)) => Jobs::Only(a.intersection(b).cloned().collect()),
        }
    }

    pub fn includes(&self, job: &str) -> bool {
        match self {
            Jobs::Any => true,
            Jobs::Only(jobs) => jobs.contains(job),
        }
    }
}

/// One metric a query reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    pub metric: String,
    pub jobs: Jobs,
    /// Selected on an error status.
    pub errors: bool,
}

/// The recording rules of the project: name to the expressions defining it.
pub type Records<'a> = BTreeMap<&'a str, Vec<&'a Expr>>;

/// Every metric `expr` reads, through the project's recording rules.
pub fn reads(expr: &Expr, records: &Records) -> Vec<Read> {
    let mut out = Vec::new();
    reads_into(expr, records, &Jobs::Any, false, 0, &mut out);
    out
}

fn reads_into(
    expr: &Expr,
    records: &Records,
    outer: &Jobs,
    outer_errors: bool,
    depth: usize,
    out: &mut Vec<Read>,
) {
    for selector in selectors(expr) {
        let jobs = outer.and(&jobs(selector));
        let errors = outer_errors || error_matcher(selector);
        for name in selector_metric_names(selector) {
            // Rules reading rules: a cycle is an error elsewhere; stop here all the same.
            match records.get(name).filter(|_| depth < 8) {
                Some(defs) => {
                    for def in defs {
                        reads_into(def, records, &jobs, errors, depth + 1, out);
                    }
                }
                None => out.push(Read {
                    metric: name.to_string(),
                    jobs: jobs.clone(),
                    errors,
                }),
            }
        }
    }
}

fn jobs(selector: &VectorSelector) -> Jobs {
    let mut jobs = Jobs::Any;
    for m in selector.matchers.iter().filter(|m| m.label.name == "job") {
        let these = match m.op {
            MatchOp::Equal => Jobs::Only(BTreeSet::from([m.value.clone()])),
            // `a|b|c` of plain names: those jobs; any other regex: unknown.
            MatchOp::Regex if m.value.split('|').all(is_plain) => {
                Jobs::Only(m.value.split('|').map(str::to_string).collect())
            }
            _ => Jobs::Any,
        };
        jobs = jobs.and(&these);
    }
    jobs
}

fn is_plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

const STATUS_LABELS: [&str; 6] = [
    "status",
    "code",
    "status_code",
    "response_code",
    "result",
    "outcome",
];

fn error_matcher(selector: &VectorSelector) -> bool {
    selector.matchers.iter().any(|m| {
        let positive = matches!(m.op, MatchOp::Equal | MatchOp::Regex);
        let value = m.value.to_ascii_lowercase();
        positive
            && STATUS_LABELS.contains(&m.label.name.as_str())
            && (value.starts_with('5')
                || ["error", "fail", "timeout"]
                    .iter()
                    .any(|w| value.contains(w)))
    })
}

/// The metric of the catalog a read name belongs to, and the part of it read:
/// `http_request_duration_seconds_bucket` is the histogram's `_bucket`.
fn split(name: &str) -> (&str, &str) {
    for suffix in ["_bucket", "_sum", "_count"] {
        if let Some(base) = name.strip_suffix(suffix) {
            return (base, suffix);
        }
    }
    (name, "")
}

/// The signals a read counts for; `kind` is the catalog's type of its metric.
pub fn signals(read: &Read, kind: impl Fn(&str) -> Option<MetricKind>) -> Vec<Signal> {
    let name = read.metric.as_str();
    let (base, part) = split(name);
    let base_kind = kind(base).filter(|k| matches!(k, MetricKind::Histogram | MetricKind::Summary));
    let (metric, part) = match base_kind {
        Some(_) => (base, part),
        None if part == "_bucket" => (base, part),
        None => (name, ""),
    };
    let mut out = Vec::new();
    let errors = read.errors || says_error(metric);
    if errors {
        out.push(Signal::Errors);
    }
    let timed = ["seconds", "duration", "latency"]
        .iter()
        .any(|w| metric.contains(w));
    let summary = base_kind == Some(MetricKind::Summary) || kind(name) == Some(MetricKind::Summary);
    if timed && (matches!(part, "_bucket" | "_sum") || (summary && part.is_empty())) {
        out.push(Signal::Latency);
    }
    let counted =
        part == "_count" || kind(name) == Some(MetricKind::Counter) || name.ends_with("_total");
    if !errors && counted && metric.contains("request") {
        out.push(Signal::Traffic);
    }
    if !errors && says_saturation(metric) {
        out.push(Signal::Saturation);
    }
    out
}

fn says_error(name: &str) -> bool {
    name.contains("error") || name.contains("fail")
}

fn says_saturation(name: &str) -> bool {
    [
        "cpu",
        "memory",
        "queue",
        "utiliz",
        "utilis",
        "saturation",
        "in_flight",
        "inflight",
        "pool",
        "threads",
        "goroutines",
        "open_fds",
        "limit",
    ]
    .iter()
    .any(|w| name.contains(w))
}

/// A query over `metric` that would serve `signal`, if the metric can.
pub fn example(metric: &Metric, signal: Signal, job: &str) -> Option<String> {
    let name = metric.name.as_str();
    let histogram = matches!(metric.kind, MetricKind::Histogram);
    let timed = ["seconds", "duration", "latency"]
        .iter()
        .any(|w| name.contains(w));
    let has_status = metric
        .labels
        .iter()
        .find(|l| STATUS_LABELS.contains(&l.name.as_str()));
    let sel = |suffix: &str, extra: &str| format!("{name}{suffix}{{job=\"{job}\"{extra}}}");
    match signal {
        Signal::Latency if histogram && timed => Some(format!(
            "histogram_quantile(0.99, sum by (le) (rate({}[5m])))",
            sel("_bucket", "")
        )),
        Signal::Traffic if name.contains("request") && histogram => {
            Some(format!("sum(rate({}[5m]))", sel("_count", "")))
        }
        Signal::Traffic
            if name.contains("request") && matches!(metric.kind, MetricKind::Counter) =>
        {
            Some(format!("sum(rate({}[5m]))", sel("", "")))
        }
        Signal::Errors if matches!(metric.kind, MetricKind::Counter) && says_error(name) => {
            Some(format!("sum(rate({}[5m]))", sel("", "")))
        }
        Signal::Errors if matches!(metric.kind, MetricKind::Counter) => has_status.map(|l| {
            let value = if l.name.contains("code") || l.name == "status" {
                "5.."
            } else {
                "error|failed"
            };
            format!(
                "sum(rate({}[5m]))",
                sel("", &format!(", {}=~\"{value}\"", l.name))
            )
        }),
        Signal::Saturation if says_saturation(name) => Some(match metric.kind {
            MetricKind::Counter => format!("sum(rate({}[5m]))", sel("", "")),
            _ => format!("max({})", sel("", "")),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;
    use crate::promql::parser::{ParseOptions, parse};

    fn expr(src: &str) -> Expr {
        let options = ParseOptions {
            file: FileId(0),
            offset: 0,
            grafana: false,
        };
        parse(src, &options).expect("parses")
    }

    fn signals_of(query: &str, records: &Records) -> BTreeSet<Signal> {
        let kind = |name: &str| match name {
            "http_request_duration_seconds" => Some(MetricKind::Histogram),
            "rpc_latency_seconds" => Some(MetricKind::Summary),
            "http_requests_total" => Some(MetricKind::Counter),
            _ => None,
        };
        reads(&expr(query), records)
            .iter()
            .flat_map(|r| signals(r, kind))
            .collect()
    }

    #[test]
    fn each_signal_from_its_metric() {
        use Signal::*;
        let none = Records::new();
        let cases: [(&str, &[Signal]); 8] = [
            ("sum(rate(http_requests_total[5m]))", &[Traffic]),
            (
                r#"sum(rate(http_requests_total{status=~"5.."}[5m]))"#,
                &[Errors],
            ),
            ("rate(orders_failed_total[5m])", &[Errors]),
            (
                "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
                &[Latency],
            ),
            ("rpc_latency_seconds", &[Latency]),
            ("rate(http_request_duration_seconds_count[5m])", &[Traffic]),
            ("max(process_resident_memory_bytes)", &[Saturation]),
            ("up", &[]),
        ];
        for (query, expected) in cases {
            let expected: BTreeSet<Signal> = expected.iter().copied().collect();
            assert_eq!(signals_of(query, &none), expected, "{query}");
        }
    }

    #[test]
    fn a_recording_rule_reads_what_its_expression_reads_under_both_jobs() {
        let def = expr(r#"sum by (job) (rate(http_requests_total{job="a", status=~"5.."}[5m]))"#);
        let records = Records::from([("job:errors:rate5m", vec![&def])]);
        let read = reads(&expr(r#"job:errors:rate5m{job="a"} > 1"#), &records);
        assert_eq!(read.len(), 1);
        assert!(read[0].errors && read[0].jobs.includes("a"));
        let other = reads(&expr(r#"job:errors:rate5m{job="b"} > 1"#), &records);
        assert!(!other[0].jobs.includes("a") && !other[0].jobs.includes("b"));
    }
}
