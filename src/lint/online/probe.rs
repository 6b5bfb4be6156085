//! Asking Prometheus what each check needs: the fewest, cheapest requests (label names
//! and values rather than series where they answer the question), independent ones in
//! one batch of at most [`super::batch::MAX_IN_FLIGHT`].

use super::api::PrometheusApi;
use super::batch;
use super::checks::drift::LiveLabels;
use super::checks::live_cardinality::{SeriesCount, limit_for};
use super::checks::no_series::SelectorFacts;
use super::error::ApiError;
use super::selector::Selector;
use std::collections::{BTreeMap, BTreeSet};

/// What [`super::checks::no_series::explain`] needs to know about `selector`.
pub fn selector_facts(
    api: &dyn PrometheusApi,
    selector: &Selector,
) -> Result<SelectorFacts, ApiError> {
    // The metric names of the matching series: empty exactly when nothing matches, and
    // small whatever the metric's size.
    let matched = api.label_values("__name__", Some(&selector.to_promql()))?;
    if !matched.is_empty() {
        return Ok(SelectorFacts {
            matches: true,
            ..SelectorFacts::default()
        });
    }
    let labels = api.label_names(Some(&selector.metric))?;
    if labels.is_empty() {
        return Ok(SelectorFacts {
            metric_names: api.label_values("__name__", None)?,
            ..SelectorFacts::default()
        });
    }
    let needed: BTreeSet<&str> = selector
        .matchers
        .iter()
        .filter(|m| m.needs_label() && labels.contains(&m.label))
        .map(|m| m.label.as_str())
        .collect();
    let needed: Vec<&str> = needed.into_iter().collect();
    let answers = batch::run(&needed, |label| {
        api.label_values(label, Some(&selector.metric))
    });
    let mut values = BTreeMap::new();
    for (label, answer) in needed.iter().zip(answers) {
        values.insert(label.to_string(), answer?);
    }
    Ok(SelectorFacts {
        matches: false,
        labels,
        metric_names: Vec::new(),
        values,
    })
}

/// The facts of many selectors, asked in one batch.
pub fn all_selector_facts(
    api: &dyn PrometheusApi,
    selectors: &[Selector],
) -> Vec<Result<SelectorFacts, ApiError>> {
    batch::run(selectors, |s| selector_facts(api, s))
}

/// How many series `selector` has, counted up to just past `budget`.
pub fn live_count(
    api: &dyn PrometheusApi,
    selector: &Selector,
    budget: u64,
) -> Result<SeriesCount, ApiError> {
    let limit = limit_for(budget);
    let series = api.series(&selector.to_promql(), Some(limit))?;
    Ok(SeriesCount::from_answer(series.len(), Some(limit)))
}

/// Each label of the series named `series_name`, with its number of distinct values;
/// `None` when there are no such series.
pub fn live_labels(
    api: &dyn PrometheusApi,
    series_name: &str,
) -> Result<Option<LiveLabels>, ApiError> {
    let labels = api.label_names(Some(series_name))?;
    if labels.is_empty() {
        return Ok(None);
    }
    let answers = batch::run(&labels, |label| api.label_values(label, Some(series_name)));
    let mut live = LiveLabels::new();
    for (label, answer) in labels.iter().zip(answers) {
        live.insert(label.clone(), answer?.len() as u64);
    }
    Ok(Some(live))
}

/// The scrape intervals of every job with an active target.
pub fn scrape_intervals(
    api: &dyn PrometheusApi,
) -> Result<BTreeMap<String, BTreeSet<u64>>, ApiError> {
    Ok(super::checks::scrape_interval::intervals_by_job(
        &api.targets()?,
    ))
}

#[cfg(test)]
#[path = "probe_tests.rs"]
mod tests;
