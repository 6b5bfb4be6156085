//! Syntax errors: what went wrong, in words, never in grammar rule names.

use std::fmt;

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
    /// A `}`, `]` or `)` with nothing open.
    Unopened {
        close: char,
    },
    /// `a > b > c`, or a comparison mixed with `+`.
    CompareChain,
    /// Brackets nested deeper than [`super::brackets::MAX_DEPTH`].
    TooDeep,
    UnterminatedString,
    UnterminatedQuery,
    EmptyQuery,
    BadEscape(String),
    BadDuration {
        text: String,
        reason: &'static str,
    },
    NumberOutOfRange(String),
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
            SyntaxErrorKind::Unopened { close } => {
                write!(f, "unexpected `{close}`: nothing to close here")
            }
            SyntaxErrorKind::CompareChain => {
                f.write_str("a value takes one comparison, of a query and a number")
            }
            SyntaxErrorKind::TooDeep => write!(
                f,
                "brackets nested more than {} deep",
                super::brackets::MAX_DEPTH
            ),
            SyntaxErrorKind::UnterminatedString => f.write_str("unterminated string"),
            SyntaxErrorKind::UnterminatedQuery => f.write_str("unterminated PromQL query"),
            SyntaxErrorKind::EmptyQuery => f.write_str("empty PromQL query"),
            SyntaxErrorKind::BadEscape(esc) => write!(f, "unknown escape `{esc}` in a string"),
            SyntaxErrorKind::BadDuration { text, reason } => {
                write!(f, "invalid duration `{text}`: {reason}")
            }
            SyntaxErrorKind::NumberOutOfRange(text) => {
                write!(f, "number `{text}` is out of range")
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
            SyntaxErrorKind::BadDuration { .. } => "dac/duration",
            _ => "dac/syntax",
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
            SyntaxErrorKind::UnterminatedQuery => d
                .with_primary(self.span, "this query is never closed")
                .with_help("close the query with as many backticks as opened it"),
            SyntaxErrorKind::EmptyQuery => d
                .with_primary(self.span, "nothing between the backticks")
                .with_help("write a PromQL expression between the backticks"),
            SyntaxErrorKind::BadEscape(_) => d
                .with_primary(self.span, "unknown escape")
                .with_help("use one of \\\" \\\\ \\n \\r \\t \\u{...}"),
            SyntaxErrorKind::BadDuration { .. } => {
                d.with_primary(self.span, "invalid duration").with_help(
                    "write units from largest to smallest, each once: `1h30m`, `90s`, `500ms`",
                )
            }
            SyntaxErrorKind::NumberOutOfRange(_) => d
                .with_primary(self.span, "out of range")
                .with_help("write a smaller number"),
        }
    }
}
