//! `promql/series`: why a selector matches no series. The answer is read from label
//! names and label values of the metric alone, never from `count()`, which must touch
//! every series of the metric and times out on exactly the large ones (pint#1796).

use super::super::selector::{LabelMatcher, Selector};
use crate::diagnostic::Span;
use crate::promql::ast::MatchOp;
use crate::promql::literal::quote;
use crate::promql::suggest::did_you_mean;
use std::collections::BTreeMap;
use std::fmt;

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

impl NoSeries {
    /// What a finding underlines in `selector` (the one this was explained for): the
    /// metric name, the matcher of the missing label, the value no series has, or all
    /// the matchers that together match nothing.
    pub fn span(&self, selector: &Selector) -> Span {
        let matcher = |label: &str| {
            selector
                .matchers
                .iter()
                .find(|m| m.label == label && m.needs_label())
        };
        match self {
            NoSeries::MetricMissing { .. } => selector.metric_span,
            NoSeries::LabelMissing { label, .. } => {
                matcher(label).map_or(selector.metric_span, |m| m.span)
            }
            NoSeries::ValueMissing { label, .. } => {
                matcher(label).map_or(selector.metric_span, |m| m.value_span)
            }
            NoSeries::NoCombination { .. } => {
                match (selector.matchers.first(), selector.matchers.last()) {
                    (Some(first), Some(last)) if first.span.file == last.span.file => Span::new(
                        first.span.file,
                        first.span.start as usize,
                        last.span.end as usize,
                    ),
                    _ => selector.metric_span,
                }
            }
        }
    }
}

impl fmt::Display for NoSeries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suggest =
            |f: &mut fmt::Formatter<'_>, closest: &Option<String>, quoted: bool| match closest {
                Some(c) if quoted => write!(f, "; did you mean {}?", quote(c)),
                Some(c) => write!(f, "; did you mean `{c}`?"),
                None => Ok(()),
            };
        match self {
            NoSeries::MetricMissing { metric, closest } => {
                write!(
                    f,
                    "Prometheus has no series named `{metric}`: nothing exports it, or nothing scrapes it"
                )?;
                suggest(f, closest, false)
            }
            NoSeries::LabelMissing {
                metric,
                label,
                closest,
            } => {
                write!(
                    f,
                    "no series of `{metric}` has the label `{label}`, so this matcher keeps nothing"
                )?;
                suggest(f, closest, false)
            }
            NoSeries::ValueMissing {
                metric,
                label,
                op,
                value,
                closest,
                known,
            } => {
                write!(
                    f,
                    "no series of `{metric}` has {label}{}{}: none of the {known} values of `{label}` matches",
                    op.as_str(),
                    quote(value)
                )?;
                suggest(f, closest, true)
            }
            NoSeries::NoCombination { metric } => write!(
                f,
                "each matcher finds series of `{metric}`, but no series satisfies them all together"
            ),
        }
    }
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
