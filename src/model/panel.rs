use super::{Display, Override, Query, Step};
use crate::diagnostic::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub kind: PanelKind,
    pub title: String,
    /// Where the title is written (the string after the panel's kind).
    pub title_span: Span,
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
            title_span: span,
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
    /// Where the legend's string is written.
    pub legend_span: Option<Span>,
    pub kind: QueryKind,
    /// Minimum step (`interval` in Grafana's JSON), e.g. `1m` or `$__interval`.
    pub interval: Option<Step>,
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
    /// A value that is not a plain number or string.
    Special {
        matches: SpecialValue,
        text: String,
        color: Option<String>,
    },
}

/// What a special value mapping matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialValue {
    Null,
    NaN,
    NullOrNaN,
    True,
    False,
    Empty,
}

/// Explicit layout; what is `None` the automatic layout decides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutHint {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub x: Option<u32>,
    pub y: Option<u32>,
}
