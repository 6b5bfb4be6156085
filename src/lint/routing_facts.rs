//! What the routing rules read: the routing block, and each alert with the labels known
//! before it fires (its `alertname` and rule labels) and, where the catalog tells, the
//! labels its expression gives.

use super::context::LintInput;
use super::known_labels::{KnownLabels, LabelNames};
use crate::model::{AlertRule, RouteMatcher, Routing, static_labels};

pub struct AlertFacts<'a> {
    pub alert: &'a AlertRule,
    /// `alertname` and the rule's labels, sorted.
    pub labels: Vec<(String, String)>,
    /// The labels the expression gives; `None` when they cannot be known.
    pub expr_labels: Option<LabelNames>,
}

impl AlertFacts<'_> {
    pub fn static_value(&self, label: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == label)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the alert surely carries `label`: written on it, or given by its
    /// expression as far as the catalog tells.
    pub fn carries(&self, label: &str) -> bool {
        self.static_value(label).is_some()
            || self.expr_labels.as_ref().is_some_and(|l| l.contains(label))
    }

    /// Whether the alert may carry `label`: [`AlertFacts::carries`], or its expression's
    /// labels are unknown.
    pub fn may_carry(&self, label: &str) -> bool {
        self.carries(label) || self.expr_labels.is_none()
    }
}

/// The routing block and the facts of every alert; `None` without a routing block.
pub fn facts<'a>(input: &LintInput<'a>) -> Option<(&'a Routing, Vec<AlertFacts<'a>>)> {
    let routing = input.project.routing.first()?;
    let known = KnownLabels::new(input.catalog(), input.records());
    let alerts = input
        .alerts()
        .map(|alert| AlertFacts {
            alert,
            labels: static_labels(alert),
            expr_labels: known.of_expr(&alert.expr.expr),
        })
        .collect();
    Some((routing, alerts))
}

/// Every matcher of the route tree, depth first.
pub fn route_matchers(routing: &Routing) -> Vec<&RouteMatcher> {
    let mut out = Vec::new();
    let mut stack = vec![&routing.route];
    while let Some(r) = stack.pop() {
        out.extend(&r.matchers);
        stack.extend(r.routes.iter().rev());
    }
    out
}
