//! ## What it does
//! Flags an alert without a `summary`, or with an empty one.
//!
//! ## Why is this bad?
//! The summary is the line a person reads in the page, the chat message or
//! Alertmanager's list. Without it they see the alert's name and a set of labels, and
//! must open the rule to learn what is wrong.
//!
//! ## Example
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   for      = 5m
//!   severity = critical
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   for      = 5m
//!   severity = critical
//!   summary  = "{{ $labels.instance }} of the trade service is down"
//! }
//! ```

use super::annotation;
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        if annotation(alert, "summary").is_some_and(|v| !v.trim().is_empty()) {
            continue;
        }
        out.push(
            Finding::new(
                alert.name_span,
                format!("alert `{}` has no summary", alert.name),
                "no `summary`",
            )
            .with_help(
                "add `summary = \"...\"`: one line that says what is wrong, such as \
                 \"{{ $labels.job }} is down\"",
            ),
        );
    }
}
