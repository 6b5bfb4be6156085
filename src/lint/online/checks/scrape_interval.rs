//! `promql/scrape-interval`: the real scrape interval of each job, from
//! `/api/v1/targets`, so `promql/rate-interval` can hold rule ranges to at least
//! [`RATE_RANGE_FACTOR`] scrapes, and the catalog's `interval` can be checked.

use super::super::answers::Target;
use super::super::duration::format_millis;
use crate::model::Service;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A rate range must span this many scrapes: with fewer, one missed scrape leaves too
/// few samples (Prometheus' own advice and pint's `promql/range_query`).
pub const RATE_RANGE_FACTOR: u64 = 4;

/// The distinct scrape intervals of each job's active targets, in milliseconds. A job
/// whose targets disagree lists several; a server too old to report intervals gives none.
pub fn intervals_by_job(targets: &[Target]) -> BTreeMap<String, BTreeSet<u64>> {
    let mut jobs: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for target in targets {
        let entry = jobs.entry(target.job.clone()).or_default();
        if let Some(ms) = target.scrape_interval_ms {
            entry.insert(ms);
        }
    }
    jobs
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeTooShort {
    pub range_ms: u64,
    pub interval_ms: u64,
    pub minimum_ms: u64,
}

/// A rate range over a job's series that spans fewer than [`RATE_RANGE_FACTOR`] scrapes
/// of its slowest target.
pub fn range_too_short(range_ms: u64, intervals: &BTreeSet<u64>) -> Option<RangeTooShort> {
    let interval_ms = *intervals.last()?;
    let minimum_ms = interval_ms.saturating_mul(RATE_RANGE_FACTOR);
    (range_ms < minimum_ms).then_some(RangeTooShort {
        range_ms,
        interval_ms,
        minimum_ms,
    })
}

impl fmt::Display for RangeTooShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the range {} spans fewer than {RATE_RANGE_FACTOR} scrapes of the {} interval \
             Prometheus scrapes this job at; use at least {}",
            format_millis(self.range_ms),
            format_millis(self.interval_ms),
            format_millis(self.minimum_ms)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntervalDrift {
    /// The catalog names a job no active target has.
    NotScraped,
    /// The catalog's `interval` is not what the targets use.
    Differs { catalog_ms: u64, live_ms: Vec<u64> },
}

impl fmt::Display for IntervalDrift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntervalDrift::NotScraped => f.write_str(
                "Prometheus has no active target of this job: check its scrape config or ServiceMonitor",
            ),
            IntervalDrift::Differs { catalog_ms, live_ms } => {
                let live: Vec<String> = live_ms.iter().map(|&ms| format_millis(ms)).collect();
                write!(
                    f,
                    "the catalog says this job is scraped every {}, Prometheus scrapes it every {}; \
                     set the catalog's `interval` to what is deployed",
                    format_millis(*catalog_ms),
                    live.join(" and ")
                )
            }
        }
    }
}

/// How the catalog's view of `service`'s scraping differs from the live targets'.
/// A service without an `interval` in the catalog is only checked for being scraped.
pub fn interval_drift(
    service: &Service,
    live: &BTreeMap<String, BTreeSet<u64>>,
) -> Option<IntervalDrift> {
    let Some(intervals) = live.get(&service.job) else {
        return Some(IntervalDrift::NotScraped);
    };
    let catalog_ms = service.interval?.0;
    (!intervals.is_empty() && intervals.iter().any(|&ms| ms != catalog_ms)).then(|| {
        IntervalDrift::Differs {
            catalog_ms,
            live_ms: intervals.iter().copied().collect(),
        }
    })
}

#[cfg(test)]
#[path = "scrape_interval_tests.rs"]
mod tests;
