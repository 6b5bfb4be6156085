//! `catalog/drift`: the catalog's label sets and cardinalities against the live series,
//! which keeps the offline cardinality estimate honest.
//!
//! Thresholds: a label's cardinality drifts when reality and the catalog differ by more
//! than [`DRIFT_FACTOR`] either way. A bound a little off (one more symbol this week) is
//! noise that would make the rule cried-wolf and ignored; twice off changes an estimate
//! enough to let a query through its budget or block a harmless one. `unbounded` labels
//! have no count to drift from. Labels that scraping adds (`job`, `instance`, and what
//! the caller names, such as a ServiceMonitor's `namespace`, `pod`, `service`) and the
//! labels Prometheus' exposition adds to histograms (`le`) and summaries (`quantile`)
//! are not the service's labels and are not compared.

use crate::model::{Cardinality, Metric, MetricKind};
use std::collections::BTreeMap;
use std::fmt;

/// Reality and the catalog may differ by this factor before a cardinality drifts.
pub const DRIFT_FACTOR: u64 = 2;

/// Labels every scraped series has, whatever the service exposes.
pub const SCRAPE_LABELS: &[&str] = &["job", "instance"];

/// The live labels of one metric: each label's number of distinct values.
pub type LiveLabels = BTreeMap<String, u64>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// The metric has no live series at all.
    NotExported,
    /// Live series have a label the catalog does not list.
    Unlisted { label: String, live: u64 },
    /// The catalog lists a label no live series has.
    Absent { label: String },
    /// More than [`DRIFT_FACTOR`] times the values the catalog allows.
    Understated {
        label: String,
        catalog: u64,
        live: u64,
    },
    /// Fewer than 1/[`DRIFT_FACTOR`] of the values the catalog claims.
    Overstated {
        label: String,
        catalog: u64,
        live: u64,
    },
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::NotExported => f.write_str(
                "Prometheus has no series of this metric: remove it from the catalog, or check \
                 that its service exports it",
            ),
            Drift::Unlisted { label, live } => write!(
                f,
                "live series carry the label `{label}` ({live} values), which the catalog does \
                 not list: add it, with its cardinality"
            ),
            Drift::Absent { label } => write!(
                f,
                "the catalog lists the label `{label}`, which no live series has: remove it or \
                 fix its name"
            ),
            Drift::Understated {
                label,
                catalog,
                live,
            } => write!(
                f,
                "`{label}` has {live} values live, more than {DRIFT_FACTOR}× the catalog's \
                 {catalog}: the offline estimates are too low; raise it"
            ),
            Drift::Overstated {
                label,
                catalog,
                live,
            } => write!(
                f,
                "`{label}` has {live} values live, under 1/{DRIFT_FACTOR} of the catalog's \
                 {catalog}: the offline estimates are too high; lower it"
            ),
        }
    }
}

/// The series name whose labels stand for `metric`: a histogram's `_bucket` series
/// carry every label (its `_sum` and `_count` the same minus `le`).
pub fn live_name(metric: &Metric) -> String {
    match metric.kind {
        MetricKind::Histogram => format!("{}_bucket", metric.name),
        _ => metric.name.clone(),
    }
}

/// How the catalog's `metric` differs from its live labels (`None`: no live series).
/// `ignore` names labels added by scraping besides [`SCRAPE_LABELS`].
pub fn catalog_drift(metric: &Metric, live: Option<&LiveLabels>, ignore: &[&str]) -> Vec<Drift> {
    let Some(live) = live else {
        return vec![Drift::NotExported];
    };
    let exposition = match metric.kind {
        MetricKind::Histogram => Some("le"),
        MetricKind::Summary => Some("quantile"),
        _ => None,
    };
    let ignored = |label: &str| {
        label == "__name__"
            || SCRAPE_LABELS.contains(&label)
            || ignore.contains(&label)
            || exposition == Some(label)
    };
    let mut drifts = Vec::new();
    for (label, &count) in live {
        if !ignored(label) && !metric.labels.iter().any(|l| &l.name == label) {
            drifts.push(Drift::Unlisted {
                label: label.clone(),
                live: count,
            });
        }
    }
    for listed in &metric.labels {
        let label = listed.name.clone();
        match (live.get(&listed.name), listed.cardinality) {
            (None, _) => drifts.push(Drift::Absent { label }),
            (Some(_), Cardinality::Unbounded) => {}
            (Some(&live), Cardinality::Bounded(catalog)) => {
                if live > catalog.saturating_mul(DRIFT_FACTOR) {
                    drifts.push(Drift::Understated {
                        label,
                        catalog,
                        live,
                    });
                } else if catalog > live.saturating_mul(DRIFT_FACTOR) {
                    drifts.push(Drift::Overstated {
                        label,
                        catalog,
                        live,
                    });
                }
            }
        }
    }
    drifts
}

#[cfg(test)]
#[path = "drift_tests.rs"]
mod tests;
