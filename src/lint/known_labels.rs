//! The labels a query's series can carry, as far as the catalog and the project's
//! recording rules tell: what `promql/unknown-label` and `promql/impossible` check
//! matchers and groupings against. Every answer is a superset (a label that may be
//! there counts as there) or `None` when it cannot be known (a metric outside the
//! catalog, a name that is a Grafana variable): those rules never guess.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::cardinality::{CatalogIndex, Suffix};
use crate::model::{MetricKind, RecordingRule};
use crate::promql::ast::{Expr, MatchOp, VectorSelector};
use crate::promql::grafana_text::contains_variable;
use crate::promql::labels::{Labels, output_labels};
use crate::promql::visit::selectors;

/// Labels a scrape gives every series of a target besides the metric's own: `job` and
/// `instance` from Prometheus, and what a ServiceMonitor or PodMonitor of the
/// Prometheus Operator adds. Exporters are usually scraped that way too.
pub const TARGET_LABELS: &[&str] = &[
    "job",
    "instance",
    "namespace",
    "pod",
    "service",
    "container",
    "endpoint",
];

pub type LabelNames = BTreeSet<String>;

pub struct KnownLabels<'a> {
    index: &'a CatalogIndex,
    records: HashMap<&'a str, Vec<&'a RecordingRule>>,
    /// Answers per name, shared: a project of 10,000 rules asks for the same few
    /// metrics again and again. For a record, `None` also marks one being computed, so
    /// a cycle of rules reads as unknown instead of recursing forever.
    memo: RefCell<HashMap<String, Option<Rc<LabelNames>>>>,
}

impl<'a> KnownLabels<'a> {
    pub fn new(
        index: &'a CatalogIndex,
        records: impl IntoIterator<Item = &'a RecordingRule>,
    ) -> Self {
        let mut by_name: HashMap<&str, Vec<&RecordingRule>> = HashMap::new();
        for r in records {
            by_name.entry(r.record.as_str()).or_default().push(r);
        }
        KnownLabels {
            index,
            records: by_name,
            memo: RefCell::new(HashMap::new()),
        }
    }

    pub fn is_record(&self, name: &str) -> bool {
        self.records.contains_key(name)
    }

    /// The recording rules that define `name`.
    pub fn rules_of(&self, name: &str) -> &[&'a RecordingRule] {
        self.records.get(name).map_or(&[], Vec::as_slice)
    }

    /// The labels the series of a selector's metric can carry.
    pub fn of_selector(&self, sel: &VectorSelector) -> Option<Rc<LabelNames>> {
        self.of_name(metric_name(sel)?)
    }

    /// The labels the series named `name` can carry.
    pub fn of_name(&self, name: &str) -> Option<Rc<LabelNames>> {
        if let Some(known) = self.memo.borrow().get(name) {
            return known.clone();
        }
        if self.records.contains_key(name) {
            return self.of_record(name);
        }
        let answer = self.of_catalog(name).map(Rc::new);
        self.memo
            .borrow_mut()
            .insert(name.to_string(), answer.clone());
        answer
    }

    /// The labels of a catalog metric's series.
    fn of_catalog(&self, name: &str) -> Option<LabelNames> {
        let entry = self.index.lookup(name)?;
        let mut out: LabelNames = TARGET_LABELS.iter().map(|l| l.to_string()).collect();
        for source in entry.sources {
            out.extend(source.labels.keys().cloned());
            match entry.suffix {
                Suffix::Bucket => {
                    out.insert("le".into());
                }
                Suffix::Plain if source.kind == Some(MetricKind::Summary) => {
                    out.insert("quantile".into());
                }
                Suffix::Plain | Suffix::Total => {}
            }
        }
        Some(out)
    }

    fn of_record(&self, name: &str) -> Option<Rc<LabelNames>> {
        self.memo.borrow_mut().insert(name.to_string(), None);
        let mut out = LabelNames::new();
        let mut known = true;
        for rule in self.rules_of(name) {
            match self.of_expr(&rule.expr.expr) {
                Some(labels) => out.extend(labels),
                None => known = false,
            }
            out.extend(rule.labels.iter().map(|p| p.key.clone()));
        }
        let answer = known.then(|| Rc::new(out));
        self.memo
            .borrow_mut()
            .insert(name.to_string(), answer.clone());
        answer
    }

    /// The labels the result of `expr` can carry.
    pub fn of_expr(&self, expr: &Expr) -> Option<LabelNames> {
        let kept = output_labels(expr);
        let (except, added) = match kept.labels {
            Labels::Exactly(set) => return Some(set),
            Labels::AllExcept { except, added } => (except, added),
        };
        if except.iter().chain(&added).any(|l| contains_variable(l)) {
            return None;
        }
        // Every selector's labels: those of `absent(...)` or the right of `and` too,
        // which only makes the answer a larger superset.
        let mut out = LabelNames::new();
        for sel in selectors(expr) {
            out.extend(self.of_selector(sel)?.iter().cloned());
        }
        out.retain(|l| !except.contains(l));
        out.extend(added);
        Some(out)
    }

    /// The labels the inputs of the recording rules of `name` carry: what the rules
    /// could have kept.
    pub fn record_inputs(&self, name: &str) -> LabelNames {
        let mut out = LabelNames::new();
        for rule in self.rules_of(name) {
            for sel in selectors(&rule.expr.expr) {
                if let Some(labels) = self.of_selector(sel) {
                    out.extend(labels.iter().cloned());
                }
            }
        }
        out
    }
}

/// The name before the braces, or an equality matcher on `__name__`; none when a
/// Grafana variable or a regex picks it.
pub fn metric_name(sel: &VectorSelector) -> Option<&str> {
    let name = match &sel.name {
        Some(n) => n.name.as_str(),
        None => sel
            .matchers
            .iter()
            .find(|m| m.label.name == "__name__" && m.op == MatchOp::Equal)
            .map(|m| m.value.as_str())?,
    };
    (!name.is_empty() && !contains_variable(name)).then_some(name)
}

#[cfg(test)]
#[path = "known_labels_tests.rs"]
mod tests;
