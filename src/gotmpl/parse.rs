//! Go's text/template parser (`text/template/parse/parse.go`, Go 1.19) over the tokens of
//! [`super::lex`]: it checks what `Template.Parse` checks (structure, function names,
//! declared variables, literals) and collects the `$labels.NAME` references. No tree is
//! kept: dac never runs a template.

use std::ops::Range;

use super::funcs::{ALERT_VARIABLES, FUNCTIONS, is_function};
use super::literal::{check_char, check_complex, check_number, check_string};
use super::token::{Keyword, Tok, Token};
use super::{ErrorKind, LabelRef, Template, TemplateError, lex};
use crate::promql::suggest::did_you_mean;

type Parsed<T> = Result<T, TemplateError>;

/// Parses `text` as Prometheus parses an alert's label or annotation: the variables
/// `$labels`, `$externalLabels`, `$externalURL` and `$value` are declared first, and the
/// template is named `main` (Prometheus names it `__alert_` and the alert's name).
pub fn parse(text: &str, main: &str) -> Result<Template, TemplateError> {
    let mut p = Parser {
        text,
        tokens: lex::lex(text),
        i: 0,
        vars: ALERT_VARIABLES.iter().map(|v| v.to_string()).collect(),
        range_depth: 0,
        dot_moved: 0,
        defined: Vec::new(),
        refs: Vec::new(),
        opened: Vec::new(),
    };
    p.top()?;
    // The main template is added last, and is never empty (the declarations above).
    if p.defined.iter().any(|(name, empty)| name == main && !empty) {
        return Err(TemplateError {
            kind: ErrorKind::MultipleDefinition(main.to_string()),
            range: 0..text.len(),
        });
    }
    Ok(Template { label_refs: p.refs })
}

/// What an end of a list was.
#[derive(Clone, Copy, PartialEq)]
enum Close {
    End,
    Else,
}

/// A node as far as the checks need it.
#[derive(Clone, Copy, PartialEq)]
enum Node {
    Text { empty: bool },
    Action,
    Close(Close, usize),
}

/// The kind of a command's first argument (`checkPipeline`, `operand`).
#[derive(Clone, Copy, PartialEq)]
enum Arg {
    Literal,
    Field,
    Variable,
    Executable,
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    i: usize,
    vars: Vec<String>,
    range_depth: usize,
    /// Inside `range` or `with` bodies and definitions `.` is no longer the alert.
    dot_moved: usize,
    /// Templates defined so far, and whether each is empty.
    defined: Vec<(String, bool)>,
    refs: Vec<LabelRef>,
    /// The actions that opened the blocks being read, innermost last: an `{{ end }}`
    /// missing at the end of the text is reported there.
    opened: Vec<Range<usize>>,
}

impl Parser<'_> {
    fn next(&mut self) -> Token {
        let t = self.tokens.get(self.i).cloned().unwrap_or(Token {
            kind: Tok::Eof,
            start: self.text.len(),
            end: self.text.len(),
        });
        self.i += 1;
        t
    }

    fn backup(&mut self) {
        self.i -= 1;
    }

    fn peek(&mut self) -> Token {
        let t = self.next();
        self.backup();
        t
    }

    fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.kind != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token {
        let t = self.next_non_space();
        self.backup();
        t
    }

    fn fail<T>(&self, kind: ErrorKind, range: Range<usize>) -> Parsed<T> {
        Err(TemplateError { kind, range })
    }

    /// `unexpected TOKEN in CONTEXT`, or the lexer's error where the token is one.
    fn unexpected<T>(&self, t: &Token, context: &str) -> Parsed<T> {
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
    fn describe(&self, t: &Token) -> String {
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

    fn expect(&mut self, kind: Tok, context: &str) -> Parsed<Token> {
        let t = self.next_non_space();
        if t.kind != kind {
            return self.unexpected(&t, context);
        }
        Ok(t)
    }

    fn top(&mut self) -> Parsed<()> {
        while self.peek().kind != Tok::Eof {
            if self.peek().kind == Tok::LeftDelim {
                let at = self.i;
                let open = self.next().start;
                if self.next_non_space().kind == Tok::Keyword(Keyword::Define) {
                    self.definition(open)?;
                    continue;
                }
                self.i = at;
            }
            match self.text_or_action()? {
                Node::Close(close, start) => {
                    let what = match close {
                        Close::End => "{{end}}",
                        Close::Else => "{{else}}",
                    };
                    return self.fail(ErrorKind::UnexpectedClose(what), start..self.prev_end());
                }
                Node::Text { .. } | Node::Action => {}
            }
        }
        Ok(())
    }

    fn prev_end(&self) -> usize {
        self.tokens
            .get(self.i.saturating_sub(1))
            .map_or(self.text.len(), |t| t.end)
    }

    /// `{{define "name"}} ... {{end}}`: a template of its own, which sees only `$`.
    fn definition(&mut self, open: usize) -> Parsed<()> {
        let context = "define clause";
        let t = self.next_non_space();
        if !matches!(t.kind, Tok::String | Tok::RawString) {
            return self.unexpected(&t, context);
        }
        let name = self.template_name(&t, context)?;
        self.expect(Tok::RightDelim, context)?;
        self.new_tree(&name, context, open)
    }

    /// The body of a `define` or `block`, parsed as its own template; `end` closes it.
    fn new_tree(&mut self, name: &str, context: &str, open: usize) -> Parsed<()> {
        let vars = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
        let depth = std::mem::replace(&mut self.range_depth, 0);
        self.dot_moved += 1;
        self.opened.push(open..self.prev_end());
        let (close, empty) = self.item_list()?;
        self.opened.pop();
        self.dot_moved -= 1;
        self.vars = vars;
        self.range_depth = depth;
        if let Node::Close(Close::Else, start) = close {
            return self.fail(
                ErrorKind::Unexpected {
                    token: "{{else}}".into(),
                    context: context.to_string(),
                },
                start..self.prev_end(),
            );
        }
        match self.defined.iter_mut().find(|(n, _)| n == name) {
            None => self.defined.push((name.to_string(), empty)),
            Some(existing) if existing.1 => existing.1 = empty,
            Some(_) if !empty => {
                return self.fail(
                    ErrorKind::MultipleDefinition(name.to_string()),
                    0..self.prev_end(),
                );
            }
            Some(_) => {}
        }
        Ok(())
    }

    fn template_name(&mut self, t: &Token, context: &str) -> Parsed<String> {
        let val = &self.text[t.start..t.end];
        match t.kind {
            Tok::String | Tok::RawString => {
                if let Err(kind) = check_string(val) {
                    return self.fail(kind, t.start..t.end);
                }
                Ok(val[1..val.len() - 1].to_string())
            }
            _ => self.unexpected(t, context),
        }
    }

    /// Nodes up to `{{end}}` or `{{else}}`; whether they are all blank.
    fn item_list(&mut self) -> Parsed<(Node, bool)> {
        let mut empty = true;
        while self.peek_non_space().kind != Tok::Eof {
            match self.text_or_action()? {
                close @ Node::Close(..) => return Ok((close, empty)),
                Node::Text { empty: e } => empty &= e,
                Node::Action => empty = false,
            }
        }
        let end = self.text.len();
        let at = self.opened.last().cloned().unwrap_or(end..end);
        self.fail(ErrorKind::UnexpectedEof, at)
    }

    fn text_or_action(&mut self) -> Parsed<Node> {
        let t = self.next_non_space();
        match t.kind {
            Tok::Text => Ok(Node::Text {
                empty: self.text[t.start..t.end].trim().is_empty(),
            }),
            Tok::LeftDelim => self.action(t.start),
            _ => self.unexpected(&t, "input"),
        }
    }

    fn action(&mut self, open: usize) -> Parsed<Node> {
        let t = self.next_non_space();
        let Tok::Keyword(k) = t.kind else {
            self.backup();
            self.pipeline("command", Tok::RightDelim)?;
            return Ok(Node::Action);
        };
        match k {
            Keyword::Block => self.block(open)?,
            Keyword::Break | Keyword::Continue => {
                let what = if k == Keyword::Break {
                    "break"
                } else {
                    "continue"
                };
                let next = self.next_non_space();
                if next.kind != Tok::RightDelim {
                    return self.unexpected(&next, &format!("{{{{{what}}}}}"));
                }
                if self.range_depth == 0 {
                    return self.fail(ErrorKind::OutsideRange(what), open..next.end);
                }
            }
            Keyword::Else => {
                // `{{else if ...}}` leaves the `if` for the enclosing `if` to read.
                if self.peek_non_space().kind != Tok::Keyword(Keyword::If) {
                    self.expect(Tok::RightDelim, "else")?;
                }
                return Ok(Node::Close(Close::Else, open));
            }
            Keyword::End => {
                self.expect(Tok::RightDelim, "end")?;
                return Ok(Node::Close(Close::End, open));
            }
            Keyword::If => self.control(true, "if", open)?,
            Keyword::Range => self.control(false, "range", open)?,
            Keyword::With => self.control(false, "with", open)?,
            Keyword::Template => {
                let context = "template clause";
                let name = self.next_non_space();
                self.template_name(&name, context)?;
                if self.next_non_space().kind != Tok::RightDelim {
                    self.backup();
                    self.pipeline(context, Tok::RightDelim)?;
                }
            }
            _ => {
                self.backup();
                self.pipeline("command", Tok::RightDelim)?;
            }
        }
        Ok(Node::Action)
    }

    fn block(&mut self, open: usize) -> Parsed<()> {
        let context = "block clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, context)?;
        self.pipeline(context, Tok::RightDelim)?;
        self.new_tree(&name, context, open)
    }

    /// `if`, `range`, `with`: pipeline, body, optional `else` (or `else if`), `end`.
    /// Variables declared inside end with the block.
    fn control(&mut self, else_if: bool, context: &str, open: usize) -> Parsed<()> {
        let vars = self.vars.len();
        self.pipeline(context, Tok::RightDelim)?;
        self.opened.push(open..self.prev_end());
        let range = context == "range";
        let moves_dot = context != "if";
        self.range_depth += usize::from(range);
        self.dot_moved += usize::from(moves_dot);
        let (close, _) = self.item_list()?;
        self.range_depth -= usize::from(range);
        self.dot_moved -= usize::from(moves_dot);
        if let Node::Close(Close::Else, _) = close {
            if else_if && self.peek().kind == Tok::Keyword(Keyword::If) {
                let open = self.next().start;
                self.control(true, "if", open)?;
            } else {
                let (close, _) = self.item_list()?;
                if let Node::Close(Close::Else, start) = close {
                    return self.fail(ErrorKind::ExpectedEnd("{{else}}"), start..self.prev_end());
                }
            }
        }
        self.opened.pop();
        self.vars.truncate(vars);
        Ok(())
    }

    /// Declarations, then commands separated by `|`, up to `end`.
    fn pipeline(&mut self, context: &str, end: Tok) -> Parsed<()> {
        let start = self.peek_non_space().start;
        let mut decls = 0;
        while self.peek_non_space().kind == Tok::Variable {
            let at = self.i;
            let v = self.next_non_space();
            let after = self.peek();
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
                    let _ = after;
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
