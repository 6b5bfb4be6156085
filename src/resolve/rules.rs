//! `rules "name" { group "g" { ... } }` to [`model::RuleSet`].

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::error::{Duplicated, ErrorKind, ResolveError};
use super::names::{check_dns_name, check_kubernetes_labels, check_label_name};
use super::rule::{alert, record};
use super::rule_test::rule_test;
use super::schema::{Block, keywords};
use super::scope::Scope;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::ast::Stmt;
use crate::diagnostic::Span;
use crate::model::{Millis, Rule, RuleGroup, RuleSet};
use crate::promql::suggest::did_you_mean;

pub fn rule_set(cx: &mut Cx, stmt: &Stmt) -> Option<RuleSet> {
    let usage = Block::RuleSet.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let name_span = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
    if let Some(name) = &name {
        check_dns_name(cx, "rule set name", name, name_span);
    }
    let mut seen = Seen::of(Block::RuleSet);
    let mut labels = Vec::new();
    let mut groups: Vec<RuleGroup> = Vec::new();
    // Where each group name was first defined: found in one lookup, not by a search.
    let mut group_names: HashMap<String, Span> = HashMap::new();
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::RuleSet, "") {
            continue;
        }
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
                    match group_names.entry(g.name.clone()) {
                        Entry::Occupied(first) => cx.errors.push(
                            ResolveError::new(
                                s.headers.first().map_or(s.key.span, |h| h.span),
                                ErrorKind::Duplicate {
                                    what: Duplicated::RuleGroup,
                                    name: g.name.clone(),
                                },
                            )
                            .with_related(*first.get(), "first defined here"),
                        ),
                        Entry::Vacant(slot) => {
                            slot.insert(g.span);
                        }
                    }
                    groups.push(g);
                }
            }
            _ => keywords::unknown(cx, s, Block::RuleSet, ""),
        }
    }
    check_duplicate_rules(cx, &groups);
    check_kubernetes_labels(cx, &labels, "PrometheusRule");
    Some(RuleSet {
        name: name?,
        name_span,
        labels,
        groups,
        span: stmt.span,
    })
}

fn group(cx: &mut Cx, stmt: &Stmt) -> Option<RuleGroup> {
    let usage = Block::Group.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::Group);
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
        if !keywords::check(cx, s, Block::Group, "") {
            continue;
        }
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
            "alert" => g.rules.extend(alert(cx, s, &scope).map(Rule::Alert)),
            "record" => g.rules.extend(record(cx, s, &scope).map(Rule::Record)),
            "test" => g.tests.extend(rule_test(cx, s)),
            _ => keywords::unknown(cx, s, Block::Group, ""),
        }
    }
    check_expected_alerts(cx, &g);
    g.name = name?;
    Some(g)
}

/// A test can only expect alerts of its own group: promtool evaluates the group's rules.
fn check_expected_alerts(cx: &mut Cx, g: &RuleGroup) {
    // Several alerts may share a name (with different labels): each name once, in order.
    let mut known = HashSet::new();
    let names: Vec<&str> = g
        .rules
        .iter()
        .filter_map(|r| match r {
            Rule::Alert(a) => Some(a.name.as_str()),
            Rule::Record(_) => None,
        })
        .filter(|name| known.insert(*name))
        .collect();
    for e in g.tests.iter().flat_map(|t| &t.alerts) {
        if !known.contains(e.alert.as_str()) {
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

/// The same rule twice in one rule file, as promtool's duplicate-rules check finds it:
/// the same name (an alert's or a recorded metric's, in one namespace) with the same
/// labels, in any of the file's groups. promtool reports it as "FAILED: lint error ...
/// duplicate rule(s) found" (exit 3 under `--lint-fatal`); for a recording rule it
/// writes the same series twice. The same name with other labels is fine: Prometheus
/// and promtool accept it, and kube-prometheus has a warning and a critical
/// `NodeFilesystemSpaceFillingUp` in one group. One pass, keyed on name and labels.
fn check_duplicate_rules(cx: &mut Cx, groups: &[RuleGroup]) {
    /// A rule's name and its labels, sorted: what promtool compares.
    type RuleKey<'a> = (&'a str, Vec<(&'a str, &'a str)>);
    let mut first: HashMap<RuleKey, Span> = HashMap::new();
    for rule in groups.iter().flat_map(|g| &g.rules) {
        let (what, name, labels, span) = match rule {
            Rule::Alert(a) => (Duplicated::Alert, a.name.as_str(), &a.labels, a.name_span),
            Rule::Record(r) => (
                Duplicated::RecordingRule,
                r.record.as_str(),
                &r.labels,
                r.record_span,
            ),
        };
        let mut key: Vec<(&str, &str)> = labels
            .iter()
            .map(|l| (l.key.as_str(), l.value.as_str()))
            .collect();
        key.sort_unstable();
        match first.entry((name, key)) {
            Entry::Occupied(seen) => cx.errors.push(
                ResolveError::new(
                    span,
                    ErrorKind::Duplicate {
                        what,
                        name: name.to_string(),
                    },
                )
                .with_related(*seen.get(), "first defined here, with the same labels"),
            ),
            Entry::Vacant(slot) => {
                slot.insert(span);
            }
        }
    }
}
