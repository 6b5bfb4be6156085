//! Prometheus durations (`1h30m`, `500ms`, `2w`, `1y`): parsing with the units in
//! Prometheus' fixed order, and printing the way Prometheus' `model.Duration` does.

use std::fmt;

const MS: i64 = 1;
const SECOND: i64 = 1000 * MS;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
const WEEK: i64 = 7 * DAY;
const YEAR: i64 = 365 * DAY;

/// The units in the only order Prometheus accepts them.
const UNITS: [(&str, i64); 7] = [
    ("y", YEAR),
    ("w", WEEK),
    ("d", DAY),
    ("h", HOUR),
    ("m", MINUTE),
    ("s", SECOND),
    ("ms", MS),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DurationError {
    /// Not `<digits><unit>...` with units in order, each at most once.
    Invalid(String),
    /// Larger than Prometheus can hold (about 292 years in nanoseconds).
    OutOfRange(String),
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Invalid(s) => write!(f, "not a valid duration string: {s:?}"),
            DurationError::OutOfRange(s) => write!(f, "duration out of range: {s:?}"),
        }
    }
}

/// Parses a duration into milliseconds, like Prometheus' `model.ParseDuration`.
pub fn parse(text: &str) -> Result<i64, DurationError> {
    if text == "0" {
        return Ok(0);
    }
    let invalid = || DurationError::Invalid(text.to_string());
    if text.is_empty() {
        return Err(invalid());
    }
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut next_unit = 0;
    let mut total: i64 = 0;
    while pos < bytes.len() {
        let digits_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos == digits_start {
            return Err(invalid());
        }
        let number: i64 = text[digits_start..pos]
            .parse()
            .map_err(|_| DurationError::OutOfRange(text.to_string()))?;
        let unit_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_alphabetic() {
            pos += 1;
        }
        let unit = &text[unit_start..pos];
        let Some(index) = UNITS[next_unit..].iter().position(|(u, _)| *u == unit) else {
            return Err(invalid());
        };
        let (_, scale) = UNITS[next_unit + index];
        next_unit += index + 1;
        total = number
            .checked_mul(scale)
            .and_then(|v| total.checked_add(v))
            .filter(|v| v.checked_mul(1_000_000).is_some())
            .ok_or_else(|| DurationError::OutOfRange(text.to_string()))?;
    }
    Ok(total)
}

/// Whether a number token is written as a duration (`5m`, `1h30m`) rather than as a
/// number (`300`, `1e3`, `0x1d`, `Inf`).
pub fn is_duration_text(text: &str) -> bool {
    let hex = text.starts_with("0x") || text.starts_with("0X");
    !hex && text.bytes().last().is_some_and(|b| b"smhdwy".contains(&b))
}

/// Whether a number of seconds written in decimal (`1.5`, `0.0015`, `15e-4`, `0x10`) is a
/// whole number of milliseconds. Decided on the digits: in floating point, 0.007 s is
/// 7.000000000000001 ms.
pub fn whole_millis(seconds: &str) -> bool {
    let clean: String = seconds.chars().filter(|&c| c != '_').collect();
    let unsigned = clean.trim_start_matches(['+', '-']);
    if unsigned.starts_with("0x") || unsigned.starts_with("0X") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], unsigned[i + 1..].parse::<i64>().ok()),
        None => (unsigned, Some(0)),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    if digits.bytes().all(|b| b == b'0') {
        return true;
    }
    let Some(exponent) = exponent else {
        // An exponent past i64 leaves the number infinite or zero, refused elsewhere.
        return false;
    };
    // The value is DIGITS × 10^shift milliseconds.
    let shift = exponent.saturating_sub(frac.len() as i64).saturating_add(3);
    let trailing_zeros = digits.bytes().rev().take_while(|&b| b == b'0').count() as i64;
    shift >= 0 || trailing_zeros >= -shift
}

/// Formats milliseconds like Prometheus' `model.Duration.String`: `1h30m`, `500ms`,
/// `2w`, `1y`, and `0s` for zero. Negative values get a leading `-`.
pub fn format(millis: i64) -> String {
    if millis == 0 {
        return "0s".to_string();
    }
    let mut out = String::new();
    if millis < 0 {
        out.push('-');
    }
    let mut rest = millis.unsigned_abs();
    for (unit, scale) in UNITS {
        let scale = scale as u64;
        let count = rest / scale;
        if count > 0 {
            out.push_str(&count.to_string());
            out.push_str(unit);
            rest %= scale;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_in_order() {
        assert_eq!(parse("1h30m"), Ok(90 * MINUTE));
        assert_eq!(parse("500ms"), Ok(500));
        assert_eq!(parse("2w"), Ok(2 * WEEK));
        assert_eq!(parse("1y"), Ok(YEAR));
        assert_eq!(parse("1s500ms"), Ok(1500));
        assert_eq!(parse("0"), Ok(0));
        assert_eq!(parse("0s"), Ok(0));
    }

    #[test]
    fn rejects_bad_order_repeats_and_junk() {
        for bad in ["", "1", "m", "1m1h", "1m1m", "1.5m", "1M", "5x", "1ms1s"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            parse("99999999999999y"),
            Err(DurationError::OutOfRange(_))
        ));
    }

    #[test]
    fn tells_durations_from_numbers() {
        for d in ["5m", "1h30m", "500ms", "1y"] {
            assert!(is_duration_text(d), "{d}");
        }
        for n in ["300", "1e3", "0x1d", "Inf", "NaN", "1.5"] {
            assert!(!is_duration_text(n), "{n}");
        }
    }

    #[test]
    fn whole_milliseconds_on_the_digits() {
        for ok in [
            "300",
            "0.001",
            "0.007",
            "1.5",
            "1_000.25e-1",
            "15e-1",
            "0x10",
            "0",
            "0.0",
        ] {
            assert!(whole_millis(ok), "{ok}");
        }
        for sub in ["0.0001", "0.0015", "15e-4", "1500e-6", "1e-999", "9.0005"] {
            assert!(!whole_millis(sub), "{sub}");
        }
    }

    #[test]
    fn formats_like_prometheus() {
        assert_eq!(format(0), "0s");
        assert_eq!(format(90 * MINUTE), "1h30m");
        assert_eq!(format(90 * SECOND), "1m30s");
        assert_eq!(format(1500), "1s500ms");
        assert_eq!(format(2 * WEEK + DAY), "2w1d");
        assert_eq!(format(YEAR + WEEK), "1y1w");
        assert_eq!(format(-5 * MINUTE), "-5m");
    }

    #[test]
    fn format_then_parse_round_trips() {
        for ms in [
            1,
            999,
            1000,
            61_000,
            3_600_000,
            86_400_000,
            31_536_000_000 + 5,
        ] {
            assert_eq!(parse(&format(ms)), Ok(ms));
        }
    }
}
