//! `options`: each panel plugin's own settings, with the values Grafana writes for a
//! new panel of that type unless the source says otherwise. Fields are declared in
//! alphabetical order, the order Grafana saves them in.

use serde::Serialize;

use super::ids;
use crate::model::{
    ColorMode, Display, GraphMode, LegendMode, Orientation, Panel, PanelKind, Reducer,
};

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Options {
    Timeseries(TimeseriesOptions),
    Stat(StatOptions),
    Gauge(GaugeOptions),
    BarGauge(BarGaugeOptions),
    Table(TableOptions),
    Heatmap(Box<HeatmapOptions>),
    Text(TextOptions),
    Logs(LogsOptions),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Legend {
    calcs: Vec<&'static str>,
    display_mode: &'static str,
    placement: &'static str,
    show_legend: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tooltip {
    hide_zeros: bool,
    mode: &'static str,
    sort: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TimeseriesOptions {
    legend: Legend,
    tooltip: Tooltip,
}

#[derive(Debug, Serialize)]
pub struct ReduceOptions {
    calcs: Vec<&'static str>,
    fields: &'static str,
    values: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatOptions {
    color_mode: &'static str,
    graph_mode: &'static str,
    justify_mode: &'static str,
    orientation: &'static str,
    percent_change_color_mode: &'static str,
    reduce_options: ReduceOptions,
    show_percent_change: bool,
    text_mode: &'static str,
    wide_layout: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GaugeOptions {
    min_viz_height: u32,
    min_viz_width: u32,
    orientation: &'static str,
    reduce_options: ReduceOptions,
    show_threshold_labels: bool,
    show_threshold_markers: bool,
    sizing: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BarGaugeOptions {
    display_mode: &'static str,
    legend: Legend,
    max_viz_height: u32,
    min_viz_height: u32,
    min_viz_width: u32,
    name_placement: &'static str,
    orientation: &'static str,
    reduce_options: ReduceOptions,
    show_unfilled: bool,
    sizing: &'static str,
    value_mode: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Footer {
    count_rows: bool,
    fields: &'static str,
    reducer: [&'static str; 1],
    show: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableOptions {
    cell_height: &'static str,
    footer: Footer,
    show_header: bool,
}

#[derive(Debug, Serialize)]
pub struct HeatmapColor {
    exponent: f64,
    fill: String,
    mode: &'static str,
    reverse: bool,
    scale: &'static str,
    scheme: String,
    steps: u32,
}

#[derive(Debug, Serialize)]
pub struct ColorOnly {
    color: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FilterValues {
    le: f64,
}

#[derive(Debug, Serialize)]
pub struct ShowOnly {
    show: bool,
}

#[derive(Debug, Serialize)]
pub struct LayoutOnly {
    layout: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatmapTooltip {
    mode: &'static str,
    show_color_scale: bool,
    y_histogram: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YAxis {
    axis_placement: &'static str,
    reverse: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatmapOptions {
    calculate: bool,
    cell_gap: u32,
    color: HeatmapColor,
    exemplars: ColorOnly,
    filter_values: FilterValues,
    legend: ShowOnly,
    rows_frame: LayoutOnly,
    tooltip: HeatmapTooltip,
    y_axis: YAxis,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeOptions {
    language: &'static str,
    show_line_numbers: bool,
    show_mini_map: bool,
}

#[derive(Debug, Serialize)]
pub struct TextOptions {
    code: CodeOptions,
    content: String,
    mode: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogsOptions {
    dedup_strategy: &'static str,
    enable_log_details: bool,
    prettify_log_message: bool,
    show_common_labels: bool,
    show_labels: bool,
    show_time: bool,
    sort_order: &'static str,
    wrap_log_message: bool,
}

fn orientation(d: &Display, default: Orientation) -> &'static str {
    ids::orientation(d.orientation.unwrap_or(default))
}

pub fn options(panel: &Panel) -> Options {
    let d = &panel.display;
    match panel.kind {
        PanelKind::Timeseries => Options::Timeseries(TimeseriesOptions {
            legend: legend(d, true),
            tooltip: Tooltip {
                hide_zeros: false,
                mode: "single",
                sort: "none",
            },
        }),
        PanelKind::Stat => Options::Stat(StatOptions {
            color_mode: "value",
            graph_mode: ids::graph_mode(d.graph_mode.unwrap_or(GraphMode::Area)),
            justify_mode: "auto",
            orientation: orientation(d, Orientation::Auto),
            percent_change_color_mode: "standard",
            reduce_options: reduce(d),
            show_percent_change: false,
            text_mode: "auto",
            wide_layout: true,
        }),
        PanelKind::Gauge => Options::Gauge(GaugeOptions {
            min_viz_height: 75,
            min_viz_width: 75,
            orientation: orientation(d, Orientation::Auto),
            reduce_options: reduce(d),
            show_threshold_labels: false,
            show_threshold_markers: true,
            sizing: "auto",
        }),
        PanelKind::BarGauge => Options::BarGauge(BarGaugeOptions {
            display_mode: "gradient",
            legend: legend(d, false),
            max_viz_height: 300,
            min_viz_height: 16,
            min_viz_width: 8,
            name_placement: "auto",
            orientation: orientation(d, Orientation::Horizontal),
            reduce_options: reduce(d),
            show_unfilled: true,
            sizing: "auto",
            value_mode: "color",
        }),
        PanelKind::Table => Options::Table(TableOptions {
            cell_height: "sm",
            footer: Footer {
                count_rows: false,
                fields: "",
                reducer: ["sum"],
                show: false,
            },
            show_header: true,
        }),
        PanelKind::Heatmap => Options::Heatmap(Box::new(HeatmapOptions {
            calculate: false,
            cell_gap: 1,
            color: heatmap_color(d),
            exemplars: ColorOnly {
                color: "rgba(255,0,255,0.7)",
            },
            filter_values: FilterValues { le: 1e-9 },
            legend: ShowOnly { show: true },
            rows_frame: LayoutOnly { layout: "auto" },
            tooltip: HeatmapTooltip {
                mode: "single",
                show_color_scale: false,
                y_histogram: false,
            },
            y_axis: YAxis {
                axis_placement: "left",
                reverse: false,
                unit: d.unit.clone(),
            },
        })),
        PanelKind::Text => {
            let (mode, content) = match &panel.content {
                Some(c) => (if c.markdown { "markdown" } else { "html" }, c.text.clone()),
                None => ("markdown", String::new()),
            };
            Options::Text(TextOptions {
                code: CodeOptions {
                    language: "plaintext",
                    show_line_numbers: false,
                    show_mini_map: false,
                },
                content,
                mode,
            })
        }
        PanelKind::Logs => Options::Logs(LogsOptions {
            dedup_strategy: "none",
            enable_log_details: true,
            prettify_log_message: false,
            show_common_labels: false,
            show_labels: false,
            show_time: false,
            sort_order: "Descending",
            wrap_log_message: false,
        }),
    }
}

/// A scheme colors cells by count; a fixed color shades one color by opacity.
fn heatmap_color(d: &Display) -> HeatmapColor {
    let (mode, fill, scheme) = match &d.color_mode {
        Some(ColorMode::Fixed(c)) => ("opacity", c.clone(), "Oranges".to_string()),
        Some(ColorMode::HeatmapScheme(s)) => ("scheme", "dark-orange".to_string(), s.clone()),
        Some(ColorMode::Scheme(s)) => (
            "scheme",
            "dark-orange".to_string(),
            ids::color_scheme(*s).to_string(),
        ),
        _ => ("scheme", "dark-orange".to_string(), "Oranges".to_string()),
    };
    HeatmapColor {
        exponent: 0.5,
        fill,
        mode,
        reverse: false,
        scale: "exponential",
        scheme,
        steps: 64,
    }
}

fn reduce(d: &Display) -> ReduceOptions {
    ReduceOptions {
        calcs: vec![ids::reducer(d.reduce.unwrap_or(Reducer::LastNotNull))],
        fields: "",
        values: false,
    }
}

/// `hidden` is written the way current Grafana does: list mode, `showLegend: false`.
fn legend(d: &Display, shown_by_default: bool) -> Legend {
    match &d.legend {
        Some(l) => Legend {
            calcs: l.calcs.iter().map(|r| ids::reducer(*r)).collect(),
            display_mode: ids::legend_mode(l.mode),
            placement: ids::legend_placement(l.placement),
            show_legend: l.mode != LegendMode::Hidden,
        },
        None => Legend {
            calcs: Vec::new(),
            display_mode: "list",
            placement: "bottom",
            show_legend: shown_by_default,
        },
    }
}
