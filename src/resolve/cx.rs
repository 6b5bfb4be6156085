//! The resolve context: collected errors, and typed readers for attribute values that
//! report a wrong type once, in words.

use std::collections::HashMap;

use super::error::{ErrorKind, ResolveError};
use super::schema::Block;
use crate::ast::{AssignOpKind, Stmt, Value, ValueKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Pair;
use crate::promql::suggest::did_you_mean;
use crate::source::SourceMap;

#[derive(Default)]
pub struct Cx<'s> {
    pub errors: Vec<ResolveError>,
    /// Diagnostics of other stages (PromQL), already in their final form.
    pub diagnostics: Vec<Diagnostic>,
    /// The sources, to point at a character inside a string literal, where escapes and
    /// dedenting move it away from its place in the unescaped text.
    pub sources: Option<&'s SourceMap>,
}

/// The attributes a block has set, for duplicate detection.
#[derive(Default)]
pub struct Seen {
    set: HashMap<String, Span>,
    /// The block whose attributes these are; `None` for a map of the user's own keys.
    block: Option<Block>,
}

impl Seen {
    /// The attributes of `block`: each name read must be one of its schema's rows.
    pub fn of(block: Block) -> Seen {
        Seen {
            set: HashMap::new(),
            block: Some(block),
        }
    }
}

impl Cx<'_> {
    pub fn error(&mut self, span: Span, kind: ErrorKind) {
        self.errors.push(ResolveError::new(span, kind));
    }

    /// The value of `name = value`: no headers, no body, set once.
    pub fn attr<'v>(&mut self, stmt: &'v Stmt, seen: &mut Seen) -> Option<&'v Value> {
        self.attr_allowing(stmt, seen, false)
    }

    /// Like [`Cx::attr`], but a matcher operator (`=~`, `!=`, `!~`) is allowed.
    pub fn attr_allowing<'v>(
        &mut self,
        stmt: &'v Stmt,
        seen: &mut Seen,
        matcher_ops: bool,
    ) -> Option<&'v Value> {
        let name = &stmt.key.text;
        // Every attribute the resolver reads is declared in the schema, which the errors
        // and the reference come from.
        debug_assert!(
            seen.block.is_none_or(|b| b.attr(name).is_some()),
            "{:?} reads `{name}`, which the schema does not declare",
            seen.block
        );
        if let Some(first) = seen.set.get(name) {
            self.errors.push(
                ResolveError::new(
                    stmt.key.span,
                    ErrorKind::DuplicateAttribute { name: name.clone() },
                )
                .with_related(*first, "first set here"),
            );
            return None;
        }
        seen.set.insert(name.clone(), stmt.key.span);
        let Some(value) = &stmt.value else {
            let at = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
            if stmt.body.is_some() && stmt.headers.is_empty() {
                self.error(
                    stmt.key.span,
                    ErrorKind::MissingEquals { name: name.clone() },
                );
            } else {
                self.error(at, ErrorKind::MissingEquals { name: name.clone() });
            }
            return None;
        };
        if let Some(h) = stmt.headers.first() {
            self.error(h.span, ErrorKind::MissingEquals { name: name.clone() });
            return None;
        }
        if let Some(body) = &stmt.body {
            self.error(body.span, ErrorKind::NotAnAttribute { name: name.clone() });
            return None;
        }
        if let Some(op) = stmt.op
            && op.kind != AssignOpKind::Eq
            && !matcher_ops
        {
            let text = match op.kind {
                AssignOpKind::NotEq => "!=",
                AssignOpKind::Regex => "=~",
                _ => "!~",
            };
            self.error(op.span, ErrorKind::OperatorOutsideScope { op: text });
        }
        Some(value)
    }

    pub fn wrong_type(&mut self, value: &Value, what: &str, expected: &'static str) {
        let kind = match &value.kind {
            ValueKind::Param(name) => ErrorKind::ParamOutsideTemplate { name: name.clone() },
            other => ErrorKind::WrongType {
                what: what.to_string(),
                expected,
                found: other.describe(),
            },
        };
        self.error(value.span, kind);
    }

    /// A string: `"..."`, `"""..."""`, or strings joined with `+`.
    pub fn string(&mut self, value: &Value, what: &str) -> Option<String> {
        match joined(value) {
            Some(s) => Some(s),
            None => {
                self.wrong_type(value, what, "a string");
                None
            }
        }
    }

    /// A string or a bare name: `severity = critical`, `timezone = utc`.
    pub fn word(&mut self, value: &Value, what: &str) -> Option<String> {
        match &value.kind {
            ValueKind::Name(n) => Some(n.clone()),
            _ => match joined(value) {
                Some(s) => Some(s),
                None => {
                    self.wrong_type(value, what, "a string or a name");
                    None
                }
            },
        }
    }

    pub fn bool(&mut self, value: &Value, what: &str) -> Option<bool> {
        match &value.kind {
            ValueKind::Name(n) if n == "true" => Some(true),
            ValueKind::Name(n) if n == "false" => Some(false),
            _ => {
                self.wrong_type(value, what, "`true` or `false`");
                None
            }
        }
    }

    pub fn number(&mut self, value: &Value, what: &str) -> Option<f64> {
        match &value.kind {
            ValueKind::Number { value, .. } => Some(*value),
            _ => {
                self.wrong_type(value, what, "a number");
                None
            }
        }
    }

    /// A whole number in `0..=max`.
    pub fn count(&mut self, value: &Value, what: &str, max: u64) -> Option<u64> {
        let n = self.number(value, what)?;
        if n < 0.0 || n.fract() != 0.0 || n > max as f64 {
            self.error(
                value.span,
                ErrorKind::BadValue {
                    what: what.to_string(),
                    value: format!("{n}"),
                    expected: format!("a whole number from 0 to {max}"),
                },
            );
            return None;
        }
        Some(n as u64)
    }

    pub fn duration(&mut self, value: &Value, what: &str) -> Option<u64> {
        match &value.kind {
            ValueKind::Duration { millis, .. } => Some(*millis),
            _ => {
                self.wrong_type(value, what, "a duration such as `5m`");
                None
            }
        }
    }

    /// One of `options`, written as a name (or a string).
    pub fn choice(
        &mut self,
        value: &Value,
        what: &str,
        options: &[&'static str],
    ) -> Option<&'static str> {
        let word = self.word(value, what)?;
        if let Some(found) = options.iter().find(|o| **o == word) {
            return Some(found);
        }
        let suggestion = did_you_mean(&word, options.iter().copied());
        let expected = match suggestion {
            Some(s) => format!("one of {} (did you mean `{s}`?)", options.join(", ")),
            None => format!("one of {}", options.join(", ")),
        };
        self.error(
            value.span,
            ErrorKind::BadValue {
                what: what.to_string(),
                value: word,
                expected,
            },
        );
        None
    }

    /// A list; each item is read by `item`, and keys (`80: red`) are errors.
    pub fn list<T>(
        &mut self,
        value: &Value,
        what: &str,
        mut item: impl FnMut(&mut Cx, &Value) -> Option<T>,
    ) -> Option<Vec<T>> {
        let ValueKind::List(items) = &value.kind else {
            self.wrong_type(value, what, "a list");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if let Some(key) = &it.key {
                self.wrong_type(key, what, "a list item without a key");
                continue;
            }
            if let Some(v) = item(self, &it.value) {
                out.push(v);
            }
        }
        Some(out)
    }

    pub fn string_list(&mut self, value: &Value, what: &str) -> Option<Vec<String>> {
        self.list(value, what, |cx, v| cx.word(v, what))
    }

    /// A map of `key = value` with string, name, number or boolean values, as strings.
    pub fn pairs(&mut self, value: &Value, what: &str) -> Option<Vec<Pair>> {
        let ValueKind::Map(body) = &value.kind else {
            self.wrong_type(value, what, "a map `{ key = value }`");
            return None;
        };
        let mut seen = Seen::default();
        let mut out = Vec::new();
        for stmt in &body.stmts {
            let Some(v) = self.attr(stmt, &mut seen) else {
                continue;
            };
            let text = match &v.kind {
                ValueKind::Number { text, .. } => Some(text.clone()),
                _ => self.word(v, &stmt.key.text),
            };
            if let Some(text) = text {
                out.push(Pair {
                    key: stmt.key.text.clone(),
                    value: text,
                    span: stmt.span,
                });
            }
        }
        Some(out)
    }
}

/// The text of a string or of strings (and names) joined with `+`.
pub fn joined(value: &Value) -> Option<String> {
    match &value.kind {
        ValueKind::String { text, .. } => Some(text.clone()),
        ValueKind::Join(parts) => {
            let mut out = String::new();
            for p in parts {
                match &p.kind {
                    ValueKind::Name(n) => out.push_str(n),
                    ValueKind::Number { text, .. } => out.push_str(text),
                    _ => out.push_str(&joined(p)?),
                }
            }
            Some(out)
        }
        _ => None,
    }
}
