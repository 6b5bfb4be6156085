use super::{Millis, Pair};
use crate::diagnostic::Span;

/// A scrape target of the metric catalog: a service dac monitors (producing a
/// ServiceMonitor) or an exporter it only knows the metrics of.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    pub name_span: Span,
    /// The `job` label Prometheus gives its series.
    pub job: String,
    /// Whether dac writes a ServiceMonitor for it (false for exporters deployed elsewhere).
    pub monitor: bool,
    /// Named port of the Kubernetes Service.
    pub port: String,
    pub path: String,
    pub interval: Option<Millis>,
    pub scrape_timeout: Option<Millis>,
    /// Namespace of the Service, if not the project's.
    pub namespace: Option<String>,
    /// Label selector of the Kubernetes Service; defaults to `app.kubernetes.io/name: <name>`.
    pub selector: Vec<Pair>,
    /// How many targets Prometheus scrapes for it (`replicas`, or `targets`): the
    /// cardinality estimate multiplies each metric's label product by it. Never emitted.
    pub replicas: Option<u32>,
    pub metrics: Vec<Metric>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub name: String,
    pub kind: MetricKind,
    pub help: String,
    pub labels: Vec<MetricLabel>,
    /// Bucket count of a histogram (without `+Inf`).
    pub buckets: Option<u32>,
    /// Its total number of series in the whole fleet (for a histogram or summary, the
    /// series of its `_count`): the cardinality estimate's exact figure, where the label
    /// product is only an upper bound. Never emitted.
    pub series: Option<u64>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetricKind {
    Counter,
    Gauge,
    Histogram,
    Summary,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricLabel {
    pub name: String,
    pub cardinality: Cardinality,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cardinality {
    /// At most this many values.
    Bounded(u64),
    /// No bound (user ids, order ids): the cardinality lint flags its use.
    Unbounded,
}
