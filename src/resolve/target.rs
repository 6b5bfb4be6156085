//! `query `PROMQL` [legend "FORMAT"] [{ ... }]` to [`model::Target`].

use super::block::step;
use super::cx::{Cx, Seen};
use super::dash_cx::DashCx;
use super::error::ErrorKind;
use super::grafana_vars::variables;
use super::query::{Mode, query};
use super::schema::{Block, keywords};
use super::scope::Scope;
use crate::ast::{Stmt, ValueKind};
use crate::model::{QueryKind, Target, TargetFormat};

/// `continuation` is a `legend "..."` statement on the line after the query.
pub fn target(
    cx: &mut Cx,
    stmt: &Stmt,
    continuation: Option<&Stmt>,
    ref_id: String,
    dash: &mut DashCx,
    scope: &Scope,
) -> Option<Target> {
    let shape = |cx: &mut Cx| keywords::misshapen(cx, stmt, Block::Query);
    if stmt.value.is_some() {
        shape(cx);
        return None;
    }
    let mut legend = None;
    let mut legend_span = None;
    let lit = match stmt.headers.as_slice() {
        [q, rest @ ..] => {
            let ValueKind::Query(lit) = &q.kind else {
                cx.wrong_type(q, "query", "PromQL between backticks");
                return None;
            };
            match rest {
                [] => {}
                [word, text] if matches!(&word.kind, ValueKind::Name(n) if n == "legend") => {
                    legend = cx.string(text, "legend");
                    legend_span = Some(text.span);
                }
                _ => {
                    shape(cx);
                    return None;
                }
            }
            lit
        }
        [] => {
            shape(cx);
            return None;
        }
    };
    if let Some(c) = continuation {
        if legend.is_some() {
            cx.error(
                c.key.span,
                ErrorKind::DuplicateAttribute {
                    name: "legend".into(),
                },
            );
        }
        legend = c.headers.first().and_then(|h| cx.string(h, "legend"));
        legend_span = c.headers.first().map(|h| h.span);
    }
    let mut seen = Seen::of(Block::Query);
    let mut instant = None;
    let mut range = None;
    let mut interval = None;
    let mut format = TargetFormat::TimeSeries;
    let mut hide = false;
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Query, "") {
            continue;
        }
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "legend" => {
                if legend.is_some() {
                    cx.error(
                        s.key.span,
                        ErrorKind::DuplicateAttribute {
                            name: "legend".into(),
                        },
                    );
                }
                legend = cx.string(v, key);
                legend_span = Some(v.span);
            }
            "instant" => instant = cx.bool(v, key),
            "range" => range = cx.bool(v, key),
            "interval" => interval = step(cx, v, key),
            "format" => {
                format = match cx.choice(v, key, &["time_series", "table", "heatmap"]) {
                    Some("table") => TargetFormat::Table,
                    Some("heatmap") => TargetFormat::Heatmap,
                    _ => TargetFormat::TimeSeries,
                }
            }
            "hide" => hide = cx.bool(v, key).unwrap_or(false),
            _ => keywords::unknown(cx, s, Block::Query, ""),
        }
    }
    let kind = match (instant.unwrap_or(false), range) {
        (true, Some(true)) => QueryKind::Both,
        (true, _) => QueryKind::Instant,
        _ => QueryKind::Range,
    };
    let q = query(cx, lit, Mode::Dashboard, scope)?;
    dash.var_refs.extend(variables(&q.expr));
    Some(Target {
        ref_id,
        query: q,
        legend,
        legend_span,
        kind,
        interval,
        format,
        hide,
        span: stmt.span,
    })
}
