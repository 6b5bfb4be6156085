//! Durations as Prometheus and Grafana write them.

use crate::model::Millis;

/// `1h30m`, `5m`, `90s`, `500ms`, `0s`: Prometheus' own notation (`model.Duration`),
/// which promtool, the rule file format and Grafana all read. The PromQL printer's
/// formatter is that notation; durations past `i64` milliseconds do not come from sources.
pub fn prometheus(d: Millis) -> String {
    crate::promql::duration::format(i64::try_from(d.0).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_prometheus() {
        for (ms, want) in [
            (0, "0s"),
            (500, "500ms"),
            (60_000, "1m"),
            (90_000, "1m30s"),
            (5_400_000, "1h30m"),
            (7 * 86_400_000, "1w"),
            (86_400_000 + 1, "1d1ms"),
        ] {
            assert_eq!(prometheus(Millis(ms)), want);
        }
    }
}
