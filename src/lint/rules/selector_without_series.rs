//! ## What it does
//! Online (`dac lint --prometheus URL`): flags a selector that matches no series in
//! that Prometheus, and says why. No series has the metric's name (a typo, or nothing
//! exports or scrapes it); the metric's series never have the label; no value of the
//! label satisfies the matcher (the closest value that exists is suggested); or each
//! matcher finds series but no series satisfies them all. The answer comes from the
//! label-names and label-values APIs, never from `count()`, which reads every series of
//! the metric and times out on exactly the large ones (pint#1796).
//!
//! Matchers holding Grafana variables are left out of the question, so the selector
//! asked matches more, never less. A selector of a recording rule the project defines
//! is not checked: the rule may not be deployed yet.
//!
//! ## Why is this bad?
//! A selector that matches nothing makes a query that returns nothing. A panel shows
//! "No data", which reads like a quiet system; an alert never fires, and nobody learns
//! that it cannot. A renamed metric or label after an exporter upgrade does exactly
//! this, silently.
//!
//! ## Example
//! ```text
//! alert "OrdersStalled" {
//!   expr = `sum(rate(trade_orders_total{symbol="BTCUSD"}[5m])) == 0`
//! }
//! ```
//! (the exporter's symbols are `BTCUSDT`, `ETHUSDT`, ...)
//!
//! ## Use instead
//! ```text
//! alert "OrdersStalled" {
//!   expr = `sum(rate(trade_orders_total{symbol="BTCUSDT"}[5m])) == 0`
//! }
//! ```

use std::collections::BTreeSet;

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::online::checks::no_series::{NoSeries, explain};
use crate::lint::online::{ApiError, PrometheusApi, Selector, probe};
use crate::lint::settings::LintSettings;
use crate::promql::visit::selectors;

pub fn check(
    input: &LintInput,
    _: &LintSettings,
    api: &dyn PrometheusApi,
    out: &mut Vec<Finding>,
) -> Result<(), ApiError> {
    let recorded: BTreeSet<&str> = input.records().map(|r| r.record.as_str()).collect();
    let asked: Vec<Selector> = input
        .queries()
        .flat_map(|q| selectors(&q.expr))
        .filter_map(Selector::from_ast)
        .filter(|s| !recorded.contains(s.metric.as_str()))
        .collect();
    for (selector, facts) in asked.iter().zip(probe::all_selector_facts(api, &asked)) {
        if let Some(why) = explain(selector, &facts?) {
            out.push(finding(selector, &why));
        }
    }
    Ok(())
}

fn finding(selector: &Selector, why: &NoSeries) -> Finding {
    let (label, help) = match why {
        NoSeries::MetricMissing { .. } => (
            "no series has this name",
            "check the name against the exporter's `/metrics`, and that Prometheus scrapes \
             the service that exports it",
        ),
        NoSeries::LabelMissing { .. } => (
            "no series has this label",
            "match a label the metric has, or drop the matcher",
        ),
        NoSeries::ValueMissing { .. } => (
            "no series has this value",
            "match a value the label has in Prometheus",
        ),
        NoSeries::NoCombination { .. } => (
            "no series has all of these",
            "loosen one of the matchers: each alone finds series",
        ),
    };
    Finding::new(why.span(selector), why.to_string(), label).with_help(help)
}
