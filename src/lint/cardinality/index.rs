//! The catalog as the estimator reads it: every series name a query can select (a
//! histogram's `_bucket`, `_sum` and `_count` included), the services that expose it,
//! and the project's recording rules as metrics of their own.

use std::collections::{BTreeMap, HashMap};

use super::estimate::Size;
use super::flow::{Card, Flow};
use crate::diagnostic::Span;
use crate::model::{Cardinality, Metric, MetricKind, RecordingRule, Service};

/// Which series of a metric family a name selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suffix {
    /// The name as declared (a counter, a gauge, a summary's quantiles, a rule).
    Plain,
    /// `_bucket`: one series per bucket and `+Inf`, told apart by `le`.
    Bucket,
    /// `_sum` or `_count`: one series per label combination.
    Total,
}

/// One place a metric comes from: a service's (or exporter's) catalog entry, or a
/// recording rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The metric's (or record's) name.
    pub name: String,
    /// The service or exporter, or the record's name, for the arithmetic.
    pub origin: String,
    /// The `job` label every series of a service carries; `None` for a recording rule,
    /// whose `job` (if any) is one of its labels.
    pub job: Option<String>,
    /// The catalog type; `None` for a recording rule.
    pub kind: Option<MetricKind>,
    /// A histogram's bucket count, without `+Inf`.
    pub buckets: Option<u32>,
    /// Every label, with the target labels Prometheus adds (`job`, `instance`).
    pub labels: BTreeMap<String, Card>,
    /// The total number of series, when the catalog (or a rule's estimate) gives one,
    /// and whether it is only an upper bound.
    pub total: Option<(Size, bool)>,
    /// Where the metric or rule is defined.
    pub span: Span,
}

/// A name a query can select, with where its series come from.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub suffix: Suffix,
    pub sources: &'a [Source],
}

#[derive(Clone, Debug, Default)]
pub struct CatalogIndex {
    /// Declared name → its sources.
    metrics: HashMap<String, Vec<Source>>,
    /// Selectable name → declared name and suffix.
    names: HashMap<String, (String, Suffix)>,
}

impl CatalogIndex {
    pub fn new(services: &[Service]) -> Self {
        let mut index = CatalogIndex::default();
        for service in services {
            for metric in &service.metrics {
                index.add_metric(service, metric);
            }
        }
        index
    }

    /// The metric, histogram series or recording rule `name` selects.
    pub fn lookup(&self, name: &str) -> Option<Entry<'_>> {
        let (declared, suffix) = self.names.get(name)?;
        let sources = self.metrics.get(declared)?;
        Some(Entry {
            suffix: *suffix,
            sources,
        })
    }

    /// Whether a query may select `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    fn add_metric(&mut self, service: &Service, metric: &Metric) {
        let mut labels: BTreeMap<String, Card> = metric
            .labels
            .iter()
            .map(|l| {
                let card = match l.cardinality {
                    Cardinality::Bounded(n) => Card::Bounded(n),
                    Cardinality::Unbounded => Card::Unbounded,
                };
                (l.name.clone(), card)
            })
            .collect();
        // Prometheus gives every scraped series its target's `job` and `instance`; a
        // label the metric declares itself says more than this default.
        labels.entry("job".into()).or_insert(Card::Bounded(1));
        let replicas = u64::from(service.replicas.unwrap_or(1));
        labels
            .entry("instance".into())
            .or_insert(Card::Bounded(replicas));
        let total = metric.series.map(|n| (Size::Count(n), false));
        let source = Source {
            name: metric.name.clone(),
            origin: service.name.clone(),
            job: Some(service.job.clone()),
            kind: Some(metric.kind),
            buckets: metric.buckets,
            labels,
            total,
            span: metric.span,
        };
        let name = &metric.name;
        let suffixed: &[(&str, Suffix)] = match metric.kind {
            MetricKind::Histogram => &[
                ("_bucket", Suffix::Bucket),
                ("_sum", Suffix::Total),
                ("_count", Suffix::Total),
            ],
            MetricKind::Summary => &[
                ("", Suffix::Plain),
                ("_sum", Suffix::Total),
                ("_count", Suffix::Total),
            ],
            MetricKind::Counter | MetricKind::Gauge => &[("", Suffix::Plain)],
        };
        for (suffix, kind) in suffixed {
            self.names
                .insert(format!("{name}{suffix}"), (name.clone(), *kind));
        }
        self.metrics.entry(name.clone()).or_default().push(source);
    }

    /// Adds a recording rule as a metric, with what its expression's estimate says.
    pub(super) fn add_rule(&mut self, rule: &RecordingRule, flow: Flow) {
        let mut labels: BTreeMap<String, Card> = flow
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.card))
            .collect();
        for pair in &rule.labels {
            labels.insert(pair.key.clone(), Card::Bounded(1));
        }
        let total = match &flow.estimate.size {
            // The unbounded label is among the labels: the product says so, and a
            // matcher on that label can still narrow it.
            Size::Unbounded { .. } => None,
            size => Some((size.clone(), flow.estimate.upper_bound)),
        };
        let source = Source {
            name: rule.record.clone(),
            origin: rule.record.clone(),
            job: None,
            kind: None,
            buckets: None,
            labels,
            total,
            span: rule.span,
        };
        self.names
            .insert(rule.record.clone(), (rule.record.clone(), Suffix::Plain));
        self.metrics
            .entry(rule.record.clone())
            .or_default()
            .push(source);
    }
}
