//! The metric catalog: `service` (with a ServiceMonitor) and `exporter` (without).

use super::block::{body, title};
use super::cx::{Cx, Seen, joined};
use super::names::{check_dns_name, check_label_name, check_metric_name};
use super::schema::{Block, keywords};
use crate::ast::{Stmt, ValueKind};
use crate::model::{Cardinality, Metric, MetricKind, MetricLabel, Millis, Pair, Service};

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
    if let Some(n) = &name {
        check_dns_name(cx, "service name", n, name_span);
    }
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
        metrics: Vec::new(),
        span: stmt.span,
    };
    let mut seen = Seen::of(block);
    let mut selector = None;
    for s in &body.stmts {
        if !keywords::check(cx, s, block, "") {
            continue;
        }
        let key = s.key.text.as_str();
        match key {
            "counter" | "gauge" | "histogram" | "summary" => svc.metrics.extend(metric(cx, s)),
            "job" | "port" | "path" | "namespace" => {
                if let Some(v) = cx.attr(s, &mut seen).and_then(|v| cx.string(v, key)) {
                    match key {
                        "job" => svc.job = v,
                        "port" => svc.port = v,
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
            "selector" => selector = cx.attr(s, &mut seen).and_then(|v| cx.pairs(v, key)),
            _ => keywords::unknown(cx, s, block, ""),
        }
    }
    svc.selector = selector.unwrap_or_else(|| {
        vec![Pair {
            key: "app.kubernetes.io/name".into(),
            value: name,
            span: name_span,
        }]
    });
    Some(svc)
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
            _ => keywords::unknown(cx, s, Block::Metric, &stmt.key.text),
        }
    }
    Some(Metric {
        name: name_text,
        kind,
        help,
        labels,
        buckets,
        span: stmt.span,
    })
}
