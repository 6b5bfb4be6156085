//! ## What it does
//! Flags a metric name that the project's catalog does not have, when the project has a
//! catalog (a service or exporter with metrics), and suggests the closest name. The
//! catalog's names include a histogram's `_bucket`, `_sum` and `_count` and a summary's
//! `_sum` and `_count`; the project's recording rules count as metrics, and so do the
//! series Prometheus makes itself (`up`, `scrape_*`, `ALERTS`, `ALERTS_FOR_STATE`).
//! Names with a `:` are recording rules, which `rule/dependency` checks. Lint the whole
//! project (`dac lint` without paths, as the pre-commit hooks do): given only some of
//! the catalog's files, the metrics of the others are unknown.
//!
//! ## Why is this bad?
//! A misspelt metric selects nothing, and PromQL does not complain: the panel shows "No
//! data", and the alert never fires, however bad things get. A metric the catalog lacks
//! also gets no cardinality estimate and no label checks.
//!
//! ## Example
//! ```text
//! expr = `sum by (job) (rate(http_request_total[5m]))`
//! ```
//!
//! ## Use instead
//! ```text
//! expr = `sum by (job) (rate(http_requests_total[5m]))`
//! ```
//! If the metric is real, add it to its service's catalog entry.

use crate::diagnostic::Span;
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::known_labels::metric_name;
use crate::lint::settings::LintSettings;
use crate::promql::ast::VectorSelector;
use crate::promql::suggest::did_you_mean;
use crate::promql::visit::selectors;

/// Series Prometheus writes itself, for every target or every alert.
const SYNTHETIC: &[&str] = &["up", "ALERTS", "ALERTS_FOR_STATE"];

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    if !input.has_catalog() {
        return;
    }
    let index = input.catalog();
    let mut names: Option<Vec<&str>> = None;
    for query in input.queries() {
        for sel in selectors(&query.expr) {
            let Some(name) = metric_name(sel) else {
                continue;
            };
            if index.contains(name) || synthetic(name) || name.contains(':') {
                continue;
            }
            let names = names.get_or_insert_with(|| index.names());
            let hint = did_you_mean(name, names.iter().copied());
            out.push(finding(name, name_span(sel), hint));
        }
    }
}

fn synthetic(name: &str) -> bool {
    SYNTHETIC.contains(&name) || name.starts_with("scrape_")
}

/// The name before the braces, else the `__name__` matcher.
fn name_span(sel: &VectorSelector) -> Span {
    match &sel.name {
        Some(n) => n.span,
        None => sel
            .matchers
            .iter()
            .find(|m| m.label.name == "__name__")
            .map_or(Span::DUMMY, |m| m.span),
    }
}

fn finding(name: &str, span: Span, hint: Option<&str>) -> Finding {
    let f = Finding::new(
        span,
        format!("metric `{name}` is not in the catalog: this selects nothing"),
        "not a metric of any service or exporter",
    );
    match hint {
        Some(close) => f.with_help(format!(
            "did you mean `{close}`? If `{name}` is real, add it to its service's catalog"
        )),
        None => f.with_help(format!(
            "check the name, or add `{name}` to the catalog of the service that exposes it"
        )),
    }
}
