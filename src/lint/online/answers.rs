//! The parts of Prometheus' API answers the checks read, parsed from the `data` field of
//! its JSON envelope. A field of the wrong shape is an error, never a default.

use super::duration::parse_millis;
use serde_json::Value;
use std::collections::BTreeMap;

/// One series: its labels, `__name__` included.
pub type LabelSet = BTreeMap<String, String>;

/// An active scrape target of `/api/v1/targets`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The `job` label of the target's series (its scrape pool when it has none).
    pub job: String,
    pub scrape_url: String,
    /// `None` from servers older than 2.39, which do not report it.
    pub scrape_interval_ms: Option<u64>,
    pub health: String,
}

/// `/api/v1/status/tsdb`: the head block's statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TsdbStatus {
    pub head_series: u64,
    /// The metrics with the most series (Prometheus reports the top 10), most first.
    pub series_by_metric: Vec<(String, u64)>,
    /// The labels with the most values, most first.
    pub values_by_label: Vec<(String, u64)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildInfo {
    pub version: String,
}

pub fn series(data: &Value) -> Result<Vec<LabelSet>, String> {
    array(data, "series")?
        .iter()
        .map(|s| {
            let object = s.as_object().ok_or("a series is not an object")?;
            object
                .iter()
                .map(|(k, v)| {
                    let v = v.as_str().ok_or("a label value is not a string")?;
                    Ok((k.clone(), v.to_string()))
                })
                .collect()
        })
        .collect()
}

/// The answer of `/api/v1/labels` and `/api/v1/label/<name>/values`.
pub fn strings(data: &Value) -> Result<Vec<String>, String> {
    array(data, "names")?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| "a name is not a string".into())
        })
        .collect()
}

pub fn targets(data: &Value) -> Result<Vec<Target>, String> {
    array(&data["activeTargets"], "activeTargets")?
        .iter()
        .map(|t| {
            let job = t["labels"]["job"]
                .as_str()
                .or_else(|| t["scrapePool"].as_str())
                .ok_or("a target has neither a job label nor a scrape pool")?;
            let scrape_interval_ms = match t.get("scrapeInterval") {
                None => None,
                Some(v) => Some(
                    v.as_str()
                        .and_then(parse_millis)
                        .ok_or("a target's scrapeInterval is not a duration")?,
                ),
            };
            Ok(Target {
                job: job.to_string(),
                scrape_url: t["scrapeUrl"].as_str().unwrap_or("").to_string(),
                scrape_interval_ms,
                health: t["health"].as_str().unwrap_or("unknown").to_string(),
            })
        })
        .collect()
}

pub fn tsdb_status(data: &Value) -> Result<TsdbStatus, String> {
    let head_series = data["headStats"]["numSeries"]
        .as_u64()
        .ok_or("headStats.numSeries is not a number")?;
    Ok(TsdbStatus {
        head_series,
        series_by_metric: counts(&data["seriesCountByMetricName"])?,
        values_by_label: counts(&data["labelValueCountByLabelName"])?,
    })
}

pub fn build_info(data: &Value) -> Result<BuildInfo, String> {
    let version = data["version"].as_str().ok_or("version is not a string")?;
    Ok(BuildInfo {
        version: version.to_string(),
    })
}

fn array<'a>(value: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("{what}: expected a JSON array"))
}

/// `[{"name": ..., "value": N}, ...]`; absent (older servers) is empty.
fn counts(value: &Value) -> Result<Vec<(String, u64)>, String> {
    if value.is_null() {
        return Ok(Vec::new());
    }
    array(value, "counts")?
        .iter()
        .map(|c| match (c["name"].as_str(), c["value"].as_u64()) {
            (Some(name), Some(n)) => Ok((name.to_string(), n)),
            _ => Err("a count is not {name, value}".to_string()),
        })
        .collect()
}

#[cfg(test)]
#[path = "answers_tests.rs"]
mod tests;
