use super::Step;
use crate::diagnostic::Span;

/// A dashboard template variable.
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    pub name: String,
    pub label: Option<String>,
    pub description: Option<String>,
    pub kind: VariableKind,
    pub multi: bool,
    pub include_all: bool,
    /// Custom value for "All" (e.g. `.*`).
    pub all_value: Option<String>,
    /// Regex applied to the values a query returns.
    pub regex: Option<String>,
    pub refresh: Refresh,
    pub hide: Hide,
    /// Grafana's sort id (0 disabled, 1 alphabetical asc, ...).
    pub sort: u32,
    /// Default selection.
    pub current: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VariableKind {
    /// `label_values(...)`, `query_result(...)`, `metrics(...)`, `label_names()`, as written.
    Query {
        query: String,
    },
    Custom {
        values: Vec<String>,
    },
    Interval {
        values: Vec<Step>,
        /// Whether Grafana's `auto` option was asked for (its schema cannot hold it).
        auto: bool,
    },
    Constant {
        value: String,
    },
    Textbox {
        default: String,
    },
    Datasource {
        plugin: String,
        regex: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Refresh {
    Never,
    #[default]
    OnLoad,
    OnTimeRangeChange,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Hide {
    #[default]
    Nothing,
    Label,
    Variable,
}
