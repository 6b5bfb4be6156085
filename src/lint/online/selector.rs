//! A series selector as the online checks send it: a metric name and literal matchers.
//! Built from the PromQL tree; Grafana variables cannot be sent, so a matcher holding
//! one is left out (the selector then matches more, never less: a check that finds no
//! series for it would find none for the full one either).

use crate::diagnostic::Span;
use crate::promql::ast::{MatchOp, VectorSelector, has_grafana_variable};
use crate::promql::literal::quote;
use regex::Regex;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    pub metric: String,
    /// Where the metric name is written (the `__name__` matcher when it is one).
    pub metric_span: Span,
    pub matchers: Vec<LabelMatcher>,
    /// Whether matchers were left out because they hold Grafana variables.
    pub partial: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelMatcher {
    pub label: String,
    pub op: MatchOp,
    pub value: String,
    /// The whole matcher, and its quoted value, in the source: what a finding underlines.
    pub span: Span,
    pub value_span: Span,
}

impl Selector {
    /// The selector of `vs`, or `None` when its metric name is not a literal (no name, or
    /// a Grafana variable in it): there is no metric to ask about.
    pub fn from_ast(vs: &VectorSelector) -> Option<Selector> {
        let name_matcher = vs
            .matchers
            .iter()
            .find(|m| m.label.name == "__name__" && m.op == MatchOp::Equal);
        let (metric, metric_span) = match (&vs.name, name_matcher) {
            (Some(name), _) => (name.name.clone(), name.span),
            (None, Some(m)) => (m.value.clone(), m.span),
            (None, None) => return None,
        };
        if has_grafana_variable(&metric) {
            return None;
        }
        let mut partial = false;
        let mut matchers = Vec::new();
        for m in &vs.matchers {
            if m.label.name == "__name__" && m.op == MatchOp::Equal {
                continue;
            }
            if has_grafana_variable(&m.value) {
                partial = true;
                continue;
            }
            matchers.push(LabelMatcher {
                label: m.label.name.clone(),
                op: m.op,
                value: m.value.clone(),
                span: m.span,
                value_span: m.value_span,
            });
        }
        Some(Selector {
            metric,
            metric_span,
            matchers,
            partial,
        })
    }

    /// The selector as PromQL, for `match[]`.
    pub fn to_promql(&self) -> String {
        if self.matchers.is_empty() {
            return self.metric.clone();
        }
        let matchers: Vec<String> = self
            .matchers
            .iter()
            .map(|m| format!("{}{}{}", m.label, m.op.as_str(), quote(&m.value)))
            .collect();
        format!("{}{{{}}}", self.metric, matchers.join(", "))
    }
}

impl LabelMatcher {
    /// Whether a series whose label has `value` (`""` when it lacks the label) is kept;
    /// `None` for a regex Prometheus would reject.
    pub fn matches(&self, value: &str) -> Option<bool> {
        match self.op {
            MatchOp::Equal => Some(value == self.value),
            MatchOp::NotEqual => Some(value != self.value),
            MatchOp::Regex => self.regex().map(|r| r.is_match(value)),
            MatchOp::NotRegex => self.regex().map(|r| !r.is_match(value)),
        }
    }

    /// Whether only series that have the label can match (a matcher that keeps `""`
    /// also keeps series without the label).
    pub fn needs_label(&self) -> bool {
        self.matches("") == Some(false)
    }

    /// Prometheus anchors label regexes at both ends.
    fn regex(&self) -> Option<Regex> {
        Regex::new(&format!("^(?:{})$", self.value)).ok()
    }
}

#[cfg(test)]
#[path = "selector_tests.rs"]
mod tests;
