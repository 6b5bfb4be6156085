//! Durations as Prometheus and Grafana write them.

use crate::model::Millis;

/// `1h30m`, `5m`, `90s`, `500ms`, `0s`: Prometheus' own notation (`model.Duration`),
/// which promtool, the rule file format and Grafana all read.
pub fn prometheus(d: Millis) -> String {
    let mut ms = d.0;
    if ms == 0 {
        return "0s".to_string();
    }
    const UNITS: [(&str, u64); 7] = [
        ("y", 365 * 24 * 3_600_000),
        ("w", 7 * 24 * 3_600_000),
        ("d", 24 * 3_600_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];
    let mut out = String::new();
    for (unit, size) in UNITS {
        if ms >= size {
            out.push_str(&(ms / size).to_string());
            out.push_str(unit);
            ms %= size;
        }
    }
    out
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
