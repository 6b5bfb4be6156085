//! ## What it does
//! Flags both directions of a severity mismatch between the rules and the routes: a
//! `severity` that alerts carry but no route matches on, and a route matcher on a
//! severity that no alert carries (`severity = "crit"`, or a regex no severity passes).
//!
//! ## Why is this bad?
//! Routes are usually cut by severity: critical pages, warning goes to chat. An alert
//! whose severity no route names goes wherever the routes around it send it, often the
//! default receiver; a route for a severity no rule uses is dead, and is usually a typo
//! for the one meant.
//!
//! ## Example
//! ```text
//! alert "DiskFull" { expr = `...`, severity = critical }
//! alert "DiskFilling" { expr = `...`, severity = warning }
//!
//! route {
//!   receiver = "null"
//!   route { matchers = { severity = "crit" }, receiver = "pager" }
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! route {
//!   receiver = "null"
//!   route { matchers = { severity = "critical" }, receiver = "pager" }
//!   route { matchers = { severity = "warning" }, receiver = "chat" }
//! }
//! ```

use std::collections::BTreeMap;

use crate::diagnostic::Span;
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::routing_facts::route_matchers;
use crate::lint::settings::LintSettings;
use crate::model::MatcherOp;
use crate::promql::suggest::did_you_mean;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let Some(routing) = input.project.routing.first() else {
        return;
    };
    // Each severity the rules use, with where it is first written.
    let mut used: BTreeMap<&str, Span> = BTreeMap::new();
    for alert in input.alerts() {
        if let Some(p) = alert.labels.iter().find(|p| p.key == "severity") {
            used.entry(p.value.as_str()).or_insert(p.span);
        }
    }
    let matchers: Vec<_> = route_matchers(routing)
        .into_iter()
        .filter(|m| m.label == "severity" && matches!(m.op, MatcherOp::Equal | MatcherOp::Regex))
        .collect();
    for (severity, span) in &used {
        let labels = [("severity".to_string(), severity.to_string())];
        if matchers.iter().any(|m| m.matches(&labels)) {
            continue;
        }
        out.push(
            Finding::new(
                *span,
                format!("no route matches severity `{severity}`"),
                "no route for this severity",
            )
            .with_help(format!(
                "add a route with `matchers = {{ severity = \"{severity}\" }}`, or use a \
                 severity the routes know"
            )),
        );
    }
    for m in matchers {
        let passes = used.keys().any(|s| {
            let labels = [("severity".to_string(), s.to_string())];
            m.matches(&labels)
        });
        if passes {
            continue;
        }
        let hint = match did_you_mean(&m.value, used.keys().copied()) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        let listed: Vec<String> = used.keys().map(|s| format!("`{s}`")).collect();
        out.push(
            Finding::new(
                m.value_span,
                format!("no alert has a severity this matcher takes (`{}`)", m.value),
                "no rule uses this severity",
            )
            .with_help(format!(
                "{hint}the rules' severities are {}",
                if listed.is_empty() {
                    "none".to_string()
                } else {
                    listed.join(", ")
                }
            )),
        );
    }
}
