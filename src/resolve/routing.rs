//! `routing "name" { ... }` to [`model::Routing`]: receivers, the route tree, inhibit
//! rules, time intervals and route expectations, with the checks that need the whole
//! block (unknown receivers and time intervals, duplicate names, secret key clashes,
//! expectations that do not hold).

use std::collections::HashMap;

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::duplicates;
use super::error::{Duplicated, ErrorKind, ResolveError};
use super::names::{check_dns_name, check_label_name};
use super::receiver::receiver;
use super::receiver_ref::check_receiver;
use super::route::{item_spans, matchers, route};
use super::routing_error::RoutingError;
use super::routing_expect::expectation;
use super::schema::{Block, keywords};
use super::time_interval::time_interval;
use crate::ast::Stmt;
use crate::diagnostic::Span;
use crate::model::{FieldValue, InhibitRule, Route, Routing};
use crate::promql::suggest::did_you_mean;

pub fn routing(cx: &mut Cx, stmt: &Stmt) -> Option<Routing> {
    let usage = Block::Routing.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let name_span = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
    if let Some(name) = &name {
        check_dns_name(cx, "routing name", name, name_span);
    }
    let mut seen = Seen::of(Block::Routing);
    let mut r = Routing {
        name: String::new(),
        name_span,
        secrets_dir: "/etc/alertmanager/secrets".into(),
        secret: "alertmanager-secrets".into(),
        receivers: Vec::new(),
        route: Route::empty(stmt.key.span, stmt.span),
        inhibit_rules: Vec::new(),
        time_intervals: Vec::new(),
        expectations: Vec::new(),
        span: stmt.span,
    };
    let mut root: Option<(Route, Span)> = None;
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Routing, "") {
            continue;
        }
        match s.key.text.as_str() {
            "secrets_dir" => {
                if let Some(v) = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.string(v, "secrets_dir"))
                {
                    r.secrets_dir = v.trim_end_matches('/').to_string();
                }
            }
            "secret" => {
                if let Some(v) = cx.attr(s, &mut seen) {
                    let span = v.span;
                    if let Some(text) = cx.string(v, "secret") {
                        check_dns_name(cx, "Secret name", &text, span);
                        r.secret = text;
                    }
                }
            }
            "receiver" => r.receivers.extend(receiver(cx, s)),
            "route" => match (&root, route(cx, s, true)) {
                (Some((_, first)), Some(_)) => cx.errors.push(
                    ResolveError::new(
                        s.key.span,
                        ErrorKind::DuplicateAttribute {
                            name: "route".into(),
                        },
                    )
                    .with_related(*first, "first set here"),
                ),
                (None, Some(route)) => root = Some((route, s.key.span)),
                _ => {}
            },
            "inhibit" => r.inhibit_rules.extend(inhibit(cx, s)),
            "time_interval" => r.time_intervals.extend(time_interval(cx, s)),
            "expect" => r.expectations.extend(expectation(cx, s)),
            _ => keywords::unknown(cx, s, Block::Routing, ""),
        }
    }
    match root {
        Some((route, _)) => r.route = route,
        None => cx.error(
            stmt.head_span(),
            ErrorKind::Routing(RoutingError::MissingRoute),
        ),
    }
    check_names(cx, &r);
    check_references(cx, &r.route, &r);
    check_secret_keys(cx, &r);
    // An expectation is only worth checking against a tree that resolved.
    if cx.errors.is_empty() {
        super::routing_expect::check(cx, &r);
    }
    r.name = name?;
    Some(r)
}

fn inhibit(cx: &mut Cx, stmt: &Stmt) -> Option<InhibitRule> {
    let usage = Block::Inhibit.form();
    if !stmt.headers.is_empty() {
        keywords::misshapen(cx, stmt, Block::Inhibit);
        return None;
    }
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::Inhibit);
    let mut rule = InhibitRule {
        source_matchers: Vec::new(),
        target_matchers: Vec::new(),
        equal: Vec::new(),
        span: stmt.span,
    };
    let (mut source, mut target) = (false, false);
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Inhibit, "") {
            continue;
        }
        let key = s.key.text.as_str();
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "source_matchers" => {
                source = true;
                rule.source_matchers = matchers(cx, v, key);
            }
            "target_matchers" => {
                target = true;
                rule.target_matchers = matchers(cx, v, key);
            }
            "equal" => {
                let labels = cx.string_list(v, key).unwrap_or_default();
                for (label, span) in labels.into_iter().zip(item_spans(v)) {
                    check_label_name(cx, &label, span);
                    rule.equal.push((label, span));
                }
            }
            _ => keywords::unknown(cx, s, Block::Inhibit, ""),
        }
    }
    for (written, name) in [(source, "source_matchers"), (target, "target_matchers")] {
        if !written {
            cx.error(
                stmt.key.span,
                ErrorKind::MissingAttribute {
                    name,
                    context: "this inhibit rule".into(),
                },
            );
        }
    }
    Some(rule)
}

/// Receivers and time intervals are each named once.
fn check_names(cx: &mut Cx, r: &Routing) {
    let receivers = r.receivers.iter().map(|x| (x.name.as_str(), x.name_span));
    duplicates::report(Duplicated::Receiver, receivers, &mut cx.errors);
    let intervals = r
        .time_intervals
        .iter()
        .map(|x| (x.name.as_str(), x.name_span));
    duplicates::report(Duplicated::TimeInterval, intervals, &mut cx.errors);
}

/// Every receiver and time interval a route names is defined in the block.
fn check_references(cx: &mut Cx, route: &Route, r: &Routing) {
    if let Some(name) = &route.receiver {
        check_receiver(cx, r, name, route.receiver_span);
    }
    let intervals: Vec<&str> = r.time_intervals.iter().map(|t| t.name.as_str()).collect();
    let names = route
        .mute_time_intervals
        .iter()
        .chain(&route.active_time_intervals);
    for (i, name) in names.enumerate() {
        if !intervals.contains(&name.as_str()) {
            let suggestion = did_you_mean(name, intervals.iter().copied()).map(str::to_string);
            let span = route.time_interval_spans.get(i).copied();
            cx.error(
                span.unwrap_or(route.span),
                ErrorKind::Routing(RoutingError::UnknownTimeInterval {
                    name: name.clone(),
                    suggestion,
                }),
            );
        }
    }
    for child in &route.routes {
        check_references(cx, child, r);
    }
}

/// Two different files with one name would be one key of the Secret.
fn check_secret_keys(cx: &mut Cx, r: &Routing) {
    let mut first: HashMap<&str, (&str, Span)> = HashMap::new();
    let secrets = r
        .receivers
        .iter()
        .flat_map(|x| &x.integrations)
        .flat_map(|i| &i.fields)
        .filter_map(|f| match &f.value {
            FieldValue::Secret(s) => Some(s),
            _ => None,
        });
    for s in secrets {
        match first.get(s.key.as_str()) {
            Some((path, span)) if *path != s.path => cx.errors.push(
                ResolveError::new(
                    s.span,
                    ErrorKind::Routing(RoutingError::SecretKeyClash { key: s.key.clone() }),
                )
                .with_related(*span, "the other file"),
            ),
            Some(_) => {}
            None => {
                first.insert(&s.key, (&s.path, s.span));
            }
        }
    }
}
