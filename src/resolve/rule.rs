//! `alert "Name" { ... }` and `record "name" = `...``.

use super::alert_template;
use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::error::ErrorKind;
use super::names::{check_label_name, check_metric_name};
use super::query::{Mode, query_value};
use super::schema::{Block, keywords};
use super::scope::Scope;
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{AlertRule, Millis, Pair, RecordingRule, TemplateLabelRef};

pub fn alert(cx: &mut Cx, stmt: &Stmt, scope: &Scope) -> Option<AlertRule> {
    let usage = Block::Alert.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let name_span = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
    let mut seen = Seen::of(Block::Alert);
    let mut expr = None;
    let mut has_expr = false;
    let mut for_ = None;
    let mut keep_firing_for = None;
    let mut labels: Vec<Pair> = Vec::new();
    let mut annotations: Vec<Pair> = Vec::new();
    let mut templates = Templates {
        alert: name.clone().unwrap_or_default(),
        label_refs: Vec::new(),
    };
    for s in &body.stmts {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Alert, "") {
            continue;
        }
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "expr" => {
                has_expr = true;
                expr = query_value(cx, v, key, Mode::Rule, scope);
            }
            "for" => for_ = cx.duration(v, key).map(Millis),
            "keep_firing_for" => keep_firing_for = cx.duration(v, key).map(Millis),
            "severity" => {
                let w = cx.word(v, key);
                templates.check(cx, "label", key, v);
                add(cx, &mut labels, "severity", w, s)
            }
            "summary" | "description" | "runbook" => {
                let w = cx.string(v, key);
                let key = if key == "runbook" { "runbook_url" } else { key };
                templates.check(cx, "annotation", key, v);
                add(cx, &mut annotations, key, w, s)
            }
            "labels" => {
                for p in cx.pairs(v, key).unwrap_or_default() {
                    check_label_name(cx, &p.key, p.span);
                    push_unique(cx, &mut labels, p);
                }
                templates.check_map(cx, "label", v);
            }
            "annotations" => {
                for p in cx.pairs(v, key).unwrap_or_default() {
                    check_label_name(cx, &p.key, p.span);
                    push_unique(cx, &mut annotations, p);
                }
                templates.check_map(cx, "annotation", v);
            }
            _ => keywords::unknown(cx, s, Block::Alert, ""),
        }
    }
    if !has_expr {
        cx.error(
            stmt.head_span(),
            ErrorKind::MissingAttribute {
                name: "expr",
                context: "this alert".into(),
            },
        );
    }
    Some(AlertRule {
        name: name?,
        name_span,
        expr: expr?,
        for_,
        keep_firing_for,
        labels,
        annotations,
        label_refs: templates.label_refs,
        span: stmt.span,
    })
}

/// The templates of one alert's labels and annotations.
struct Templates {
    alert: String,
    label_refs: Vec<TemplateLabelRef>,
}

impl Templates {
    fn check(&mut self, cx: &mut Cx, kind: &str, key: &str, value: &Value) {
        alert_template::check(cx, &self.alert, kind, key, value, &mut self.label_refs);
    }

    /// Each value of `labels = { ... }` or `annotations = { ... }`.
    fn check_map(&mut self, cx: &mut Cx, kind: &str, map: &Value) {
        let ValueKind::Map(body) = &map.kind else {
            return;
        };
        for s in &body.stmts {
            if let Some(v) = &s.value {
                self.check(cx, kind, &s.key.text, v);
            }
        }
    }
}

fn add(cx: &mut Cx, pairs: &mut Vec<Pair>, key: &str, value: Option<String>, stmt: &Stmt) {
    if let Some(value) = value {
        push_unique(
            cx,
            pairs,
            Pair {
                key: key.to_string(),
                value,
                span: stmt.span,
            },
        );
    }
}

/// A label or annotation set twice (`severity` and `labels.severity`) is an error.
fn push_unique(cx: &mut Cx, pairs: &mut Vec<Pair>, pair: Pair) {
    if let Some(first) = pairs.iter().find(|p| p.key == pair.key) {
        let first = first.span;
        cx.errors.push(
            super::error::ResolveError::new(
                pair.span,
                ErrorKind::DuplicateAttribute { name: pair.key },
            )
            .with_related(first, "first set here"),
        );
        return;
    }
    pairs.push(pair);
}

pub fn record(cx: &mut Cx, stmt: &Stmt, scope: &Scope) -> Option<RecordingRule> {
    let (Some(h), [_]) = (stmt.headers.first(), stmt.headers.as_slice()) else {
        keywords::misshapen(cx, stmt, Block::Record);
        return None;
    };
    let name = cx.string(h, "record");
    if let Some(n) = &name {
        check_metric_name(cx, "recording rule name", n, h.span);
    }
    let Some(v) = &stmt.value else {
        cx.error(
            stmt.head_span(),
            ErrorKind::MissingEquals {
                name: "record".into(),
            },
        );
        return None;
    };
    let expr = query_value(cx, v, "record", Mode::Rule, scope);
    let mut labels = Vec::new();
    let mut seen = Seen::of(Block::Record);
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        if s.key.text != "labels" {
            keywords::unknown(cx, s, Block::Record, "");
            continue;
        }
        labels = cx
            .attr(s, &mut seen)
            .and_then(|v| cx.pairs(v, "labels"))
            .unwrap_or_default();
        for l in &labels {
            check_label_name(cx, &l.key, l.span);
        }
    }
    Some(RecordingRule {
        record: name?,
        record_span: h.span,
        expr: expr?,
        labels,
        span: stmt.span,
    })
}
