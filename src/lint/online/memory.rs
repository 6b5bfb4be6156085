//! A Prometheus held in memory: a list of series and targets answering the
//! [`PrometheusApi`] as a server with those series would. The online rules' tests use it
//! where a live server is not the point; `tests/it/lint_online.rs` checks the same
//! questions against a real one.

use super::answers::{BuildInfo, LabelSet, Target, TsdbStatus};
use super::api::PrometheusApi;
use super::error::{ApiError, ApiErrorKind};
use super::selector::Selector;
use crate::diagnostic::FileId;
use crate::promql::ast::ExprKind;
use crate::promql::{ParseOptions, parse};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Default)]
pub struct MemoryPrometheus {
    pub series: Vec<LabelSet>,
    pub targets: Vec<Target>,
    pub version: String,
    /// Whether `limit` is honoured, as from Prometheus 2.51 on.
    pub honours_limit: bool,
    requests: AtomicUsize,
}

impl MemoryPrometheus {
    /// A server holding `series`, each written as `metric{label="value", ...}`.
    pub fn with_series(series: &[&str]) -> MemoryPrometheus {
        let series = series
            .iter()
            .map(|text| {
                let s = selector(text).unwrap_or_else(|e| panic!("{text}: {e}"));
                let mut set: LabelSet =
                    s.matchers.into_iter().map(|m| (m.label, m.value)).collect();
                set.insert("__name__".to_string(), s.metric);
                set
            })
            .collect();
        MemoryPrometheus {
            series,
            version: "2.42.0".to_string(),
            ..MemoryPrometheus::default()
        }
    }

    /// How many requests were answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    fn matching(&self, query: Option<&str>) -> Result<Vec<&LabelSet>, ApiError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let Some(text) = query else {
            return Ok(self.series.iter().collect());
        };
        let s = selector(text).map_err(|error| {
            let kind = ApiErrorKind::Status {
                code: 400,
                error: Some(format!("invalid parameter \"match[]\": {error}")),
            };
            ApiError::new(&format!("memory:/?match[]={text}"), kind)
        })?;
        Ok(self
            .series
            .iter()
            .filter(|set| set.get("__name__") == Some(&s.metric))
            .filter(|set| {
                s.matchers.iter().all(|m| {
                    let value = set.get(&m.label).map_or("", String::as_str);
                    m.matches(value) == Some(true)
                })
            })
            .collect())
    }
}

/// `text` as a selector, or why it is not one.
fn selector(text: &str) -> Result<Selector, String> {
    let expr = parse(text, &ParseOptions::new(FileId(0)))
        .map_err(|d| d.first().map_or(String::new(), |d| d.message.clone()))?;
    match expr.kind {
        ExprKind::Vector(vs) => Selector::from_ast(&vs).ok_or("no metric name".to_string()),
        _ => Err("not a series selector".to_string()),
    }
}

impl PrometheusApi for MemoryPrometheus {
    fn series(&self, selector: &str, limit: Option<usize>) -> Result<Vec<LabelSet>, ApiError> {
        let mut found: Vec<LabelSet> = self
            .matching(Some(selector))?
            .into_iter()
            .cloned()
            .collect();
        if let (true, Some(limit)) = (self.honours_limit, limit) {
            found.truncate(limit);
        }
        Ok(found)
    }

    fn label_values(&self, label: &str, selector: Option<&str>) -> Result<Vec<String>, ApiError> {
        let values: BTreeSet<&String> = self
            .matching(selector)?
            .into_iter()
            .filter_map(|set| set.get(label))
            .collect();
        Ok(values.into_iter().cloned().collect())
    }

    fn label_names(&self, selector: Option<&str>) -> Result<Vec<String>, ApiError> {
        let names: BTreeSet<&String> = self
            .matching(selector)?
            .into_iter()
            .flat_map(|s| s.keys())
            .collect();
        Ok(names.into_iter().cloned().collect())
    }

    fn targets(&self) -> Result<Vec<Target>, ApiError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(self.targets.clone())
    }

    fn tsdb_status(&self) -> Result<TsdbStatus, ApiError> {
        let mut by_metric: BTreeMap<&String, u64> = BTreeMap::new();
        for set in self.matching(None)? {
            if let Some(name) = set.get("__name__") {
                *by_metric.entry(name).or_default() += 1;
            }
        }
        let mut series_by_metric: Vec<(String, u64)> =
            by_metric.into_iter().map(|(n, c)| (n.clone(), c)).collect();
        series_by_metric.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        series_by_metric.truncate(10);
        Ok(TsdbStatus {
            head_series: self.series.len() as u64,
            series_by_metric,
            values_by_label: Vec::new(),
        })
    }

    fn build_info(&self) -> Result<BuildInfo, ApiError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        Ok(BuildInfo {
            version: self.version.clone(),
        })
    }
}
