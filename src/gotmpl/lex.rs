//! Go's text/template lexer (Go 1.19, as in the promtool that checks rule files): text,
//! `{{ actions }}` with trim markers, comments, strings, numbers, variables and fields.
//!
//! It follows `text/template/parse/lex.go` state by state, so it accepts and rejects the
//! same input; it stops at its first error, which becomes an error token.

use super::ErrorKind;
use super::token::{Keyword, Tok, Token};

const LEFT: &str = "{{";
const RIGHT: &str = "}}";

pub fn lex(src: &str) -> Vec<Token> {
    let mut l = Lexer {
        src,
        pos: 0,
        start: 0,
        paren_depth: 0,
        tokens: Vec::new(),
    };
    while l.text() {
        if let Err((kind, start, end)) = l.left_delim() {
            l.tokens.push(Token {
                kind: Tok::Error(kind),
                start,
                end,
            });
            break;
        }
    }
    l.tokens
}

/// An error and the byte range it points at.
type Fault = (ErrorKind, usize, usize);

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    start: usize,
    paren_depth: i32,
    tokens: Vec<Token>,
}

/// Go's `isSpace` (since Go 1.16 line breaks are spaces inside actions).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

/// `-` and a space right after `{{`.
fn has_left_trim(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
}

/// A space and `-` right before `}}`.
fn has_right_trim(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && is_space(b[0] as char) && b[1] == b'-'
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn emit(&mut self, kind: Tok) {
        self.tokens.push(Token {
            kind,
            start: self.start,
            end: self.pos,
        });
        self.start = self.pos;
    }

    fn fault<T>(&self, kind: ErrorKind) -> Result<T, Fault> {
        Err((kind, self.start, self.pos.max(self.start)))
    }

    /// Text up to the next `{{`; false at the end of the input (after the EOF token).
    fn text(&mut self) -> bool {
        let Some(x) = self.rest().find(LEFT) else {
            self.pos = self.src.len();
            if self.pos > self.start {
                self.emit(Tok::Text);
            }
            self.emit(Tok::Eof);
            return false;
        };
        let delim = self.pos + x;
        let mut end = delim;
        if has_left_trim(&self.src[delim + LEFT.len()..]) {
            end = self.start + self.src[self.start..delim].trim_end_matches(is_space).len();
        }
        if end > self.start {
            self.pos = end;
            self.emit(Tok::Text);
        }
        self.pos = delim;
        self.start = delim;
        true
    }

    /// At `{{`: a comment, or an action up to its `}}`.
    fn left_delim(&mut self) -> Result<(), Fault> {
        self.pos += LEFT.len();
        let marker = if has_left_trim(self.rest()) { 2 } else { 0 };
        if self.src[self.pos + marker..].starts_with("/*") {
            self.pos += marker;
            self.start = self.pos;
            return self.comment();
        }
        self.emit(Tok::LeftDelim);
        self.pos += marker;
        self.start = self.pos;
        self.paren_depth = 0;
        let open = self.tokens.len() - 1;
        self.inside_action()
            .map_err(|(kind, start, end)| match kind {
                // Point at the `{{` that is never closed, not at the end of the text.
                ErrorKind::UnclosedAction => {
                    let t = &self.tokens[open];
                    (kind, t.start, t.end)
                }
                _ => (kind, start, end),
            })
    }

    fn comment(&mut self) -> Result<(), Fault> {
        self.pos += 2;
        let Some(x) = self.rest().find("*/") else {
            self.pos = self.start + 2;
            return self.fault(ErrorKind::UnclosedComment);
        };
        self.pos += x + 2;
        let Some(trim) = self.at_right_delim() else {
            return self.fault(ErrorKind::CommentBeforeDelim);
        };
        if trim {
            self.pos += 2;
        }
        self.pos += RIGHT.len();
        if trim {
            self.skip_leading_space();
        }
        self.start = self.pos;
        Ok(())
    }

    fn skip_leading_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches(is_space).len();
    }

    /// `Some(trim)` at `}}` or ` -}}`.
    fn at_right_delim(&self) -> Option<bool> {
        let rest = self.rest();
        if has_right_trim(rest) && rest[2..].starts_with(RIGHT) {
            return Some(true);
        }
        rest.starts_with(RIGHT).then_some(false)
    }

    fn right_delim(&mut self, trim: bool) {
        if trim {
            self.pos += 2;
            self.start = self.pos;
        }
        self.pos += RIGHT.len();
        self.emit(Tok::RightDelim);
        if trim {
            self.skip_leading_space();
            self.start = self.pos;
        }
    }

    fn inside_action(&mut self) -> Result<(), Fault> {
        loop {
            if let Some(trim) = self.at_right_delim() {
                if self.paren_depth == 0 {
                    self.right_delim(trim);
                    return Ok(());
                }
                return self.fault(ErrorKind::UnclosedParen);
            }
            let Some(c) = self.next() else {
                return self.fault(ErrorKind::UnclosedAction);
            };
            match c {
                c if is_space(c) => {
                    self.pos -= 1;
                    self.space();
                }
                '=' => self.emit(Tok::Assign),
                ':' => {
                    if self.next() != Some('=') {
                        return self.fault(ErrorKind::ExpectedDeclare);
                    }
                    self.emit(Tok::Declare);
                }
                '|' => self.emit(Tok::Pipe),
                '"' => self.quote('"', Tok::String, ErrorKind::UnterminatedString)?,
                '\'' => self.quote('\'', Tok::CharConst, ErrorKind::UnterminatedChar)?,
                '`' => self.raw_quote()?,
                '$' => self.variable()?,
                '.' if !self.peek().is_some_and(|c| c.is_ascii_digit())
                    && self.peek().is_some() =>
                {
                    self.field_or_variable(Tok::Field)?
                }
                '.' | '+' | '-' | '0'..='9' => {
                    self.pos = self.start;
                    self.number()?
                }
                c if is_alphanumeric(c) => {
                    self.pos = self.start;
                    self.identifier()?
                }
                '(' => {
                    self.emit(Tok::LeftParen);
                    self.paren_depth += 1;
                }
                ')' => {
                    self.emit(Tok::RightParen);
                    self.paren_depth -= 1;
                    if self.paren_depth < 0 {
                        self.start = self.pos - 1;
                        return self.fault(ErrorKind::UnexpectedRightParen);
                    }
                }
                c if c.is_ascii() && !c.is_ascii_control() => self.emit(Tok::Char),
                c => {
                    self.start = self.pos - c.len_utf8();
                    return self.fault(ErrorKind::UnrecognizedChar(c));
                }
            }
        }
    }

    /// A run of spaces; the space of a ` -}}` is left to the delimiter.
    fn space(&mut self) {
        let mut count = 0;
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
            count += 1;
        }
        let before = &self.src[self.pos - 1..];
        if has_right_trim(before) && before[2..].starts_with(RIGHT) {
            self.pos -= 1;
            if count == 1 {
                return;
            }
        }
        self.emit(Tok::Space);
    }

    /// Go's `atTerminator`: what may follow a word.
    fn at_terminator(&self) -> bool {
        match self.peek() {
            None => true,
            Some(c) => is_space(c) || matches!(c, '.' | ',' | '|' | ':' | ')' | '(' | '}'),
        }
    }

    fn bad_character(&mut self) -> Result<(), Fault> {
        let c = self.peek().unwrap_or(' ');
        self.start = self.pos;
        self.pos += c.len_utf8();
        self.fault(ErrorKind::BadCharacter(c))
    }

    fn identifier(&mut self) -> Result<(), Fault> {
        while self.peek().is_some_and(is_alphanumeric) {
            self.next();
        }
        if !self.at_terminator() {
            return self.bad_character();
        }
        let word = &self.src[self.start..self.pos];
        let kind = match Keyword::from_word(word) {
            Some(k) => Tok::Keyword(k),
            None if word == "true" || word == "false" => Tok::Bool,
            None => Tok::Identifier,
        };
        self.emit(kind);
        Ok(())
    }

    fn variable(&mut self) -> Result<(), Fault> {
        if self.at_terminator() {
            self.emit(Tok::Variable);
            return Ok(());
        }
        self.field_or_variable(Tok::Variable)
    }

    /// After `.` or `$`: the name, or `.` / `$` alone.
    fn field_or_variable(&mut self, kind: Tok) -> Result<(), Fault> {
        if self.at_terminator() {
            let kind = match kind {
                Tok::Variable => Tok::Variable,
                _ => Tok::Keyword(Keyword::Dot),
            };
            self.emit(kind);
            return Ok(());
        }
        while self.peek().is_some_and(is_alphanumeric) {
            self.next();
        }
        if !self.at_terminator() {
            return self.bad_character();
        }
        self.emit(kind);
        Ok(())
    }

    fn quote(&mut self, quote: char, kind: Tok, unterminated: ErrorKind) -> Result<(), Fault> {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    Some(c) if c != '\n' => {}
                    _ => return self.fault(unterminated),
                },
                None | Some('\n') => return self.fault(unterminated),
                Some(c) if c == quote => break,
                Some(_) => {}
            }
        }
        self.emit(kind);
        Ok(())
    }

    fn raw_quote(&mut self) -> Result<(), Fault> {
        loop {
            match self.next() {
                None => return self.fault(ErrorKind::UnterminatedRawString),
                Some('`') => break,
                Some(_) => {}
            }
        }
        self.emit(Tok::RawString);
        Ok(())
    }

    fn number(&mut self) -> Result<(), Fault> {
        if !self.scan_number() {
            let text = self.src[self.start..self.pos].to_string();
            return self.fault(ErrorKind::BadNumberSyntax(text));
        }
        if matches!(self.peek(), Some('+' | '-')) {
            if !self.scan_number() || !self.src[..self.pos].ends_with('i') {
                let text = self.src[self.start..self.pos].to_string();
                return self.fault(ErrorKind::BadNumberSyntax(text));
            }
            self.emit(Tok::Complex);
        } else {
            self.emit(Tok::Number);
        }
        Ok(())
    }

    fn accept(&mut self, valid: &str) -> bool {
        match self.peek() {
            Some(c) if valid.contains(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while self.accept(valid) {}
    }

    /// Go's `scanNumber`: loose on purpose; the parser checks the number with Go's rules.
    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if self.peek().is_some_and(is_alphanumeric) {
            self.next();
            return false;
        }
        true
    }
}
