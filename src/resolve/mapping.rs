//! `mapping ...` value mappings to [`model::ValueMapping`].

use super::color::color_value;
use super::cx::{Cx, Seen, joined};
use super::error::ErrorKind;
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{SpecialValue, ValueMapping};

const SPECIAL: &[(&str, SpecialValue)] = &[
    ("null", SpecialValue::Null),
    ("nan", SpecialValue::NaN),
    ("null_nan", SpecialValue::NullOrNaN),
    ("true", SpecialValue::True),
    ("false", SpecialValue::False),
    ("empty", SpecialValue::Empty),
];

pub fn mapping(cx: &mut Cx, stmt: &Stmt) -> Option<ValueMapping> {
    let shape = |cx: &mut Cx| keywords::misshapen(cx, stmt, Block::Mapping);
    let Some(text_value) = &stmt.value else {
        shape(cx);
        return None;
    };
    let text = cx.string(text_value, "mapping text")?;
    let mut color = None;
    let mut seen = Seen::of(Block::Mapping);
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        match s.key.text.as_str() {
            "color" => {
                color = cx
                    .attr(s, &mut seen)
                    .and_then(|v| color_value(cx, v, "color"))
            }
            _ => keywords::unknown(cx, s, Block::Mapping, ""),
        }
    }
    let kind_name = match stmt.headers.first().map(|h| &h.kind) {
        Some(ValueKind::Name(n)) => n.as_str(),
        _ => {
            shape(cx);
            return None;
        }
    };
    match (kind_name, &stmt.headers[1..]) {
        ("value", [v]) => {
            let value = match &v.kind {
                ValueKind::Number { text, .. } => text.clone(),
                _ => cx.word(v, "mapped value")?,
            };
            Some(ValueMapping::Value { value, text, color })
        }
        ("range", [v]) => {
            let ValueKind::List(items) = &v.kind else {
                cx.wrong_type(v, "range", "a list `[FROM, TO]`");
                return None;
            };
            let [from, to] = items.as_slice() else {
                cx.wrong_type(v, "range", "a list of two bounds `[FROM, TO]`");
                return None;
            };
            Some(ValueMapping::Range {
                from: bound(cx, &from.value)?,
                to: bound(cx, &to.value)?,
                text,
                color,
            })
        }
        ("regex", [v]) => Some(ValueMapping::Regex {
            pattern: joined(v).or_else(|| cx.string(v, "regex"))?,
            text,
            color,
        }),
        (special, []) => match SPECIAL.iter().find(|(k, _)| *k == special) {
            Some((_, matches)) => Some(ValueMapping::Special {
                matches: *matches,
                text,
                color,
            }),
            None => {
                cx.error(
                    stmt.headers[0].span,
                    ErrorKind::BadValue {
                        what: "mapping".into(),
                        value: special.to_string(),
                        expected: "value, range, regex, null, nan, null_nan, true, false or empty"
                            .into(),
                    },
                );
                None
            }
        },
        _ => {
            shape(cx);
            None
        }
    }
}

/// A range bound: a number, or `_` for an open end. `Some(None)` is an open end.
fn bound(cx: &mut Cx, v: &Value) -> Option<Option<f64>> {
    match &v.kind {
        ValueKind::Name(n) if n == "_" => Some(None),
        _ => cx.number(v, "range bound").map(Some),
    }
}
