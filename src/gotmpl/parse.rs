//! Go's text/template parser (`text/template/parse/parse.go`, Go 1.19) over the tokens of
//! [`super::lex`]: it checks what `Template.Parse` checks (structure, function names,
//! declared variables, literals) and collects the `$labels.NAME` references. No tree is
//! kept: dac never runs a template.

use super::cursor::{Parsed, Parser};
use super::funcs::ALERT_VARIABLES;
use super::literal::check_string;
use super::token::{Keyword, Tok, Token};
use super::{ErrorKind, Template, TemplateError, lex};

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

impl Parser<'_> {
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
}
