use super::{Body, Name};
use crate::diagnostic::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// A string, unescaped (`raw` for `"""..."""`, already dedented).
    String {
        text: String,
        raw: bool,
    },
    Query(QueryLit),
    /// A duration in milliseconds; `text` as written (`1h30m`).
    Duration {
        millis: u64,
        text: String,
    },
    Number {
        value: f64,
        text: String,
    },
    /// A bare name: `critical`, `true`, `shared_crosshair`.
    Name(String),
    /// A template parameter: `@service` (without the `@`).
    Param(String),
    List(Vec<ListItem>),
    Map(Body),
    /// `a + b + ...`: strings joined.
    Join(Vec<Value>),
    /// `QUERY > NUMBER`: a comparison added to a query's tree.
    Compare {
        lhs: Box<Value>,
        op: CompareOp,
        op_span: Span,
        rhs: Box<Value>,
    },
    /// `name(arg, arg = value)`: a template's signature or a `use`.
    Call(Call),
}

impl ValueKind {
    /// What the value is, for messages: "a string", "a duration", ...
    pub fn describe(&self) -> &'static str {
        match self {
            ValueKind::String { .. } => "a string",
            ValueKind::Query(_) => "a PromQL query",
            ValueKind::Duration { .. } => "a duration",
            ValueKind::Number { .. } => "a number",
            ValueKind::Name(n) if n == "true" || n == "false" => "a boolean",
            ValueKind::Name(_) => "a name",
            ValueKind::Param(_) => "a parameter",
            ValueKind::List(_) => "a list",
            ValueKind::Map(_) => "a map",
            ValueKind::Join(_) => "a joined string",
            ValueKind::Compare { .. } => "a query with a comparison",
            ValueKind::Call(_) => "a call",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Gt,
    Lt,
    Ge,
    Le,
    Eq,
    Ne,
}

impl CompareOp {
    pub fn from_symbol(op: &str) -> Option<CompareOp> {
        Some(match op {
            ">" => CompareOp::Gt,
            "<" => CompareOp::Lt,
            ">=" => CompareOp::Ge,
            "<=" => CompareOp::Le,
            "==" => CompareOp::Eq,
            "!=" => CompareOp::Ne,
            _ => return None,
        })
    }
}

/// PromQL between backticks: the text and where it starts in the file (the first
/// character after the opening backticks), so PromQL errors point into the `.dac` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryLit {
    pub text: String,
    pub text_span: Span,
}

/// `item` or `key: item` in a list (`[green, 80: red]`).
#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    pub key: Option<Value>,
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub name: Name,
    pub args: Vec<Arg>,
    pub span: Span,
}

/// `name`, `name: type`, `name = default` (definitions) or `name = value` (uses).
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub name: Name,
    pub ty: Option<Name>,
    pub value: Option<Value>,
    pub span: Span,
}
