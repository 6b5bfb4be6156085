//! Semantic errors of resolve: `{ span, kind }`, the wording in one `Display`, other
//! places involved as related labels.

use std::fmt;

use super::routing_error::RoutingError;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity, Span};

#[derive(Clone, Debug, PartialEq)]
pub struct ResolveError {
    pub span: Span,
    pub kind: ErrorKind,
    /// Other places involved: the first definition of a duplicate, a template's
    /// definition, the other end of an import cycle.
    pub related: Vec<(Span, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    UnknownKeyword {
        keyword: String,
        context: &'static str,
        suggestion: Option<String>,
        /// What the block takes, for the help.
        known: String,
    },
    MissingEquals {
        name: String,
    },
    NotAnAttribute {
        name: String,
    },
    NotABlock {
        keyword: String,
        usage: &'static str,
    },
    DuplicateAttribute {
        name: String,
    },
    MissingAttribute {
        name: &'static str,
        context: String,
    },
    WrongType {
        what: String,
        expected: &'static str,
        found: &'static str,
    },
    BadValue {
        what: String,
        value: String,
        expected: String,
    },
    OperatorOutsideScope {
        op: &'static str,
    },
    Duplicate {
        what: Duplicated,
        name: String,
    },
    UidTooLong {
        uid: String,
        len: usize,
    },
    UidCharacters {
        uid: String,
    },
    BadName {
        what: &'static str,
        name: String,
        rule: &'static str,
    },
    UnknownUnit {
        unit: String,
        suggestion: Option<String>,
    },
    GrafanaVariableInRule {
        variable: String,
    },
    UndeclaredVariable {
        variable: String,
        suggestion: Option<String>,
    },
    ImportNotFound {
        path: String,
        reason: String,
    },
    ImportCycle {
        path: String,
    },
    RootNotFound {
        path: String,
        reason: String,
    },
    UnknownTemplate {
        name: String,
        suggestion: Option<String>,
        elsewhere: bool,
    },
    TemplateKind {
        name: String,
        kind: &'static str,
        context: &'static str,
    },
    MissingParameter {
        template: String,
        parameter: String,
    },
    UnknownParameter {
        template: String,
        parameter: String,
        suggestion: Option<String>,
    },
    ParameterType {
        parameter: String,
        expected: String,
        found: &'static str,
    },
    UnknownParamReference {
        name: String,
        suggestion: Option<String>,
    },
    ParamOutsideTemplate {
        name: String,
    },
    UnknownType {
        name: String,
    },
    TemplateRecursion {
        name: String,
    },
    /// Expansion copied more than the budget allows; `chain` is the templates being
    /// expanded, outermost first, ending with the one that blew it.
    ExpansionTooLarge {
        chain: Vec<String>,
        limit: usize,
    },
    BadVariableQuery {
        reason: String,
    },
    NotASeries,
    PanelAfterRow,
    StrayLegend,
    UnknownExpectedAlert {
        name: String,
        suggestion: Option<String>,
    },
    /// An attribute dac knows, written in a panel kind it means nothing for.
    InapplicableAttribute {
        name: String,
        /// What it does, from the schema.
        doc: &'static str,
        context: &'static str,
        /// The kinds it applies to, for the help.
        applies_to: String,
        /// What this kind takes.
        known: String,
    },
    ThresholdsOrder {
        value: String,
        previous: String,
    },
    BadColor {
        color: String,
        suggestion: Option<String>,
    },
    /// An explicit `y` above the header of the panel's own row.
    PanelAboveRow {
        y: u32,
        row_y: u32,
    },
    PanelOverlap {
        other: String,
    },
    /// A warning: Grafana shows "No data".
    TableWithoutQuery {
        title: String,
    },
    /// A `color_scheme` that names no field color scheme.
    UnknownColorScheme {
        scheme: String,
        suggestion: Option<String>,
        /// Every scheme, for the help.
        known: String,
    },
    /// The dashboard's datasource variable is declared with another type.
    DatasourceVariableType {
        variable: String,
    },
    /// A warning: an interval variable's `auto`, which is not written.
    IntervalAuto {
        variable: String,
    },
    /// A label key or value for Kubernetes metadata or a selector that Kubernetes rejects.
    KubernetesLabel {
        text: String,
        is_key: bool,
        /// The object it is for.
        what: &'static str,
    },
    /// A fault of a `routing` block ([`RoutingError`] words it).
    Routing(RoutingError),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            UnknownKeyword {
                keyword, context, ..
            } => {
                write!(f, "unknown statement `{keyword}` in {context}")
            }
            MissingEquals { name } => write!(f, "expected `=` after attribute name `{name}`"),
            NotAnAttribute { name } => write!(f, "`{name}` is a block, not an attribute"),
            NotABlock { keyword, usage } => {
                write!(
                    f,
                    "`{keyword}` is not written like this: expected `{usage}`"
                )
            }
            DuplicateAttribute { name } => write!(f, "`{name}` is set twice"),
            MissingAttribute { name, context } => write!(f, "{context} has no `{name}`"),
            WrongType {
                what,
                expected,
                found,
            } => {
                write!(f, "`{what}` must be {expected}, found {found}")
            }
            BadValue {
                what,
                value,
                expected,
            } => {
                write!(f, "`{value}` is not a valid `{what}`: expected {expected}")
            }
            OperatorOutsideScope { op } => {
                write!(
                    f,
                    "the matcher operator `{op}` is only allowed in a `scope`"
                )
            }
            Duplicate { what, name } => write!(f, "duplicate {what} `{name}`"),
            UidTooLong { uid, len } => write!(
                f,
                "dashboard uid `{uid}` is {len} characters long; Grafana allows at most 40"
            ),
            UidCharacters { uid } => write!(
                f,
                "dashboard uid `{uid}` has characters Grafana rejects (allowed: A-Z a-z 0-9 - _)"
            ),
            BadName { what, name, rule } => write!(f, "{what} `{name}` is not valid: {rule}"),
            UnknownUnit { unit, .. } => write!(f, "unknown Grafana unit `{unit}`"),
            GrafanaVariableInRule { variable } => write!(
                f,
                "Grafana variable `{variable}` in a rule expression: Prometheus cannot fill it in"
            ),
            UndeclaredVariable { variable, .. } => {
                write!(f, "the dashboard declares no variable `${variable}`")
            }
            ImportNotFound { path, reason } => write!(f, "cannot import `{path}`: {reason}"),
            ImportCycle { path } => write!(f, "import cycle: `{path}` imports this file back"),
            RootNotFound { path, reason } => write!(f, "cannot read `{path}`: {reason}"),
            UnknownTemplate { name, .. } => write!(f, "unknown template `{name}`"),
            TemplateKind {
                name,
                kind,
                context,
            } => write!(
                f,
                "template `{name}` holds {kind}, which cannot be used in {context}"
            ),
            MissingParameter {
                template,
                parameter,
            } => write!(
                f,
                "missing parameter `{parameter}` of template `{template}`"
            ),
            UnknownParameter {
                template,
                parameter,
                ..
            } => write!(f, "template `{template}` has no parameter `{parameter}`"),
            ParameterType {
                parameter,
                expected,
                found,
            } => write!(
                f,
                "parameter `{parameter}` must be {expected}, found {found}"
            ),
            UnknownParamReference { name, .. } => {
                write!(f, "`@{name}` is not a parameter of this template")
            }
            ParamOutsideTemplate { name } => {
                write!(
                    f,
                    "`@{name}` is a template parameter, used outside a template"
                )
            }
            UnknownType { name } => write!(f, "unknown parameter type `{name}`"),
            TemplateRecursion { name } => {
                write!(
                    f,
                    "template `{name}` uses itself, or templates nest too deep"
                )
            }
            ExpansionTooLarge { chain, limit } => {
                let chain: Vec<String> = chain.iter().map(|t| format!("`{t}`")).collect();
                write!(
                    f,
                    "templates expand to more than {limit} nodes, through {}",
                    chain.join(" → ")
                )
            }
            BadVariableQuery { reason } => write!(f, "invalid variable query: {reason}"),
            NotASeries => {
                f.write_str("a test series must be a selector: `metric{label=\"value\"}`")
            }
            PanelAfterRow => f.write_str("a panel outside any row, after a row"),
            StrayLegend => f.write_str("a `legend \"...\"` line that follows no query"),
            UnknownExpectedAlert { name, .. } => {
                write!(
                    f,
                    "the test expects alert `{name}`, which this group does not define"
                )
            }
            InapplicableAttribute { name, context, .. } => {
                write!(f, "`{name}` does not apply to {context}")
            }
            ThresholdsOrder { value, previous } => write!(
                f,
                "threshold `{value}` is not above the threshold before it (`{previous}`)"
            ),
            BadColor { color, .. } => write!(f, "`{color}` is not a Grafana color"),
            PanelAboveRow { y, row_y } => write!(
                f,
                "`y = {y}` puts the panel above its own row, whose header is at y {row_y}"
            ),
            PanelOverlap { other } => write!(f, "`y` puts this panel over the {other}"),
            TableWithoutQuery { title } => {
                write!(f, "table `{title}` has no query: Grafana shows \"No data\"")
            }
            UnknownColorScheme { scheme, .. } => {
                write!(f, "`{scheme}` is not a Grafana color scheme")
            }
            DatasourceVariableType { variable } => write!(
                f,
                "variable `{variable}` is the dashboard's datasource but is not a datasource variable"
            ),
            IntervalAuto { variable } => write!(
                f,
                "the `auto` option of interval variable `{variable}` is not written"
            ),
            KubernetesLabel { text, is_key, what } => {
                let part = if *is_key { "key" } else { "value" };
                write!(
                    f,
                    "`{text}` is not a valid Kubernetes label {part} ({what})"
                )
            }
            Routing(r) => r.fmt(f),
        }
    }
}

impl ErrorKind {
    pub fn code(&self) -> Code {
        use ErrorKind::*;
        match self {
            UnknownKeyword { .. } => Code::UnknownKeyword,
            MissingEquals { .. } | NotAnAttribute { .. } | NotABlock { .. } => Code::Syntax,
            DuplicateAttribute { .. } => Code::DuplicateAttribute,
            MissingAttribute { .. } => Code::MissingAttribute,
            WrongType { .. } | BadValue { .. } | OperatorOutsideScope { .. } => Code::Type,
            Duplicate { what, .. } => what.code(),
            UidTooLong { .. } | UidCharacters { .. } => Code::Uid,
            BadName { .. } => Code::Name,
            UnknownUnit { .. } => Code::Unit,
            GrafanaVariableInRule { .. } => Code::GrafanaVariableInRule,
            UndeclaredVariable { .. } => Code::UndeclaredVariable,
            ImportNotFound { .. } | ImportCycle { .. } | RootNotFound { .. } => Code::Import,
            UnknownTemplate { .. }
            | TemplateKind { .. }
            | MissingParameter { .. }
            | UnknownParameter { .. }
            | ParameterType { .. }
            | UnknownParamReference { .. }
            | ParamOutsideTemplate { .. }
            | UnknownType { .. }
            | TemplateRecursion { .. }
            | ExpansionTooLarge { .. } => Code::Template,
            BadVariableQuery { .. } => Code::VariableQuery,
            NotASeries | UnknownExpectedAlert { .. } => Code::Test,
            PanelAfterRow | PanelAboveRow { .. } | PanelOverlap { .. } => Code::Layout,
            StrayLegend => Code::Syntax,
            InapplicableAttribute { .. } => Code::InapplicableAttribute,
            ThresholdsOrder { .. } => Code::Thresholds,
            BadColor { .. } => Code::Color,
            TableWithoutQuery { .. } => Code::NoQuery,
            UnknownColorScheme { .. } => Code::ColorScheme,
            DatasourceVariableType { .. } => Code::DatasourceVariable,
            IntervalAuto { .. } => Code::IntervalAuto,
            KubernetesLabel { .. } => Code::KubernetesLabel,
            Routing(r) => r.code(),
        }
    }

    /// The code's own severity (see `src/codes/`): a table without a query and a
    /// recording rule recorded twice are warnings, as Grafana shows the one and promtool
    /// only lints the other.
    pub fn severity(&self) -> Severity {
        self.code().info().severity
    }

    fn label(&self) -> String {
        use ErrorKind::*;
        match self {
            UnknownKeyword { .. } => "not known here".into(),
            MissingEquals { .. } => "expected `=` before this".into(),
            DuplicateAttribute { .. } => "set again here".into(),
            Duplicate { .. } => "defined again here".into(),
            UidTooLong { .. } => "too long".into(),
            UnknownTemplate { .. } => "not a template in scope".into(),
            ImportCycle { .. } => "this import closes the cycle".into(),
            ExpansionTooLarge { .. } => "this use goes over the limit".into(),
            WrongType { expected, .. } => format!("expected {expected}"),
            InapplicableAttribute { context, .. } => format!("not used by {context}"),
            ThresholdsOrder { .. } => "not ascending".into(),
            BadColor { .. } => "not a color Grafana knows".into(),
            PanelAboveRow { .. } => "above the row header".into(),
            PanelOverlap { .. } => "overlaps another panel".into(),
            UnknownColorScheme { .. } => "not a field color scheme".into(),
            DatasourceVariableType { .. } => "declared here with another type".into(),
            IntervalAuto { .. } => "not written".into(),
            Routing(r) => r.label(),
            KubernetesLabel { .. } => "this label".into(),
            _ => String::new(),
        }
    }

    /// Why it matters, when the message alone does not say.
    fn note(&self) -> Option<&'static str> {
        match self {
            ErrorKind::IntervalAuto { .. } => Some(
                "Grafana's dashboard schema (schemaVersion 41) has no field for it, so a \
                 dashboard carrying it is not one Grafana would save",
            ),
            _ => None,
        }
    }

    fn help(&self) -> Option<String> {
        use ErrorKind::*;
        let suggestion = |s: &Option<String>, tick: &str| {
            s.as_ref().map(|s| format!("did you mean `{tick}{s}`?"))
        };
        match self {
            UnknownKeyword {
                suggestion: s,
                known,
                context,
                ..
            } => suggestion(s, "").or_else(|| Some(format!("{context} takes: {known}"))),
            MissingEquals { name } => Some(format!("write `{name} = VALUE`")),
            DuplicateAttribute { .. } => Some("remove one of them".into()),
            Duplicate {
                what: Duplicated::RecordingRule,
                ..
            } => Some(
                "promtool lints this and Prometheus loads it; it is right only when the \
                 expressions give series with different labels, otherwise rename or remove one"
                    .into(),
            ),
            Duplicate {
                what: Duplicated::Alert,
                ..
            } => Some(
                "alerts that share a name need different labels (a `severity` each, say): \
                 change one's labels, rename it, or remove it"
                    .into(),
            ),
            Duplicate { .. } => Some("names must be unique; rename or remove one".into()),
            UidTooLong { .. } | UidCharacters { .. } => {
                Some("use at most 40 characters from A-Z a-z 0-9 - _".into())
            }
            UnknownUnit { suggestion: s, .. } => suggestion(s, "").or_else(|| {
                Some("use a Grafana unit id such as `reqps`, `s`, `bytes`, `percentunit`, or `suffix:TEXT`".into())
            }),
            GrafanaVariableInRule { variable } => Some(if variable.trim_start_matches(['$', '{', '[']).starts_with("__") {
                format!("rule expressions run in Prometheus: write the value `{variable}` stands for, such as `5m`")
            } else {
                format!("rule expressions run in Prometheus: write the value of `{variable}` itself, or match all of them with a regex")
            }),
            UndeclaredVariable { suggestion: s, variable } => suggestion(s, "$").or_else(|| {
                Some(format!("declare it in the dashboard: variable {variable} = `label_values(...)`"))
            }),
            ImportCycle { .. } => Some("move what both files need into a third file".into()),
            UnknownTemplate { suggestion: s, elsewhere, .. } => {
                if *elsewhere {
                    Some("import the file that defines it".into())
                } else {
                    suggestion(s, "")
                }
            }
            UnknownParameter { suggestion: s, .. } => suggestion(s, ""),
            UnknownExpectedAlert { suggestion: s, .. } => suggestion(s, ""),
            StrayLegend => Some(
                "put it on the line right after its `query`, or write `legend = { ... }` for the panel's legend".into(),
            ),
            PanelAfterRow => Some(
                "Grafana would show it inside the row above; move it into a row, or before the first row".into(),
            ),
            UnknownParamReference { suggestion: s, .. } => suggestion(s, "@"),
            MissingParameter { parameter, .. } => {
                Some(format!("pass it: `{parameter} = VALUE`"))
            }
            ParamOutsideTemplate { .. } => Some("write the value itself".into()),
            UnknownType { .. } => Some(
                "types are string, number, duration, bool, name, list, map and query".into(),
            ),
            OperatorOutsideScope { .. } => Some("write `=`".into()),
            ExpansionTooLarge { .. } => Some(
                "a template used several times inside one that is itself used several times multiplies its size: use fewer copies, or pass less to each".into(),
            ),
            InapplicableAttribute {
                name,
                doc,
                context,
                applies_to,
                known,
            } => Some(format!(
                "`{name}` ({doc}) applies to: {applies_to}; {context} takes: {known}"
            )),
            ThresholdsOrder { .. } => Some(
                "list the steps from the base color up, each value above the one before".into(),
            ),
            BadColor { suggestion: s, .. } => suggestion(s, "").or_else(|| {
                Some(format!(
                    "use a Grafana color name ({}), `#RRGGBB`, `#RRGGBBAA`, `rgb(R, G, B)` or `rgba(R, G, B, A)`",
                    super::color_names::NAMES_DOC
                ))
            }),
            UnknownColorScheme {
                suggestion: s,
                known,
                ..
            } => suggestion(s, "").or_else(|| {
                Some(format!(
                    "use one of: {known}; a heatmap's own schemes (`Blues`, ...) are for heatmaps"
                ))
            }),
            _ => self.help_for_panels(),
        }
    }

    /// The help of the faults in panels, variables and labels ([`ErrorKind::help`] holds
    /// the rest).
    fn help_for_panels(&self) -> Option<String> {
        use ErrorKind::*;
        match self {
            DatasourceVariableType { variable } => Some(format!(
                "rename the variable, or declare `{variable}` as a datasource variable"
            )),
            IntervalAuto { .. } => {
                Some("use `$__interval` or `$__rate_interval` in queries instead".into())
            }
            KubernetesLabel { .. } => Some(
                "keys are an optional DNS prefix and `/`, then a name; names and values are at \
                 most 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit"
                    .into(),
            ),
            PanelAboveRow { .. } => Some(
                "a panel in a row starts below the row header: raise `y`, or remove it for the automatic layout".into(),
            ),
            PanelOverlap { .. } => Some(
                "move it with `y` (and `x`) to free space, or remove `y` for the automatic layout".into(),
            ),
            TableWithoutQuery { .. } => Some("add a `query`, or remove the panel".into()),
            Routing(r) => r.help(),
            _ => None,
        }
    }
}

impl ResolveError {
    pub fn new(span: Span, kind: ErrorKind) -> Self {
        ResolveError {
            span,
            kind,
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push((span, message.into()));
        self
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(
            self.kind.severity(),
            self.kind.code(),
            self.kind.to_string(),
        )
        .with_primary(self.span, self.kind.label());
        for (span, message) in &self.related {
            d = d.with_secondary(*span, message.clone());
        }
        if let Some(note) = self.kind.note() {
            d = d.with_note(note);
        }
        if let Some(help) = self.kind.help() {
            d = d.with_help(help);
        }
        d
    }
}

/// What a duplicate name names. It picks the code (a duplicate uid and a duplicate
/// template are different faults) and words the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicated {
    DashboardUid,
    Alert,
    RecordingRule,
    RuleSet,
    RuleGroup,
    Service,
    Template,
    Parameter,
    Variable,
    Receiver,
    TimeInterval,
}

impl Duplicated {
    fn code(self) -> Code {
        match self {
            Duplicated::DashboardUid => Code::DuplicateUid,
            Duplicated::Alert => Code::DuplicateAlert,
            Duplicated::RecordingRule => Code::DuplicateRecord,
            Duplicated::RuleSet => Code::DuplicateRuleSet,
            Duplicated::RuleGroup
            | Duplicated::Service
            | Duplicated::Template
            | Duplicated::Parameter
            | Duplicated::Variable
            | Duplicated::Receiver
            | Duplicated::TimeInterval => Code::Duplicate,
        }
    }
}

impl fmt::Display for Duplicated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Duplicated::DashboardUid => "dashboard uid",
            Duplicated::Alert => "alert",
            Duplicated::RecordingRule => "recording rule",
            Duplicated::RuleSet => "rule set",
            Duplicated::RuleGroup => "rule group",
            Duplicated::Service => "service",
            Duplicated::Template => "template",
            Duplicated::Parameter => "parameter",
            Duplicated::Variable => "variable",
            Duplicated::Receiver => "receiver",
            Duplicated::TimeInterval => "time interval",
        })
    }
}
