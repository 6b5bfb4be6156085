//! A scanner that mirrors Prometheus' lexer closely enough to report its lexical errors
//! (stray characters, unterminated strings, bad escapes, bad numbers, unbalanced
//! brackets) at the exact character, and to bound nesting before the pest grammar
//! recurses. Its tokens also name what was found when pest reports a syntax error.

use crate::diagnostic::Span;
use crate::promql::duration;
use crate::promql::literal;
use crate::promql::parse_error::{ParseError, ParseErrorKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier or keyword (`foo`, `sum`, `a:b`).
    Word,
    Number,
    Duration,
    String,
    /// A Grafana variable (`$x`, `${x}`, `[[x]]`).
    Variable,
    /// Operators and punctuation.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// How the scanner maps local positions to spans.
pub struct Location {
    pub file: crate::diagnostic::FileId,
    pub offset: usize,
}

impl Location {
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.offset + start, self.offset + end)
    }
}

/// The tokens of a query and how deeply its brackets nest.
pub struct Scanned {
    pub tokens: Vec<Token>,
    pub nesting: usize,
}

/// Scans `src`; the first lexical error stops the scan, as in Prometheus.
pub fn scan(
    src: &str,
    grafana: bool,
    max_depth: usize,
    max_tokens: usize,
    at: &Location,
) -> Result<Scanned, ParseError> {
    let mut s = Scanner {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        grafana,
        max_depth,
        max_tokens,
        tokens: Vec::new(),
        open: Vec::new(),
        nesting: 0,
        unary_run: 0,
        in_braces: None,
        in_brackets: None,
    };
    s.run()
        .map_err(|(start, end, kind)| ParseError::new(at.span(start, end), kind))?;
    Ok(Scanned {
        tokens: s.tokens,
        nesting: s.nesting,
    })
}

type LexError = (usize, usize, ParseErrorKind);

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    grafana: bool,
    max_depth: usize,
    /// More tokens than this is an error, found before they are all kept.
    max_tokens: usize,
    tokens: Vec<Token>,
    /// Open parentheses, braces and brackets, innermost last, by position.
    open: Vec<usize>,
    /// The deepest `open` has been, counting runs of unary operators as nesting.
    nesting: usize,
    unary_run: usize,
    in_braces: Option<usize>,
    in_brackets: Option<usize>,
}

fn is_alpha(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_alnum(b: u8) -> bool {
    is_alpha(b) || b.is_ascii_digit()
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    /// Whether an operand may start here, making `+`/`-` unary.
    fn at_operand_start(&self) -> bool {
        match self.tokens.last() {
            None => true,
            Some(t) if t.kind == TokenKind::Punct => {
                !matches!(self.bytes.get(t.start), Some(b')' | b']' | b'}'))
            }
            Some(t) if t.kind == TokenKind::Word => {
                let word = self.src.get(t.start..t.end).unwrap_or("");
                ["and", "or", "unless", "atan2", "bool"]
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(word))
            }
            Some(_) => false,
        }
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        if !(kind == TokenKind::Punct && matches!(self.bytes.get(start), Some(b'+' | b'-'))) {
            self.unary_run = 0;
        }
        self.tokens.push(Token {
            kind,
            start,
            end: self.pos,
        });
    }

    fn open(&mut self, start: usize) -> Result<(), LexError> {
        if self.open.len() >= self.max_depth {
            return Err((
                start,
                start + 1,
                ParseErrorKind::TooDeep {
                    limit: self.max_depth,
                },
            ));
        }
        self.open.push(start);
        self.nesting = self.nesting.max(self.open.len());
        Ok(())
    }

    fn unexpected_char(&self, start: usize) -> LexError {
        let c = self.char_at(start).unwrap_or('\u{FFFD}');
        let kind = if self.in_braces.is_some() {
            ParseErrorKind::UnexpectedCharacterInsideBraces(c)
        } else {
            ParseErrorKind::UnexpectedCharacter(c)
        };
        (start, start + c.len_utf8(), kind)
    }

    fn run(&mut self) -> Result<(), LexError> {
        loop {
            let start = self.pos;
            if self.tokens.len() > self.max_tokens {
                // Each turn of the loop adds at most one token: point at the first one
                // past the limit.
                let end = start + self.char_at(start).map_or(0, char::len_utf8);
                let limit = self.max_tokens;
                return Err((start, end, ParseErrorKind::TooLong { limit }));
            }
            let Some(b) = self.peek(0) else {
                return self.at_end();
            };
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'#' => {
                    while let Some(c) = self.peek(0) {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'"' | b'\'' | b'`' => self.string(b)?,
                b'$' => self.variable()?,
                _ if self.in_braces.is_some() => self.inside_braces(b)?,
                b'[' if self.grafana && self.bracket_variable_len().is_some() => self.variable()?,
                b'+' | b'-' => {
                    // Unary operators nest like brackets do.
                    if self.at_operand_start() {
                        self.unary_run += 1;
                        self.nesting = self.nesting.max(self.open.len() + self.unary_run);
                    }
                    self.pos += 1;
                    self.push(TokenKind::Punct, start);
                }
                b',' | b'*' | b'/' | b'%' | b'^' | b'@' => {
                    self.pos += 1;
                    self.push(TokenKind::Punct, start);
                }
                b'=' => {
                    self.pos += 1;
                    match self.peek(0) {
                        Some(b'=') => self.pos += 1,
                        Some(b'~') => {
                            return Err((
                                start,
                                start + 2,
                                ParseErrorKind::UnexpectedCharacterAfter {
                                    after: '=',
                                    found: Some('~'),
                                },
                            ));
                        }
                        _ => {}
                    }
                    self.push(TokenKind::Punct, start);
                }
                b'!' => {
                    self.pos += 1;
                    if self.peek(0) != Some(b'=') {
                        let found = self.char_at(self.pos);
                        let end = self.pos + found.map_or(0, char::len_utf8);
                        return Err((
                            start,
                            end,
                            ParseErrorKind::UnexpectedCharacterAfter { after: '!', found },
                        ));
                    }
                    self.pos += 1;
                    self.push(TokenKind::Punct, start);
                }
                b'<' | b'>' => {
                    self.pos += 1;
                    if self.peek(0) == Some(b'=') {
                        self.pos += 1;
                    }
                    self.push(TokenKind::Punct, start);
                }
                b'0'..=b'9' => self.number()?,
                b'.' if self.peek(1).is_some_and(|c| c.is_ascii_digit()) => self.number()?,
                b':' if self.in_brackets.is_some() => {
                    self.pos += 1;
                    self.push(TokenKind::Punct, start);
                }
                _ if is_alpha(b) || b == b':' => {
                    let colon_ok = self.in_brackets.is_none();
                    while self
                        .peek(0)
                        .is_some_and(|c| is_alnum(c) || (colon_ok && c == b':'))
                    {
                        self.pos += 1;
                    }
                    self.push(TokenKind::Word, start);
                }
                b'(' | b')' | b'{' | b'[' | b']' => self.bracket(b, start)?,
                _ => return Err(self.unexpected_char(start)),
            }
        }
    }

    /// A bracket: opening one checks the nesting depth, closing one must match.
    fn bracket(&mut self, b: u8, start: usize) -> Result<(), LexError> {
        match b {
            b'(' => {
                self.open(start)?;
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            b')' => {
                match self.open.last() {
                    Some(&p) if self.bytes[p] == b'(' => {
                        self.open.pop();
                    }
                    _ => return Err((start, start + 1, ParseErrorKind::UnexpectedRightParen)),
                }
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            b'{' => {
                self.open(start)?;
                self.in_braces = Some(start);
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            b'[' => {
                if self.in_brackets.is_some() {
                    return Err((start, start + 1, ParseErrorKind::UnexpectedLeftBracket));
                }
                self.open(start)?;
                self.in_brackets = Some(start);
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            b']' => {
                if self.in_brackets.is_none() {
                    return Err((start, start + 1, ParseErrorKind::UnexpectedRightBracket));
                }
                self.in_brackets = None;
                self.open.pop();
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            _ => return Err(self.unexpected_char(start)),
        }
        Ok(())
    }

    fn at_end(&mut self) -> Result<(), LexError> {
        if let Some(p) = self.in_braces {
            return Err((p, p + 1, ParseErrorKind::UnexpectedEndInsideBraces));
        }
        if let Some(p) = self.in_brackets {
            return Err((p, p + 1, ParseErrorKind::UnclosedBracket));
        }
        if let Some(&p) = self.open.last() {
            return Err((p, p + 1, ParseErrorKind::UnclosedParen));
        }
        Ok(())
    }

    fn inside_braces(&mut self, b: u8) -> Result<(), LexError> {
        let start = self.pos;
        match b {
            _ if is_alpha(b) => {
                while self.peek(0).is_some_and(is_alnum) {
                    self.pos += 1;
                }
                self.push(TokenKind::Word, start);
            }
            b',' => {
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            b'=' => {
                self.pos += 1;
                if self.peek(0) == Some(b'~') {
                    self.pos += 1;
                }
                self.push(TokenKind::Punct, start);
            }
            b'!' => {
                self.pos += 1;
                match self.peek(0) {
                    Some(b'~' | b'=') => self.pos += 1,
                    _ => {
                        let found = self.char_at(self.pos);
                        let end = self.pos + found.map_or(0, char::len_utf8);
                        return Err((
                            start,
                            end,
                            ParseErrorKind::UnexpectedCharacterAfterBangInsideBraces(found),
                        ));
                    }
                }
                self.push(TokenKind::Punct, start);
            }
            b'{' => return Err((start, start + 1, ParseErrorKind::UnexpectedLeftBrace)),
            b'}' => {
                self.in_braces = None;
                self.open.pop();
                self.pos += 1;
                self.push(TokenKind::Punct, start);
            }
            _ => return Err(self.unexpected_char(start)),
        }
        Ok(())
    }

    fn string(&mut self, quote: u8) -> Result<(), LexError> {
        let start = self.pos;
        let len = literal::scan_string(&self.src[start..]).map_err(|e| {
            let (s, end) = (start + e.start, start + e.end);
            (s, end, e.kind)
        })?;
        debug_assert_eq!(self.bytes[start], quote);
        self.pos = start + len;
        self.push(TokenKind::String, start);
        Ok(())
    }

    /// The length of a `[[name]]` or `[[name:format]]` variable at the position.
    fn bracket_variable_len(&self) -> Option<usize> {
        let rest = self.src.get(self.pos..)?;
        let inner = rest.strip_prefix("[[")?;
        let close = inner.find("]]")?;
        let body = &inner[..close];
        let (name, format) = match body.split_once(':') {
            Some((n, f)) => (n, Some(f)),
            None => (body, None),
        };
        let word = |s: &str| !s.is_empty() && s.bytes().all(is_alnum);
        (word(name) && format.is_none_or(word)).then_some(close + 4)
    }

    fn variable(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let len = if self.bytes[start] == b'[' {
            self.bracket_variable_len()
        } else {
            literal::dollar_variable_len(&self.src[start..])
        };
        let Some(len) = len else {
            return Err(self.unexpected_char(start));
        };
        if !self.grafana {
            return Err((
                start,
                start + len,
                ParseErrorKind::GrafanaVariable(self.src[start..start + len].to_string()),
            ));
        }
        self.pos += len;
        // A variable glued to a word is one name: `node_${x}_bytes`.
        let glued = self.tokens.last().is_some_and(|t| {
            t.end == start && matches!(t.kind, TokenKind::Word | TokenKind::Variable)
        });
        while self.peek(0).is_some_and(|c| is_alnum(c) || c == b':') && self.in_brackets.is_none() {
            self.pos += 1;
        }
        if glued && let Some(last) = self.tokens.last_mut() {
            last.kind = TokenKind::Word;
            last.end = self.pos;
        } else {
            self.push(TokenKind::Variable, start);
        }
        Ok(())
    }

    /// A number or a duration, scanned the way Prometheus' `lexNumberOrDuration` does:
    /// digits, then, if a letter follows, the whole alphanumeric run must be a duration.
    fn number(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let len = literal::number_len(&self.src[start..]);
        self.pos += len;
        if self.peek(0).is_some_and(is_alnum) || len == 0 {
            while self.peek(0).is_some_and(|c| is_alnum(c) || c == b'.') {
                self.pos += 1;
            }
            let text = &self.src[start..self.pos];
            let looks_like_duration = text.bytes().next().is_some_and(|c| c.is_ascii_digit())
                && text
                    .bytes()
                    .all(|c| c.is_ascii_digit() || b"smhdwy.".contains(&c));
            return match duration::parse(text) {
                Ok(0) => Err((start, self.pos, ParseErrorKind::ZeroDuration)),
                Ok(_) => {
                    self.push(TokenKind::Duration, start);
                    Ok(())
                }
                Err(e) if looks_like_duration => {
                    Err((start, self.pos, ParseErrorKind::InvalidDuration(e)))
                }
                Err(_) => Err((
                    start,
                    self.pos,
                    ParseErrorKind::BadNumberOrDuration(text.to_string()),
                )),
            };
        }
        self.push(TokenKind::Number, start);
        Ok(())
    }
}

/// How an error message names a token, following Prometheus: `identifier "foo"`,
/// `<aggr:sum>`, `<by>`, `<op:+>`, `number "1"`, `"("`.
pub fn describe(src: &str, token: Option<&Token>) -> String {
    let Some(token) = token else {
        return "end of input".to_string();
    };
    let text = src.get(token.start..token.end).unwrap_or("");
    match token.kind {
        TokenKind::Word => {
            let lower = text.to_ascii_lowercase();
            match lower.as_str() {
                "and" | "or" | "unless" | "atan2" => format!("<op:{text}>"),
                "sum" | "avg" | "count" | "min" | "max" | "group" | "stddev" | "stdvar"
                | "topk" | "bottomk" | "count_values" | "quantile" | "limitk" | "limit_ratio" => {
                    format!("<aggr:{text}>")
                }
                "offset" | "by" | "without" | "on" | "ignoring" | "group_left" | "group_right"
                | "bool" | "start" | "end" => format!("<{text}>"),
                "inf" | "nan" => format!("number {text:?}"),
                _ if text.contains(':') => format!("metric identifier {text:?}"),
                _ => format!("identifier {text:?}"),
            }
        }
        TokenKind::Number => format!("number {text:?}"),
        TokenKind::Duration => format!("duration {text:?}"),
        TokenKind::String => format!("string {text}"),
        TokenKind::Variable => format!("Grafana variable {text:?}"),
        TokenKind::Punct => match text {
            "+" | "-" | "*" | "/" | "%" | "^" | "==" | "!=" | ">" | "<" | ">=" | "<=" => {
                format!("<op:{text}>")
            }
            _ => format!("{text:?}"),
        },
    }
}
