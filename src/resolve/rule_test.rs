//! `test "name" { series ...; expect ... }` to [`model::RuleTest`] (promtool unit tests).

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::error::ErrorKind;
use super::query::{Mode, parse};
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{
    AlertExpectation, ExpectedAlert, ExpectedSample, Millis, QueryExpectation, RuleTest, TestSeries,
};
use crate::promql::{self, ast::ExprKind};

pub fn rule_test(cx: &mut Cx, stmt: &Stmt) -> Option<RuleTest> {
    let usage = Block::Test.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::Test);
    let mut t = RuleTest {
        name: String::new(),
        interval: None,
        series: Vec::new(),
        alerts: Vec::new(),
        queries: Vec::new(),
        span: stmt.span,
    };
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Test, "") {
            continue;
        }
        match s.key.text.as_str() {
            "interval" => {
                t.interval = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.duration(v, "interval"))
                    .map(Millis)
            }
            "series" => t.series.extend(series(cx, s)),
            "expect" => expect(cx, s, &mut t),
            _ => keywords::unknown(cx, s, Block::Test, ""),
        }
    }
    t.name = name?;
    Some(t)
}

fn series(cx: &mut Cx, stmt: &Stmt) -> Option<TestSeries> {
    let (Some(h), [_], Some(v), None) = (
        stmt.headers.first(),
        stmt.headers.as_slice(),
        &stmt.value,
        &stmt.body,
    ) else {
        keywords::misshapen_statement(cx, stmt, Block::Test);
        return None;
    };
    let ValueKind::Query(lit) = &h.kind else {
        cx.wrong_type(h, "series", "a selector between backticks");
        return None;
    };
    let values = cx.string(v, "series values");
    let expr = parse(cx, lit, Mode::Rule)?;
    if !matches!(expr.kind, ExprKind::Vector(_)) {
        cx.error(lit.text_span, ErrorKind::NotASeries);
        return None;
    }
    Some(TestSeries {
        series: promql::print(&expr),
        values: values?,
        span: stmt.span,
    })
}

fn eval_time(cx: &mut Cx, at: &Value, time: &Value) -> Option<Millis> {
    if !matches!(&at.kind, ValueKind::Name(n) if n == "at") {
        cx.wrong_type(at, "expect", "`at` before the evaluation time");
        return None;
    }
    cx.duration(time, "evaluation time").map(Millis)
}

fn expect(cx: &mut Cx, stmt: &Stmt, t: &mut RuleTest) {
    let words: Vec<Option<&str>> = stmt
        .headers
        .iter()
        .map(|h| match &h.kind {
            ValueKind::Name(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    let h = &stmt.headers;
    let shape = |cx: &mut Cx| keywords::misshapen_statement(cx, stmt, Block::Test);
    if stmt.value.is_some() {
        return shape(cx);
    }
    match words.as_slice() {
        [Some("alert"), None, Some(_), None] | [Some("no"), Some("alert"), None, Some(_), None] => {
            let negated = words[0] == Some("no");
            let off = usize::from(negated);
            let name = cx.string(&h[1 + off], "alert name");
            let time = eval_time(cx, &h[2 + off], &h[3 + off]);
            let (Some(name), Some(time)) = (name, time) else {
                return;
            };
            let mut expected = None;
            if !negated {
                expected = Some(expected_alert(cx, stmt));
            } else if stmt.body.is_some() {
                return shape(cx);
            }
            match t
                .alerts
                .iter_mut()
                .find(|a| a.alert == name && a.eval_time == time)
            {
                Some(existing) => existing.alerts.extend(expected),
                None => t.alerts.push(AlertExpectation {
                    alert: name,
                    eval_time: time,
                    alerts: expected.into_iter().collect(),
                    span: stmt.span,
                }),
            }
        }
        [Some("query"), None, Some(_), None] => {
            let ValueKind::Query(lit) = &h[1].kind else {
                return shape(cx);
            };
            let Some(time) = eval_time(cx, &h[2], &h[3]) else {
                return;
            };
            let Some(expr) = parse(cx, lit, Mode::Rule) else {
                return;
            };
            let mut samples = Vec::new();
            for s in stmt.body.iter().flat_map(|b| &b.stmts) {
                let sample = match (s.key.text.as_str(), s.headers.as_slice(), &s.value) {
                    ("sample", [labels], Some(v)) => {
                        match (&labels.kind, cx.number(v, "sample value")) {
                            (ValueKind::Query(l), Some(value)) => Some(ExpectedSample {
                                labels: l.text.trim().to_string(),
                                value,
                            }),
                            _ => None,
                        }
                    }
                    ("sample", _, _) => {
                        keywords::misshapen_statement(cx, s, Block::ExpectQuery);
                        None
                    }
                    _ => {
                        keywords::unknown(cx, s, Block::ExpectQuery, "");
                        None
                    }
                };
                samples.extend(sample);
            }
            t.queries.push(QueryExpectation {
                expr: promql::print(&expr),
                eval_time: time,
                samples,
                span: stmt.span,
            });
        }
        _ => shape(cx),
    }
}

/// The labels and annotations an `expect alert` body expects the alert with.
fn expected_alert(cx: &mut Cx, stmt: &Stmt) -> ExpectedAlert {
    let mut seen = Seen::of(Block::ExpectAlert);
    let mut alert = ExpectedAlert {
        labels: Vec::new(),
        annotations: Vec::new(),
    };
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        if !keywords::check(cx, s, Block::ExpectAlert, "") {
            continue;
        }
        match s.key.text.as_str() {
            "labels" => {
                alert.labels = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.pairs(v, "labels"))
                    .unwrap_or_default()
            }
            "annotations" => {
                alert.annotations = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.pairs(v, "annotations"))
                    .unwrap_or_default()
            }
            _ => keywords::unknown(cx, s, Block::ExpectAlert, ""),
        }
    }
    alert
}
