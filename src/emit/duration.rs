//! Durations as Prometheus and Grafana write them: the only duration formatters of the
//! output formats.

use crate::model::{Millis, Step};

/// A duration in the largest unit that divides it: `90m`, `30s`, `1d`, `500ms`. It is
/// how dac writes every duration of a Grafana dashboard (refresh, time range, a panel's
/// relative time, query steps): Grafana's time syntax takes one number and one unit
/// (`now-90m`, not `now-1h30m`), and Prometheus reads it too.
pub fn grafana(d: Millis) -> String {
    const UNITS: [(u64, &str); 6] = [
        (7 * 24 * 3_600_000, "w"),
        (24 * 3_600_000, "d"),
        (3_600_000, "h"),
        (60_000, "m"),
        (1_000, "s"),
        (1, "ms"),
    ];
    if d.0 == 0 {
        return "0s".to_string();
    }
    for (size, unit) in UNITS {
        if d.0.is_multiple_of(size) {
            return format!("{}{unit}", d.0 / size);
        }
    }
    format!("{}ms", d.0)
}

/// A query step as Grafana reads it: a duration, or the text as written.
pub fn grafana_step(step: &Step) -> String {
    match step {
        Step::Duration(d) => grafana(*d),
        Step::Text(text) => text.clone(),
    }
}

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
    fn grafana_writes_the_largest_exact_unit() {
        for (ms, want) in [
            (5_400_000, "90m"),
            (21_600_000, "6h"),
            (1_500, "1500ms"),
            (0, "0s"),
            (604_800_000, "1w"),
            (86_400_000, "1d"),
        ] {
            assert_eq!(grafana(Millis(ms)), want);
        }
        assert_eq!(
            grafana_step(&Step::Text("$__interval".into())),
            "$__interval"
        );
        assert_eq!(grafana_step(&Step::Duration(Millis(30_000))), "30s");
    }

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
