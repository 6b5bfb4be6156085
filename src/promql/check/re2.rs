//! Prometheus compiles matcher regexes with Go's RE2 package; dac compiles them with the
//! `regex` crate. The two agree on almost everything. Where they do not, this module
//! rewrites the Go pattern into one the crate reads the same way, or reports the error
//! Go would report, so a query is accepted exactly when Prometheus accepts it:
//!
//! - `\Q...\E` quotes literal text in Go; the crate has no such escape.
//! - `{` that does not start a repetition (`a{,3}`, `{x}`) is a literal in Go.
//! - `[` inside a class is a literal in Go (`[[]`), a nested class in the crate; so are
//!   `&&` and `~~`, set operations in the crate.
//! - Go rejects a repetition of a repetition (`a**`, `a{2}{3}`) and counts above 1000.

/// The most a `{n,m}` may count, in Go as in RE2.
const MAX_REPEAT: u32 = 1000;

/// `pattern` rewritten for the `regex` crate, or the error Go's parser gives.
pub fn translate(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    // Whether the last item was a repetition operator (with its optional lazy `?`).
    let mut after_repeat = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1) == Some(&'Q') => {
                let (literal, next) = quoted(&chars, i + 2);
                out.push_str(&regex::escape(&literal));
                i = next;
                after_repeat = false;
                continue;
            }
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                    i += 1;
                }
                after_repeat = false;
            }
            '[' => {
                i = class(&chars, i, &mut out);
                after_repeat = false;
                continue;
            }
            '*' | '+' | '?' => {
                if after_repeat {
                    return Err(nested(&chars, i));
                }
                out.push(c);
                if chars.get(i + 1) == Some(&'?') {
                    out.push('?');
                    i += 1;
                }
                after_repeat = true;
            }
            '{' => match repetition(&chars, i) {
                Some((min, max, end)) => {
                    if after_repeat {
                        return Err(nested(&chars, i));
                    }
                    if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT || m < min) {
                        let text: String = chars[i..end].iter().collect();
                        return Err(format!("invalid repeat count: `{text}`"));
                    }
                    out.extend(&chars[i..end]);
                    i = end;
                    if chars.get(i) == Some(&'?') {
                        out.push('?');
                        i += 1;
                    }
                    after_repeat = true;
                    continue;
                }
                None => {
                    out.push_str("\\{");
                    after_repeat = false;
                }
            },
            _ => {
                out.push(c);
                after_repeat = false;
            }
        }
        i += 1;
    }
    Ok(out)
}

/// The text after `\Q` up to `\E` (or the end), and where scanning resumes.
fn quoted(chars: &[char], start: usize) -> (String, usize) {
    let mut literal = String::new();
    let mut i = start;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'E') {
            return (literal, i + 2);
        }
        literal.push(chars[i]);
        i += 1;
    }
    (literal, i)
}

/// Copies the class starting at `chars[start] == '['`, escaping what Go reads as
/// literals; returns the index after it. An unclosed class is copied as is, for the
/// crate to report.
fn class(chars: &[char], start: usize, out: &mut String) -> usize {
    out.push('[');
    let mut i = start + 1;
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    // A `]` first in the class is a literal.
    if chars.get(i) == Some(&']') {
        out.push_str("\\]");
        i += 1;
    }
    while i < chars.len() {
        let c = chars[i];
        match c {
            ']' => {
                out.push(']');
                return i + 1;
            }
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                    i += 1;
                }
            }
            '[' if chars.get(i + 1) == Some(&':') => {
                // A POSIX class `[:alpha:]`, copied whole when closed.
                match (i + 2..chars.len().saturating_sub(1))
                    .find(|&j| chars[j] == ':' && chars[j + 1] == ']')
                {
                    Some(end) => {
                        out.extend(&chars[i..end + 2]);
                        i = end + 1;
                    }
                    None => out.push_str("\\["),
                }
            }
            '[' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    i
}

/// `{n}`, `{n,}` or `{n,m}` at `start`: its bounds and the index after the `}`. Like
/// Go, a number with a leading zero makes the brace a literal; a huge one is kept as
/// `u32::MAX` so that it fails the count check.
fn repetition(chars: &[char], start: usize) -> Option<(u32, Option<u32>, usize)> {
    // `Err` when not a number Go accepts; `Ok(None)` when there are no digits.
    let number = |from: usize| -> (Result<Option<u32>, ()>, usize) {
        let len = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let end = from + len;
        if len == 0 {
            return (Ok(None), end);
        }
        if len >= 2 && chars[from] == '0' {
            return (Err(()), end);
        }
        let text: String = chars[from..end].iter().collect();
        (Ok(Some(text.parse::<u32>().unwrap_or(u32::MAX))), end)
    };
    let (min, i) = number(start + 1);
    let min = min.ok().flatten()?;
    match chars.get(i) {
        Some('}') => Some((min, Some(min), i + 1)),
        Some(',') => {
            let (max, j) = number(i + 1);
            let max = max.ok()?;
            (chars.get(j) == Some(&'}')).then_some((min, max, j + 1))
        }
        _ => None,
    }
}

fn nested(chars: &[char], at: usize) -> String {
    let text: String = chars[at.saturating_sub(1)..].iter().take(3).collect();
    format!("invalid nested repetition operator: `{text}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_ordinary_patterns_alone() {
        for p in [
            "a|b",
            "api-.*",
            "[^/]+",
            "\\d{2,3}",
            "(?i)foo",
            "[[:alpha:]]+",
            "x*?",
            "a{2}?",
            "\\.",
            "",
        ] {
            assert_eq!(translate(p).as_deref(), Ok(p), "{p}");
        }
    }

    #[test]
    fn rewrites_what_go_reads_as_literals() {
        assert_eq!(translate("\\Qa.b\\E+").as_deref(), Ok("a\\.b+"));
        assert_eq!(translate("\\Qa.b").as_deref(), Ok("a\\.b"));
        assert_eq!(translate("a{,3}").as_deref(), Ok("a\\{,3}"));
        assert_eq!(translate("{x}").as_deref(), Ok("\\{x}"));
        assert_eq!(translate("a{01}").as_deref(), Ok("a\\{01}"));
        assert_eq!(translate("a{1,02}").as_deref(), Ok("a\\{1,02}"));
        assert_eq!(translate("[[]").as_deref(), Ok("[\\[]"));
        assert_eq!(translate("[]a]").as_deref(), Ok("[\\]a]"));
        assert_eq!(translate("[a&&b~~c]").as_deref(), Ok("[a\\&\\&b\\~\\~c]"));
    }

    #[test]
    fn reports_what_go_rejects() {
        for p in ["a**", "a+*", "a{2}{3}", "a*{2}", "a??*"] {
            assert!(
                translate(p).is_err_and(|e| e.starts_with("invalid nested repetition")),
                "{p}"
            );
        }
        for p in ["a{1001}", "a{2,1001}", "a{99999999999}", "a{3,2}"] {
            assert!(
                translate(p).is_err_and(|e| e.starts_with("invalid repeat count")),
                "{p}"
            );
        }
        assert!(translate("a{1000}").is_ok());
    }
}
