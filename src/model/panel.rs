use super::{Millis, Query};
use crate::diagnostic::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub kind: PanelKind,
    pub title: String,
    pub description: Option<String>,
    pub targets: Vec<Target>,
    /// Markdown or HTML content of a text panel.
    pub content: Option<TextContent>,
    pub display: Display,
    pub links: Vec<PanelLink>,
    pub mappings: Vec<ValueMapping>,
    pub overrides: Vec<Override>,
    /// Repeat the panel for each value of this variable.
    pub repeat: Option<String>,
    pub layout: LayoutHint,
    pub span: Span,
}

impl Panel {
    /// A panel of `kind` with nothing set: no queries, Grafana's display defaults,
    /// automatic layout.
    pub fn new(kind: PanelKind, title: impl Into<String>, span: Span) -> Panel {
        Panel {
            kind,
            title: title.into(),
            description: None,
            targets: Vec::new(),
            content: None,
            display: Display::default(),
            links: Vec::new(),
            mappings: Vec::new(),
            overrides: Vec::new(),
            repeat: None,
            layout: LayoutHint::default(),
            span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PanelKind {
    Timeseries,
    Stat,
    Gauge,
    BarGauge,
    Table,
    Heatmap,
    Text,
    Logs,
}

impl PanelKind {
    /// Grafana's plugin id.
    pub fn plugin_id(self) -> &'static str {
        match self {
            PanelKind::Timeseries => "timeseries",
            PanelKind::Stat => "stat",
            PanelKind::Gauge => "gauge",
            PanelKind::BarGauge => "bargauge",
            PanelKind::Table => "table",
            PanelKind::Heatmap => "heatmap",
            PanelKind::Text => "text",
            PanelKind::Logs => "logs",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextContent {
    pub markdown: bool,
    pub text: String,
}

/// One query of a panel. `ref_id` is assigned by resolve: A, B, ... Z, AA, ...
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub ref_id: String,
    pub query: Query,
    /// Legend format, `{{label}}` placeholders kept as written.
    pub legend: Option<String>,
    pub kind: QueryKind,
    /// Minimum step (`interval` in Grafana's JSON), e.g. `1m` or `$__interval`.
    pub interval: Option<String>,
    pub format: TargetFormat,
    pub hide: bool,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueryKind {
    #[default]
    Range,
    Instant,
    Both,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TargetFormat {
    #[default]
    TimeSeries,
    Table,
    Heatmap,
}

/// What the panel shows and how: Grafana's `fieldConfig.defaults` plus the few options
/// dac sets. `None` leaves Grafana's own default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Display {
    pub unit: Option<String>,
    pub decimals: Option<u32>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub thresholds: Option<Thresholds>,
    pub color_mode: Option<ColorMode>,
    pub stacking: Option<Stacking>,
    /// Fill opacity, 0 to 100.
    pub fill: Option<u32>,
    pub line_width: Option<u32>,
    /// Stat/gauge reduction, Grafana's calc names (`lastNotNull`, `mean`, ...).
    pub reduce: Option<String>,
    pub legend: Option<LegendDisplay>,
    pub graph_mode: Option<String>,
    pub orientation: Option<String>,
    pub max_data_points: Option<u32>,
    pub min_interval: Option<String>,
    pub time_from: Option<Millis>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    pub percentage: bool,
    /// The first step has no value (it is the base, "-Infinity" in Grafana).
    pub steps: Vec<ThresholdStep>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThresholdStep {
    pub value: Option<f64>,
    pub color: String,
}

/// Grafana's `color.mode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColorMode {
    PaletteClassic,
    Thresholds,
    Fixed(String),
    Scheme(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stacking {
    None,
    Normal,
    Percent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendDisplay {
    /// `list`, `table` or `hidden`.
    pub mode: String,
    /// `bottom` or `right`.
    pub placement: String,
    /// Calculations shown in the legend (`mean`, `max`, `lastNotNull`).
    pub calcs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelLink {
    pub title: String,
    pub url: String,
    pub target_blank: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueMapping {
    Value {
        value: String,
        text: String,
        color: Option<String>,
    },
    Range {
        from: Option<f64>,
        to: Option<f64>,
        text: String,
        color: Option<String>,
    },
    Regex {
        pattern: String,
        text: String,
        color: Option<String>,
    },
    /// `null`, `nan`, `null+nan`, `true`, `false`, `empty`.
    Special {
        matches: String,
        text: String,
        color: Option<String>,
    },
}

/// Field overrides for the series a matcher picks.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub matcher: OverrideMatcher,
    pub properties: Vec<OverrideProperty>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverrideMatcher {
    /// Grafana's `byName`.
    Name(String),
    /// Grafana's `byRegexp`.
    Regex(String),
}

/// One property of an override, by Grafana's property id (`unit`, `color`,
/// `custom.fillOpacity`, `displayName`, ...), with its JSON value.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideProperty {
    pub id: String,
    pub value: serde_json::Value,
}

/// Explicit layout; what is `None` the automatic layout decides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutHint {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub x: Option<u32>,
    pub y: Option<u32>,
}
