//! `route { ... }` (nested) and label matchers, to [`model::Route`].

use super::block::body;
use super::cx::{Cx, Seen};
use super::error::ErrorKind;
use super::names::check_label_name;
use super::routing_error::RoutingError;
use super::schema::{Block, keywords};
use crate::ast::{AssignOpKind, Stmt, Value, ValueKind};
use crate::diagnostic::Span;
use crate::model::{MatcherOp, Millis, Route, RouteMatcher, anchored};

/// A route and its children; `root` forbids matchers and `continue`.
pub fn route(cx: &mut Cx, stmt: &Stmt, root: bool) -> Option<Route> {
    let usage = Block::Route.form();
    if !stmt.headers.is_empty() {
        cx.errors.push(keywords::shape_error(stmt, usage));
        return None;
    }
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::Route);
    let mut r = Route::empty(stmt.key.span, stmt.span);
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Route, "") {
            continue;
        }
        let key = s.key.text.as_str();
        if key == "route" {
            r.routes.extend(route(cx, s, false));
            continue;
        }
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "matchers" => {
                if root {
                    root_error(cx, s.key.span, "takes no matchers");
                }
                r.matchers = matchers(cx, v, key);
            }
            "receiver" => {
                r.receiver = cx.word(v, key);
                r.receiver_span = v.span;
            }
            "group_by" => r.group_by = group_by(cx, v),
            "group_wait" => r.group_wait = duration(cx, v, key),
            "group_interval" => r.group_interval = duration(cx, v, key),
            "repeat_interval" => r.repeat_interval = duration(cx, v, key),
            "continue" => {
                if root {
                    root_error(cx, s.key.span, "takes no `continue`");
                }
                r.continue_ = cx.bool(v, key).unwrap_or(false);
            }
            "mute_time_intervals" => {
                r.mute_time_intervals = names(cx, v, key);
                r.time_interval_spans.splice(0..0, item_spans(v));
            }
            "active_time_intervals" => {
                r.active_time_intervals = names(cx, v, key);
                r.time_interval_spans.extend(item_spans(v));
            }
            _ => keywords::unknown(cx, s, Block::Route, ""),
        }
    }
    if root && r.receiver.is_none() {
        root_error(cx, stmt.key.span, "has no `receiver`: the default receiver");
    }
    Some(r)
}

fn root_error(cx: &mut Cx, span: Span, what: &'static str) {
    cx.error(span, ErrorKind::Routing(RoutingError::RootRoute { what }));
}

/// A duration Alertmanager takes: not zero, whole milliseconds.
fn duration(cx: &mut Cx, v: &Value, key: &str) -> Option<Millis> {
    let ms = cx.duration(v, key)?;
    if ms == 0 {
        cx.error(
            v.span,
            ErrorKind::BadValue {
                what: key.to_string(),
                value: "0s".into(),
                expected: "a duration above zero".into(),
            },
        );
        return None;
    }
    Some(Millis(ms))
}

/// `group_by`: label names, or `["..."]` for every label.
fn group_by(cx: &mut Cx, v: &Value) -> Option<Vec<String>> {
    let ValueKind::List(items) = &v.kind else {
        cx.wrong_type(v, "group_by", "a list");
        return None;
    };
    let labels = cx.string_list(v, "group_by")?;
    for (i, (label, item)) in labels.iter().zip(items).enumerate() {
        if label != "..." {
            check_label_name(cx, label, item.value.span);
        }
        // Alertmanager refuses a label listed twice.
        if labels[..i].contains(label) {
            cx.error(
                item.value.span,
                ErrorKind::DuplicateAttribute {
                    name: label.clone(),
                },
            );
        }
    }
    Some(labels)
}

/// A list of names (time intervals), read as written.
fn names(cx: &mut Cx, v: &Value, key: &str) -> Vec<String> {
    cx.string_list(v, key).unwrap_or_default()
}

/// The spans of a list's items, in order (for errors about one name of a list).
pub fn item_spans(v: &Value) -> Vec<Span> {
    match &v.kind {
        ValueKind::List(items) => items.iter().map(|i| i.value.span).collect(),
        _ => Vec::new(),
    }
}

/// `{ severity = "critical", team =~ "trading|data" }`: Alertmanager matchers. A label
/// may be matched twice (`severity != "info", severity != "none"`).
pub fn matchers(cx: &mut Cx, value: &Value, what: &str) -> Vec<RouteMatcher> {
    let ValueKind::Map(body) = &value.kind else {
        cx.wrong_type(value, what, "a map of matchers `{ label = \"value\" }`");
        return Vec::new();
    };
    let mut out = Vec::new();
    for stmt in &body.stmts {
        // Each entry on its own: a label matched twice is fine.
        let Some(v) = cx.attr_allowing(stmt, &mut Seen::default(), true) else {
            continue;
        };
        let label = stmt.key.text.clone();
        check_label_name(cx, &label, stmt.key.span);
        let Some(text) = cx.word(v, &label) else {
            continue;
        };
        let op = match stmt.op.map(|o| o.kind) {
            Some(AssignOpKind::NotEq) => MatcherOp::NotEqual,
            Some(AssignOpKind::Regex) => MatcherOp::Regex,
            Some(AssignOpKind::NotRegex) => MatcherOp::NotRegex,
            _ => MatcherOp::Equal,
        };
        if matches!(op, MatcherOp::Regex | MatcherOp::NotRegex) && anchored(&text).is_err() {
            let reason = regex::Regex::new(&text)
                .err()
                .map(|e| {
                    // The last line of regex's message says what is wrong.
                    let text = e.to_string();
                    let last = text.lines().last().unwrap_or("").trim();
                    last.trim_start_matches("error: ").to_string()
                })
                .unwrap_or_default();
            cx.error(
                v.span,
                ErrorKind::Routing(RoutingError::BadRegex {
                    pattern: text,
                    reason,
                }),
            );
            continue;
        }
        out.push(RouteMatcher {
            label,
            op,
            value: text,
            span: stmt.span,
            label_span: stmt.key.span,
            value_span: v.span,
        });
    }
    out
}
