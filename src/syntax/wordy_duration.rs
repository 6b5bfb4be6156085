//! `for = 15 min`: a number, a space and a unit word, where dac (as Prometheus) takes
//! `15m`. The parser stops at the word; this says what was meant.

use super::duration::parse_duration;
use super::error::{SyntaxError, SyntaxErrorKind};
use crate::diagnostic::{FileId, Span};

const DAY: u64 = 24 * 3_600_000;

/// The words people write for each unit, the unit dac writes, and its milliseconds;
/// largest first. Single letters match as written (`M` is no unit), words in any case.
const UNITS: &[(&[&str], &str, u64)] = &[
    (&["y", "yr", "yrs", "year", "years"], "y", 365 * DAY),
    (&["w", "wk", "wks", "week", "weeks"], "w", 7 * DAY),
    (&["d", "day", "days"], "d", DAY),
    (&["h", "hr", "hrs", "hour", "hours"], "h", 3_600_000),
    (&["m", "min", "mins", "minute", "minutes"], "m", 60_000),
    (&["s", "sec", "secs", "second", "seconds"], "s", 1_000),
    (
        &["ms", "msec", "msecs", "millisecond", "milliseconds"],
        "ms",
        1,
    ),
];

/// The error for a number followed by a unit word at `pos`, where parsing stopped.
pub fn check(file: FileId, text: &str, pos: usize) -> Option<SyntaxError> {
    let rest = &text[pos..];
    let start = pos + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let word_len = text[start..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len() - start);
    let end = start + word_len;
    let glued = text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if glued {
        return None;
    }

    let before = text[..start].trim_end_matches([' ', '\t']);
    if before.len() == start {
        return None;
    }
    let number = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    let number_start = before.len() - number;
    let preceded = text[..number_start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || "_.-@".contains(c));
    if number == 0 || preceded {
        return None;
    }
    let (joined, _) = joined(&before[number_start..], &text[start..end])?;
    Some(SyntaxError::new(
        Span::new(file, number_start, end),
        SyntaxErrorKind::WordyDuration {
            written: text[number_start..end].to_string(),
            joined,
        },
    ))
}

/// `number` (digits, maybe with a fraction) and a unit `word` as one duration and its
/// milliseconds: `15m` for `15` and `min`, `1h30m` for `1.5` and `hours`; `None` if the
/// word is no unit or the joined form would not be a valid duration either.
pub fn joined(number: &str, word: &str) -> Option<(String, u64)> {
    let (unit, unit_ms) = unit(word)?;
    let joined = if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        format!("{number}{unit}")
    } else if number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let millis = number.parse::<f64>().ok()? * unit_ms as f64;
        if !(millis >= 1.0 && millis.fract() == 0.0 && millis < u64::MAX as f64) {
            return None;
        }
        largest_units(millis as u64)
    } else {
        return None;
    };
    let millis = parse_duration(&joined).ok()?;
    Some((joined, millis))
}

fn unit(word: &str) -> Option<(&'static str, u64)> {
    UNITS.iter().find_map(|(words, unit, ms)| {
        let hit = words.iter().any(|w| {
            if w.len() == 1 {
                *w == word
            } else {
                w.eq_ignore_ascii_case(word)
            }
        });
        hit.then_some((*unit, *ms))
    })
}

/// `5400000` as `1h30m`.
fn largest_units(mut millis: u64) -> String {
    let mut out = String::new();
    for (_, unit, ms) in UNITS {
        if millis >= *ms {
            out.push_str(&format!("{}{unit}", millis / ms));
            millis %= ms;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> Option<(String, String)> {
        let pos = text.rfind(' ')? + 1;
        check(FileId(0), text, pos).map(|e| match e.kind {
            SyntaxErrorKind::WordyDuration { written, joined } => (written, joined),
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn suggests_the_joined_form() {
        let j = |w: &str, s: &str| Some((w.to_string(), s.to_string()));
        assert_eq!(joined("for = 15 min"), j("15 min", "15m"));
        assert_eq!(joined("a = [1 Hours"), j("1 Hours", "1h"));
        assert_eq!(joined("a = 1.5 hours"), j("1.5 hours", "1h30m"));
        assert_eq!(joined("a = 0.5 s"), j("0.5 s", "500ms"));
        assert_eq!(joined("a = 2  ms"), j("2  ms", "2ms"));
    }

    #[test]
    fn leaves_other_words_alone() {
        assert_eq!(joined("a = 15 M"), None);
        assert_eq!(joined("a = 15 minutes_x"), None);
        assert_eq!(joined("a = x15 min"), None);
        assert_eq!(joined("a = 0.1 ms"), None);
        assert_eq!(joined("a = 15 fortnights"), None);
        // Joined, it would be too long a duration as well.
        assert_eq!(joined("a = 99999999999999999999 years"), None);
        assert_eq!(joined("a = \"x\" min"), None);
    }
}
