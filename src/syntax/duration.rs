//! Durations as dac writes them: `500ms`, `30s`, `1h30m`, `2d`, `1w`, `1y`, with
//! Prometheus' rules (units from largest to smallest, each at most once).

/// The longest duration Prometheus and promtool accept: Go's `time.Duration` counts
/// nanoseconds in an `i64`, so `292y24w3d23h47m16s854ms` (9223372036854ms) and no more.
pub const MAX_MILLIS: u64 = i64::MAX as u64 / 1_000_000;

/// Milliseconds of `text`, or why it is not a duration.
pub fn parse_duration(text: &str) -> Result<u64, &'static str> {
    const UNITS: [(&str, u64); 7] = [
        ("y", 365 * 24 * 3_600_000),
        ("w", 7 * 24 * 3_600_000),
        ("d", 24 * 3_600_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];
    let mut rest = text;
    let mut total: u64 = 0;
    let mut last_rank = None;
    if rest.is_empty() {
        return Err("empty");
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err("expected a number before each unit");
        }
        let (num, after) = rest.split_at(digits);
        let n: u64 = num.parse().map_err(|_| "number too large")?;
        let unit_len = if after.starts_with("ms") {
            2
        } else {
            after
                .chars()
                .next()
                .filter(|c| "ywdhms".contains(*c))
                .map_or(0, |_| 1)
        };
        if unit_len == 0 {
            return Err("each number needs a unit (ms, s, m, h, d, w, y)");
        }
        let (unit, tail) = after.split_at(unit_len);
        let Some(rank) = UNITS.iter().position(|(u, _)| *u == unit) else {
            return Err("unknown unit");
        };
        if last_rank.is_some_and(|last| rank <= last) {
            return Err("units must go from largest to smallest, each at most once");
        }
        last_rank = Some(rank);
        total = n
            .checked_mul(UNITS[rank].1)
            .and_then(|ms| total.checked_add(ms))
            .filter(|&ms| ms <= MAX_MILLIS)
            .ok_or("longer than Prometheus' limit of 292 years (292y24w3d23h47m16s854ms)")?;
        rest = tail;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_compound_durations() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000));
        assert_eq!(parse_duration("500ms"), Ok(500));
        assert_eq!(parse_duration("1m30s500ms"), Ok(90_500));
        assert_eq!(parse_duration("2d"), Ok(172_800_000));
    }

    #[test]
    fn rejects_out_of_order_and_overflow() {
        assert!(parse_duration("30m1h").is_err());
        assert!(parse_duration("1m1m").is_err());
        assert!(parse_duration("99999999999999999999s").is_err());
        assert!(parse_duration("999999999999y").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn stops_where_promtool_does() {
        assert_eq!(parse_duration("292y"), Ok(9_208_512_000_000));
        assert_eq!(parse_duration("292y24w3d23h47m16s854ms"), Ok(MAX_MILLIS));
        assert_eq!(parse_duration("9223372036854ms"), Ok(MAX_MILLIS));
        for over in [
            "293y",
            "292y24w3d23h47m16s855ms",
            "9223372036855ms",
            "9223372036854775807ms",
        ] {
            assert!(parse_duration(over).is_err(), "{over}");
        }
    }
}
