//! `fieldConfig`: the defaults every field of a panel gets, and the overrides.
//!
//! Typed structs with fields in alphabetical order: the order Grafana saves them in,
//! without building a map per panel.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::ids;
use crate::model::{
    ColorMode, Display, OverrideMatcher, OverrideProperty, Panel, PanelKind, PropertyValue,
    Stacking, Thresholds, ValueMapping,
};

/// A number as Grafana writes it: integral values without a fraction. JSON has no
/// infinity or NaN; they become `null`, which Grafana reads as unbounded.
pub fn num(f: f64) -> Value {
    if !f.is_finite() {
        Value::Null
    } else if f == f.trunc() && f.abs() < 9.0e15 {
        json!(f as i64)
    } else {
        json!(f)
    }
}

/// A bound that is written only when it is a number.
fn finite(f: Option<f64>) -> Option<Value> {
    f.filter(|f| f.is_finite()).map(num)
}

#[derive(Debug, Serialize)]
pub struct FieldConfigJson {
    defaults: Defaults,
    overrides: Vec<Value>,
}

#[derive(Debug, Default, Serialize)]
struct Defaults {
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<Color>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom: Option<Custom>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decimals: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mappings: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thresholds: Option<ThresholdsJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Color {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_color: Option<String>,
    mode: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Custom {
    Timeseries(TimeseriesCustom),
    Table(TableCustom),
    Heatmap(HeatmapCustom),
}

#[derive(Debug, Serialize)]
struct HideFrom {
    legend: bool,
    tooltip: bool,
    viz: bool,
}

const SHOWN: HideFrom = HideFrom {
    legend: false,
    tooltip: false,
    viz: false,
};

#[derive(Debug, Serialize)]
struct TypeOnly {
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Debug, Serialize)]
struct ModeOnly {
    mode: &'static str,
}

#[derive(Debug, Serialize)]
struct StackingJson {
    group: &'static str,
    mode: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TimeseriesCustom {
    axis_border_show: bool,
    axis_centered_zero: bool,
    axis_color_mode: &'static str,
    axis_label: &'static str,
    axis_placement: &'static str,
    bar_alignment: u32,
    bar_width_factor: f64,
    draw_style: &'static str,
    fill_opacity: u32,
    gradient_mode: &'static str,
    hide_from: HideFrom,
    insert_nulls: bool,
    line_interpolation: &'static str,
    line_width: u32,
    point_size: u32,
    scale_distribution: TypeOnly,
    show_points: &'static str,
    span_nulls: bool,
    stacking: StackingJson,
    thresholds_style: ModeOnly,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TableCustom {
    align: &'static str,
    cell_options: TypeOnly,
    inspect: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct HeatmapCustom {
    hide_from: HideFrom,
    scale_distribution: TypeOnly,
}

#[derive(Debug, Serialize)]
struct ThresholdsJson {
    mode: &'static str,
    steps: Vec<Step>,
}

#[derive(Debug, Serialize)]
struct Step {
    color: String,
    value: Value,
}

pub fn field_config(panel: &Panel) -> FieldConfigJson {
    FieldConfigJson {
        defaults: defaults(panel),
        overrides: overrides(panel),
    }
}

fn defaults(panel: &Panel) -> Defaults {
    let d = &panel.display;
    match panel.kind {
        PanelKind::Text | PanelKind::Logs => Defaults::default(),
        PanelKind::Heatmap => Defaults {
            custom: Some(Custom::Heatmap(HeatmapCustom {
                hide_from: SHOWN,
                scale_distribution: TypeOnly { kind: "linear" },
            })),
            ..Defaults::default()
        },
        _ => Defaults {
            color: Some(color(panel.kind, d.color_mode.as_ref())),
            custom: custom(panel.kind, d),
            decimals: d.decimals,
            mappings: Some(
                panel
                    .mappings
                    .iter()
                    .enumerate()
                    .map(|(i, v)| mapping(i, v))
                    .collect(),
            ),
            max: finite(d.max),
            min: finite(d.min),
            thresholds: Some(thresholds(d.thresholds.as_ref())),
            unit: d.unit.clone(),
        },
    }
}

/// The field color of a panel of `kind`; without a mode (or with a heatmap's own
/// scheme, which is no field color), the kind's default.
fn color(kind: PanelKind, mode: Option<&ColorMode>) -> Color {
    match mode.and_then(color_of) {
        Some(c) => c,
        None if kind == PanelKind::Timeseries => Color {
            fixed_color: None,
            mode: "palette-classic",
        },
        None => Color {
            fixed_color: None,
            mode: "thresholds",
        },
    }
}

/// Grafana's `color` for a color mode: the one mapping of modes, for defaults and
/// overrides alike.
fn color_of(mode: &ColorMode) -> Option<Color> {
    let (mode, fixed_color) = match mode {
        ColorMode::PaletteClassic => ("palette-classic", None),
        ColorMode::Thresholds => ("thresholds", None),
        ColorMode::Fixed(c) => ("fixed", Some(c.clone())),
        ColorMode::Scheme(s) => (ids::color_scheme(*s), None),
        ColorMode::HeatmapScheme(_) => return None,
    };
    Some(Color { fixed_color, mode })
}

fn custom(kind: PanelKind, d: &Display) -> Option<Custom> {
    match kind {
        PanelKind::Timeseries => Some(Custom::Timeseries(TimeseriesCustom {
            axis_border_show: false,
            axis_centered_zero: false,
            axis_color_mode: "text",
            axis_label: "",
            axis_placement: "auto",
            bar_alignment: 0,
            bar_width_factor: 0.6,
            draw_style: "line",
            fill_opacity: d.fill.unwrap_or(0),
            gradient_mode: "none",
            hide_from: SHOWN,
            insert_nulls: false,
            line_interpolation: "linear",
            line_width: d.line_width.unwrap_or(1),
            point_size: 5,
            scale_distribution: TypeOnly { kind: "linear" },
            show_points: "auto",
            span_nulls: false,
            stacking: StackingJson {
                group: "A",
                mode: ids::stacking(d.stacking.unwrap_or(Stacking::None)),
            },
            thresholds_style: ModeOnly { mode: "off" },
        })),
        PanelKind::Table => Some(Custom::Table(TableCustom {
            align: "auto",
            cell_options: TypeOnly { kind: "auto" },
            inspect: false,
        })),
        _ => None,
    }
}

/// Grafana's default for a new panel when none are given: green, then red from 80.
fn thresholds(t: Option<&Thresholds>) -> ThresholdsJson {
    let Some(t) = t else {
        return ThresholdsJson {
            mode: "absolute",
            steps: vec![
                Step {
                    color: "green".to_string(),
                    value: Value::Null,
                },
                Step {
                    color: "red".to_string(),
                    value: json!(80),
                },
            ],
        };
    };
    ThresholdsJson {
        mode: if t.percentage {
            "percentage"
        } else {
            "absolute"
        },
        steps: t
            .steps
            .iter()
            .map(|s| Step {
                color: s.color.clone(),
                value: s.value.map_or(Value::Null, num),
            })
            .collect(),
    }
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
            "options": {
                "match": ids::special_value(*matches),
                "result": result(index, text, color.as_ref()),
            },
            "type": "special",
        }),
    }
}

fn overrides(panel: &Panel) -> Vec<Value> {
    panel
        .overrides
        .iter()
        .map(|o| {
            let (id, options) = match &o.matcher {
                OverrideMatcher::Name(n) => ("byName", n),
                OverrideMatcher::Regex(r) => ("byRegexp", r),
            };
            let properties: Vec<Value> = o.properties.iter().filter_map(property).collect();
            json!({ "matcher": { "id": id, "options": options }, "properties": properties })
        })
        .collect()
}

/// One override property as Grafana's `{ id, value }`; `None` for a heatmap's cell
/// scheme, which colors no field.
fn property(p: &OverrideProperty) -> Option<Value> {
    let (id, value) = match p {
        OverrideProperty::Unit(u) => ("unit", json!(u)),
        OverrideProperty::Decimals(n) => ("decimals", json!(n)),
        OverrideProperty::Min(n) => ("min", num(*n)),
        OverrideProperty::Max(n) => ("max", num(*n)),
        OverrideProperty::FillOpacity(n) => ("custom.fillOpacity", json!(n)),
        OverrideProperty::LineWidth(n) => ("custom.lineWidth", json!(n)),
        OverrideProperty::DisplayName(name) => ("displayName", json!(name)),
        OverrideProperty::Hidden(b) => (
            "custom.hideFrom",
            json!({ "legend": b, "tooltip": b, "viz": b }),
        ),
        OverrideProperty::Stacking(s) => (
            "custom.stacking",
            json!({ "mode": ids::stacking(*s), "group": "A" }),
        ),
        OverrideProperty::Color(mode) => ("color", color_json(mode)?),
        OverrideProperty::Thresholds(t) => {
            let t = thresholds(Some(t));
            let steps: Vec<Value> = t
                .steps
                .into_iter()
                .map(|s| json!({ "color": s.color, "value": s.value }))
                .collect();
            ("thresholds", json!({ "mode": t.mode, "steps": steps }))
        }
        OverrideProperty::Custom { id, value } => {
            return Some(json!({ "id": id, "value": property_value(value) }));
        }
    };
    Some(json!({ "id": id, "value": value }))
}

fn color_json(mode: &ColorMode) -> Option<Value> {
    let c = color_of(mode)?;
    Some(match c.fixed_color {
        Some(fixed) => json!({ "fixedColor": fixed, "mode": c.mode }),
        None => json!({ "mode": c.mode }),
    })
}

/// A custom property's value as JSON; a map key written twice keeps its last value.
fn property_value(v: &PropertyValue) -> Value {
    match v {
        PropertyValue::Null => Value::Null,
        PropertyValue::Bool(b) => json!(b),
        PropertyValue::Number(n) => num(*n),
        PropertyValue::String(s) => json!(s),
        PropertyValue::List(items) => Value::Array(items.iter().map(property_value).collect()),
        PropertyValue::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                map.insert(key.clone(), property_value(value));
            }
            Value::Object(map)
        }
    }
}
