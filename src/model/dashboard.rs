use super::{Millis, Panel, Variable};
use crate::diagnostic::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub uid: String,
    pub uid_span: Span,
    pub title: String,
    /// Grafana folder title; `None` means the project default from `dac.toml`.
    pub folder: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    /// Auto-refresh interval; `None` for off.
    pub refresh: Option<Millis>,
    /// The time range shown when the dashboard opens.
    pub time: TimeRange,
    /// `browser`, `utc`, or an IANA zone; empty means the user's default.
    pub timezone: String,
    pub graph_tooltip: GraphTooltip,
    pub links: Vec<DashboardLink>,
    pub datasource: DatasourceRef,
    pub variables: Vec<Variable>,
    /// Top-level panels and rows in source order; rows hold their own panels.
    pub items: Vec<Item>,
    pub span: Span,
}

/// A dashboard's time range, `from` to `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeRange {
    pub from: TimePoint,
    pub to: TimePoint,
}

impl Default for TimeRange {
    /// The last six hours.
    fn default() -> Self {
        TimeRange {
            from: TimePoint::Ago(Millis(6 * 3_600_000)),
            to: TimePoint::Now,
        }
    }
}

/// One end of a time range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimePoint {
    Now,
    /// This long before now.
    Ago(Millis),
    /// A point in the dashboard tool's own time syntax (`now/d`, `now-7d`, an absolute
    /// date), kept as written.
    Written(String),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GraphTooltip {
    #[default]
    Default,
    SharedCrosshair,
    SharedTooltip,
}

/// The datasource every panel and query variable uses unless it names another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatasourceRef {
    /// A `${name}` variable of type prometheus, added to the dashboard's variables by the
    /// emitter unless a datasource variable of that name is declared.
    Variable(String),
    /// A fixed datasource uid.
    Uid(String),
}

impl Default for DatasourceRef {
    fn default() -> Self {
        DatasourceRef::Variable("datasource".to_string())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardLink {
    pub title: String,
    pub kind: DashboardLinkKind,
    pub tooltip: Option<String>,
    pub icon: Option<String>,
    pub target_blank: bool,
    pub include_vars: bool,
    pub keep_time: bool,
    pub as_dropdown: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DashboardLinkKind {
    /// A plain link.
    Url(String),
    /// Other dashboards carrying any of these tags.
    Dashboards { tags: Vec<String> },
}

// Rows are few; boxing panels would only make every use site noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Panel(Panel),
    Row(Row),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub title: String,
    pub collapsed: bool,
    /// Repeat the row for each value of this variable.
    pub repeat: Option<String>,
    pub panels: Vec<Panel>,
    pub span: Span,
}
