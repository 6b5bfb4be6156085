//! The catalog as the estimator reads it: every series name a query can select (a
//! histogram's `_bucket`, `_sum` and `_count` included), the services that expose it,
//! and the project's recording rules as metrics of their own.

use std::collections::{BTreeMap, HashMap};

use super::estimate::Size;
use super::flow::{Card, Flow};
use crate::diagnostic::Span;
use crate::model::{Cardinality, Metric, MetricKind, RecordingRule, Service};
use crate::promql::ast::{Expr, MatchOp};
use crate::promql::grafana_text::contains_variable;
use crate::promql::labels::output_labels;
use crate::promql::visit::selectors;

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
    /// Labels every series of the source carries with one known value: a service's
    /// `job` (and `namespace`), a rule's own labels and what its matchers fix. A
    /// matcher on one of them keeps the whole source or none of it.
    pub fixed: BTreeMap<String, String>,
    /// The catalog type; `None` for a recording rule.
    pub kind: Option<MetricKind>,
    /// A histogram's bucket count, without `+Inf`.
    pub buckets: Option<u32>,
    /// Every label, with the target labels Prometheus adds (`job`, `instance`).
    pub labels: BTreeMap<String, Card>,
    /// Labels whose values follow another's (a target's `pod` follows its `instance`):
    /// counted when grouped by, not again in the selector's product.
    pub correlated: Vec<String>,
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

    /// Every name a query may select, sorted (for suggestions that do not depend on
    /// hash order).
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.names.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
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
        let mut fixed = BTreeMap::new();
        if !labels.contains_key("job") {
            labels.insert("job".into(), Card::Bounded(1));
            fixed.insert("job".to_string(), service.job.clone());
        }
        let replicas = u64::from(service.replicas.unwrap_or(1));
        labels
            .entry("instance".into())
            .or_insert(Card::Bounded(replicas));
        // A ServiceMonitor's targets also carry their namespace and pod.
        let mut correlated = Vec::new();
        if service.monitor {
            if !labels.contains_key("pod") {
                labels.insert("pod".into(), Card::Bounded(replicas));
                correlated.push("pod".to_string());
            }
            if let Some(ns) = &service.namespace
                && !labels.contains_key("namespace")
            {
                labels.insert("namespace".into(), Card::Bounded(1));
                fixed.insert("namespace".to_string(), ns.clone());
            }
        }
        let total = metric.series.map(|n| (Size::Count(n), false));
        let source = Source {
            name: metric.name.clone(),
            origin: service.name.clone(),
            fixed,
            correlated,
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
        // The catalog's labels that the label analysis agrees can survive the rule.
        let kept = output_labels(&rule.expr.expr);
        let mut labels: BTreeMap<String, Card> = flow
            .labels
            .iter()
            .filter(|(k, _)| kept.may_have(k))
            .map(|(k, v)| (k.clone(), v.card))
            .collect();
        let mut fixed: BTreeMap<String, String> = fixed_by_matchers(&rule.expr.expr)
            .into_iter()
            .filter(|(k, _)| labels.contains_key(k))
            .collect();
        for pair in &rule.labels {
            labels.insert(pair.key.clone(), Card::Bounded(1));
            fixed.insert(pair.key.clone(), pair.value.clone());
        }
        let total = match &flow.estimate.size {
            // The unbounded label is among the labels: the product says so, and a
            // matcher on that label can still narrow it.
            Size::Unbounded { .. } => None,
            size => Some((size.clone(), flow.estimate.upper_bound)),
        };
        // Rules of one name told apart by their fixed labels: `x{job="api"}`.
        let origin = if fixed.is_empty() {
            rule.record.clone()
        } else {
            let pairs: Vec<String> = fixed.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
            format!("{}{{{}}}", rule.record, pairs.join(", "))
        };
        let source = Source {
            name: rule.record.clone(),
            origin,
            fixed,
            correlated: Vec::new(),
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

/// The labels every selector of `expr` fixes to the same value with `=`: what every
/// series of the result carries, if the label survives to it.
fn fixed_by_matchers(expr: &Expr) -> BTreeMap<String, String> {
    let mut common: Option<BTreeMap<String, String>> = None;
    for sel in selectors(expr) {
        let this: BTreeMap<String, String> = sel
            .matchers
            .iter()
            .filter(|m| m.op == MatchOp::Equal && !m.value.is_empty())
            .filter(|m| m.label.name != "__name__" && !contains_variable(&m.value))
            .map(|m| (m.label.name.clone(), m.value.clone()))
            .collect();
        common = Some(match common {
            None => this,
            Some(before) => before
                .into_iter()
                .filter(|(k, v)| this.get(k) == Some(v))
                .collect(),
        });
    }
    common.unwrap_or_default()
}
