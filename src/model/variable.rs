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
    /// The order of the values a query returns.
    pub sort: VariableSort,
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

/// How a query variable orders its values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VariableSort {
    /// In the order the query returns them.
    #[default]
    None,
    AlphabeticalAsc,
    AlphabeticalDesc,
    NumericalAsc,
    NumericalDesc,
    AlphabeticalCaseInsensitiveAsc,
    AlphabeticalCaseInsensitiveDesc,
    NaturalAsc,
    NaturalDesc,
}

impl VariableSort {
    pub const ALL: [VariableSort; 9] = [
        VariableSort::None,
        VariableSort::AlphabeticalAsc,
        VariableSort::AlphabeticalDesc,
        VariableSort::NumericalAsc,
        VariableSort::NumericalDesc,
        VariableSort::AlphabeticalCaseInsensitiveAsc,
        VariableSort::AlphabeticalCaseInsensitiveDesc,
        VariableSort::NaturalAsc,
        VariableSort::NaturalDesc,
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Hide {
    #[default]
    Nothing,
    Label,
    Variable,
}
