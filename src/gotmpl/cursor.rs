//! The parser's state and its cursor over the tokens: Go's `next`, `peek`, `backup` and
//! `nextNonSpace`, and its error reports.

use std::ops::Range;

use super::token::{Keyword, Tok, Token};
use super::{ErrorKind, LabelRef, TemplateError};

pub type Parsed<T> = Result<T, TemplateError>;

/// The kind of a command's first argument (`checkPipeline`, `operand`).
#[derive(Clone, Copy, PartialEq)]
pub enum Arg {
    Literal,
    Field,
    Variable,
    Executable,
}

pub struct Parser<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub i: usize,
    pub vars: Vec<String>,
    pub range_depth: usize,
    /// Inside `range` or `with` bodies and definitions `.` is no longer the alert.
    pub dot_moved: usize,
    /// Templates defined so far, and whether each is empty.
    pub defined: Vec<(String, bool)>,
    pub refs: Vec<LabelRef>,
    /// The actions that opened the blocks being read, innermost last: an `{{ end }}`
    /// missing at the end of the text is reported there.
    pub opened: Vec<Range<usize>>,
}

impl Parser<'_> {
    pub fn next(&mut self) -> Token {
        let t = self.tokens.get(self.i).cloned().unwrap_or(Token {
            kind: Tok::Eof,
            start: self.text.len(),
            end: self.text.len(),
        });
        self.i += 1;
        t
    }

    pub fn backup(&mut self) {
        self.i -= 1;
    }

    pub fn peek(&mut self) -> Token {
        let t = self.next();
        self.backup();
        t
    }

    pub fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.kind != Tok::Space {
                return t;
            }
        }
    }

    pub fn peek_non_space(&mut self) -> Token {
        let t = self.next_non_space();
        self.backup();
        t
    }

    pub fn fail<T>(&self, kind: ErrorKind, range: Range<usize>) -> Parsed<T> {
        Err(TemplateError { kind, range })
    }

    /// `unexpected TOKEN in CONTEXT`, or the lexer's error where the token is one.
    pub fn unexpected<T>(&self, t: &Token, context: &str) -> Parsed<T> {
        if let Tok::Error(kind) = &t.kind {
            return self.fail(kind.clone(), t.start..t.end);
        }
        let token = self.describe(t);
        self.fail(
            ErrorKind::Unexpected {
                token,
                context: context.to_string(),
            },
            t.start..t.end,
        )
    }

    /// A token as Go's `item.String` prints it.
    pub fn describe(&self, t: &Token) -> String {
        let val = &self.text[t.start..t.end];
        match &t.kind {
            Tok::Eof => "EOF".into(),
            Tok::Keyword(Keyword::Dot) => "<.>".into(),
            Tok::Keyword(_) => format!("<{val}>"),
            _ if val.chars().count() > 10 => {
                let head: String = val.chars().take(10).collect();
                format!("{}...", super::error::go_quote(&head))
            }
            _ => super::error::go_quote(val),
        }
    }

    pub fn expect(&mut self, kind: Tok, context: &str) -> Parsed<Token> {
        let t = self.next_non_space();
        if t.kind != kind {
            return self.unexpected(&t, context);
        }
        Ok(t)
    }

    pub fn prev_end(&self) -> usize {
        self.tokens
            .get(self.i.saturating_sub(1))
            .map_or(self.text.len(), |t| t.end)
    }
}
