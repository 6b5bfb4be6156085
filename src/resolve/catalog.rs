//! The metric catalog: `service` (with a ServiceMonitor) and `exporter` (without).

use super::block::{body, title};
use super::cx::{Cx, Seen, joined};
use super::error::{ErrorKind, ResolveError};
use super::names::{check_dns_name, check_kubernetes_labels, check_label_name, check_metric_name};
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{
    Cardinality, Discovery, Metric, MetricKind, MetricLabel, Millis, Pair, Service,
};

pub fn service(cx: &mut Cx, stmt: &Stmt) -> Option<Service> {
    let monitor = stmt.key.text == "service";
    let block = if monitor {
        Block::Service
    } else {
        Block::Exporter
    };
    let usage = block.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let name_span = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
    let errors_before = cx.errors.len();
    if let Some(n) = &name {
        check_dns_name(cx, "service name", n, name_span);
    }
    // The default selector is the name, already reported when it is not a DNS name.
    let name_ok = cx.errors.len() == errors_before;
    let name = name?;
    let mut svc = Service {
        name: name.clone(),
        name_span,
        job: name.clone(),
        monitor,
        port: "metrics".into(),
        path: "/metrics".into(),
        interval: None,
        scrape_timeout: None,
        namespace: None,
        selector: Vec::new(),
        replicas: None,
        metrics: Vec::new(),
        span: stmt.span,
        job_span: None,
        port_span: None,
        discovery: Discovery::Endpoints,
    };
    let mut discovery = None;
    let mut seen = Seen::of(block);
    let mut selector = None;
    let mut replicas_at = None;
    for s in &body.stmts {
        if !keywords::check(cx, s, block, "") {
            continue;
        }
        let key = s.key.text.as_str();
        match key {
            "counter" | "gauge" | "histogram" | "summary" => svc.metrics.extend(metric(cx, s)),
            "job" | "port" | "path" | "namespace" => {
                let at = s.value.as_ref().map(|v| v.span);
                if let Some(v) = cx.attr(s, &mut seen).and_then(|v| cx.string(v, key)) {
                    match key {
                        "job" => (svc.job, svc.job_span) = (v, at),
                        "port" => (svc.port, svc.port_span) = (v, at),
                        "path" => svc.path = v,
                        _ => svc.namespace = Some(v),
                    }
                }
            }
            "interval" => {
                svc.interval = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.duration(v, key))
                    .map(Millis)
            }
            "scrape_timeout" => {
                svc.scrape_timeout = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.duration(v, key))
                    .map(Millis)
            }
            "discovery" => discovery = cx.attr(s, &mut seen).and_then(|v| discovery_value(cx, v)),
            "selector" => selector = cx.attr(s, &mut seen).and_then(|v| cx.pairs(v, key)),
            "replicas" | "targets" => {
                // Two names for one figure: a second one would silently win.
                if let Some(first) = replicas_at {
                    let kind = ErrorKind::DuplicateAttribute {
                        name: "replicas` or `targets".into(),
                    };
                    cx.errors.push(
                        ResolveError::new(s.key.span, kind).with_related(first, "first set here"),
                    );
                    continue;
                }
                replicas_at = Some(s.key.span);
                svc.replicas = cx
                    .attr(s, &mut seen)
                    .and_then(|v| positive(cx, v, key, MAX_REPLICAS))
                    .map(|n| n as u32);
            }
            _ => keywords::unknown(cx, s, block, ""),
        }
    }
    svc.discovery = discovery.unwrap_or_else(|| match monitor {
        true => Discovery::Endpoints,
        false => Discovery::infer(&svc.name, &svc.job),
    });
    let explicit = selector.is_some();
    svc.selector = selector.unwrap_or_else(|| {
        vec![Pair {
            key: "app.kubernetes.io/name".into(),
            value: name,
            span: name_span,
        }]
    });
    if monitor && (explicit || name_ok) {
        check_kubernetes_labels(cx, &svc.selector, "ServiceMonitor selector");
    }
    Some(svc)
}

/// `discovery = kubelet-cadvisor` (a name, or the same as a string).
fn discovery_value(cx: &mut Cx, value: &Value) -> Option<Discovery> {
    let text = match &value.kind {
        ValueKind::Name(n) => n.clone(),
        _ => cx.string(value, "discovery")?,
    };
    let found = Discovery::from_name(&text);
    if found.is_none() {
        let names: Vec<&str> = Discovery::ALL.iter().map(|d| d.name()).collect();
        cx.error(
            value.span,
            ErrorKind::BadValue {
                what: "discovery".to_string(),
                value: text,
                expected: format!("one of {}", names.join(", ")),
            },
        );
    }
    found
}

fn metric(cx: &mut Cx, stmt: &Stmt) -> Option<Metric> {
    let kind = match stmt.key.text.as_str() {
        "counter" => MetricKind::Counter,
        "gauge" => MetricKind::Gauge,
        "histogram" => MetricKind::Histogram,
        _ => MetricKind::Summary,
    };
    let (name, help) = match stmt.headers.as_slice() {
        [n] => (n, None),
        [n, h] => (n, Some(h)),
        _ => {
            keywords::misshapen(cx, stmt, Block::Metric);
            return None;
        }
    };
    let name_text = match &name.kind {
        ValueKind::Name(n) => Some(n.clone()),
        _ => joined(name),
    };
    let Some(name_text) = name_text else {
        cx.wrong_type(name, "metric name", "a name");
        return None;
    };
    check_metric_name(cx, "metric name", &name_text, name.span);
    let help = match help {
        Some(h) => cx.string(h, "help")?,
        None => String::new(),
    };
    if stmt.value.is_some() {
        keywords::misshapen(cx, stmt, Block::Metric);
        return None;
    }
    let mut labels = Vec::new();
    let mut buckets = None;
    let mut series = None;
    let mut seen = Seen::of(Block::Metric);
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Metric, &stmt.key.text) {
            continue;
        }
        match key {
            "labels" => {
                let Some(v) = cx.attr(s, &mut seen) else {
                    continue;
                };
                let ValueKind::Map(body) = &v.kind else {
                    cx.wrong_type(v, key, "a map `{ label = 10, user_id = unbounded }`");
                    continue;
                };
                let mut label_seen = Seen::default();
                for l in &body.stmts {
                    let Some(c) = cx.attr(l, &mut label_seen) else {
                        continue;
                    };
                    check_label_name(cx, &l.key.text, l.key.span);
                    let cardinality = match &c.kind {
                        ValueKind::Name(n) if n == "unbounded" => Some(Cardinality::Unbounded),
                        _ => cx
                            .count(c, &l.key.text, u64::MAX >> 11)
                            .map(Cardinality::Bounded),
                    };
                    if let Some(cardinality) = cardinality {
                        labels.push(MetricLabel {
                            name: l.key.text.clone(),
                            cardinality,
                            span: l.span,
                        });
                    }
                }
            }
            "buckets" => {
                buckets = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.count(v, key, 10_000))
                    .map(|n| n as u32)
            }
            "series" => {
                series = cx
                    .attr(s, &mut seen)
                    .and_then(|v| positive(cx, v, key, MAX_SERIES))
            }
            _ => keywords::unknown(cx, s, Block::Metric, &stmt.key.text),
        }
    }
    Some(Metric {
        name: name_text,
        kind,
        help,
        labels,
        buckets,
        series,
        span: stmt.span,
    })
}

/// The most targets a service may declare: a `u32`, far above any real fleet.
const MAX_REPLICAS: u64 = u32::MAX as u64;
/// The most series a metric may declare: what a label cardinality may be, so products
/// of them stay exact in an `f64` and a `u64`.
const MAX_SERIES: u64 = u64::MAX >> 11;

/// A whole number in `1..=max`: a count of targets or series, where 0 would mean the
/// metric does not exist (say so by leaving it out of the catalog instead).
fn positive(cx: &mut Cx, value: &Value, what: &str, max: u64) -> Option<u64> {
    let n = cx.number(value, what)?;
    if n < 1.0 || n.fract() != 0.0 || n > max as f64 {
        cx.error(
            value.span,
            ErrorKind::BadValue {
                what: what.to_string(),
                value: format!("{n}"),
                expected: format!("a whole number from 1 to {max}"),
            },
        );
        return None;
    }
    Some(n as u64)
}
