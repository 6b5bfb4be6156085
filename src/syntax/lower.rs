//! pest pairs to [`crate::ast`]. Comments are skipped here and attached afterwards by
//! position (see `comments.rs`), because pest puts them wherever it skipped them.

use pest::iterators::Pair;

use super::duration::parse_duration;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::parser::Rule;
use super::strings::{dedent, unescape};
use super::wordy_duration::joined;
use crate::ast::{
    Arg, AssignOp, AssignOpKind, Body, Call, Comments, CompareOp, ListItem, Name, QueryLit, Stmt,
    Value, ValueKind,
};
use crate::diagnostic::{FileId, Span};

pub(super) struct Lowerer<'t> {
    pub file: FileId,
    pub errors: Vec<SyntaxError>,
    pub text: &'t str,
    /// Every comment's span, sorted: pest counts a comment it skipped after a node as
    /// part of the node, and spans must not.
    pub comment_spans: Vec<Span>,
}

/// The children of a pair, without comments.
fn kids<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT)
}

impl Lowerer<'_> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let start = s.start();
        let mut end = s.end();
        loop {
            let trimmed = self.text[start..end].trim_end().len() + start;
            let comment = self
                .comment_spans
                .binary_search_by_key(&trimmed, |c| c.end as usize)
                .ok()
                .map(|i| self.comment_spans[i].start as usize)
                .filter(|&c| c >= start && c < trimmed);
            match comment {
                Some(c) => end = c,
                None => {
                    end = trimmed;
                    break;
                }
            }
        }
        Span::new(self.file, start, end)
    }

    fn error(&mut self, span: Span, kind: SyntaxErrorKind) {
        self.errors.push(SyntaxError::new(span, kind));
    }

    /// The statements of a `file` or `body` pair.
    pub fn stmts(&mut self, pair: Pair<'_, Rule>) -> Vec<Stmt> {
        kids(pair)
            .filter(|p| p.as_rule() == Rule::stmt)
            .map(|p| self.stmt(p))
            .collect()
    }

    fn stmt(&mut self, pair: Pair<'_, Rule>) -> Stmt {
        let span = self.span(&pair);
        let mut key = Name {
            text: String::new(),
            quoted: false,
            span,
        };
        let mut headers = Vec::new();
        let mut op = None;
        let mut value = None;
        let mut body = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::key => key = self.key(p),
                Rule::header => headers.push(self.header(p)),
                Rule::assign_op => {
                    let kind = match p.as_str() {
                        "=~" => AssignOpKind::Regex,
                        "!~" => AssignOpKind::NotRegex,
                        "!=" => AssignOpKind::NotEq,
                        _ => AssignOpKind::Eq,
                    };
                    op = Some(AssignOp {
                        kind,
                        span: self.span(&p),
                    });
                }
                Rule::value => value = Some(self.value(p)),
                Rule::body => body = Some(self.body(p)),
                _ => {}
            }
        }
        self.join_wordy_durations(&mut headers);
        Stmt {
            key,
            headers,
            op,
            value,
            body,
            comments: Comments::default(),
            span,
        }
    }

    /// Headers `20` `min` (`expect alert "A" at 20 min`) are a duration written with a
    /// space: reported, and read as the duration meant, so resolve does not report the
    /// statement's shape as well.
    fn join_wordy_durations(&mut self, headers: &mut Vec<Value>) {
        let mut i = 0;
        while i + 1 < headers.len() {
            let joined = match (&headers[i].kind, &headers[i + 1].kind) {
                (ValueKind::Number { text, .. }, ValueKind::Name(word)) => joined(text, word),
                _ => None,
            };
            let Some((joined, millis)) = joined else {
                i += 1;
                continue;
            };
            let span = headers[i].span.to(headers[i + 1].span);
            let written = self.text[span.start as usize..span.end as usize].to_string();
            self.error(
                span,
                SyntaxErrorKind::WordyDuration {
                    written,
                    joined: joined.clone(),
                },
            );
            headers.remove(i + 1);
            headers[i] = Value {
                kind: ValueKind::Duration {
                    millis,
                    text: joined,
                },
                span,
            };
            i += 1;
        }
    }

    fn key(&mut self, pair: Pair<'_, Rule>) -> Name {
        let span = self.span(&pair);
        match kids(pair).next() {
            Some(p) if p.as_rule() == Rule::string => Name {
                text: self.string_text(p),
                quoted: true,
                span,
            },
            Some(p) => Name {
                text: p.as_str().to_string(),
                quoted: false,
                span,
            },
            None => Name {
                text: String::new(),
                quoted: false,
                span,
            },
        }
    }

    pub fn body(&mut self, pair: Pair<'_, Rule>) -> Body {
        let span = self.span(&pair);
        Body {
            stmts: self.stmts(pair),
            dangling: Vec::new(),
            span,
        }
    }

    fn header(&mut self, pair: Pair<'_, Rule>) -> Value {
        self.joined(pair)
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        self.joined(pair)
    }

    /// A `value` or `header`: one term, or several joined with `+`.
    fn joined(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let mut terms: Vec<Value> = Vec::new();
        let mut compare: Option<(CompareOp, Span)> = None;
        let mut extra_ops = Vec::new();
        for p in kids(pair) {
            match p.as_rule() {
                Rule::join_op => {}
                Rule::compare_op => {
                    let op_span = self.span(&p);
                    match (compare, CompareOp::from_symbol(p.as_str())) {
                        (None, Some(op)) => compare = Some((op, op_span)),
                        _ => extra_ops.push(op_span),
                    }
                }
                _ => terms.push(self.term(p)),
            }
        }
        if let Some((op, op_span)) = compare {
            // One comparison of two terms: `QUERY > 0.05`.
            if terms.len() != 2 || !extra_ops.is_empty() {
                let at = extra_ops.first().copied().unwrap_or(op_span);
                self.error(at, SyntaxErrorKind::CompareChain);
            }
            let mut pair = std::mem::take(&mut terms).into_iter();
            if let (Some(lhs), Some(rhs)) = (pair.next(), pair.next()) {
                return Value {
                    kind: ValueKind::Compare {
                        lhs: Box::new(lhs),
                        op,
                        op_span,
                        rhs: Box::new(rhs),
                    },
                    span,
                };
            }
        }
        if terms.len() == 1
            && let Some(only) = terms.pop()
        {
            return only;
        }
        Value {
            kind: ValueKind::Join(terms),
            span,
        }
    }

    fn term(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::string => ValueKind::String {
                text: self.string_text(pair),
                raw: false,
            },
            Rule::raw_string => {
                let text = kids(pair).next().map_or("", |p| p.as_str());
                ValueKind::String {
                    text: dedent(text),
                    raw: true,
                }
            }
            Rule::unterminated_string => {
                self.error(span, SyntaxErrorKind::UnterminatedString);
                ValueKind::String {
                    text: String::new(),
                    raw: false,
                }
            }
            Rule::query => {
                let text = kids(pair).next();
                let (text, text_span) = match text {
                    Some(t) => (t.as_str().to_string(), self.span(&t)),
                    None => (String::new(), span),
                };
                if text.trim().is_empty() {
                    self.error(span, SyntaxErrorKind::EmptyQuery);
                }
                ValueKind::Query(QueryLit { text, text_span })
            }
            Rule::unterminated_query => {
                let first_line_end = pair.as_str().find('\n').unwrap_or(pair.as_str().len());
                let at = Span::new(
                    self.file,
                    span.start as usize,
                    span.start as usize + first_line_end,
                );
                let fence = pair.as_str().bytes().take_while(|&b| b == b'`').count();
                self.error(
                    at,
                    SyntaxErrorKind::UnterminatedQuery {
                        fence,
                        closed_by: None,
                    },
                );
                ValueKind::Query(QueryLit {
                    text: String::new(),
                    text_span: span,
                })
            }
            Rule::duration => {
                let text = pair.as_str().to_string();
                let millis = match parse_duration(&text) {
                    Ok(ms) => ms,
                    Err(reason) => {
                        self.error(
                            span,
                            SyntaxErrorKind::BadDuration {
                                text: text.clone(),
                                reason,
                                meant: None,
                            },
                        );
                        0
                    }
                };
                ValueKind::Duration { millis, text }
            }
            Rule::number => {
                let text = pair.as_str().to_string();
                let value = match text.parse::<f64>() {
                    Ok(v) if v.is_finite() => v,
                    _ => {
                        self.error(span, SyntaxErrorKind::NumberOutOfRange(text.clone()));
                        0.0
                    }
                };
                ValueKind::Number { value, text }
            }
            Rule::param => ValueKind::Param(pair.as_str().trim_start_matches('@').to_string()),
            Rule::ident => ValueKind::Name(pair.as_str().to_string()),
            Rule::list => ValueKind::List(kids(pair).map(|p| self.list_item(p)).collect()),
            Rule::body => ValueKind::Map(self.body(pair)),
            Rule::call => ValueKind::Call(self.call(pair)),
            Rule::value | Rule::header => return self.joined(pair),
            _ => ValueKind::Name(pair.as_str().to_string()),
        };
        Value { kind, span }
    }

    fn string_text(&mut self, pair: Pair<'_, Rule>) -> String {
        let Some(inner) = kids(pair).next() else {
            return String::new();
        };
        let start = inner.as_span().start();
        match unescape(inner.as_str()) {
            Ok(s) => s,
            Err((from, to, esc)) => {
                let span = Span::new(self.file, start + from, start + to);
                self.error(span, SyntaxErrorKind::BadEscape(esc));
                inner.as_str().to_string()
            }
        }
    }

    fn list_item(&mut self, pair: Pair<'_, Rule>) -> ListItem {
        let span = self.span(&pair);
        let mut key = None;
        let mut value = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::list_key => {
                    key = kids(p).next().map(|k| self.term(k));
                }
                _ => value = Some(self.value(p)),
            }
        }
        ListItem {
            key,
            value: value.unwrap_or(Value {
                kind: ValueKind::List(Vec::new()),
                span,
            }),
            span,
        }
    }

    fn call(&mut self, pair: Pair<'_, Rule>) -> Call {
        let span = self.span(&pair);
        let mut name = Name {
            text: String::new(),
            quoted: false,
            span,
        };
        let mut args = Vec::new();
        for p in kids(pair) {
            match p.as_rule() {
                Rule::call_name => {
                    name = Name {
                        text: p.as_str().to_string(),
                        quoted: false,
                        span: self.span(&p),
                    }
                }
                Rule::call_arg => args.push(self.arg(p)),
                _ => {}
            }
        }
        Call { name, args, span }
    }

    fn arg(&mut self, pair: Pair<'_, Rule>) -> Arg {
        let span = self.span(&pair);
        let mut arg = Arg {
            name: Name {
                text: String::new(),
                quoted: false,
                span,
            },
            ty: None,
            value: None,
            span,
        };
        for p in kids(pair) {
            match p.as_rule() {
                Rule::ident => {
                    arg.name = Name {
                        text: p.as_str().to_string(),
                        quoted: false,
                        span: self.span(&p),
                    }
                }
                Rule::type_name => {
                    arg.ty = Some(Name {
                        text: p.as_str().trim().to_string(),
                        quoted: false,
                        span: self.span(&p),
                    })
                }
                Rule::value => arg.value = Some(self.value(p)),
                _ => {}
            }
        }
        arg
    }
}
