//! Prometheus' duration strings (`15s`, `1m30s`, `500ms`) as the targets API writes a
//! scrape interval.

/// Milliseconds of a Prometheus duration, or `None` if it is not one.
pub fn parse_millis(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            "w" => 7 * 86_400_000,
            "y" => 365 * 86_400_000,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
        rest = &rest[unit_len..];
    }
    Some(total)
}

/// Milliseconds written the way Prometheus writes them (`1m30s`, `500ms`).
pub fn format_millis(millis: u64) -> String {
    if millis == 0 {
        return "0s".to_string();
    }
    let mut out = String::new();
    let mut rest = millis;
    for (unit, size) in [("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)] {
        if rest >= size {
            out.push_str(&format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_prometheus_writes() {
        assert_eq!(parse_millis("15s"), Some(15_000));
        assert_eq!(parse_millis("1m30s"), Some(90_000));
        assert_eq!(parse_millis("500ms"), Some(500));
        assert_eq!(parse_millis("1h"), Some(3_600_000));
        assert_eq!(parse_millis(""), None);
        assert_eq!(parse_millis("15"), None);
        assert_eq!(parse_millis("s"), None);
        assert_eq!(parse_millis("1x"), None);
        assert_eq!(parse_millis("99999999999999999999y"), None);
    }

    #[test]
    fn formats_round_trip() {
        for ms in [500, 1_000, 15_000, 90_000, 3_600_000, 3_661_500] {
            assert_eq!(parse_millis(&format_millis(ms)), Some(ms));
        }
        assert_eq!(format_millis(90_000), "1m30s");
    }
}
