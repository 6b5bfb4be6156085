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
    /// Where `job` and `port` are written (their values), when they are: a scrape job of
    /// `prometheus.yml` needs the port named, and reports a duplicate job there.
    pub job_span: Option<Span>,
    pub port_span: Option<Span>,
    /// How a Prometheus without the operator finds its targets.
    pub discovery: Discovery,
}

/// How a scrape job of `prometheus.yml` finds a target in Kubernetes, and relabels it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Discovery {
    /// The endpoints of a Kubernetes Service, relabelled as the operator does for a
    /// ServiceMonitor.
    Endpoints,
    /// Like `Endpoints`, with kube-prometheus' relabelling for kube-state-metrics: its
    /// own `namespace` and `pod` labels win.
    KubeStateMetrics,
    /// Like `Endpoints`, with kube-prometheus' `instance` = the node's name.
    NodeExporter,
    /// Every node's kubelet (`role: node`, HTTPS with the service account's token).
    Kubelet,
    /// The same, at `/metrics/cadvisor`.
    KubeletCadvisor,
}

impl Discovery {
    pub const ALL: [Discovery; 5] = [
        Discovery::Endpoints,
        Discovery::KubeStateMetrics,
        Discovery::NodeExporter,
        Discovery::Kubelet,
        Discovery::KubeletCadvisor,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Discovery::Endpoints => "endpoints",
            Discovery::KubeStateMetrics => "kube-state-metrics",
            Discovery::NodeExporter => "node-exporter",
            Discovery::Kubelet => "kubelet",
            Discovery::KubeletCadvisor => "kubelet-cadvisor",
        }
    }

    pub fn from_name(name: &str) -> Option<Discovery> {
        Discovery::ALL.into_iter().find(|d| d.name() == name)
    }

    /// An exporter's default, from its name, then its job: `kube-state-metrics`,
    /// `node-exporter`, `kubelet`, and `cadvisor` (or `kubelet-cadvisor`) are known.
    pub fn infer(name: &str, job: &str) -> Discovery {
        let known = |n: &str| match n {
            "cadvisor" => Some(Discovery::KubeletCadvisor),
            _ => Discovery::from_name(n),
        };
        known(name)
            .or_else(|| known(job))
            .unwrap_or(Discovery::Endpoints)
    }

    /// Whether it discovers the endpoints of a Service (and so needs its port).
    pub fn endpoints(self) -> bool {
        matches!(
            self,
            Discovery::Endpoints | Discovery::KubeStateMetrics | Discovery::NodeExporter
        )
    }
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

#[cfg(test)]
mod discovery_tests {
    use super::Discovery;

    #[test]
    fn an_exporter_is_known_by_its_name_then_its_job() {
        assert_eq!(
            Discovery::infer("cadvisor", "kubelet"),
            Discovery::KubeletCadvisor
        );
        assert_eq!(Discovery::infer("kubelet", "kubelet"), Discovery::Kubelet);
        assert_eq!(
            Discovery::infer("ksm", "kube-state-metrics"),
            Discovery::KubeStateMetrics
        );
        assert_eq!(
            Discovery::infer("node-exporter", "node"),
            Discovery::NodeExporter
        );
        assert_eq!(Discovery::infer("redis", "redis"), Discovery::Endpoints);
    }

    #[test]
    fn names_read_back() {
        for d in Discovery::ALL {
            assert_eq!(Discovery::from_name(d.name()), Some(d));
        }
        assert!(Discovery::KubeStateMetrics.endpoints() && !Discovery::Kubelet.endpoints());
    }
}
