//! `override name|regex "MATCH" { ... }` to [`model::Override`], each attribute as a
//! Grafana field property.

use serde_json::{Value as Json, json};

use super::cx::{Cx, Seen, joined};
use super::display::{color, stacking, thresholds, unit};
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{ColorMode, Override, OverrideMatcher, OverrideProperty, PanelKind, Stacking};

/// An override of a panel of `kind`: its attributes must mean something for that kind.
pub fn override_block(cx: &mut Cx, stmt: &Stmt, kind: PanelKind) -> Option<Override> {
    let matcher = match (stmt.headers.as_slice(), &stmt.value, &stmt.body) {
        ([how, what], None, Some(_)) => {
            let text = joined(what);
            match (&how.kind, text) {
                (ValueKind::Name(n), Some(t)) if n == "name" => OverrideMatcher::Name(t),
                (ValueKind::Name(n), Some(t)) if n == "regex" => OverrideMatcher::Regex(t),
                _ => {
                    keywords::misshapen(cx, stmt, Block::Override);
                    return None;
                }
            }
        }
        _ => {
            keywords::misshapen(cx, stmt, Block::Override);
            return None;
        }
    };
    let mut seen = Seen::of(Block::Override);
    let mut properties = Vec::new();
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Override, kind.plugin_id()) {
            continue;
        }
        if key == "property" {
            properties.extend(raw_property(cx, s));
            continue;
        }
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        let property = match key {
            "unit" => unit(cx, v).map(|u| ("unit", json!(u))),
            "decimals" => cx.count(v, key, 20).map(|n| ("decimals", json!(n))),
            "min" => cx.number(v, key).map(|n| ("min", number(n))),
            "max" => cx.number(v, key).map(|n| ("max", number(n))),
            "fill" => cx
                .count(v, key, 100)
                .map(|n| ("custom.fillOpacity", json!(n))),
            "line_width" => cx.count(v, key, 10).map(|n| ("custom.lineWidth", json!(n))),
            "display_name" => cx.string(v, key).map(|s| ("displayName", json!(s))),
            "hidden" => cx.bool(v, key).map(|b| {
                (
                    "custom.hideFrom",
                    json!({ "legend": b, "tooltip": b, "viz": b }),
                )
            }),
            "stack" => stacking(cx, v).map(|s| {
                let mode = match s {
                    Stacking::None => "none",
                    Stacking::Normal => "normal",
                    Stacking::Percent => "percent",
                };
                ("custom.stacking", json!({ "mode": mode, "group": "A" }))
            }),
            "color" => color(cx, v).map(|c| {
                let value = match c {
                    ColorMode::PaletteClassic => json!({ "mode": "palette-classic" }),
                    ColorMode::Thresholds => json!({ "mode": "thresholds" }),
                    ColorMode::Fixed(c) => json!({ "mode": "fixed", "fixedColor": c }),
                    ColorMode::Scheme(s) => json!({ "mode": s }),
                };
                ("color", value)
            }),
            "thresholds" => thresholds(cx, v).map(|t| {
                let steps: Vec<Json> = t
                    .steps
                    .iter()
                    .map(|s| json!({ "color": s.color, "value": s.value.map(number) }))
                    .collect();
                ("thresholds", json!({ "mode": "absolute", "steps": steps }))
            }),
            _ => {
                keywords::unknown(cx, s, Block::Override, kind.plugin_id());
                None
            }
        };
        if let Some((id, value)) = property {
            properties.push(OverrideProperty {
                id: id.to_string(),
                value,
            });
        }
    }
    Some(Override {
        matcher,
        properties,
        span: stmt.span,
    })
}

/// `property "custom.lineStyle" = { fill = "dash" }`: any Grafana property by id.
fn raw_property(cx: &mut Cx, stmt: &Stmt) -> Option<OverrideProperty> {
    let (Some(id), Some(v), None) = (
        stmt.headers.first().and_then(joined),
        &stmt.value,
        &stmt.body,
    ) else {
        keywords::misshapen_statement(cx, stmt, Block::Override);
        return None;
    };
    Some(OverrideProperty {
        id,
        value: to_json(cx, v)?,
    })
}

/// A number as Grafana writes it: `260`, not `260.0`, when it is whole. JSON has no
/// infinity or NaN: they become `null`.
fn number(n: f64) -> Json {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else if n.is_finite() {
        json!(n)
    } else {
        Json::Null
    }
}

/// A dac value as JSON: strings and names as strings, lists as arrays, maps as objects.
pub fn to_json(cx: &mut Cx, v: &Value) -> Option<Json> {
    Some(match &v.kind {
        ValueKind::Number { value, .. } => number(*value),
        ValueKind::Name(n) if n == "true" => json!(true),
        ValueKind::Name(n) if n == "false" => json!(false),
        ValueKind::Name(n) if n == "null" => Json::Null,
        ValueKind::Name(n) => json!(n),
        ValueKind::String { .. } | ValueKind::Join(_) => json!(cx.string(v, "property")?),
        ValueKind::Duration { text, .. } => json!(text),
        ValueKind::List(items) => {
            let mut out = Vec::new();
            for item in items {
                out.push(to_json(cx, &item.value)?);
            }
            Json::Array(out)
        }
        ValueKind::Map(body) => {
            let mut map = serde_json::Map::new();
            for s in &body.stmts {
                let value = s.value.as_ref().and_then(|x| to_json(cx, x))?;
                map.insert(s.key.text.clone(), value);
            }
            Json::Object(map)
        }
        _ => {
            cx.wrong_type(v, "property", "a string, number, boolean, list or map");
            return None;
        }
    })
}
