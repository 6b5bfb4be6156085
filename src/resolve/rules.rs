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
    check_duplicate_rules(cx, &groups);
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

/// The same rule twice in one rule file: a name recorded twice with the same labels
/// writes the same series twice, and promtool rejects both that and an alert repeated
/// with the same labels in another group. (Within a group, an alert name is unique
/// whatever its labels; that is reported where the group is read.)
fn check_duplicate_rules(cx: &mut Cx, groups: &[RuleGroup]) {
    let mut seen: Vec<(
        usize,
        bool,
        &str,
        &[crate::model::Pair],
        crate::diagnostic::Span,
    )> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for rule in &group.rules {
            let (alert, name, labels, span) = match rule {
                Rule::Alert(a) => (true, a.name.as_str(), a.labels.as_slice(), a.name_span),
                Rule::Record(r) => (false, r.record.as_str(), r.labels.as_slice(), r.record_span),
            };
            let same_labels = |other: &[crate::model::Pair]| {
                other.len() == labels.len()
                    && other
                        .iter()
                        .all(|l| labels.iter().any(|m| m.key == l.key && m.value == l.value))
            };
            let first = seen.iter().find(|(fg, fa, fname, flabels, _)| {
                *fa == alert && *fname == name && same_labels(flabels) && !(alert && *fg == g)
            });
            match first {
                Some(&(_, _, _, _, first_span)) => cx.errors.push(
                    ResolveError::new(
                        span,
                        ErrorKind::Duplicate {
                            what: if alert { "alert" } else { "recording rule" },
                            name: name.to_string(),
                        },
                    )
                    .with_related(first_span, "first defined here, with the same labels"),
                ),
                None => seen.push((g, alert, name, labels, span)),
            }
        }
    }
}
