//! Syntax errors of a PromQL query: where (`span`) and what (`kind`). All wording lives in
//! the one `Display` below and follows Prometheus' own messages where it has one.

use std::fmt;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Span};
use crate::promql::duration::DurationError;

/// The code every PromQL syntax error is reported under.
pub const CODE: Code = Code::PromqlSyntax;

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub kind: ParseErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParseErrorKind {
    NoExpression,
    UnexpectedCharacter(char),
    UnexpectedCharacterAfter {
        after: char,
        found: Option<char>,
    },
    UnexpectedCharacterInsideBraces(char),
    UnexpectedCharacterAfterBangInsideBraces(Option<char>),
    UnexpectedLeftBrace,
    UnexpectedLeftBracket,
    UnexpectedRightBracket,
    UnexpectedRightParen,
    UnclosedParen,
    UnclosedBracket,
    UnexpectedEndInsideBraces,
    UnterminatedString,
    UnterminatedRawString,
    UnknownEscape(char),
    EscapeNotTerminated,
    IllegalEscapeCharacter(char),
    InvalidCodePoint,
    BadNumberOrDuration(String),
    NumberOutOfRange(String),
    InvalidDuration(DurationError),
    ZeroDuration,
    /// A Grafana variable in a query that is not a dashboard query.
    GrafanaVariable(String),
    TooDeep {
        limit: usize,
    },
    /// More tokens than one query may have.
    TooLong {
        limit: usize,
    },
    /// A chain of binary operators longer than the tree may be tall.
    TooManyOperators {
        limit: usize,
    },
    /// A duration that is not a whole number of milliseconds (`x[0.0015]`): Prometheus
    /// keeps durations in milliseconds and would cut it.
    SubMillisecond(String),
    /// A duration where a number is required (`x > 5m`, `@ 1m`): Prometheus 3 reads it as
    /// seconds, but promtool and Prometheus 2 reject it.
    DurationAsNumber(String),
    /// Prometheus' generic parser error: `unexpected <found> [in <context>][, expected <expected>]`.
    Unexpected {
        found: String,
        context: Option<&'static str>,
        expected: Option<String>,
        hint: Option<Hint>,
    },
    TrailingComma,
    UnknownFunction {
        name: String,
        suggestion: Option<&'static str>,
    },
    RangeNotOnSelector,
    OffsetBeforeRange,
    AtBeforeRange,
    OffsetNotAllowed,
    AtNotAllowed,
    OffsetTwice,
    AtTwice,
    TimestampOutOfBounds(String),
    MetricNameTwice {
        first: String,
        second: String,
    },
    NoAggregateArguments,
    AggregateArgumentCount {
        expected: usize,
        got: usize,
    },
    BoolWithoutComparison,
    InvalidGroupingLabel(String),
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ParseErrorKind::*;
        match self {
            NoExpression => f.write_str("no expression found in input"),
            UnexpectedCharacter(c) => write!(f, "unexpected character: {}", quote_char(*c)),
            UnexpectedCharacterAfter { after, found } => write!(
                f,
                "unexpected character after {}: {}",
                quote_char(*after),
                found.map_or("end of input".to_string(), quote_char)
            ),
            UnexpectedCharacterInsideBraces(c) => {
                write!(f, "unexpected character inside braces: {}", quote_char(*c))
            }
            UnexpectedCharacterAfterBangInsideBraces(c) => write!(
                f,
                "unexpected character after '!' inside braces: {}",
                c.map_or("end of input".to_string(), quote_char)
            ),
            UnexpectedLeftBrace => f.write_str("unexpected left brace '{'"),
            UnexpectedLeftBracket => f.write_str("unexpected left bracket '['"),
            UnexpectedRightBracket => f.write_str("unexpected right bracket ']'"),
            UnexpectedRightParen => f.write_str("unexpected right parenthesis ')'"),
            UnclosedParen => f.write_str("unclosed left parenthesis"),
            UnclosedBracket => f.write_str("unclosed left bracket"),
            UnexpectedEndInsideBraces => f.write_str("unexpected end of input inside braces"),
            UnterminatedString => f.write_str("unterminated quoted string"),
            UnterminatedRawString => f.write_str("unterminated raw string"),
            UnknownEscape(c) => write!(f, "unknown escape sequence {}", unicode_name(*c)),
            EscapeNotTerminated => f.write_str("escape sequence not terminated"),
            IllegalEscapeCharacter(c) => {
                write!(f, "illegal character {} in escape sequence", unicode_name(*c))
            }
            InvalidCodePoint => f.write_str("escape sequence is an invalid Unicode code point"),
            BadNumberOrDuration(s) => write!(f, "bad number or duration syntax: {s:?}"),
            NumberOutOfRange(s) => write!(f, "number out of range: {s:?}"),
            InvalidDuration(e) => write!(f, "{e}"),
            ZeroDuration => f.write_str("duration must be greater than 0"),
            GrafanaVariable(v) => write!(f, "unexpected Grafana variable {v:?}"),
            TooDeep { limit } => write!(f, "expression nested too deeply (limit {limit})"),
            TooLong { limit } => write!(f, "query too long (more than {limit} tokens)"),
            TooManyOperators { limit } => {
                write!(f, "too many binary operators in a row (limit {limit})")
            }
            SubMillisecond(s) => {
                write!(f, "duration {s:?} is not a whole number of milliseconds")
            }
            DurationAsNumber(s) => {
                write!(f, "unexpected duration {s:?} where a number is required")
            }
            Unexpected {
                found,
                context,
                expected,
                ..
            } => {
                write!(f, "unexpected {found}")?;
                if let Some(context) = context {
                    write!(f, " in {context}")?;
                }
                if let Some(expected) = expected {
                    write!(f, ", expected {expected}")?;
                }
                Ok(())
            }
            TrailingComma => f.write_str("trailing commas not allowed in function call args"),
            UnknownFunction { name, .. } => write!(f, "unknown function {name:?}"),
            RangeNotOnSelector => f.write_str("ranges only allowed for vector selectors"),
            OffsetBeforeRange => f.write_str("no offset modifiers allowed before range"),
            AtBeforeRange => f.write_str("no @ modifiers allowed before range"),
            OffsetNotAllowed => f.write_str(
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
            ),
            AtNotAllowed => f.write_str(
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
            ),
            OffsetTwice => f.write_str("offset may not be set multiple times"),
            AtTwice => f.write_str("@ <timestamp> may not be set multiple times"),
            TimestampOutOfBounds(raw) => {
                write!(f, "timestamp out of bounds for @ modifier: {raw}")
            }
            MetricNameTwice { first, second } => {
                write!(f, "metric name must not be set twice: {first:?} or {second:?}")
            }
            NoAggregateArguments => f.write_str("no arguments for aggregate expression provided"),
            AggregateArgumentCount { expected, got } => write!(
                f,
                "wrong number of arguments for aggregate expression provided, expected {expected}, got {got}"
            ),
            BoolWithoutComparison => {
                f.write_str("bool modifier can only be used on comparison operators")
            }
            InvalidGroupingLabel(name) => write!(
                f,
                "unexpected identifier {name:?} in grouping opts, expected label"
            ),
        }
    }
}

/// What a user most likely meant when a token is out of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `a = b` at the top level.
    CompareWithDoubleEquals,
    /// `by`/`without` after something that is not an aggregation.
    GroupingNeedsAggregation,
    /// `group_left`/`group_right` without `on`/`ignoring`.
    GroupNeedsMatching,
    /// Two expressions side by side.
    MissingOperator,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hint::CompareWithDoubleEquals => "to compare, use `==`",
            Hint::GroupingNeedsAggregation => {
                "`by` and `without` belong to an aggregation: `sum by (job) (x)`"
            }
            Hint::GroupNeedsMatching => {
                "`group_left` and `group_right` follow `on (...)` or `ignoring (...)`: `a * on (job) group_left b`"
            }
            Hint::MissingOperator => {
                "two expressions need an operator between them, such as `+`, `/` or `and`"
            }
        })
    }
}

impl ParseErrorKind {
    /// What to do about it, where there is more to say than the message.
    fn help(&self) -> Option<String> {
        use ParseErrorKind::*;
        match self {
            Unexpected {
                hint: Some(hint), ..
            } => Some(hint.to_string()),
            UnknownFunction {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean {s:?}?")),
            GrafanaVariable(_) => Some(
                "Grafana variables are only expanded in dashboard queries; write a literal value here"
                    .to_string(),
            ),
            TooDeep { .. } => {
                Some("split the expression, or remove redundant parentheses".to_string())
            }
            TooLong { .. } | TooManyOperators { .. } => {
                Some("split the expression: compute parts of it in recording rules".to_string())
            }
            SubMillisecond(_) => Some(
                "Prometheus keeps durations in whole milliseconds: write at least `1ms`, e.g. `1.5s` or `1500ms`"
                    .to_string(),
            ),
            DurationAsNumber(_) => Some(
                "write the number of seconds (`300` for `5m`): promtool and Prometheus 2 accept no duration here"
                    .to_string(),
            ),
            UnclosedParen => Some("add the missing ')'".to_string()),
            UnclosedBracket => Some("add the missing ']'".to_string()),
            UnexpectedEndInsideBraces => Some("add the missing '}'".to_string()),
            TrailingComma => Some("remove the trailing comma".to_string()),
            RangeNotOnSelector => Some(
                "use a subquery such as `(expr)[5m:1m]` to get a range of an expression"
                    .to_string(),
            ),
            OffsetBeforeRange | AtBeforeRange => {
                Some("write the range first: `foo[5m] offset 1h`".to_string())
            }
            BoolWithoutComparison => {
                Some("`bool` goes after ==, !=, >, <, >= or <=".to_string())
            }
            InvalidDuration(_) | BadNumberOrDuration(_) | ZeroDuration => Some(
                "durations are integers with units in this order: y, w, d, h, m, s, ms (e.g. 1h30m)"
                    .to_string(),
            ),
            _ => None,
        }
    }

    /// The label under the characters: a short restatement.
    fn label(&self) -> String {
        use ParseErrorKind::*;
        let text = match self {
            Unexpected {
                expected: Some(expected),
                ..
            } => return format!("expected {expected}"),
            Unexpected { .. } => "unexpected here",
            UnexpectedCharacter(_)
            | UnexpectedCharacterAfter { .. }
            | UnexpectedCharacterInsideBraces(_)
            | UnexpectedCharacterAfterBangInsideBraces(_) => "unexpected character",
            UnexpectedLeftBrace | UnexpectedLeftBracket => "nothing can be opened here",
            UnexpectedRightBracket | UnexpectedRightParen => "nothing to close here",
            UnclosedParen => "this parenthesis is never closed",
            UnclosedBracket => "this bracket is never closed",
            UnexpectedEndInsideBraces => "this brace is never closed",
            UnterminatedString | UnterminatedRawString => "this string is never closed",
            UnknownEscape(_)
            | EscapeNotTerminated
            | IllegalEscapeCharacter(_)
            | InvalidCodePoint => "in this escape sequence",
            BadNumberOrDuration(_) | NumberOutOfRange(_) => "this number",
            InvalidDuration(_) | ZeroDuration | SubMillisecond(_) => "this duration",
            DurationAsNumber(_) => "a duration, not a number",
            TooLong { .. } => "one token too many",
            TooManyOperators { .. } => "one operator too many",
            // The CLI snapshots (owned by the checker) show this label.
            GrafanaVariable(_) => "here",
            TooDeep { .. } => "too deep",
            NoExpression => "empty query",
            TrailingComma => "trailing comma",
            UnknownFunction { .. } => "unknown function",
            RangeNotOnSelector => "range of an expression",
            OffsetBeforeRange | AtBeforeRange => "range after a modifier",
            OffsetNotAllowed | AtNotAllowed => "modifier of an expression",
            OffsetTwice | AtTwice => "second modifier",
            TimestampOutOfBounds(_) => "this timestamp",
            MetricNameTwice { .. } => "second metric name",
            NoAggregateArguments | AggregateArgumentCount { .. } => "this aggregation",
            BoolWithoutComparison => "`bool` here",
            InvalidGroupingLabel(_) => "not a label name",
        };
        text.to_string()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl ParseError {
    pub fn new(span: Span, kind: ParseErrorKind) -> Self {
        ParseError { span, kind }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(CODE, self.kind.to_string())
            .with_primary(self.span, self.kind.label());
        match self.kind.help() {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}

impl From<ParseError> for Diagnostic {
    fn from(e: ParseError) -> Diagnostic {
        e.to_diagnostic()
    }
}

/// `'x'` the way Go's `%q` prints a rune.
fn quote_char(c: char) -> String {
    format!("{:?}", c)
}

/// `U+0071 'q'` the way Go's `%#U` prints a rune.
fn unicode_name(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}
