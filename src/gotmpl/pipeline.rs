//! Pipelines, commands and operands: `$x := f .A | g "b"`, checked as Go's parser
//! checks them (declarations, defined functions and variables, literals, what may stand
//! in a later stage), with the `$labels.NAME` references collected.

use std::ops::Range;

use super::cursor::{Arg, Parsed, Parser};
use super::funcs::{FUNCTIONS, is_function};
use super::literal::{check_char, check_complex, check_number, check_string};
use super::token::{Keyword, Tok};
use super::{ErrorKind, LabelRef};
use crate::promql::suggest::did_you_mean;

impl Parser<'_> {
    /// Declarations, then commands separated by `|`, up to `end`.
    pub fn pipeline(&mut self, context: &str, end: Tok) -> Parsed<()> {
        let start = self.peek_non_space().start;
        let mut decls = 0;
        while self.peek_non_space().kind == Tok::Variable {
            let at = self.i;
            let v = self.next_non_space();
            let next = self.peek_non_space();
            let name = self.text[v.start..v.end].to_string();
            match next.kind {
                Tok::Assign | Tok::Declare => {
                    self.next_non_space();
                    self.vars.push(name);
                    break;
                }
                Tok::Char if &self.text[next.start..next.end] == "," => {
                    self.next_non_space();
                    self.vars.push(name);
                    decls += 1;
                    if context == "range" && decls < 2 {
                        match self.peek_non_space().kind {
                            Tok::Variable | Tok::RightDelim | Tok::RightParen => continue,
                            _ => {
                                return self.fail(ErrorKind::RangeInitOnly, next.start..next.end);
                            }
                        }
                    }
                    return self.fail(
                        ErrorKind::TooManyDeclarations(context.to_string()),
                        v.start..next.end,
                    );
                }
                _ => {
                    // An argument, not a declaration: read it again as one.
                    self.i = at;
                    break;
                }
            }
        }
        let mut firsts: Vec<(Arg, Range<usize>)> = Vec::new();
        loop {
            let t = self.next_non_space();
            if t.kind == end {
                return self.check_pipeline(&firsts, context, start..t.end);
            }
            match t.kind {
                Tok::Bool
                | Tok::CharConst
                | Tok::Complex
                | Tok::Keyword(Keyword::Dot | Keyword::Nil)
                | Tok::Field
                | Tok::Identifier
                | Tok::Number
                | Tok::RawString
                | Tok::String
                | Tok::Variable
                | Tok::LeftParen => {
                    self.backup();
                    firsts.push(self.command()?);
                }
                _ => return self.unexpected(&t, context),
            }
        }
    }

    fn check_pipeline(
        &self,
        firsts: &[(Arg, Range<usize>)],
        context: &str,
        range: Range<usize>,
    ) -> Parsed<()> {
        if firsts.is_empty() {
            return self.fail(ErrorKind::MissingValue(context.to_string()), range);
        }
        for (i, (arg, at)) in firsts.iter().enumerate().skip(1) {
            if *arg == Arg::Literal {
                return self.fail(ErrorKind::NonExecutable(i + 1), at.clone());
            }
        }
        Ok(())
    }

    /// Operands up to `|`, `}}` or `)`; the kind and place of the first.
    fn command(&mut self) -> Parsed<(Arg, Range<usize>)> {
        let mut first = None;
        loop {
            let start = self.peek_non_space().start;
            if let Some(arg) = self.operand()? {
                first.get_or_insert((arg, start..self.prev_end()));
            }
            let t = self.next();
            match t.kind {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RightParen => self.backup(),
                Tok::Pipe => {}
                _ => return self.unexpected(&t, "operand"),
            }
            break;
        }
        match first {
            Some(first) => Ok(first),
            None => {
                let at = self.peek().start;
                self.fail(ErrorKind::EmptyCommand, at..at)
            }
        }
    }

    /// A term and the fields chained to it (`$labels.instance`, `(x).Field`).
    fn operand(&mut self) -> Parsed<Option<Arg>> {
        let Some((arg, term)) = self.term()? else {
            return Ok(None);
        };
        if self.peek().kind != Tok::Field {
            return Ok(Some(arg));
        }
        let mut fields = Vec::new();
        while self.peek().kind == Tok::Field {
            fields.push(self.next());
        }
        match arg {
            Arg::Literal => {
                let shown = self.text[term.clone()].to_string();
                self.fail(ErrorKind::DotAfterTerm(shown), term.start..fields[0].end)
            }
            Arg::Variable | Arg::Field => {
                let root = &self.text[term.clone()];
                let labels = (arg == Arg::Variable && root == "$labels")
                    || (arg == Arg::Field && root == ".Labels" && self.dot_moved == 0);
                if labels {
                    let f = &fields[0];
                    self.refs.push(LabelRef {
                        name: self.text[f.start + 1..f.end].to_string(),
                        range: f.start + 1..f.end,
                    });
                }
                Ok(Some(arg))
            }
            Arg::Executable => Ok(Some(Arg::Executable)),
        }
    }

    fn term(&mut self) -> Parsed<Option<(Arg, Range<usize>)>> {
        let t = self.next_non_space();
        let range = t.start..t.end;
        let val = &self.text[range.clone()];
        let arg = match t.kind {
            Tok::Identifier => {
                if !is_function(val) {
                    let suggestion = did_you_mean(val, FUNCTIONS.iter().copied());
                    return self.fail(
                        ErrorKind::FunctionNotDefined {
                            name: val.to_string(),
                            suggestion: suggestion.map(str::to_string),
                        },
                        range,
                    );
                }
                Arg::Executable
            }
            Tok::Keyword(Keyword::Dot | Keyword::Nil) | Tok::Bool => Arg::Literal,
            Tok::Variable => {
                if !self.vars.iter().any(|v| v == val) {
                    let suggestion = did_you_mean(val, self.vars.iter().map(String::as_str));
                    return self.fail(
                        ErrorKind::UndefinedVariable {
                            name: val.to_string(),
                            suggestion: suggestion.map(str::to_string),
                        },
                        range,
                    );
                }
                Arg::Variable
            }
            Tok::Field => Arg::Field,
            Tok::CharConst | Tok::Complex | Tok::Number => {
                let checked = match t.kind {
                    Tok::CharConst => check_char(val),
                    Tok::Number => check_number(val),
                    _ => check_complex(val),
                };
                if let Err(kind) = checked {
                    return self.fail(kind, range);
                }
                Arg::Literal
            }
            Tok::LeftParen => {
                self.pipeline("parenthesized pipeline", Tok::RightParen)?;
                return Ok(Some((Arg::Executable, t.start..self.prev_end())));
            }
            Tok::String | Tok::RawString => {
                if let Err(kind) = check_string(val) {
                    return self.fail(kind, range);
                }
                Arg::Literal
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        };
        Ok(Some((arg, range)))
    }
}
