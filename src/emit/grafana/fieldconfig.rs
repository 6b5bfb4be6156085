//! `fieldConfig`: the defaults every field of a panel gets, and the overrides.
//!
//! JSON objects here are `serde_json::Value` maps, whose keys serialize sorted: the
//! order Grafana itself saves them in.

use serde_json::{Map, Value, json};

use crate::model::{
    ColorMode, Display, OverrideMatcher, Panel, PanelKind, Stacking, Thresholds, ValueMapping,
};

/// A number as Grafana writes it: integral values without a fraction.
pub fn num(f: f64) -> Value {
    if f.is_finite() && f == f.trunc() && f.abs() < 9.0e15 {
        json!(f as i64)
    } else {
        json!(f)
    }
}

pub fn field_config(panel: &Panel) -> Value {
    json!({
        "defaults": defaults(panel),
        "overrides": overrides(panel),
    })
}

fn defaults(panel: &Panel) -> Value {
    let d = &panel.display;
    let mut m = Map::new();
    match panel.kind {
        PanelKind::Text | PanelKind::Logs => return Value::Object(m),
        PanelKind::Heatmap => {
            m.insert("custom".into(), heatmap_custom());
            return Value::Object(m);
        }
        _ => {}
    }
    m.insert("color".into(), color(panel.kind, d.color_mode.as_ref()));
    if let Some(custom) = custom(panel.kind, d) {
        m.insert("custom".into(), custom);
    }
    if let Some(decimals) = d.decimals {
        m.insert("decimals".into(), json!(decimals));
    }
    m.insert(
        "mappings".into(),
        Value::Array(
            panel
                .mappings
                .iter()
                .enumerate()
                .map(|(i, v)| mapping(i, v))
                .collect(),
        ),
    );
    if let Some(max) = d.max {
        m.insert("max".into(), num(max));
    }
    if let Some(min) = d.min {
        m.insert("min".into(), num(min));
    }
    m.insert("thresholds".into(), thresholds(d.thresholds.as_ref()));
    if let Some(unit) = &d.unit {
        m.insert("unit".into(), json!(unit));
    }
    Value::Object(m)
}

fn color(kind: PanelKind, mode: Option<&ColorMode>) -> Value {
    match mode {
        Some(ColorMode::PaletteClassic) => json!({ "mode": "palette-classic" }),
        Some(ColorMode::Thresholds) => json!({ "mode": "thresholds" }),
        Some(ColorMode::Fixed(c)) => json!({ "fixedColor": c, "mode": "fixed" }),
        Some(ColorMode::Scheme(s)) => json!({ "mode": s }),
        None if kind == PanelKind::Timeseries => json!({ "mode": "palette-classic" }),
        None => json!({ "mode": "thresholds" }),
    }
}

fn hide_from() -> Value {
    json!({ "legend": false, "tooltip": false, "viz": false })
}

fn custom(kind: PanelKind, d: &Display) -> Option<Value> {
    match kind {
        PanelKind::Timeseries => Some(json!({
            "axisBorderShow": false,
            "axisCenteredZero": false,
            "axisColorMode": "text",
            "axisLabel": "",
            "axisPlacement": "auto",
            "barAlignment": 0,
            "barWidthFactor": 0.6,
            "drawStyle": "line",
            "fillOpacity": d.fill.unwrap_or(0),
            "gradientMode": "none",
            "hideFrom": hide_from(),
            "insertNulls": false,
            "lineInterpolation": "linear",
            "lineWidth": d.line_width.unwrap_or(1),
            "pointSize": 5,
            "scaleDistribution": { "type": "linear" },
            "showPoints": "auto",
            "spanNulls": false,
            "stacking": { "group": "A", "mode": stacking(d.stacking) },
            "thresholdsStyle": { "mode": "off" },
        })),
        PanelKind::Table => Some(json!({
            "align": "auto",
            "cellOptions": { "type": "auto" },
            "inspect": false,
        })),
        _ => None,
    }
}

fn heatmap_custom() -> Value {
    json!({ "hideFrom": hide_from(), "scaleDistribution": { "type": "linear" } })
}

fn stacking(s: Option<Stacking>) -> &'static str {
    match s {
        None | Some(Stacking::None) => "none",
        Some(Stacking::Normal) => "normal",
        Some(Stacking::Percent) => "percent",
    }
}

/// Grafana's default for a new panel when none are given: green, then red from 80.
fn thresholds(t: Option<&Thresholds>) -> Value {
    let Some(t) = t else {
        return json!({
            "mode": "absolute",
            "steps": [{ "color": "green", "value": null }, { "color": "red", "value": 80 }],
        });
    };
    let steps: Vec<Value> = t
        .steps
        .iter()
        .map(|s| json!({ "color": s.color, "value": s.value.map_or(Value::Null, num) }))
        .collect();
    json!({
        "mode": if t.percentage { "percentage" } else { "absolute" },
        "steps": steps,
    })
}

fn result(index: usize, text: &str, color: Option<&String>) -> Value {
    let mut m = Map::new();
    if let Some(c) = color {
        m.insert("color".into(), json!(c));
    }
    m.insert("index".into(), json!(index));
    m.insert("text".into(), json!(text));
    Value::Object(m)
}

fn mapping(index: usize, m: &ValueMapping) -> Value {
    match m {
        ValueMapping::Value { value, text, color } => {
            let mut options = Map::new();
            options.insert(value.clone(), result(index, text, color.as_ref()));
            json!({ "options": options, "type": "value" })
        }
        ValueMapping::Range {
            from,
            to,
            text,
            color,
        } => json!({
            "options": {
                "from": from.map_or(Value::Null, num),
                "result": result(index, text, color.as_ref()),
                "to": to.map_or(Value::Null, num),
            },
            "type": "range",
        }),
        ValueMapping::Regex {
            pattern,
            text,
            color,
        } => json!({
            "options": { "pattern": pattern, "result": result(index, text, color.as_ref()) },
            "type": "regex",
        }),
        ValueMapping::Special {
            matches,
            text,
            color,
        } => json!({
            "options": { "match": matches, "result": result(index, text, color.as_ref()) },
            "type": "special",
        }),
    }
}

fn overrides(panel: &Panel) -> Value {
    panel
        .overrides
        .iter()
        .map(|o| {
            let (id, options) = match &o.matcher {
                OverrideMatcher::Name(n) => ("byName", n),
                OverrideMatcher::Regex(r) => ("byRegexp", r),
            };
            let properties: Vec<Value> = o
                .properties
                .iter()
                .map(|p| json!({ "id": p.id, "value": p.value }))
                .collect();
            json!({ "matcher": { "id": id, "options": options }, "properties": properties })
        })
        .collect()
}
