use super::*;
use crate::diagnostic::{FileId, Span};
use crate::model::{Cardinality, Metric, MetricLabel, Pair, Query, Service};
use crate::promql::{ParseOptions, parse};

fn metric(kind: MetricKind, name: &str, labels: &[&str]) -> Metric {
    Metric {
        name: name.into(),
        kind,
        help: String::new(),
        labels: labels
            .iter()
            .map(|l| MetricLabel {
                name: (*l).into(),
                cardinality: Cardinality::Bounded(3),
                span: Span::DUMMY,
            })
            .collect(),
        buckets: Some(5),
        series: None,
        span: Span::DUMMY,
    }
}

fn services() -> Vec<Service> {
    vec![Service {
        name: "api".into(),
        name_span: Span::DUMMY,
        job: "api".into(),
        monitor: true,
        port: "metrics".into(),
        path: "/metrics".into(),
        interval: None,
        scrape_timeout: None,
        namespace: None,
        selector: Vec::new(),
        replicas: None,
        metrics: vec![
            metric(MetricKind::Counter, "requests_total", &["status"]),
            metric(MetricKind::Histogram, "latency_seconds", &["route"]),
            metric(MetricKind::Summary, "gc_seconds", &[]),
        ],
        span: Span::DUMMY,
        job_span: None,
        port_span: None,
        discovery: crate::model::Discovery::Endpoints,
    }]
}

fn rule(record: &str, expr: &str, labels: &[(&str, &str)]) -> RecordingRule {
    let expr = parse(expr, &ParseOptions::new(FileId(0))).expect("a valid query");
    RecordingRule {
        record: record.into(),
        record_span: Span::DUMMY,
        expr: Query {
            expr,
            text: String::new(),
            span: Span::DUMMY,
        },
        labels: labels
            .iter()
            .map(|(k, v)| Pair {
                key: (*k).into(),
                value: (*v).into(),
                span: Span::DUMMY,
            })
            .collect(),
        span: Span::DUMMY,
    }
}

fn set(labels: &[&str]) -> Option<LabelNames> {
    Some(labels.iter().map(|l| l.to_string()).collect())
}

fn with_targets(labels: &[&str]) -> Option<LabelNames> {
    set(&[labels, TARGET_LABELS].concat())
}

#[test]
fn catalog_metrics_carry_their_labels_the_target_labels_and_their_suffixes() {
    let index = CatalogIndex::new(&services());
    let known = KnownLabels::new(&index, []);
    assert_eq!(
        known.of_name("requests_total").as_deref().cloned(),
        with_targets(&["status"])
    );
    assert_eq!(
        known.of_name("latency_seconds_bucket").as_deref().cloned(),
        with_targets(&["route", "le"])
    );
    assert_eq!(
        known.of_name("latency_seconds_count").as_deref().cloned(),
        with_targets(&["route"])
    );
    assert_eq!(
        known.of_name("gc_seconds").as_deref().cloned(),
        with_targets(&["quantile"])
    );
    assert_eq!(
        known.of_name("gc_seconds_sum").as_deref().cloned(),
        with_targets(&[])
    );
    // Not in the catalog: not known, rather than "no labels".
    assert_eq!(known.of_name("latency_seconds").as_deref().cloned(), None);
    assert_eq!(known.of_name("other_total").as_deref().cloned(), None);
}

#[test]
fn records_carry_what_their_expression_keeps_and_their_own_labels() {
    let rules = [
        rule(
            "job:requests:rate5m",
            "sum by (job) (rate(requests_total[5m]))",
            &[("team", "a")],
        ),
        rule("requests:rate5m", "rate(requests_total[5m])", &[]),
        rule("job:requests:x2", "2 * job:requests:rate5m", &[]),
        rule("job:other:rate5m", "rate(other_total[5m])", &[]),
        rule("a:loop:x", "b:loop:x", &[]),
        rule("b:loop:x", "a:loop:x", &[]),
    ];
    let mut index = CatalogIndex::new(&services());
    index.add_recording_rules(&rules);
    let known = KnownLabels::new(&index, &rules);
    assert_eq!(
        known.of_name("job:requests:rate5m").as_deref().cloned(),
        set(&["job", "team"])
    );
    assert_eq!(
        known.of_name("requests:rate5m").as_deref().cloned(),
        with_targets(&["status"])
    );
    assert_eq!(
        known.of_name("job:requests:x2").as_deref().cloned(),
        set(&["job", "team"])
    );
    // Reading a metric outside the catalog, or a cycle: not known.
    assert_eq!(known.of_name("job:other:rate5m").as_deref().cloned(), None);
    assert_eq!(known.of_name("a:loop:x").as_deref().cloned(), None);
    // What the rule could have kept: the labels of its inputs.
    assert_eq!(
        known.record_inputs("job:requests:rate5m"),
        with_targets(&["status"]).unwrap()
    );
}
