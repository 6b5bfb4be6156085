//! `fieldConfig`: the defaults every field of a panel gets, and the overrides.
//!
//! Typed structs with fields in alphabetical order: the order Grafana saves them in,
//! without building a map per panel.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::{
    ColorMode, Display, OverrideMatcher, Panel, PanelKind, Stacking, Thresholds, ValueMapping,
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
    mode: String,
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

fn color(kind: PanelKind, mode: Option<&ColorMode>) -> Color {
    let (mode, fixed_color) = match mode {
        Some(ColorMode::PaletteClassic) => ("palette-classic".to_string(), None),
        Some(ColorMode::Thresholds) => ("thresholds".to_string(), None),
        Some(ColorMode::Fixed(c)) => ("fixed".to_string(), Some(c.clone())),
        Some(ColorMode::Scheme(s)) => (
            super::color_mode_id(s).map_or_else(|| s.clone(), str::to_string),
            None,
        ),
        None if kind == PanelKind::Timeseries => ("palette-classic".to_string(), None),
        None => ("thresholds".to_string(), None),
    };
    Color { fixed_color, mode }
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
                mode: stacking(d.stacking),
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

fn stacking(s: Option<Stacking>) -> &'static str {
    match s {
        None | Some(Stacking::None) => "none",
        Some(Stacking::Normal) => "normal",
        Some(Stacking::Percent) => "percent",
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
            "options": { "match": matches, "result": result(index, text, color.as_ref()) },
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
            let properties: Vec<Value> = o
                .properties
                .iter()
                .map(|p| json!({ "id": p.id, "value": p.value }))
                .collect();
            json!({ "matcher": { "id": id, "options": options }, "properties": properties })
        })
        .collect()
}
