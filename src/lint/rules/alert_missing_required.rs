//! ## What it does
//! Flags an alert that lacks a label or an annotation the project requires:
//! `[lint] required_labels` and `[lint] required_annotations` in `dac.toml` (none by
//! default; `severity`, `summary` and `runbook_url` have rules of their own).
//!
//! ## Why is this bad?
//! Teams route and triage on labels such as `team` or `service`, and link dashboards
//! from annotations. An alert without them reaches no one, or reaches someone with
//! nothing to go on.
//!
//! ## Example
//! With `required_labels = ["team"]`:
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
//!   labels   = { team = "trading" }
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, settings: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        for name in &settings.required_labels {
            if !alert.labels.iter().any(|p| &p.key == name) {
                out.push(missing(
                    &alert.name,
                    alert.name_span,
                    "label",
                    "labels",
                    name,
                ));
            }
        }
        for name in &settings.required_annotations {
            let present = alert
                .annotations
                .iter()
                .any(|p| &p.key == name && !p.value.trim().is_empty());
            if !present {
                let f = missing(
                    &alert.name,
                    alert.name_span,
                    "annotation",
                    "annotations",
                    name,
                );
                out.push(f);
            }
        }
    }
}

fn missing(
    alert: &str,
    span: crate::diagnostic::Span,
    what: &str,
    block: &str,
    name: &str,
) -> Finding {
    Finding::new(
        span,
        format!("alert `{alert}` has no `{name}` {what}, which dac.toml requires"),
        format!("no `{name}`"),
    )
    .with_help(format!(
        "add `{block} = {{ {name} = \"...\" }}`; `[lint] required_{block}` in dac.toml \
         lists what every alert must have"
    ))
}
