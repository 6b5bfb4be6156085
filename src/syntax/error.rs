//! Syntax errors: what went wrong, in words, never in grammar rule names.

use std::fmt;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Span};

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub kind: SyntaxErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SyntaxErrorKind {
    /// `expected` is already a phrase: "`=` or a value".
    Unexpected {
        expected: String,
        found: String,
    },
    /// A `{`, `[` or `(` never closed; the span is the opening bracket.
    Unclosed {
        open: char,
        end: Span,
    },
    /// A `{` that indentation says was left open (the span), found when `outer` was
    /// still open at the end of the file; `evidence` is the statement or `}` (`by_close`)
    /// indented as if the block had ended.
    ProbablyUnclosed {
        outer: Span,
        evidence: Span,
        by_close: bool,
    },
    /// A `}`, `]` or `)` with nothing open.
    Unopened {
        close: char,
    },
    /// `a > b > c`, or a comparison mixed with `+`.
    CompareChain,
    /// Brackets nested deeper than [`super::limits::MAX_DEPTH`].
    TooDeep,
    UnterminatedString,
    /// A query opened by a run of `fence` backticks and never closed; the span is the
    /// opening run to the end of its line. `closed_by` is a later run that did close it,
    /// though it most likely opens another query.
    UnterminatedQuery {
        fence: usize,
        closed_by: Option<Span>,
    },
    EmptyQuery,
    BadEscape(String),
    BadDuration {
        text: String,
        reason: &'static str,
        /// The duration meant, when the unit was a word (`5min` → `5m`).
        meant: Option<String>,
    },
    NumberOutOfRange(String),
    /// A number and a unit word (`15 min`, `2 hours`): `joined` is the duration written
    /// as dac and Prometheus write it (`15m`, `2h`).
    WordyDuration {
        written: String,
        joined: String,
    },
}

impl fmt::Display for SyntaxErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxErrorKind::Unexpected { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            SyntaxErrorKind::Unclosed { open, .. } => {
                write!(f, "unclosed `{open}`")
            }
            SyntaxErrorKind::ProbablyUnclosed { .. } => f.write_str("unclosed `{`"),
            SyntaxErrorKind::Unopened { close } => {
                write!(f, "unexpected `{close}`: nothing to close here")
            }
            SyntaxErrorKind::CompareChain => {
                f.write_str("a value takes one comparison, of a query and a number")
            }
            SyntaxErrorKind::TooDeep => write!(
                f,
                "brackets nested more than {} deep",
                super::limits::MAX_DEPTH
            ),
            SyntaxErrorKind::UnterminatedString => f.write_str("unterminated string"),
            SyntaxErrorKind::UnterminatedQuery { .. } => f.write_str("unterminated PromQL query"),
            SyntaxErrorKind::EmptyQuery => f.write_str("empty PromQL query"),
            SyntaxErrorKind::BadEscape(esc) => write!(f, "unknown escape `{esc}` in a string"),
            SyntaxErrorKind::BadDuration { text, reason, .. } => {
                write!(f, "invalid duration `{text}`: {reason}")
            }
            SyntaxErrorKind::NumberOutOfRange(text) => {
                write!(f, "number `{text}` is out of range")
            }
            SyntaxErrorKind::WordyDuration { written, joined } => {
                write!(f, "a duration is written `{joined}`, not `{written}`")
            }
        }
    }
}

impl SyntaxError {
    pub fn new(span: Span, kind: SyntaxErrorKind) -> Self {
        SyntaxError { span, kind }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let code = match self.kind {
            SyntaxErrorKind::BadDuration { .. } | SyntaxErrorKind::WordyDuration { .. } => {
                Code::Duration
            }
            _ => Code::Syntax,
        };
        let d = Diagnostic::error(code, self.kind.to_string());
        match &self.kind {
            SyntaxErrorKind::Unexpected { expected, .. } => d
                .with_primary(self.span, format!("expected {expected}"))
                .with_help(
                    "a statement is `KEYWORD HEADER... = VALUE { BODY }`; see docs/language.md",
                ),
            SyntaxErrorKind::Unclosed { open, end } => {
                let close = match open {
                    '{' => '}',
                    '[' => ']',
                    _ => ')',
                };
                d.with_primary(self.span, "opened here")
                    .with_secondary(*end, format!("expected `{close}` before this"))
                    .with_help(format!("add the missing `{close}`"))
            }
            SyntaxErrorKind::Unopened { .. } => d
                .with_primary(self.span, "no matching opening bracket")
                .with_help("remove it, or add the missing opening bracket"),
            SyntaxErrorKind::CompareChain => d
                .with_primary(self.span, "a second operator")
                .with_help("write `expr = `QUERY` > NUMBER`; put the rest of the logic inside the backticks"),
            SyntaxErrorKind::TooDeep => d
                .with_primary(self.span, "too deep")
                .with_help("split the value; no dashboard needs this much nesting"),
            SyntaxErrorKind::UnterminatedString => d
                .with_primary(self.span, "this string has no closing `\"` on its line")
                .with_help("close it with `\"`; use \"\"\"...\"\"\" for text over several lines"),
            SyntaxErrorKind::UnterminatedQuery { fence, closed_by } => {
                let d = d.with_primary(self.span, "this query is never closed");
                let d = match closed_by {
                    Some(at) => d.with_secondary(
                        *at,
                        "this backtick ends it instead, though it likely opens the next query",
                    ),
                    None => d,
                };
                d.with_help(match fence {
                    1 => "end the query with a backtick on the line where it ends".to_string(),
                    n => format!(
                        "end the query with a run of exactly {n} backticks, as it opens"
                    ),
                })
            }
            SyntaxErrorKind::EmptyQuery => d
                .with_primary(self.span, "nothing between the backticks")
                .with_help("write a PromQL expression between the backticks"),
            SyntaxErrorKind::BadEscape(_) => d
                .with_primary(self.span, "unknown escape")
                .with_help("use one of \\\" \\\\ \\n \\r \\t \\u{...}"),
            SyntaxErrorKind::BadDuration { meant, .. } => {
                d.with_primary(self.span, "invalid duration")
                    .with_help(match meant {
                        Some(meant) => format!("write `{meant}`"),
                        None => "write units from largest to smallest, each once: `1h30m`, \
                                 `90s`, `500ms`"
                            .to_string(),
                    })
            }
            SyntaxErrorKind::ProbablyUnclosed {
                outer,
                evidence,
                by_close,
            } => {
                let evidence_label = if *by_close {
                    "this `}` is indented less than the `{` line, so it probably closes an outer block"
                } else {
                    "this line is indented no deeper than the `{` line, so the block probably ends before it"
                };
                d.with_primary(self.span, "this `{` is probably the one not closed")
                    .with_secondary(*evidence, evidence_label)
                    .with_secondary(*outer, "left open at the end of the file")
                    .with_help("add the `}` that closes this block after its last statement")
            }
            SyntaxErrorKind::WordyDuration { joined, .. } => d
                .with_primary(self.span, format!("write `{joined}`"))
                .with_help(
                    "a duration is a whole number joined to its unit, with no space; the units are `ms`, `s`, `m`, `h`, `d`, `w` and `y`, largest first: `1h30m`, `90s`, `500ms`",
                ),
            SyntaxErrorKind::NumberOutOfRange(_) => d
                .with_primary(self.span, "out of range")
                .with_help("write a smaller number"),
        }
    }
}
