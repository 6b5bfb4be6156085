//! ## What it does
//! Flags an alert without a `runbook` (the `runbook_url` annotation), or with one that
//! is not an `http://` or `https://` URL.
//!
//! ## Why is this bad?
//! Whoever is paged at night needs to know what to do next. A runbook link in the alert
//! takes them there in one click; without it they search a wiki while the system is
//! down.
//!
//! ## Example
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   for      = 5m
//!   severity = critical
//!   summary  = "The trade service is down"
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! alert "TradeServiceDown" {
//!   expr     = `up{job="trade-service"} == 0`
//!   for      = 5m
//!   severity = critical
//!   summary  = "The trade service is down"
//!   runbook  = "https://runbooks.example.com/trade-service/down"
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        let runbook = alert.annotations.iter().find(|p| p.key == "runbook_url");
        let Some(runbook) = runbook.filter(|p| !p.value.trim().is_empty()) else {
            out.push(
                Finding::new(
                    alert.name_span,
                    format!("alert `{}` has no runbook", alert.name),
                    "no `runbook`",
                )
                .with_help(
                    "add `runbook = \"https://...\"`: the page that says what to do when \
                     this alert fires",
                ),
            );
            continue;
        };
        let url = runbook.value.trim();
        // A template (`{{ $externalURL }}/...`) may well render a URL.
        if url.starts_with("https://") || url.starts_with("http://") || url.starts_with("{{") {
            continue;
        }
        out.push(
            Finding::new(
                runbook.span,
                format!(
                    "the runbook of alert `{}` is not a URL: `{url}`",
                    alert.name
                ),
                "not an http(s) URL",
            )
            .with_help("write the full address, starting with `https://`"),
        );
    }
}
