//! String literal contents: escapes of `"..."` and the dedent of `"""..."""`.

/// Unescapes the text between the quotes. `Err` holds the byte range of a bad escape
/// within `raw` and the escape as written.
pub fn unescape(raw: &str) -> Result<String, (usize, usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((j, e)) = chars.next() else {
            return Err((i, i + 1, "\\".to_string()));
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let rest = &raw[j + 1..];
                let decoded = rest
                    .strip_prefix('{')
                    .and_then(|r| r.split_once('}'))
                    .and_then(|(hex, _)| u32::from_str_radix(hex, 16).ok().map(|n| (hex, n)))
                    .and_then(|(hex, n)| char::from_u32(n).map(|c| (hex.len(), c)));
                let Some((hex_len, ch)) = decoded else {
                    let end = (j + 1 + rest.find('}').map_or(0, |p| p + 1)).min(raw.len());
                    return Err((i, end.max(j + 1), raw[i..end.max(j + 1)].to_string()));
                };
                out.push(ch);
                // Skip `{hex}`.
                for _ in 0..hex_len + 2 {
                    chars.next();
                }
            }
            other => {
                let end = j + other.len_utf8();
                return Err((i, end, raw[i..end].to_string()));
            }
        }
    }
    Ok(out)
}

/// The text of a `"""` string: without the first line break, the common indentation of
/// its non-blank lines, and the whitespace before the closing quotes.
pub fn dedent(raw: &str) -> String {
    let body = raw
        .strip_prefix("\r\n")
        .or_else(|| raw.strip_prefix('\n'))
        .unwrap_or(raw);
    let body = match body.rfind('\n') {
        Some(i) if body[i + 1..].trim().is_empty() => &body[..i + 1],
        _ => body,
    };
    let indent = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
        out.push_str(&line[cut..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_known_escapes() {
        assert_eq!(unescape(r#"a\"b\\c\nd\u{41}"#).unwrap(), "a\"b\\c\ndA");
        assert_eq!(unescape(r"\q"), Err((0, 2, "\\q".to_string())));
        assert!(unescape(r"\u{zz}").is_err());
        assert!(unescape(r"\u{110000}").is_err());
    }

    #[test]
    fn dedents_raw_strings() {
        assert_eq!(dedent("\n    ## A\n      b\n    "), "## A\n  b\n");
        assert_eq!(dedent("one line"), "one line");
    }
}
