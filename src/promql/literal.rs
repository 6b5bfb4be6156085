//! Literal tokens: strings with Go escapes, numbers in Prometheus' formats, and the
//! shape of Grafana variables.

use crate::promql::ast::VarSyntax;
use crate::promql::parse_error::ParseErrorKind;

/// A problem inside a literal, at byte positions relative to the literal's start.
#[derive(Debug, PartialEq)]
pub struct LiteralError {
    pub start: usize,
    pub end: usize,
    pub kind: ParseErrorKind,
}

fn err(start: usize, end: usize, kind: ParseErrorKind) -> LiteralError {
    LiteralError { start, end, kind }
}

/// Checks the string literal at the start of `text` (quote included) and returns its
/// length in bytes.
pub fn scan_string(text: &str) -> Result<usize, LiteralError> {
    unquote_prefix(text).map(|(len, _)| len)
}

/// The value of a complete string literal (quotes included).
pub fn unquote(text: &str) -> Result<String, LiteralError> {
    unquote_prefix(text).map(|(_, value)| value)
}

fn unquote_prefix(text: &str) -> Result<(usize, String), LiteralError> {
    let mut chars = text.char_indices().peekable();
    let Some((_, quote)) = chars.next() else {
        return Err(err(0, 0, ParseErrorKind::UnterminatedString));
    };
    let mut value = String::new();
    if quote == '`' {
        for (i, c) in chars {
            if c == '`' {
                return Ok((i + 1, value));
            }
            value.push(c);
        }
        return Err(err(0, 1, ParseErrorKind::UnterminatedRawString));
    }
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => return Err(err(0, 1, ParseErrorKind::UnterminatedString)),
            c if c == quote => return Ok((i + 1, value)),
            '\\' => {
                let Some((j, e)) = chars.next() else {
                    return Err(err(i, i + 1, ParseErrorKind::EscapeNotTerminated));
                };
                let (digits, base, max) = match e {
                    'a' => {
                        value.push('\u{07}');
                        continue;
                    }
                    'b' => {
                        value.push('\u{08}');
                        continue;
                    }
                    'f' => {
                        value.push('\u{0C}');
                        continue;
                    }
                    'n' => {
                        value.push('\n');
                        continue;
                    }
                    'r' => {
                        value.push('\r');
                        continue;
                    }
                    't' => {
                        value.push('\t');
                        continue;
                    }
                    'v' => {
                        value.push('\u{0B}');
                        continue;
                    }
                    '\\' => {
                        value.push('\\');
                        continue;
                    }
                    c if c == quote => {
                        value.push(c);
                        continue;
                    }
                    '0'..='7' => (3, 8, 255),
                    'x' => (2, 16, 255),
                    'u' => (4, 16, 0x10FFFF),
                    'U' => (8, 16, 0x10FFFF),
                    other => {
                        return Err(err(
                            i,
                            j + other.len_utf8(),
                            ParseErrorKind::UnknownEscape(other),
                        ));
                    }
                };
                // Octal escapes start with their first digit; the others after a letter.
                let mut code: u32 = 0;
                let mut end = j + e.len_utf8();
                let mut needed = digits;
                if base == 8 {
                    code = e.to_digit(8).unwrap_or(0);
                    needed -= 1;
                }
                for _ in 0..needed {
                    let Some((k, d)) = chars.next() else {
                        return Err(err(i, end, ParseErrorKind::EscapeNotTerminated));
                    };
                    end = k + d.len_utf8();
                    match d.to_digit(base) {
                        Some(v) => code = code * base + v,
                        None if d == quote || d == '\n' => {
                            return Err(err(i, end, ParseErrorKind::EscapeNotTerminated));
                        }
                        None => {
                            return Err(err(i, end, ParseErrorKind::IllegalEscapeCharacter(d)));
                        }
                    }
                }
                if code > max {
                    return Err(err(i, end, ParseErrorKind::InvalidCodePoint));
                }
                if base == 8 || e == 'x' {
                    // Go's `\377` and `\xff` are bytes; Prometheus keeps them as the
                    // code point of the same value when the result is valid text.
                    value.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                } else {
                    match char::from_u32(code) {
                        Some(c) => value.push(c),
                        None => return Err(err(i, end, ParseErrorKind::InvalidCodePoint)),
                    }
                }
            }
            c => value.push(c),
        }
    }
    Err(err(0, 1, ParseErrorKind::UnterminatedString))
}

/// Writes `value` as a double-quoted PromQL string with Go escapes.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            '\u{0B}' => out.push_str("\\v"),
            c if c.is_control() => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The length of the number at the start of `text` as Prometheus scans it: `0x1F`,
/// `1_000`, `1.5`, `.5`, `1e-3`. Zero when there is none.
pub fn number_len(text: &str) -> usize {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied();
    if at(0) == Some(b'0') && matches!(at(1), Some(b'x' | b'X')) {
        let mut i = 2;
        if at(i) == Some(b'_') {
            i += 1;
        }
        let digits = run(b, i, |c| c.is_ascii_hexdigit());
        return if digits == i { 0 } else { digits };
    }
    let mut i = run(b, 0, |c| c.is_ascii_digit());
    let int_end = i;
    if at(i) == Some(b'.') && (int_end > 0 || at(i + 1).is_some_and(|c| c.is_ascii_digit())) {
        i = run(b, i + 1, |c| c.is_ascii_digit());
    }
    if i == 0 {
        return 0;
    }
    if matches!(at(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(at(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let end = run(b, j, |c| c.is_ascii_digit());
        if end > j {
            i = end;
        }
    }
    i
}

/// Digits (and single underscores between digits) from `i`.
fn run(b: &[u8], mut i: usize, digit: impl Fn(u8) -> bool) -> usize {
    while i < b.len() {
        let underscore_between_digits =
            b[i] == b'_' && i > 0 && digit(b[i - 1]) && b.get(i + 1).is_some_and(|&c| digit(c));
        if !digit(b[i]) && !underscore_between_digits {
            break;
        }
        i += 1;
    }
    i
}

/// The value of a number token: decimal, hex, exponent, `Inf`, `NaN`, or a duration in
/// seconds (`1m` is 60).
pub fn number_value(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "inf" => return Some(f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(hex) = clean
        .strip_prefix("0x")
        .or_else(|| clean.strip_prefix("0X"))
    {
        return Some(
            hex.chars()
                .filter_map(|c| c.to_digit(16))
                .fold(0.0, |acc, d| acc * 16.0 + f64::from(d)),
        );
    }
    if let Ok(v) = clean.parse::<f64>() {
        return Some(v);
    }
    crate::promql::duration::parse(text)
        .ok()
        .map(|ms| ms as f64 / 1000.0)
}

/// The length of a `$name` or `${name[.path][:format]}` variable at the start of `text`.
pub fn dollar_variable_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('$')?;
    if let Some(body) = rest.strip_prefix('{') {
        let close = body.find('}')?;
        let inner = &body[..close];
        let name_end = inner.find([':', '.']).unwrap_or(inner.len());
        let name = &inner[..name_end];
        if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            return None;
        }
        return Some(close + 3);
    }
    let len = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
        .count();
    (len > 0).then_some(len + 1)
}

/// Splits a whole variable token into name, format and syntax: `${x:csv}` is
/// (`x`, `csv`, Braced); `$__rate_interval` is (`__rate_interval`, none, Dollar).
pub fn split_variable(text: &str) -> Option<(String, Option<String>, VarSyntax)> {
    if let Some(body) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
        let (name, format) = match body.split_once(':') {
            Some((n, f)) => (n, Some(f.to_string())),
            None => (body, None),
        };
        return Some((name.to_string(), format, VarSyntax::Braced));
    }
    if let Some(body) = text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        let (name, format) = match body.split_once(':') {
            Some((n, f)) => (n, Some(f.to_string())),
            None => (body, None),
        };
        return Some((name.to_string(), format, VarSyntax::Brackets));
    }
    let name = text.strip_prefix('$')?;
    Some((name.to_string(), None, VarSyntax::Dollar))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquotes_go_escapes() {
        assert_eq!(unquote(r#""a\"b\\c\n""#).unwrap(), "a\"b\\c\n");
        assert_eq!(unquote(r"'it\'s'").unwrap(), "it's");
        assert_eq!(unquote(r#""\u00e9\x41\101""#).unwrap(), "éAA");
        assert_eq!(unquote("`raw\\n`").unwrap(), "raw\\n");
        assert_eq!(unquote("\"日本\"").unwrap(), "日本");
    }

    #[test]
    fn reports_bad_escapes_where_they_are() {
        let e = unquote(r#""ab\qc""#).unwrap_err();
        assert_eq!((e.start, e.end), (3, 5));
        assert_eq!(e.kind, ParseErrorKind::UnknownEscape('q'));
        assert_eq!(
            unquote(r#""\xZZ""#).unwrap_err().kind,
            ParseErrorKind::IllegalEscapeCharacter('Z')
        );
        assert_eq!(
            unquote(r#""\uD800""#).unwrap_err().kind,
            ParseErrorKind::InvalidCodePoint
        );
        assert_eq!(
            unquote("\"abc").unwrap_err().kind,
            ParseErrorKind::UnterminatedString
        );
        assert_eq!(
            unquote("`abc").unwrap_err().kind,
            ParseErrorKind::UnterminatedRawString
        );
    }

    #[test]
    fn quote_round_trips() {
        for s in ["", "a\"b", "\\", "\n\t\r", "\u{7}\u{1}", "é日本", "'"] {
            assert_eq!(unquote(&quote(s)).unwrap(), s);
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(number_len("0x1Fz"), 4);
        assert_eq!(number_len("1.5e-3+"), 6);
        assert_eq!(number_len(".5"), 2);
        assert_eq!(number_len("1."), 2);
        assert_eq!(number_len("1e"), 1);
        assert_eq!(number_len("1_000"), 5);
        assert_eq!(number_value("0x1F"), Some(31.0));
        assert_eq!(number_value("1e3"), Some(1000.0));
        assert_eq!(number_value("1_000"), Some(1000.0));
        assert_eq!(number_value("1m"), Some(60.0));
        assert!(number_value("NaN").is_some_and(f64::is_nan));
        assert_eq!(number_value("Inf"), Some(f64::INFINITY));
    }

    #[test]
    fn variables() {
        assert_eq!(dollar_variable_len("$__rate_interval]"), Some(16));
        assert_eq!(dollar_variable_len("${x:csv}_total"), Some(8));
        assert_eq!(dollar_variable_len("${}"), None);
        assert_eq!(dollar_variable_len("$ x"), None);
        assert_eq!(
            split_variable("${x:csv}"),
            Some(("x".into(), Some("csv".into()), VarSyntax::Braced))
        );
        assert_eq!(
            split_variable("[[x]]"),
            Some(("x".into(), None, VarSyntax::Brackets))
        );
    }
}
