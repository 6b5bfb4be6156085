//! ## What it does
//! Flags an alert that no route of the routing block takes, so that it reaches only the
//! root route's default receiver, when that receiver notifies no one (a receiver with no
//! integration, such as `receiver "null" {}`). The alert's labels are those known before
//! it fires: `alertname` and its rule's `labels`.
//!
//! ## Why is this bad?
//! The alert fires, Alertmanager takes it, and nobody ever hears of it: a rule that
//! costs evaluations and gives a false sense of cover. It is usually a missing `team`
//! label, a typo in a label value, or a route written for another severity.
//!
//! ## Example
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   severity = critical
//!   labels   = { team = "tradng" }     # no route matches this team
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   severity = critical
//!   labels   = { team = "trading" }
//! }
//! ```
//! `dac routes` prints the route every alert takes. An alert that is meant for no one
//! can say so with a route of its own to the null receiver.

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::routing_facts::facts;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let Some((routing, alerts)) = facts(input) else {
        return;
    };
    let Some(default) = &routing.route.receiver else {
        return;
    };
    if !routing.is_null_receiver(default) {
        return;
    }
    for a in &alerts {
        let routes = routing.routes_for(&a.labels);
        if routes.iter().any(|t| !t.path.is_empty()) {
            continue;
        }
        out.push(
            Finding::new(
                a.alert.name_span,
                format!(
                    "alert `{}` reaches only the default receiver `{default}`, which notifies no one",
                    a.alert.name
                ),
                "no route takes this alert",
            )
            .with_secondary(routing.route.receiver_span, "the default receiver")
            .with_help(
                "give the alert the labels a route matches (its `team`, `severity`), or add a \
                 route for it; `dac routes` shows where each alert goes",
            ),
        );
    }
}
