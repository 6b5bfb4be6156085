//! `promql/series`: why a selector matches no series. The answer is read from label
//! names and label values of the metric alone, never from `count()`, which must touch
//! every series of the metric and times out on exactly the large ones (pint#1796).

use super::super::selector::{LabelMatcher, Selector};
use crate::promql::ast::MatchOp;
use crate::promql::suggest::did_you_mean;
use std::collections::BTreeMap;

/// What Prometheus knows about a selector's metric, as [`super::super::probe`] asks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectorFacts {
    /// The whole selector matches at least one series.
    pub matches: bool,
    /// The label names of the metric's series; empty when the metric has none.
    pub labels: Vec<String>,
    /// Every metric name, asked only when the metric has no series (for a suggestion).
    pub metric_names: Vec<String>,
    /// For each label a matcher needs, the values it has on the metric's series.
    pub values: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoSeries {
    /// No series has this metric name.
    MetricMissing {
        metric: String,
        closest: Option<String>,
    },
    /// The metric's series never have this label.
    LabelMissing {
        metric: String,
        label: String,
        closest: Option<String>,
    },
    /// The label exists, but no value of it satisfies the matcher.
    ValueMissing {
        metric: String,
        label: String,
        op: MatchOp,
        value: String,
        /// The nearest existing value, for `=`.
        closest: Option<String>,
        /// How many values the label has on this metric.
        known: usize,
    },
    /// Every matcher alone finds series; together they find none.
    NoCombination { metric: String },
}

/// Why `selector` matches nothing, or `None` if it matches something.
pub fn explain(selector: &Selector, facts: &SelectorFacts) -> Option<NoSeries> {
    if facts.matches {
        return None;
    }
    let metric = &selector.metric;
    if facts.labels.is_empty() {
        let closest = did_you_mean(metric, facts.metric_names.iter().map(String::as_str));
        return Some(NoSeries::MetricMissing {
            metric: metric.clone(),
            closest: closest.map(str::to_string),
        });
    }
    let needed: Vec<&LabelMatcher> = selector
        .matchers
        .iter()
        .filter(|m| m.needs_label())
        .collect();
    if let Some(m) = needed.iter().find(|m| !facts.labels.contains(&m.label)) {
        let closest = did_you_mean(&m.label, facts.labels.iter().map(String::as_str));
        return Some(NoSeries::LabelMissing {
            metric: metric.clone(),
            label: m.label.clone(),
            closest: closest.map(str::to_string),
        });
    }
    for m in needed {
        let values = facts.values.get(&m.label).map_or(&[][..], Vec::as_slice);
        // An invalid regex is another rule's finding; it says nothing about series.
        let satisfied = values.iter().any(|v| m.matches(v) != Some(false));
        if !satisfied {
            let closest = match m.op {
                MatchOp::Equal => did_you_mean(&m.value, values.iter().map(String::as_str)),
                _ => None,
            };
            return Some(NoSeries::ValueMissing {
                metric: metric.clone(),
                label: m.label.clone(),
                op: m.op,
                value: m.value.clone(),
                closest: closest.map(str::to_string),
                known: values.len(),
            });
        }
    }
    Some(NoSeries::NoCombination {
        metric: metric.clone(),
    })
}

#[cfg(test)]
#[path = "no_series_tests.rs"]
mod tests;
