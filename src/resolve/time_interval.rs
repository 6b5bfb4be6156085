//! `time_interval "name" { times = [...], weekdays = [...] }` to [`model::TimeInterval`],
//! each item checked as Alertmanager parses it.

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::error::ErrorKind;
use super::route::item_spans;
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value};
use crate::diagnostic::Span;
use crate::model::TimeInterval;

const WEEKDAYS: &[&str] = &[
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn time_interval(cx: &mut Cx, stmt: &Stmt) -> Option<TimeInterval> {
    let usage = Block::TimeInterval.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::TimeInterval);
    let mut t = TimeInterval {
        name: String::new(),
        name_span: stmt.headers.first().map_or(stmt.key.span, |h| h.span),
        times: Vec::new(),
        weekdays: Vec::new(),
        days_of_month: Vec::new(),
        months: Vec::new(),
        years: Vec::new(),
        location: None,
        span: stmt.span,
    };
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::TimeInterval, "") {
            continue;
        }
        let key = s.key.text.as_str();
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "times" => {
                for (item, span) in items(cx, v, key) {
                    match time_range(&item) {
                        Some(range) => t.times.push(range),
                        None => bad(
                            cx,
                            span,
                            key,
                            item,
                            "`HH:MM-HH:MM`, the start before the end, `24:00` at most",
                        ),
                    }
                }
            }
            "weekdays" => t.weekdays = ranges(cx, v, key, &|p| named(p, WEEKDAYS, 0)),
            "days_of_month" => t.days_of_month = ranges(cx, v, key, &day_of_month),
            "months" => t.months = ranges(cx, v, key, &|p| named(p, MONTHS, 1)),
            "years" => t.years = ranges(cx, v, key, &|p| p.parse::<u32>().ok().map(i64::from)),
            "location" => t.location = cx.string(v, key),
            _ => keywords::unknown(cx, s, Block::TimeInterval, ""),
        }
    }
    t.name = name?;
    Some(t)
}

/// The strings of a list, with their places.
fn items(cx: &mut Cx, v: &Value, key: &str) -> Vec<(String, Span)> {
    let list = cx.string_list(v, key).unwrap_or_default();
    list.into_iter().zip(item_spans(v)).collect()
}

fn bad(cx: &mut Cx, span: Span, what: &str, value: String, expected: &str) {
    cx.error(
        span,
        ErrorKind::BadValue {
            what: what.to_string(),
            value,
            expected: expected.to_string(),
        },
    );
}

/// `08:00-18:30` to its two ends, in minutes of the day.
fn time_range(text: &str) -> Option<(String, String)> {
    let (start, end) = text.split_once('-')?;
    let minutes = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && (h < 24 || m == 0)).then_some(h * 60 + m)
    };
    (minutes(start)? < minutes(end)?).then(|| (start.trim().to_string(), end.trim().to_string()))
}

/// Items that are one value or a range `a:b` of values `parse` reads, in order.
fn ranges(cx: &mut Cx, v: &Value, key: &str, parse: &dyn Fn(&str) -> Option<i64>) -> Vec<String> {
    let mut out = Vec::new();
    for (item, span) in items(cx, v, key) {
        let ok = match item.split_once(':') {
            Some((a, b)) => {
                matches!((parse(a), parse(b)), (Some(a), Some(b)) if a <= b || a < 0 || b < 0)
            }
            None => parse(&item).is_some(),
        };
        if ok {
            out.push(item.to_lowercase());
        } else {
            bad(
                cx,
                span,
                key,
                item,
                "a value or an ascending range `FIRST:LAST` of them",
            );
        }
    }
    out
}

/// A name of `names` (or, for months, its number) as its place counted from `base`.
fn named(text: &str, names: &[&str], base: i64) -> Option<i64> {
    let lower = text.to_lowercase();
    if let Some(i) = names.iter().position(|n| *n == lower) {
        return Some(i as i64 + base);
    }
    // Months may be numbers too.
    let n: i64 = text.parse().ok()?;
    (base == 1 && (1..=12).contains(&n)).then_some(n)
}

/// `1` to `31`, or `-1` (the last day) to `-31`.
fn day_of_month(text: &str) -> Option<i64> {
    let n: i64 = text.parse().ok()?;
    (n != 0 && (-31..=31).contains(&n)).then_some(n)
}
