//! ## What it does
//! Flags an alert without a `severity`, and one whose severity is not among the allowed
//! ones (`[lint] alert_severities`, by default `critical`, `warning` and `info`).
//!
//! ## Why is this bad?
//! Alertmanager routes on the severity: `critical` pages, `warning` goes to a chat
//! channel. An alert without one, or with a severity no route knows (`crit`, `high`),
//! goes to the default receiver, or nowhere anyone looks.
//!
//! ## Example
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   for      = 5m
//!   severity = page
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   for      = 5m
//!   severity = critical
//! }
//! ```
//! Or, when `page` is what the routes use, allow it in `dac.toml`:
//! ```toml
//! [lint]
//! alert_severities = ["page", "ticket"]
//! ```

use super::label;
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::suggest::did_you_mean;

pub fn check(input: &LintInput, settings: &LintSettings, out: &mut Vec<Finding>) {
    let allowed = settings.alert_severities.join("`, `");
    for alert in input.alerts() {
        let Some(severity) = label(alert, "severity") else {
            out.push(
                Finding::new(
                    alert.name_span,
                    format!("alert `{}` has no severity", alert.name),
                    "no `severity`",
                )
                .with_help(format!(
                    "add `severity = ...`, one of `{allowed}`: Alertmanager routes on it"
                )),
            );
            continue;
        };
        if settings.alert_severities.contains(&severity.value) {
            continue;
        }
        let names = settings.alert_severities.iter().map(String::as_str);
        let hint = match did_you_mean(&severity.value, names) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        out.push(
            Finding::new(
                severity.span,
                format!(
                    "alert `{}` has severity `{}`, which is not one of `{allowed}`",
                    alert.name, severity.value
                ),
                "unknown severity",
            )
            .with_help(format!(
                "{hint}Alertmanager's routes match these values; to allow another, list \
                 it in `[lint] alert_severities` of dac.toml"
            )),
        );
    }
}
