//! What the type checker finds wrong with a parsed query: the kinds, their wording, the
//! advice that goes with each, and their turning into [`Diagnostic`]s.

use std::fmt;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::promql::ast::{AggregateOp, BinaryOp};
use crate::promql::types::ValueType;

#[derive(Clone, Debug, PartialEq)]
pub struct CheckError {
    pub span: Span,
    pub kind: CheckErrorKind,
    /// Other places involved, with what they are.
    pub related: Vec<(Span, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CheckErrorKind {
    UnknownFunction {
        name: String,
        suggestion: Option<&'static str>,
    },
    RemovedFunction {
        name: &'static str,
        replacement: &'static str,
    },
    ExperimentalFunction {
        name: &'static str,
    },
    ExperimentalAggregation {
        op: AggregateOp,
    },
    ArgumentCount {
        function: &'static str,
        expected: ArgCount,
        got: usize,
    },
    ArgumentType {
        function: &'static str,
        expected: ValueType,
        got: ValueType,
    },
    /// `info`'s second argument names the info metric's labels, never a metric.
    InfoSelectorHasName,
    InfoSelectorNotSelector,
    AggregationOperand {
        op: AggregateOp,
        got: ValueType,
    },
    AggregationParam {
        op: AggregateOp,
        expected: ValueType,
        got: ValueType,
    },
    MissingAggregationParam {
        op: AggregateOp,
    },
    UnexpectedAggregationParam {
        op: AggregateOp,
    },
    BoolOnNonComparison {
        op: BinaryOp,
    },
    ScalarComparisonWithoutBool {
        op: BinaryOp,
    },
    BinaryOperand {
        op: BinaryOp,
        got: ValueType,
    },
    VectorMatchingWithScalar,
    GroupingWithSetOperator {
        op: BinaryOp,
    },
    SetOperatorWithScalar {
        op: BinaryOp,
    },
    LabelInOnAndGroup {
        label: String,
    },
    UnaryOperand {
        got: ValueType,
    },
    SubqueryOperand {
        got: ValueType,
    },
    EmptyMatchers,
    MetricNameTwice {
        name: String,
        other: String,
    },
    InvalidRegex {
        reason: String,
    },
    GrafanaVariableInRule {
        name: String,
    },
}

/// The number of arguments a function takes, as its error message states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgCount {
    Exactly(usize),
    AtLeast(usize),
    AtMost(usize),
}

impl fmt::Display for ArgCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, n) = match *self {
            ArgCount::Exactly(n) => ("", n),
            ArgCount::AtLeast(n) => ("at least ", n),
            ArgCount::AtMost(n) => ("at most ", n),
        };
        let noun = if n == 1 { "argument" } else { "arguments" };
        write!(f, "{prefix}{n} {noun}")
    }
}

impl fmt::Display for CheckErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CheckErrorKind::*;
        match self {
            UnknownFunction { name, .. } => write!(f, "unknown function \"{name}\""),
            RemovedFunction { name, replacement } => write!(
                f,
                "function \"{name}\" was renamed to \"{replacement}\" in Prometheus 3.0"
            ),
            ExperimentalFunction { name } => {
                write!(f, "function \"{name}\" is experimental")
            }
            ExperimentalAggregation { op } => {
                write!(f, "aggregation \"{}\" is experimental", op.as_str())
            }
            ArgumentCount {
                function,
                expected,
                got,
            } => write!(
                f,
                "expected {expected} in call to function \"{function}\", got {got}"
            ),
            ArgumentType {
                function,
                expected,
                got,
            } => write!(
                f,
                "expected {expected} in call to function \"{function}\", got {got}"
            ),
            InfoSelectorHasName => f.write_str(
                "expected label selectors only in call to function \"info\", got a metric name",
            ),
            InfoSelectorNotSelector => f.write_str(
                "expected label selectors only in call to function \"info\", got an expression",
            ),
            AggregationOperand { op, got } => write!(
                f,
                "expected instant vector in aggregation \"{}\", got {got}",
                op.as_str()
            ),
            AggregationParam { op, expected, got } => write!(
                f,
                "expected {expected} as the parameter of aggregation \"{}\", got {got}",
                op.as_str()
            ),
            MissingAggregationParam { op } => {
                write!(f, "aggregation \"{}\" needs a parameter", op.as_str())
            }
            UnexpectedAggregationParam { op } => {
                write!(f, "aggregation \"{}\" takes no parameter", op.as_str())
            }
            BoolOnNonComparison { op } => write!(
                f,
                "bool modifier can only be used on comparison operators, not \"{}\"",
                op.as_str()
            ),
            ScalarComparisonWithoutBool { .. } => {
                f.write_str("comparisons between scalars must use the bool modifier")
            }
            BinaryOperand { op, got } => write!(
                f,
                "binary operator \"{}\" needs scalars and instant vectors, got {got}",
                op.as_str()
            ),
            VectorMatchingWithScalar => {
                f.write_str("vector matching only allowed between instant vectors")
            }
            GroupingWithSetOperator { op } => {
                write!(f, "no grouping allowed for \"{}\" operation", op.as_str())
            }
            SetOperatorWithScalar { op } => write!(
                f,
                "set operator \"{}\" not allowed in binary scalar expression",
                op.as_str()
            ),
            LabelInOnAndGroup { label } => write!(
                f,
                "label \"{label}\" must not occur in ON and GROUP clause at once"
            ),
            UnaryOperand { got } => write!(
                f,
                "unary expression only allowed on expressions of type scalar or instant vector, got {got}"
            ),
            SubqueryOperand { got } => {
                write!(f, "subquery is only allowed on instant vector, got {got}")
            }
            EmptyMatchers => {
                f.write_str("vector selector must contain at least one non-empty matcher")
            }
            MetricNameTwice { name, other } => write!(
                f,
                "metric name must not be set twice: \"{name}\" or \"{other}\""
            ),
            InvalidRegex { reason } => write!(f, "invalid regular expression: {reason}"),
            GrafanaVariableInRule { name } => {
                write!(f, "Grafana variable \"{name}\" outside a dashboard query")
            }
        }
    }
}

impl CheckErrorKind {
    /// The stable diagnostic code.
    pub fn code(&self) -> Code {
        use CheckErrorKind::*;
        match self {
            UnknownFunction { .. } | RemovedFunction { .. } | ArgumentCount { .. } => {
                Code::PromqlFunction
            }
            ExperimentalFunction { .. } | ExperimentalAggregation { .. } => {
                Code::PromqlExperimental
            }
            EmptyMatchers | MetricNameTwice { .. } | InfoSelectorHasName => Code::PromqlSelector,
            InvalidRegex { .. } => Code::PromqlRegex,
            GrafanaVariableInRule { .. } => Code::GrafanaVariableInRule,
            _ => Code::PromqlType,
        }
    }

    /// The code's own severity: experimental functions are warnings.
    pub fn severity(&self) -> Severity {
        self.code().info().severity
    }

    /// What the label under the fault says.
    fn label(&self) -> String {
        use CheckErrorKind::*;
        match self {
            UnknownFunction { .. } => "not a PromQL function".into(),
            RemovedFunction { .. } => "removed in Prometheus 3.0".into(),
            ExperimentalFunction { .. } | ExperimentalAggregation { .. } => {
                "needs a feature flag".into()
            }
            ArgumentCount { got, .. } => format!("{got} given"),
            ArgumentType { got, .. }
            | AggregationOperand { got, .. }
            | AggregationParam { got, .. }
            | BinaryOperand { got, .. }
            | UnaryOperand { got }
            | SubqueryOperand { got } => {
                let article = if *got == ValueType::Vector { "an" } else { "a" };
                format!("this is {article} {got}")
            }
            InfoSelectorHasName => "a metric name".into(),
            InfoSelectorNotSelector => "not a label selector".into(),
            MissingAggregationParam { .. } => "parameter missing".into(),
            UnexpectedAggregationParam { .. } => "unexpected parameter".into(),
            BoolOnNonComparison { .. } => "not a comparison".into(),
            ScalarComparisonWithoutBool { .. } => "compares two scalars".into(),
            VectorMatchingWithScalar => "needs vectors on both sides".into(),
            GroupingWithSetOperator { .. } => "grouping modifier".into(),
            SetOperatorWithScalar { .. } => "set operator".into(),
            LabelInOnAndGroup { .. } => "also in on(...)".into(),
            EmptyMatchers => "matches every series".into(),
            MetricNameTwice { .. } => "second metric name".into(),
            InvalidRegex { .. } => "invalid regular expression".into(),
            GrafanaVariableInRule { .. } => "Grafana variable".into(),
        }
    }

    /// What to do about it.
    fn help(&self) -> Option<String> {
        use CheckErrorKind::*;
        Some(match self {
            UnknownFunction {
                suggestion: Some(s),
                ..
            } => format!("did you mean \"{s}\"?"),
            UnknownFunction { .. } => {
                "see https://prometheus.io/docs/prometheus/latest/querying/functions/".into()
            }
            RemovedFunction { replacement, .. } => format!(
                "use \"{replacement}\" (it needs --enable-feature=promql-experimental-functions)"
            ),
            ExperimentalFunction { .. } | ExperimentalAggregation { .. } => {
                "Prometheus only accepts it with --enable-feature=promql-experimental-functions"
                    .into()
            }
            ArgumentCount { function, .. } => {
                let signature = crate::promql::functions::lookup(function)
                    .map(signature)
                    .unwrap_or_default();
                format!("the signature is {function}({signature})")
            }
            ArgumentType {
                expected: ValueType::Matrix,
                got: ValueType::Vector,
                ..
            } => "add a range to the selector, such as `[5m]`".into(),
            ArgumentType {
                expected: ValueType::Matrix,
                ..
            } => "pass a range vector: a selector with a range, or a subquery `(...)[5m:1m]`"
                .into(),
            ArgumentType {
                expected: ValueType::Vector,
                got: ValueType::Matrix,
                ..
            } => "remove the range, or apply a function such as `rate` or `avg_over_time` to it"
                .into(),
            ArgumentType {
                expected: ValueType::Vector,
                got: ValueType::Scalar,
                ..
            } => "turn the scalar into a vector with `vector(...)`".into(),
            ArgumentType {
                expected: ValueType::Scalar,
                got: ValueType::Vector,
                ..
            } => "turn a single-series vector into a scalar with `scalar(...)`".into(),
            ArgumentType {
                expected: ValueType::String,
                ..
            } => "write a quoted string such as \"label\"".into(),
            ArgumentType { expected, .. } => format!("pass an expression of type {expected}"),
            InfoSelectorHasName | InfoSelectorNotSelector => {
                "write only label matchers, such as `{k8s_cluster_name=~\".+\"}`".into()
            }
            AggregationOperand {
                got: ValueType::Matrix,
                ..
            } => "aggregate over time first, e.g. `sum(rate(x[5m]))` rather than `sum(x[5m])`"
                .into(),
            AggregationOperand { .. } => "aggregate an instant vector".into(),
            AggregationParam { op, expected, .. } => match (op, expected) {
                (AggregateOp::CountValues, _) => {
                    "give the name of the output label as a string, e.g. count_values(\"version\", x)"
                        .into()
                }
                (AggregateOp::Quantile, _) => {
                    "give the quantile as a number between 0 and 1, e.g. quantile(0.9, x)".into()
                }
                _ => format!("give a {expected}, e.g. {}(5, x)", op.as_str()),
            },
            MissingAggregationParam { op } => {
                format!("write {}(PARAMETER, expression)", op.as_str())
            }
            UnexpectedAggregationParam { op } => format!("write {}(expression)", op.as_str()),
            BoolOnNonComparison { .. } => "remove `bool`".into(),
            ScalarComparisonWithoutBool { op } => format!(
                "write `{} bool`: it returns 1 when true and 0 when false",
                op.as_str()
            ),
            BinaryOperand {
                got: ValueType::Matrix,
                ..
            } => "apply a function such as `rate` or `avg_over_time` to the range vector first"
                .into(),
            BinaryOperand { .. } => "operate on numbers and instant vectors only".into(),
            VectorMatchingWithScalar => "remove `on(...)`/`ignoring(...)`".into(),
            GroupingWithSetOperator { op } => format!(
                "remove group_left/group_right: \"{}\" is always many-to-many",
                op.as_str()
            ),
            SetOperatorWithScalar { .. } => {
                "set operators (and, or, unless) work only between instant vectors".into()
            }
            LabelInOnAndGroup { .. } => {
                "remove it from the group modifier: labels in on(...) are already kept".into()
            }
            UnaryOperand { .. } => "apply `-` to a scalar or an instant vector".into(),
            SubqueryOperand { .. } => {
                "a subquery `[range:step]` goes after an instant vector expression".into()
            }
            EmptyMatchers => {
                "add a metric name or a matcher that does not match the empty string, such as `job=\"x\"` or `job=~\".+\"`"
                    .into()
            }
            MetricNameTwice { .. } => "keep one metric name".into(),
            InvalidRegex { .. } => {
                "the value is a RE2 regular expression, anchored at both ends".into()
            }
            GrafanaVariableInRule { .. } => {
                "rule expressions are sent to Prometheus as they are: write the value itself"
                    .into()
            }
        })
    }

    pub fn into_diagnostic(self, span: Span) -> Diagnostic {
        CheckError {
            span,
            kind: self,
            related: Vec::new(),
        }
        .into_diagnostic()
    }
}

impl CheckError {
    pub fn new(span: Span, kind: CheckErrorKind) -> Self {
        CheckError {
            span,
            kind,
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push((span, message.into()));
        self
    }

    pub fn into_diagnostic(self) -> Diagnostic {
        let mut d = Diagnostic::new(
            self.kind.severity(),
            self.kind.code(),
            self.kind.to_string(),
        )
        .with_primary(self.span, self.kind.label());
        for (span, message) in self.related {
            d = d.with_secondary(span, message);
        }
        if let Some(help) = self.kind.help() {
            d = d.with_help(help);
        }
        d
    }
}

/// `vector, string, string...` for a help line.
fn signature(function: &crate::promql::functions::Function) -> String {
    use crate::promql::functions::Variadic;
    let mut parts: Vec<String> = function
        .args
        .iter()
        .map(|t| short_name(*t).to_string())
        .collect();
    match (function.variadic, parts.last_mut()) {
        (Variadic::Fixed, _) | (_, None) => {}
        (Variadic::UpTo(1), Some(last)) => *last = format!("[{last}]"),
        (Variadic::UpTo(_) | Variadic::Unbounded, Some(last)) => *last = format!("{last}..."),
    }
    parts.join(", ")
}

fn short_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Scalar => "scalar",
        ValueType::Vector => "instant-vector",
        ValueType::Matrix => "range-vector",
        ValueType::String => "string",
    }
}

#[cfg(test)]
mod tests;
