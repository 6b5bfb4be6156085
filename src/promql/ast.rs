//! The PromQL syntax tree. Every node carries a [`Span`] into the file the query came from
//! (a `.dac` file, a YAML rule file, or a command-line argument).
//!
//! Grafana variables (`$var`, `${var:fmt}`, `[[var]]`, `$__rate_interval`) are kept as
//! themselves wherever dashboards put them, never replaced by a stand-in value.

use crate::diagnostic::Span;

mod map_spans;

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number literal; `raw` keeps the source text (`0x1F`, `1e3`, `Inf`).
    Number {
        value: f64,
        raw: String,
    },
    /// A string literal, unescaped.
    String(String),
    Vector(VectorSelector),
    /// `selector[range]`: only a vector selector may take a range.
    Matrix {
        selector: VectorSelector,
        range: Duration,
        range_span: Span,
        modifiers: Modifiers,
    },
    /// `expr[range:step]`; `step` is `None` for `[30m:]`.
    Subquery {
        expr: Box<Expr>,
        range: Duration,
        step: Option<Duration>,
        modifiers: Modifiers,
    },
    Paren(Box<Expr>),
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary(Box<BinaryExpr>),
    Aggregate(Box<AggregateExpr>),
    Call {
        func: Ident,
        args: Vec<Expr>,
    },
    /// A Grafana variable standing where a number goes: `topk($n, x)`.
    Variable(GrafanaVar),
}

/// A name with its own span: a function, label or metric name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VectorSelector {
    /// The metric name written before the braces (or as a quoted name inside them).
    /// May contain Grafana variables (`${metric}_total`); see [`has_grafana_variable`].
    pub name: Option<Ident>,
    /// Matchers in source order, not including the name written before the braces.
    pub matchers: Vec<Matcher>,
    pub modifiers: Modifiers,
}

/// `offset` and `@`, in the order Prometheus prints them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Modifiers {
    pub offset: Option<Offset>,
    pub at: Option<At>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Offset {
    pub negative: bool,
    pub duration: Duration,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum At {
    /// `@ 1609746000` (seconds, may be fractional or negative).
    Timestamp {
        seconds: f64,
        raw: String,
        span: Span,
    },
    Start(Span),
    End(Span),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Matcher {
    pub label: Ident,
    pub op: MatchOp,
    pub value: String,
    /// The span of the value, quotes included.
    pub value_span: Span,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchOp {
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

impl MatchOp {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchOp::Equal => "=",
            MatchOp::NotEqual => "!=",
            MatchOp::Regex => "=~",
            MatchOp::NotRegex => "!~",
        }
    }
}

/// A duration: a literal in milliseconds, or a Grafana variable such as
/// `$__rate_interval`.
#[derive(Clone, Debug, PartialEq)]
pub enum Duration {
    Literal { millis: i64, span: Span },
    Variable(GrafanaVar),
}

impl Duration {
    pub fn span(&self) -> Span {
        match self {
            Duration::Literal { span, .. } => *span,
            Duration::Variable(v) => v.span,
        }
    }
}

/// A Grafana template variable or macro as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrafanaVar {
    /// `rate_interval` is stored as `__rate_interval`; the name without `$` or brackets.
    pub name: String,
    /// `${var:regex}` keeps `regex`.
    pub format: Option<String>,
    pub syntax: VarSyntax,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarSyntax {
    /// `$var`
    Dollar,
    /// `${var}` or `${var:format}`
    Braced,
    /// `[[var]]` or `[[var:format]]` (deprecated in Grafana, still found)
    Brackets,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Plus,
    Minus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BinaryExpr {
    pub op: BinaryOp,
    pub op_span: Span,
    pub lhs: Expr,
    pub rhs: Expr,
    /// `bool` after a comparison operator.
    pub return_bool: bool,
    pub matching: Option<VectorMatching>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Eql,
    Neq,
    Gtr,
    Lss,
    Gte,
    Lte,
    And,
    Or,
    Unless,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "^",
            BinaryOp::Atan2 => "atan2",
            BinaryOp::Eql => "==",
            BinaryOp::Neq => "!=",
            BinaryOp::Gtr => ">",
            BinaryOp::Lss => "<",
            BinaryOp::Gte => ">=",
            BinaryOp::Lte => "<=",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Unless => "unless",
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eql
                | BinaryOp::Neq
                | BinaryOp::Gtr
                | BinaryOp::Lss
                | BinaryOp::Gte
                | BinaryOp::Lte
        )
    }

    pub fn is_set(self) -> bool {
        matches!(self, BinaryOp::And | BinaryOp::Or | BinaryOp::Unless)
    }

    /// Prometheus' precedence: `or` 1, `and unless` 2, comparisons 3, `+ -` 4,
    /// `* / % atan2` 5, `^` 6 (right-associative).
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And | BinaryOp::Unless => 2,
            BinaryOp::Eql
            | BinaryOp::Neq
            | BinaryOp::Gtr
            | BinaryOp::Lss
            | BinaryOp::Gte
            | BinaryOp::Lte => 3,
            BinaryOp::Add | BinaryOp::Sub => 4,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod | BinaryOp::Atan2 => 5,
            BinaryOp::Pow => 6,
        }
    }

    pub fn is_right_associative(self) -> bool {
        self == BinaryOp::Pow
    }
}

/// `on(...)`/`ignoring(...)` and `group_left(...)`/`group_right(...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct VectorMatching {
    /// `true` for `on`, `false` for `ignoring`.
    pub on: bool,
    pub labels: Vec<Ident>,
    pub group: Option<Group>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub side: GroupSide,
    pub labels: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupSide {
    Left,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AggregateExpr {
    pub op: AggregateOp,
    pub op_span: Span,
    /// The parameter of `topk`, `bottomk`, `quantile`, `count_values`, `limitk`,
    /// `limit_ratio`.
    pub param: Option<Expr>,
    pub expr: Expr,
    pub grouping: Option<Grouping>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Grouping {
    /// `true` for `without`, `false` for `by`.
    pub without: bool,
    pub labels: Vec<Ident>,
    /// Whether `by (...)` was written before the arguments; kept so spans stay sensible,
    /// the printer always puts it first.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AggregateOp {
    Sum,
    Min,
    Max,
    Avg,
    Group,
    Stddev,
    Stdvar,
    Count,
    CountValues,
    Bottomk,
    Topk,
    Quantile,
    Limitk,
    LimitRatio,
}

impl AggregateOp {
    pub const ALL: [AggregateOp; 14] = [
        AggregateOp::Sum,
        AggregateOp::Min,
        AggregateOp::Max,
        AggregateOp::Avg,
        AggregateOp::Group,
        AggregateOp::Stddev,
        AggregateOp::Stdvar,
        AggregateOp::Count,
        AggregateOp::CountValues,
        AggregateOp::Bottomk,
        AggregateOp::Topk,
        AggregateOp::Quantile,
        AggregateOp::Limitk,
        AggregateOp::LimitRatio,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AggregateOp::Sum => "sum",
            AggregateOp::Min => "min",
            AggregateOp::Max => "max",
            AggregateOp::Avg => "avg",
            AggregateOp::Group => "group",
            AggregateOp::Stddev => "stddev",
            AggregateOp::Stdvar => "stdvar",
            AggregateOp::Count => "count",
            AggregateOp::CountValues => "count_values",
            AggregateOp::Bottomk => "bottomk",
            AggregateOp::Topk => "topk",
            AggregateOp::Quantile => "quantile",
            AggregateOp::Limitk => "limitk",
            AggregateOp::LimitRatio => "limit_ratio",
        }
    }

    pub fn from_name(name: &str) -> Option<AggregateOp> {
        AggregateOp::ALL
            .into_iter()
            .find(|op| op.as_str().eq_ignore_ascii_case(name))
    }

    /// Whether the operator takes a parameter before the expression.
    pub fn takes_param(self) -> bool {
        matches!(
            self,
            AggregateOp::CountValues
                | AggregateOp::Bottomk
                | AggregateOp::Topk
                | AggregateOp::Quantile
                | AggregateOp::Limitk
                | AggregateOp::LimitRatio
        )
    }
}

/// Whether a name contains a Grafana variable (`$x`, `${x}`, `[[x]]`).
pub fn has_grafana_variable(name: &str) -> bool {
    name.contains('$') || name.contains("[[")
}
