//! Shapes shared by blocks: a title header, a required body.

use super::cx::{Cx, joined};
use super::schema::keywords::shape_error;
use crate::ast::{Body, Stmt, Value, ValueKind};
use crate::model::{Millis, Step};

/// The one string header of `KEYWORD "Title" { ... }`.
pub fn title(cx: &mut Cx, stmt: &Stmt, usage: &'static str) -> Option<String> {
    match stmt.headers.as_slice() {
        [h] => match joined(h) {
            Some(t) => Some(t),
            None => {
                cx.wrong_type(h, &format!("{} title", stmt.key.text), "a string");
                None
            }
        },
        _ => {
            cx.errors.push(shape_error(stmt, usage));
            None
        }
    }
}

/// The body of a block, or an error naming the expected form. `=` values are not
/// allowed on blocks.
pub fn body<'s>(cx: &mut Cx, stmt: &'s Stmt, usage: &'static str) -> Option<&'s Body> {
    match (&stmt.value, &stmt.body) {
        (None, Some(b)) => Some(b),
        _ => {
            cx.errors.push(shape_error(stmt, usage));
            None
        }
    }
}

/// A query step: a duration (`30s`), or a string the datasource reads as one
/// (`"$__interval"`).
pub fn step(cx: &mut Cx, v: &Value, what: &str) -> Option<Step> {
    match &v.kind {
        ValueKind::Duration { millis, .. } => Some(Step::Duration(Millis(*millis))),
        _ => cx.string(v, what).map(Step::Text),
    }
}
