//! A scan of brackets and fences run before parsing. An unclosed `{` or backtick is
//! reported where the fix goes, rather than at the end of the file where the parser would
//! notice: the `{` that indentation says was left open (see `indent_hint.rs`), the
//! backtick that opened a query never closed. Nesting deep enough to exhaust the parser's
//! stack is refused.

use super::error::{SyntaxError, SyntaxErrorKind};
use super::fence;
use super::indent_hint::{IndentHint, Open, Suspect};
use super::limits::MAX_DEPTH;
use crate::diagnostic::{FileId, Span};

/// What the scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// The first bracket or fence fault, to report instead of parsing.
    pub fault: Option<SyntaxError>,
    /// A query that looks unclosed although a later backtick closed it (see
    /// [`fence::looks_unclosed`]), as the error to report if parsing fails after it.
    pub unclosed_query: Option<SyntaxError>,
}

/// Scans `text`, skipping strings, queries and comments as the grammar reads them.
pub fn check(file: FileId, text: &str) -> Scan {
    let mut scanner = Scanner {
        file,
        text,
        stack: Vec::new(),
        hint: IndentHint::default(),
        line_indent: indent_at(text.as_bytes(), 0),
        stray: None,
        stopped_at: 0,
    };
    let fault = scanner.scan().err();
    let unclosed_query = scanner
        .stray
        .map(|(open, run, close)| scanner.unterminated_query(open, run, Some(close)));
    // A query that swallowed the next query's opening backtick explains any fault found
    // after it: what follows was read with the fences paired the wrong way.
    let fault = match (fault, &unclosed_query) {
        (Some(_), Some(q)) if (q.span.start as usize) < scanner.stopped_at => Some(q.clone()),
        (f, _) => f,
    };
    Scan {
        fault,
        unclosed_query,
    }
}

struct Scanner<'t> {
    file: FileId,
    text: &'t str,
    stack: Vec<Open>,
    hint: IndentHint,
    /// The indentation of the line being scanned.
    line_indent: usize,
    /// The first query that [`fence::looks_unclosed`]: its opening run's start and
    /// length, and its closing run's start.
    stray: Option<(usize, usize, usize)>,
    /// Where the scan found its fault: the end of the text for a bracket left open.
    stopped_at: usize,
}

impl Scanner<'_> {
    fn scan(&mut self) -> Result<(), SyntaxError> {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            self.stopped_at = i;
            let b = bytes[i];
            match b {
                b'\n' => {
                    i += 1;
                    self.line_start(i);
                }
                b'#' => i = find_from(bytes, i, b"\n").unwrap_or(bytes.len()),
                b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                    i = find_from(bytes, i + 3, b"\"\"\"").map_or(bytes.len(), |e| e + 3);
                }
                b'"' => i = self.string(i)?,
                b'`' => {
                    let run = fence::run_len(bytes, i);
                    let Some(close) = fence::find_close(bytes, i + run, run) else {
                        return Err(self.unterminated_query(i, run, None));
                    };
                    if self.stray.is_none() && fence::looks_unclosed(bytes, i, close, run) {
                        self.stray = Some((i, run, close));
                    }
                    i = close + run;
                }
                b'{' | b'[' | b'(' => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(self.error(i, i + 1, SyntaxErrorKind::TooDeep));
                    }
                    self.stack.push(Open {
                        byte: b,
                        at: i,
                        indent: self.line_indent,
                        deeper: None,
                    });
                    i += 1;
                }
                b'}' | b']' | b')' => {
                    self.close(i)?;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        self.stopped_at = bytes.len();
        match self.stack.pop() {
            Some(open) => Err(self.unclosed_at_end(open)),
            None => Ok(()),
        }
    }

    /// Skips the string opening at `open`: where it ends, or the fault of a string that
    /// does not close on its line (what follows it is not code).
    fn string(&self, open: usize) -> Result<usize, SyntaxError> {
        let bytes = self.text.as_bytes();
        let mut i = open + 1;
        while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
            // An escape takes the next character, but never the line break: as in the
            // grammar, a string ends on its line.
            let escape = bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(|&n| n != b'\n');
            i += if escape { 2 } else { 1 };
        }
        if i < bytes.len() && bytes[i] == b'"' {
            return Ok(i + 1);
        }
        let end = line_end(self.text, open);
        Err(self.error(open, end, SyntaxErrorKind::UnterminatedString))
    }

    /// Notes where a line starts, for the indentation hint.
    fn line_start(&mut self, at: usize) {
        let bytes = self.text.as_bytes();
        self.line_indent = indent_at(bytes, at);
        let first = at + self.line_indent;
        let closer = match bytes.get(first) {
            None | Some(b'\n' | b'\r' | b'#') => return,
            Some(b) => matches!(b, b'}' | b']' | b')'),
        };
        let end = line_end(self.text, first);
        self.hint
            .line(&mut self.stack, self.line_indent, (first, end), closer);
    }

    /// Pops the bracket that the closing one at `at` closes; the fault when it closes
    /// nothing or another kind of bracket.
    fn close(&mut self, at: usize) -> Result<(), SyntaxError> {
        let b = self.text.as_bytes()[at];
        let want = match b {
            b'}' => b'{',
            b']' => b'[',
            _ => b'(',
        };
        let Some(open) = self.stack.pop() else {
            return Err(self.error(at, at + 1, SyntaxErrorKind::Unopened { close: b as char }));
        };
        if open.byte != want {
            let end = Span::new(self.file, at, at + 1);
            let kind = SyntaxErrorKind::Unclosed {
                open: open.byte as char,
                end,
            };
            return Err(self.error(open.at, open.at + 1, kind));
        }
        self.hint
            .closed(&open, self.stack.last(), self.line_indent, at);
        Ok(())
    }

    fn unclosed_at_end(&self, open: Open) -> SyntaxError {
        let end = Span::new(self.file, self.text.len(), self.text.len());
        let outer = Span::new(self.file, open.at, open.at + 1);
        match self.hint.suspect {
            Some(Suspect {
                open: at,
                evidence: (from, to),
                by_close,
            }) if open.byte == b'{' && at != open.at => self.error(
                at,
                at + 1,
                SyntaxErrorKind::ProbablyUnclosed {
                    outer,
                    evidence: Span::new(self.file, from, to),
                    by_close,
                },
            ),
            _ => SyntaxError::new(
                outer,
                SyntaxErrorKind::Unclosed {
                    open: open.byte as char,
                    end,
                },
            ),
        }
    }

    /// The query opened by a run of `run` backticks at `open`, never closed; `closed_by`
    /// is the run that closed it in the scan, when that run probably opens the next query.
    fn unterminated_query(&self, open: usize, run: usize, closed_by: Option<usize>) -> SyntaxError {
        self.error(
            open,
            line_end(self.text, open),
            SyntaxErrorKind::UnterminatedQuery {
                fence: run,
                closed_by: closed_by.map(|c| Span::new(self.file, c, c + run)),
            },
        )
    }

    fn error(&self, start: usize, end: usize, kind: SyntaxErrorKind) -> SyntaxError {
        SyntaxError::new(Span::new(self.file, start, end), kind)
    }
}

/// The width of the spaces and tabs starting at `at`.
fn indent_at(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| {
        rest.iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    })
}

/// The end of the line holding `at`, before its line break.
fn line_end(text: &str, at: usize) -> usize {
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
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

    fn fault(text: &str) -> SyntaxError {
        check(FileId(0), text).fault.expect("a fault")
    }

    #[test]
    fn finds_unclosed_brace_and_ignores_strings() {
        let e = fault("a {\n  b = \"}\" # }\n  c = `x{}`\n");
        assert_eq!(e.span.start, 2);
        assert!(check(FileId(0), "a { b = [1, (2)] }").fault.is_none());
        let e = fault("a }");
        assert_eq!(e.kind, SyntaxErrorKind::Unopened { close: '}' });
        let deep = format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(fault(&deep).kind, SyntaxErrorKind::TooDeep);
    }

    #[test]
    fn skips_queries_by_the_length_of_their_fence() {
        assert!(check(FileId(0), "a { q = ```x{a!~``}``` }").fault.is_none());
        assert!(check(FileId(0), "a { q = ``x{a=`}`}`` }").fault.is_none());
        let e = fault("a {\n  q = ``x`\n}\n");
        assert_eq!(
            e.kind,
            SyntaxErrorKind::UnterminatedQuery {
                fence: 2,
                closed_by: None
            }
        );
        assert_eq!((e.span.start, e.span.end), (10, 14));
    }

    #[test]
    fn a_dedented_line_names_the_block_left_open() {
        // `b`'s `}` is missing: `c` at `b`'s indentation starts while `b` is open.
        let text = "a {\n  b {\n    x = 1\n  c {\n    y = 2\n  }\n}\n";
        let e = fault(text);
        assert_eq!(e.span.start as usize, text.find("b {").unwrap() + 2);
        let SyntaxErrorKind::ProbablyUnclosed {
            outer, evidence, ..
        } = e.kind
        else {
            panic!("{e:?}");
        };
        assert_eq!(outer.start, 2);
        assert_eq!(evidence.start as usize, text.find("c {").unwrap());
    }

    #[test]
    fn a_dedented_close_names_the_block_left_open() {
        let text = "a {\n  b {\n    x = 1\n}\n";
        let e = fault(text);
        assert_eq!(e.span.start, 8);
        assert!(matches!(
            e.kind,
            SyntaxErrorKind::ProbablyUnclosed { by_close: true, .. }
        ));
        // Without indentation there is no hint: the `{` left over is reported.
        let e = fault("a {\nb {\nx = 1\n}\n");
        assert_eq!(e.span.start, 2);
        assert!(matches!(e.kind, SyntaxErrorKind::Unclosed { .. }));
    }

    #[test]
    fn a_query_that_swallowed_the_next_backtick_is_reported() {
        let text = "a {\n  q `sum(x)\n}\nb {\n  q `up`\n}\n";
        let e = fault(text);
        assert_eq!(e.span.start as usize, text.find('`').unwrap());
        // Also when the misread text leaves a `{` open before the query.
        let text = "a {\n  b {\n    q `sum(x)\n  }\n}\nc {\n  q `up\n}\n";
        let e = fault(text);
        assert_eq!(e.span.start as usize, text.find('`').unwrap());
        assert!(matches!(
            e.kind,
            SyntaxErrorKind::UnterminatedQuery {
                closed_by: Some(_),
                ..
            }
        ));
    }
}
