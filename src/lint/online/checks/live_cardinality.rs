//! `promql/live-cardinality`: a selector's real series count against its budget.
//!
//! The count comes from `/api/v1/series` asked with `limit = budget + 1`: a server that
//! honours `limit` (Prometheus 2.51 and later) stops there, and `budget + 1` series are
//! enough to know the budget is exceeded. Older servers (Debian's 2.42 among them) ignore
//! the parameter and answer every series, which gives the exact count. Either way, no
//! `count()` query runs.

use super::super::answers::TsdbStatus;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesCount {
    Exact(u64),
    /// The server stopped at the limit: there are at least this many.
    AtLeast(u64),
}

impl SeriesCount {
    /// The count from a series answer of `returned` series to a request with `limit`.
    pub fn from_answer(returned: usize, limit: Option<usize>) -> SeriesCount {
        let n = returned as u64;
        match limit {
            Some(limit) if returned == limit => SeriesCount::AtLeast(n),
            _ => SeriesCount::Exact(n),
        }
    }

    /// The count the TSDB status reports for `metric`, when it is among the metrics with
    /// most series (the only ones it lists).
    pub fn from_tsdb(status: &TsdbStatus, metric: &str) -> Option<SeriesCount> {
        status
            .series_by_metric
            .iter()
            .find(|(name, _)| name == metric)
            .map(|(_, n)| SeriesCount::Exact(*n))
    }

    pub fn lower_bound(self) -> u64 {
        match self {
            SeriesCount::Exact(n) | SeriesCount::AtLeast(n) => n,
        }
    }
}

impl fmt::Display for SeriesCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeriesCount::Exact(n) => write!(f, "{n} series"),
            SeriesCount::AtLeast(n) => write!(f, "at least {n} series"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverBudget {
    pub count: SeriesCount,
    pub budget: u64,
}

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} match this selector in Prometheus, over the budget of {}; narrow it with matchers \
             or aggregate it away",
            self.count, self.budget
        )
    }
}

/// The limit to ask `/api/v1/series` with, to tell whether `budget` is exceeded.
pub fn limit_for(budget: u64) -> usize {
    usize::try_from(budget.saturating_add(1)).unwrap_or(usize::MAX)
}

pub fn over_budget(count: SeriesCount, budget: u64) -> Option<OverBudget> {
    (count.lower_bound() > budget).then_some(OverBudget { count, budget })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_that_stops_at_the_limit_gives_a_lower_bound() {
        let limit = limit_for(500);
        assert_eq!(limit, 501);
        let count = SeriesCount::from_answer(501, Some(limit));
        assert_eq!(count, SeriesCount::AtLeast(501));
        assert_eq!(
            over_budget(count, 500),
            Some(OverBudget { count, budget: 500 })
        );
        assert_eq!(count.to_string(), "at least 501 series");
        assert_eq!(
            over_budget(count, 500).unwrap().to_string(),
            "at least 501 series match this selector in Prometheus, over the budget of 500; \
             narrow it with matchers or aggregate it away"
        );
    }

    #[test]
    fn a_server_that_ignores_the_limit_gives_the_exact_count() {
        let count = SeriesCount::from_answer(7_000, Some(501));
        assert_eq!(count, SeriesCount::Exact(7_000));
        assert!(over_budget(count, 500).is_some());
    }

    #[test]
    fn within_budget_is_no_finding() {
        assert_eq!(
            over_budget(SeriesCount::from_answer(7, Some(101)), 100),
            None
        );
        assert_eq!(over_budget(SeriesCount::Exact(100), 100), None);
        assert!(over_budget(SeriesCount::Exact(101), 100).is_some());
        assert_eq!(limit_for(u64::MAX), usize::MAX);
    }

    #[test]
    fn tsdb_counts_only_listed_metrics() {
        let status = TsdbStatus {
            head_series: 10,
            series_by_metric: vec![("a".into(), 7)],
            values_by_label: Vec::new(),
        };
        assert_eq!(
            SeriesCount::from_tsdb(&status, "a"),
            Some(SeriesCount::Exact(7))
        );
        assert_eq!(SeriesCount::from_tsdb(&status, "b"), None);
    }
}
