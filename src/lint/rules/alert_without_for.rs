//! ## What it does
//! Flags an alert without `for`.
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
//! An alert meant to fire at once (a deadman's switch, say) can say so with a
//! suppression: `# dac: disable alert/for -- fires at once by design`.

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        if alert.for_.is_some_and(|f| f.0 > 0) {
            continue;
        }
        let what = match alert.for_ {
            Some(_) => "`for = 0s`",
            None => "no `for`",
        };
        out.push(
            Finding::new(
                alert.name_span,
                format!(
                    "alert `{}` has {what}: it fires on a single evaluation",
                    alert.name
                ),
                "fires at once",
            )
            .with_help(
                "add `for = 5m` (or however long the condition must hold before someone \
                 is told)",
            ),
        );
    }
}
