//! ## What it does
//! Flags an alert without `for`. An explicit `for = 0s` is not flagged: it says the
//! alert fires at once on purpose.
//!
//! ## Why is this bad?
//! Without `for`, an alert fires on the first evaluation whose result is not empty. One
//! slow scrape, one restart or one spike of a noisy ratio pages someone, and the alert
//! resolves a minute later: the kind of alert people learn to ignore.
//!
//! ## Example
//! ```text
//! alert "HighErrorRate" {
//!   expr     = `sum(rate(http_requests_total{status=~"5.."}[5m])) > 1`
//!   severity = critical
//! }
//! ```
//!
//! ## Use instead
//! Say how long the condition must hold before anyone is told:
//! ```text
//! alert "HighErrorRate" {
//!   expr     = `sum(rate(http_requests_total{status=~"5.."}[5m])) > 1`
//!   for      = 5m
//!   severity = critical
//! }
//! ```
//! An alert meant to fire at once (a deadman's switch, an event that is over by the
//! next evaluation) says so with `for = 0s`.

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        if alert.for_.is_some() {
            continue;
        }
        out.push(
            Finding::new(
                alert.name_span,
                format!(
                    "alert `{}` has no `for`: it fires on a single evaluation",
                    alert.name
                ),
                "fires at once",
            )
            .with_help(
                "add `for = 5m` (or however long the condition must hold before someone \
                 is told); `for = 0s` says it fires at once on purpose",
            ),
        );
    }
}
