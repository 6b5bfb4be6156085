//! Shapes shared by blocks: a title header, a required body, durations as Grafana and
//! Prometheus write them.

use super::cx::{Cx, joined};
use super::schema::keywords::shape_error;
use crate::ast::{Body, Stmt};

/// The one string header of `KEYWORD "Title" { ... }`.
pub fn title(cx: &mut Cx, stmt: &Stmt, usage: &'static str) -> Option<String> {
    match stmt.headers.as_slice() {
        [h] => match joined(h) {
            Some(t) => Some(t),
            None => {
                cx.wrong_type(h, &format!("{} title", stmt.key.text), "a string");
                None
            }
        },
        _ => {
            cx.errors.push(shape_error(stmt, usage));
            None
        }
    }
}

/// The body of a block, or an error naming the expected form. `=` values are not
/// allowed on blocks.
pub fn body<'s>(cx: &mut Cx, stmt: &'s Stmt, usage: &'static str) -> Option<&'s Body> {
    match (&stmt.value, &stmt.body) {
        (None, Some(b)) => Some(b),
        _ => {
            cx.errors.push(shape_error(stmt, usage));
            None
        }
    }
}

/// A duration as Prometheus and Grafana read it, in the largest unit that divides it:
/// `90m`, `30s`, `1d`, `500ms`.
pub fn format_duration(millis: u64) -> String {
    const UNITS: [(u64, &str); 6] = [
        (7 * 24 * 3_600_000, "w"),
        (24 * 3_600_000, "d"),
        (3_600_000, "h"),
        (60_000, "m"),
        (1_000, "s"),
        (1, "ms"),
    ];
    if millis == 0 {
        return "0s".to_string();
    }
    for (size, unit) in UNITS {
        if millis.is_multiple_of(size) {
            return format!("{}{unit}", millis / size);
        }
    }
    format!("{millis}ms")
}

#[cfg(test)]
mod tests {
    use super::format_duration;

    #[test]
    fn formats_in_the_largest_exact_unit() {
        assert_eq!(format_duration(5_400_000), "90m");
        assert_eq!(format_duration(21_600_000), "6h");
        assert_eq!(format_duration(1_500), "1500ms");
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(604_800_000), "1w");
    }
}
