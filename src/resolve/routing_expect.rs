//! `expect route { severity = "critical", team = "trading" } to "pagerduty-trading"`:
//! the receivers an alert with these labels reaches, checked when the block is read.

use super::cx::{Cx, Seen, joined};
use super::error::ErrorKind;
use super::names::check_label_name;
use super::receiver_ref::check_receiver;
use super::routing_error::RoutingError;
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{RouteExpectation, Routing};

pub fn expectation(cx: &mut Cx, stmt: &Stmt) -> Option<RouteExpectation> {
    let (Some(body), [route, to, receivers]) = (&stmt.body, stmt.headers.as_slice()) else {
        keywords::misshapen_statement(cx, stmt, Block::Routing);
        return None;
    };
    if !is_word(route, "route") || !is_word(to, "to") || stmt.value.is_some() {
        keywords::misshapen_statement(cx, stmt, Block::Routing);
        return None;
    }
    let mut labels = Vec::new();
    let mut seen = Seen::default();
    for s in &body.stmts {
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        check_label_name(cx, &s.key.text, s.key.span);
        if let Some(text) = cx.word(v, &s.key.text) {
            labels.push((s.key.text.clone(), text));
        }
    }
    let names = match &receivers.kind {
        ValueKind::List(_) => cx.string_list(receivers, "expect route ... to")?,
        _ => vec![cx.string(receivers, "expect route ... to")?],
    };
    Some(RouteExpectation {
        labels,
        receivers: names,
        span: stmt.span,
        receivers_span: receivers.span,
    })
}

fn is_word(v: &Value, word: &str) -> bool {
    matches!(&v.kind, ValueKind::Name(n) if n == word) || joined(v).is_some_and(|s| s == word)
}

/// Each expectation names receivers of the block, and they are the ones reached.
pub fn check(cx: &mut Cx, r: &Routing) {
    for e in &r.expectations {
        let before = cx.errors.len();
        for name in &e.receivers {
            check_receiver(cx, r, name, e.receivers_span);
        }
        if cx.errors.len() > before {
            continue;
        }
        let actual = r.receivers_for(&e.labels);
        let (mut a, mut b) = (actual.clone(), e.receivers.clone());
        a.sort();
        b.sort();
        if a != b {
            cx.error(
                e.receivers_span,
                ErrorKind::Routing(RoutingError::WrongRoute {
                    expected: e.receivers.clone(),
                    actual,
                }),
            );
        }
    }
}
