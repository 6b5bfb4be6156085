//! The metric catalog: services and exporters, and their metrics.

use super::attr::{Attr, BlockInfo, attr};
use super::block::Block;
use super::value::Value::*;

/// The metric kinds, as written in a service or exporter.
const METRIC_KINDS: &[&str] = &["counter", "gauge", "histogram", "summary"];

/// Services and exporters take the same attributes; only a service gets a
/// ServiceMonitor.
const TARGET: &[Attr] = &[
    attr("job", String, "the `job` label of its series").defaults_to("the name"),
    attr("port", String, "the named port of the Kubernetes Service").defaults_to("`\"metrics\"`"),
    attr("path", String, "the path scraped").defaults_to("`\"/metrics\"`"),
    attr("interval", Duration, "the scrape interval"),
    attr("scrape_timeout", Duration, "the scrape timeout"),
    attr("namespace", String, "the Kubernetes namespace").defaults_to("the project's"),
    attr(
        "selector",
        Map,
        "labels of the Kubernetes Service to scrape",
    )
    .defaults_to("`{ \"app.kubernetes.io/name\" = NAME }`"),
    attr(
        "replicas",
        Whole {
            min: 1,
            max: u32::MAX as u64,
        },
        "how many targets it has (the cardinality of `instance`), for the cardinality estimate",
    ),
    attr(
        "targets",
        Whole {
            min: 1,
            max: u32::MAX as u64,
        },
        "another name for `replicas`",
    ),
    attr(
        "discovery",
        OneOf(&[
            "endpoints",
            "kube-state-metrics",
            "node-exporter",
            "kubelet",
            "kubelet-cadvisor",
        ]),
        "how `prometheus.yml` finds its targets without the operator (docs/configuration.md)",
    )
    .defaults_to(
        "`endpoints`; for an exporter named (or whose job is) one of the others, or \
         `cadvisor`, that one",
    ),
    attr("counter", Block(Block::Metric), "a counter metric"),
    attr("gauge", Block(Block::Metric), "a gauge metric"),
    attr("histogram", Block(Block::Metric), "a histogram metric"),
    attr("summary", Block(Block::Metric), "a summary metric"),
];

pub static SERVICE: BlockInfo = BlockInfo {
    id: "service",
    context: "a service",
    form: "service \"name\" { ... }",
    kinds: &[],
    attrs: &[TARGET],
};

pub static EXPORTER: BlockInfo = BlockInfo {
    id: "exporter",
    context: "an exporter",
    form: "exporter \"name\" { ... }",
    kinds: &[],
    attrs: &[TARGET],
};

pub static METRIC: BlockInfo = BlockInfo {
    id: "metric",
    context: "a metric",
    form: "counter NAME \"help\" { labels = { label = 10 } }",
    kinds: METRIC_KINDS,
    attrs: &[&[
        attr(
            "labels",
            Described("map of label to cardinality: `{ method = 7, user_id = unbounded }`"),
            "the metric's labels and how many values each takes",
        ),
        attr(
            "buckets",
            Whole {
                min: 0,
                max: 10_000,
            },
            "the histogram's bucket count",
        )
        .only(&["histogram"]),
        attr(
            "series",
            Whole {
                min: 1,
                max: u64::MAX >> 11,
            },
            "its total number of series in the fleet, for the cardinality estimate",
        ),
    ]],
};

/// "a histogram": the metric's kind names it in messages.
pub fn metric_context(kind: &str) -> &'static str {
    match kind {
        "counter" => "a counter",
        "gauge" => "a gauge",
        "histogram" => "a histogram",
        "summary" => "a summary",
        _ => METRIC.context,
    }
}
