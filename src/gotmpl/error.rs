//! What can be wrong with a template, worded as Go's text/template words it, so a message
//! reads the same as promtool's.

use std::fmt;
use std::ops::Range;

/// The first fault of a template (Go stops there too), and where: a byte range in the
/// template text.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateError {
    pub kind: ErrorKind,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    UnclosedAction,
    UnclosedComment,
    CommentBeforeDelim,
    UnclosedParen,
    UnexpectedRightParen,
    ExpectedDeclare,
    UnrecognizedChar(char),
    BadCharacter(char),
    UnterminatedChar,
    UnterminatedString,
    UnterminatedRawString,
    BadNumberSyntax(String),
    IllegalNumber(String),
    IntegerOverflow(String),
    MalformedChar(String),
    ComplexSyntax,
    /// A part of a complex number `strconv.ParseFloat` rejects.
    ParseFloat(String),
    /// A quoted string or character Go's `strconv` rejects (a bad escape).
    InvalidSyntax,
    /// `unexpected TOKEN in CONTEXT`; the token as Go prints it.
    Unexpected {
        token: String,
        context: String,
    },
    /// `{{end}}` or `{{else}}` at the top level.
    UnexpectedClose(&'static str),
    UnexpectedEof,
    ExpectedEnd(&'static str),
    FunctionNotDefined {
        name: String,
        suggestion: Option<String>,
    },
    UndefinedVariable {
        name: String,
        suggestion: Option<String>,
    },
    MissingValue(String),
    EmptyCommand,
    NonExecutable(usize),
    TooManyDeclarations(String),
    RangeInitOnly,
    OutsideRange(&'static str),
    DotAfterTerm(String),
    MultipleDefinition(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            UnclosedAction => f.write_str("unclosed action"),
            UnclosedComment => f.write_str("unclosed comment"),
            CommentBeforeDelim => f.write_str("comment ends before closing delimiter"),
            UnclosedParen => f.write_str("unclosed left paren"),
            UnexpectedRightParen => f.write_str("unexpected right paren U+0029 ')'"),
            ExpectedDeclare => f.write_str("expected :="),
            UnrecognizedChar(c) => {
                write!(f, "unrecognized character in action: {}", unicode_name(*c))
            }
            BadCharacter(c) => write!(f, "bad character {}", unicode_name(*c)),
            UnterminatedChar => f.write_str("unterminated character constant"),
            UnterminatedString => f.write_str("unterminated quoted string"),
            UnterminatedRawString => f.write_str("unterminated raw quoted string"),
            BadNumberSyntax(t) => write!(f, "bad number syntax: {}", go_quote(t)),
            IllegalNumber(t) => write!(f, "illegal number syntax: {}", go_quote(t)),
            IntegerOverflow(t) => write!(f, "integer overflow: {}", go_quote(t)),
            MalformedChar(t) => write!(f, "malformed character constant: {t}"),
            ComplexSyntax => f.write_str("syntax error scanning complex number"),
            ParseFloat(t) => write!(
                f,
                "strconv.ParseFloat: parsing {}: invalid syntax",
                go_quote(t)
            ),
            InvalidSyntax => f.write_str("invalid syntax"),
            Unexpected { token, context } => write!(f, "unexpected {token} in {context}"),
            UnexpectedClose(what) => write!(f, "unexpected {what}"),
            UnexpectedEof => f.write_str("unexpected EOF"),
            ExpectedEnd(found) => write!(f, "expected end; found {found}"),
            FunctionNotDefined { name, .. } => write!(f, "function {} not defined", go_quote(name)),
            UndefinedVariable { name, .. } => write!(f, "undefined variable {}", go_quote(name)),
            MissingValue(context) => write!(f, "missing value for {context}"),
            EmptyCommand => f.write_str("empty command"),
            NonExecutable(stage) => write!(f, "non executable command in pipeline stage {stage}"),
            TooManyDeclarations(context) => write!(f, "too many declarations in {context}"),
            RangeInitOnly => f.write_str("range can only initialize variables"),
            OutsideRange(what) => write!(f, "{{{{{what}}}}} outside {{{{range}}}}"),
            DotAfterTerm(term) => write!(f, "unexpected . after term {}", go_quote(term)),
            MultipleDefinition(name) => {
                write!(
                    f,
                    "template: multiple definition of template {}",
                    go_quote(name)
                )
            }
        }
    }
}

/// Go's `%#U`: `U+0021 '!'`.
fn unicode_name(c: char) -> String {
    format!("U+{:04X} '{c}'", c as u32)
}

/// Go's `%q` for the strings a template holds: PromQL's string quoting is Go's
/// `strconv.Quote`, which `%q` is.
pub fn go_quote(s: &str) -> String {
    crate::promql::literal::quote(s)
}
