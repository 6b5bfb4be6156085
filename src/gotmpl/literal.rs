//! Go's rules for the literals of a template (`strconv.Unquote`, `UnquoteChar`,
//! `ParseInt`, `ParseUint`, `ParseFloat` as text/template's `newNumber` uses them):
//! only whether they are valid, since dac never evaluates a template.

use super::ErrorKind;

/// A `"..."` or `` `...` `` token.
pub fn check_string(text: &str) -> Result<(), ErrorKind> {
    if text.starts_with('`') {
        return Ok(());
    }
    let inner = &text[1..text.len() - 1];
    let mut rest = inner;
    while !rest.is_empty() {
        rest = unquote_char(rest, '"')?;
    }
    Ok(())
}

/// A `'x'` token.
pub fn check_char(text: &str) -> Result<(), ErrorKind> {
    let tail = unquote_char(&text[1..], '\'')?;
    if tail != "'" {
        return Err(ErrorKind::MalformedChar(text.to_string()));
    }
    Ok(())
}

/// One character of a quoted literal; the rest after it.
fn unquote_char(s: &str, quote: char) -> Result<&str, ErrorKind> {
    let mut chars = s.chars();
    let c = chars.next().ok_or(ErrorKind::InvalidSyntax)?;
    if c == quote && quote == '\'' {
        return Err(ErrorKind::InvalidSyntax);
    }
    if c != '\\' {
        return Ok(chars.as_str());
    }
    let e = chars.next().ok_or(ErrorKind::InvalidSyntax)?;
    let rest = chars.as_str();
    let hex = |n: usize| -> Result<&str, ErrorKind> {
        let digits = rest.get(..n).ok_or(ErrorKind::InvalidSyntax)?;
        let v = u32::from_str_radix(digits, 16).map_err(|_| ErrorKind::InvalidSyntax)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ErrorKind::InvalidSyntax);
        }
        if n > 2 && char::from_u32(v).is_none() {
            return Err(ErrorKind::InvalidSyntax);
        }
        Ok(&rest[n..])
    };
    match e {
        'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\' => Ok(rest),
        '\'' | '"' if e == quote => Ok(rest),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        '0'..='7' => {
            let digits = s.get(1..4).ok_or(ErrorKind::InvalidSyntax)?;
            match u32::from_str_radix(digits, 8) {
                Ok(v) if v <= 255 && digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) => {
                    Ok(&s[4..])
                }
                _ => Err(ErrorKind::InvalidSyntax),
            }
        }
        _ => Err(ErrorKind::InvalidSyntax),
    }
}

/// A number token as `newNumber` judges it: an integer that fits 64 bits, or a float.
pub fn check_number(text: &str) -> Result<(), ErrorKind> {
    // Imaginary constants: a float followed by `i`.
    if let Some(f) = text.strip_suffix('i')
        && parse_float(f)
    {
        return Ok(());
    }
    if parse_int(text) {
        return Ok(());
    }
    if parse_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(ErrorKind::IntegerOverflow(text.to_string()));
        }
        return Ok(());
    }
    Err(ErrorKind::IllegalNumber(text.to_string()))
}

/// A complex token (`1+2i`) as `fmt.Sscan` reads it into a `complex128`.
pub fn check_complex(text: &str) -> Result<(), ErrorKind> {
    let mut scan = Scan { s: text, pos: 0 };
    let real = scan.float_token();
    let sign_at = scan.pos;
    if !scan.accept("+-") {
        return Err(ErrorKind::ComplexSyntax);
    }
    let imag = scan.float_token();
    if !scan.accept("i") {
        return Err(ErrorKind::ComplexSyntax);
    }
    for part in [real, &text[sign_at..sign_at + 1 + imag.len()]] {
        if !parse_float(part) {
            return Err(ErrorKind::ParseFloat(part.to_string()));
        }
    }
    Ok(())
}

/// Go's `fmt` scanner, as far as `floatToken` goes.
struct Scan<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    fn accept(&mut self, set: &str) -> bool {
        match self.s[self.pos..].chars().next() {
            Some(c) if set.contains(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    fn float_token(&mut self) -> &'a str {
        let start = self.pos;
        if self.accept("nN") && self.accept("aA") && self.accept("nN") {
            return &self.s[start..self.pos];
        }
        self.accept("+-");
        if self.accept("iI") && self.accept("nN") && self.accept("fF") {
            return &self.s[start..self.pos];
        }
        let (mut digits, mut exp) = ("0123456789_", "eEpP");
        if self.accept("0") && self.accept("xX") {
            digits = "0123456789aAbBcCdDeEfF_";
            exp = "pP";
        }
        while self.accept(digits) {}
        if self.accept(".") {
            while self.accept(digits) {}
        }
        if self.accept(exp) {
            self.accept("+-");
            while self.accept("0123456789_") {}
        }
        &self.s[start..self.pos]
    }
}

/// `ParseInt(text, 0, 64)` or `ParseUint(text, 0, 64)` succeeds.
fn parse_int(text: &str) -> bool {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'+') => (false, &text[1..]),
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if !underscores_ok(body) {
        return false;
    }
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() {
        return false;
    }
    match u128::from_str_radix(&digits, radix) {
        Ok(v) if negative => v <= 1u128 << 63,
        Ok(v) => v <= u128::from(u64::MAX),
        Err(_) => false,
    }
}

/// `ParseFloat(text, 64)` succeeds: decimal or hexadecimal syntax, finite.
fn parse_float(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !underscores_ok(body) {
        return false;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        let Some((mantissa, exp)) = hex.split_once('p') else {
            return false;
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        return !(int.is_empty() && frac.is_empty())
            && int
                .chars()
                .chain(frac.chars())
                .all(|c| c.is_ascii_hexdigit())
            && !exp.is_empty()
            && exp.chars().all(|c| c.is_ascii_digit());
    }
    let (mantissa, exp) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (lower.as_str(), None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits_ok(e)
    });
    if (int.is_empty() && frac.is_empty()) || !digits_ok(int) || !digits_ok(frac) || !exp_ok {
        return false;
    }
    clean.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Go's `underscoreOK`: an underscore only between digits, or between a base prefix and
/// a digit.
fn underscores_ok(s: &str) -> bool {
    let b = s.as_bytes();
    // 'x' before a digit or a base prefix, '0' after a digit, '_' after an underscore.
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        hex = b[1].eq_ignore_ascii_case(&b'x');
        i = 2;
        saw = b'0';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_go() {
        for ok in [
            "1", "-1", "0x1F", "1_000", "1.5", ".5", "1e3", "0x1p-2", "0o17", "2i",
        ] {
            assert_eq!(check_number(ok), Ok(()), "{ok}");
        }
        assert!(matches!(
            check_number("089"),
            Err(ErrorKind::IntegerOverflow(_))
        ));
        assert!(matches!(
            check_number("99999999999999999999"),
            Err(ErrorKind::IntegerOverflow(_))
        ));
        for bad in ["1__0", "1_", "0x", "1e", "1e999", "."] {
            assert!(check_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quoted_literals_follow_go() {
        assert_eq!(check_string(r#""a\n\x41\u00e9\101""#), Ok(()));
        assert_eq!(check_string(r#""\q""#), Err(ErrorKind::InvalidSyntax));
        assert_eq!(check_string(r#""\'""#), Err(ErrorKind::InvalidSyntax));
        assert_eq!(check_string(r#""\400""#), Err(ErrorKind::InvalidSyntax));
        assert_eq!(check_char("'a'"), Ok(()));
        assert_eq!(check_char(r"'\''"), Ok(()));
        assert_eq!(check_char("''"), Err(ErrorKind::InvalidSyntax));
        assert!(matches!(
            check_char("'ab'"),
            Err(ErrorKind::MalformedChar(_))
        ));
    }
}
