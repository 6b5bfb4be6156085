//! `rules "name" { group "g" { ... } }` to [`model::RuleSet`].

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::error::{ErrorKind, ResolveError};
use super::names::{check_dns_name, check_label_name};
use super::rule::{alert, record};
use super::rule_test::rule_test;
use super::scope::Scope;
use crate::ast::Stmt;
use crate::model::{Millis, Rule, RuleGroup, RuleSet};
use crate::promql::suggest::did_you_mean;

pub fn rule_set(cx: &mut Cx, stmt: &Stmt) -> Option<RuleSet> {
    let usage = "rules \"name\" { group \"name\" { ... } }";
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let name_span = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
    if let Some(name) = &name {
        check_dns_name(cx, "rule set name", name, name_span);
    }
    let mut seen = Seen::default();
    let mut labels = Vec::new();
    let mut groups: Vec<RuleGroup> = Vec::new();
    for s in &body.stmts {
        match s.key.text.as_str() {
            "labels" => {
                labels = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.pairs(v, "labels"))
                    .unwrap_or_default();
                for l in &labels {
                    check_label_name(cx, &l.key, l.span);
                }
            }
            "group" => {
                if let Some(g) = group(cx, s) {
                    if let Some(first) = groups.iter().find(|x| x.name == g.name) {
                        cx.errors.push(
                            ResolveError::new(
                                s.headers.first().map_or(s.key.span, |h| h.span),
                                ErrorKind::Duplicate {
                                    what: "rule group",
                                    name: g.name.clone(),
                                },
                            )
                            .with_related(first.span, "first defined here"),
                        );
                    }
                    groups.push(g);
                }
            }
            _ => cx.unknown(s, "a rule set", &["labels", "group"]),
        }
    }
    check_duplicate_records(cx, &groups);
    Some(RuleSet {
        name: name?,
        name_span,
        labels,
        groups,
        span: stmt.span,
    })
}

fn group(cx: &mut Cx, stmt: &Stmt) -> Option<RuleGroup> {
    let usage = "group \"name\" { ... }";
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::default();
    let mut scope = Scope::default();
    for s in body.stmts.iter().filter(|s| s.key.text == "scope") {
        if let Some(v) = cx.attr(s, &mut seen) {
            scope = scope.with(cx, v);
        }
    }
    let mut g = RuleGroup {
        name: String::new(),
        interval: None,
        limit: None,
        query_offset: None,
        rules: Vec::new(),
        tests: Vec::new(),
        span: stmt.span,
    };
    for s in &body.stmts {
        let key = s.key.text.as_str();
        match key {
            "scope" => {}
            "interval" => {
                g.interval = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.duration(v, key))
                    .map(Millis)
            }
            "query_offset" => {
                g.query_offset = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.duration(v, key))
                    .map(Millis)
            }
            "limit" => {
                g.limit = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.count(v, key, u64::from(u32::MAX)))
            }
            "alert" => {
                if let Some(a) = alert(cx, s, &scope) {
                    let dup = g.rules.iter().find_map(|r| match r {
                        Rule::Alert(x) if x.name == a.name => Some(x.name_span),
                        _ => None,
                    });
                    if let Some(first) = dup {
                        cx.errors.push(
                            ResolveError::new(
                                a.name_span,
                                ErrorKind::Duplicate {
                                    what: "alert",
                                    name: a.name.clone(),
                                },
                            )
                            .with_related(first, "first defined here"),
                        );
                    }
                    g.rules.push(Rule::Alert(a));
                }
            }
            "record" => g.rules.extend(record(cx, s, &scope).map(Rule::Record)),
            "test" => g.tests.extend(rule_test(cx, s)),
            _ => cx.unknown(
                s,
                "a rule group",
                &[
                    "interval",
                    "limit",
                    "query_offset",
                    "scope",
                    "alert",
                    "record",
                    "test",
                ],
            ),
        }
    }
    check_expected_alerts(cx, &g);
    g.name = name?;
    Some(g)
}

/// A test can only expect alerts of its own group: promtool evaluates the group's rules.
fn check_expected_alerts(cx: &mut Cx, g: &RuleGroup) {
    let names: Vec<&str> = g
        .rules
        .iter()
        .filter_map(|r| match r {
            Rule::Alert(a) => Some(a.name.as_str()),
            Rule::Record(_) => None,
        })
        .collect();
    for e in g.tests.iter().flat_map(|t| &t.alerts) {
        if !names.contains(&e.alert.as_str()) {
            let suggestion = did_you_mean(&e.alert, names.iter().copied()).map(str::to_string);
            cx.error(
                e.span,
                ErrorKind::UnknownExpectedAlert {
                    name: e.alert.clone(),
                    suggestion,
                },
            );
        }
    }
}

/// A name recorded twice with the same labels would write the same series twice.
fn check_duplicate_records(cx: &mut Cx, groups: &[RuleGroup]) {
    let mut seen: Vec<&crate::model::RecordingRule> = Vec::new();
    for r in groups.iter().flat_map(|g| &g.rules) {
        let Rule::Record(r) = r else { continue };
        let same = |x: &&&crate::model::RecordingRule| {
            x.record == r.record
                && x.labels.len() == r.labels.len()
                && x.labels.iter().all(|l| {
                    r.labels
                        .iter()
                        .any(|m| m.key == l.key && m.value == l.value)
                })
        };
        if let Some(first) = seen.iter().find(same) {
            cx.errors.push(
                ResolveError::new(
                    r.record_span,
                    ErrorKind::Duplicate {
                        what: "recording rule",
                        name: r.record.clone(),
                    },
                )
                .with_related(first.record_span, "first defined here"),
            );
        } else {
            seen.push(r);
        }
    }
}
