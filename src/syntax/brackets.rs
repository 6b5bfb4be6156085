//! A bracket scan run before parsing: an unclosed `{` is reported at the brace itself,
//! which is where the fix goes, rather than at the end of the file where the parser
//! would notice; and nesting deep enough to exhaust the parser's stack is refused.

use super::error::{SyntaxError, SyntaxErrorKind};
use crate::diagnostic::{FileId, Span};

/// Deeper nesting than any real file needs; the recursive-descent parser must not
/// overflow its stack on a hostile one.
pub const MAX_DEPTH: usize = 128;

/// The first bracket fault in `text`, skipping strings, queries and comments.
pub fn check(file: FileId, text: &str) -> Option<SyntaxError> {
    let bytes = text.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' => i = find_from(bytes, i, b"\n").unwrap_or(bytes.len()),
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i = find_from(bytes, i + 3, b"\"\"\"").map_or(bytes.len(), |e| e + 3);
            }
            b'"' => {
                let open = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() || bytes[i] != b'"' {
                    // A string that does not close on its line: what follows is not code.
                    let end = text[open..].find('\n').map_or(text.len(), |e| open + e);
                    return Some(SyntaxError::new(
                        Span::new(file, open, end),
                        SyntaxErrorKind::UnterminatedString,
                    ));
                }
                i += 1;
            }
            b'`' => {
                // As the grammar reads them: two backticks fence, one quotes.
                let run = bytes[i..].iter().take_while(|&&c| c == b'`').count().min(2);
                let fence = &bytes[i..i + run];
                i = find_from(bytes, i + run, fence).map_or(bytes.len(), |e| e + run);
            }
            b'{' | b'[' | b'(' => {
                if stack.len() >= MAX_DEPTH {
                    return Some(SyntaxError::new(
                        Span::new(file, i, i + 1),
                        SyntaxErrorKind::TooDeep,
                    ));
                }
                stack.push((b, i));
                i += 1;
            }
            b'}' | b']' | b')' => {
                let open = match b {
                    b'}' => b'{',
                    b']' => b'[',
                    _ => b'(',
                };
                let here = Span::new(file, i, i + 1);
                match stack.pop() {
                    None => {
                        return Some(SyntaxError::new(
                            here,
                            SyntaxErrorKind::Unopened { close: b as char },
                        ));
                    }
                    Some((o, at)) if o != open => {
                        return Some(SyntaxError::new(
                            Span::new(file, at, at + 1),
                            SyntaxErrorKind::Unclosed {
                                open: o as char,
                                end: here,
                            },
                        ));
                    }
                    Some(_) => {}
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    let (o, at) = stack.pop()?;
    Some(SyntaxError::new(
        Span::new(file, at, at + 1),
        SyntaxErrorKind::Unclosed {
            open: o as char,
            end: Span::new(file, text.len(), text.len()),
        },
    ))
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > hay.len() || needle.is_empty() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unclosed_brace_and_ignores_strings() {
        let e = check(FileId(0), "a {\n  b = \"}\" # }\n  c = `x{}`\n").unwrap();
        assert_eq!(e.span.start, 2);
        assert!(check(FileId(0), "a { b = [1, (2)] }").is_none());
        let e = check(FileId(0), "a }").unwrap();
        assert_eq!(e.kind, SyntaxErrorKind::Unopened { close: '}' });
        let deep = format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            check(FileId(0), &deep).unwrap().kind,
            SyntaxErrorKind::TooDeep
        );
    }
}
