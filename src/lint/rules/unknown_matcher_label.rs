//! ## What it does
//! Flags a route matcher on a label that no alert of the project carries (`sevrity`),
//! and an equality matcher on a value no alert has for that label (`team = "tradng"`).
//! An alert carries the labels written on it (`alertname`, its `labels`, `severity`),
//! and those its expression gives where the metric catalog tells. `severity` values are
//! `routing/unused-severity`'s to check.
//!
//! ## Why is this bad?
//! The route is never taken: the alerts meant for it fall through to a sibling or to
//! the default receiver. A typo in a route is silent in Alertmanager; nothing fails
//! until the night the page does not come.
//!
//! ## Example
//! ```text
//! route {
//!   matchers = { sevrity = "critical", team = "tradng" }
//!   receiver = "pagerduty-trading"
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! route {
//!   matchers = { severity = "critical", team = "trading" }
//!   receiver = "pagerduty-trading"
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::routing_facts::{facts, route_matchers};
use crate::lint::settings::LintSettings;
use crate::model::MatcherOp;
use crate::promql::suggest::did_you_mean;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let Some((routing, alerts)) = facts(input) else {
        return;
    };
    // Every label an alert carries, and the values written for it.
    let mut values: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    // Labels some alert's expression may give: their values are not known.
    let mut dynamic: BTreeSet<&str> = BTreeSet::new();
    for a in &alerts {
        for (k, v) in &a.labels {
            values.entry(k).or_default().insert(v);
        }
        for l in a.expr_labels.iter().flatten() {
            dynamic.insert(l);
        }
    }
    for m in route_matchers(routing) {
        let label = m.label.as_str();
        let known = values.contains_key(label) || dynamic.contains(label);
        if !known {
            let names = values.keys().chain(&dynamic).copied();
            let hint = match did_you_mean(label, names) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            out.push(
                Finding::new(
                    m.label_span,
                    format!("no alert carries the label `{label}`: this route never matches it"),
                    "no alert has this label",
                )
                .with_help(format!(
                    "{hint}route on labels the rules write (`labels = {{ ... }}` of an alert); \
                     labels from an expression count where the catalog tells them"
                )),
            );
            continue;
        }
        if m.op != MatcherOp::Equal || label == "severity" || dynamic.contains(label) {
            continue;
        }
        let Some(written) = values.get(label) else {
            continue;
        };
        if written.contains(m.value.as_str()) {
            continue;
        }
        let hint = match did_you_mean(&m.value, written.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        let listed: Vec<String> = written.iter().map(|v| format!("`{v}`")).collect();
        out.push(
            Finding::new(
                m.value_span,
                format!(
                    "no alert has `{label}` = `{}`: this route never matches",
                    m.value
                ),
                "no alert has this value",
            )
            .with_help(format!(
                "{hint}the alerts' values of `{label}` are {}",
                listed.join(", ")
            )),
        );
    }
}
