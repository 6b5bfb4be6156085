//! The type checker: what Prometheus' parser verifies after building the tree
//! (`checkAST`), with every error pointing at the exact node at fault.
//!
//! Function argument counts and types, aggregation operands and parameters, what binary
//! operators accept, subqueries, regexes (compiled anchored, as Prometheus does) and the
//! rule that a selector must not match every series. In Grafana mode a variable standing
//! for a number is a scalar, and a regex or label value containing a variable is left
//! alone: Grafana fills it in later.

mod re2;

use regex::RegexBuilder;

use crate::diagnostic::{Diagnostic, Span};
use crate::promql::ast::{
    AggregateExpr, AggregateOp, BinaryExpr, Duration, Expr, ExprKind, GrafanaVar, Ident, MatchOp,
    Matcher, Modifiers, VectorSelector,
};
use crate::promql::check_error::{ArgCount, CheckError, CheckErrorKind};
use crate::promql::functions::{self, Status, Variadic};
use crate::promql::grafana_text::contains_variable;
use crate::promql::suggest::did_you_mean;
use crate::promql::types::ValueType;

/// Checks a parsed query. `grafana` is true for dashboard queries, whose Grafana
/// variables are legal; rule expressions are checked with `false`. Diagnostics come
/// back sorted by position; warnings (experimental functions) do not make a query invalid.
pub fn check(expr: &Expr, grafana: bool) -> Vec<Diagnostic> {
    check_errors(expr, grafana)
        .into_iter()
        .map(CheckError::into_diagnostic)
        .collect()
}

/// [`check`], before the errors become diagnostics.
pub fn check_errors(expr: &Expr, grafana: bool) -> Vec<CheckError> {
    let mut checker = Checker {
        grafana,
        errors: Vec::new(),
    };
    checker.expr(expr);
    let mut errors = checker.errors;
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup();
    errors
}

/// The type of an expression's value, as Prometheus defines it; well-typed or not.
pub fn value_type(expr: &Expr) -> ValueType {
    match &expr.kind {
        ExprKind::Number { .. } | ExprKind::Variable(_) => ValueType::Scalar,
        ExprKind::String(_) => ValueType::String,
        ExprKind::Vector(_) | ExprKind::Aggregate(_) => ValueType::Vector,
        ExprKind::Matrix { .. } | ExprKind::Subquery { .. } => ValueType::Matrix,
        ExprKind::Paren(inner) | ExprKind::Unary { expr: inner, .. } => value_type(inner),
        ExprKind::Binary(b) => binary_type(value_type(&b.lhs), value_type(&b.rhs)),
        ExprKind::Call { func, .. } => {
            functions::lookup(&func.name).map_or(ValueType::Vector, |f| f.returns)
        }
    }
}

fn binary_type(lhs: ValueType, rhs: ValueType) -> ValueType {
    if lhs == ValueType::Scalar && rhs == ValueType::Scalar {
        ValueType::Scalar
    } else {
        ValueType::Vector
    }
}

struct Checker {
    grafana: bool,
    errors: Vec<CheckError>,
}

impl Checker {
    fn error(&mut self, span: Span, kind: CheckErrorKind) {
        self.errors.push(CheckError::new(span, kind));
    }

    /// Checks `e` and its children; returns its type.
    fn expr(&mut self, e: &Expr) -> ValueType {
        match &e.kind {
            ExprKind::Number { .. } => ValueType::Scalar,
            ExprKind::String(_) => ValueType::String,
            ExprKind::Variable(var) => {
                self.variable(var);
                ValueType::Scalar
            }
            ExprKind::Vector(selector) => {
                self.selector(selector, e.span, false);
                ValueType::Vector
            }
            ExprKind::Matrix {
                selector,
                range,
                range_span,
                modifiers,
            } => {
                self.selector(selector, selector_span(e.span, *range_span), false);
                self.duration(range);
                self.modifiers(modifiers);
                ValueType::Matrix
            }
            ExprKind::Subquery {
                expr,
                range,
                step,
                modifiers,
            } => {
                let got = self.expr(expr);
                if got != ValueType::Vector {
                    self.error(expr.span, CheckErrorKind::SubqueryOperand { got });
                }
                self.duration(range);
                if let Some(step) = step {
                    self.duration(step);
                }
                self.modifiers(modifiers);
                ValueType::Matrix
            }
            ExprKind::Paren(inner) => self.expr(inner),
            ExprKind::Unary { expr: inner, .. } => {
                let got = self.expr(inner);
                if !matches!(got, ValueType::Scalar | ValueType::Vector) {
                    self.error(inner.span, CheckErrorKind::UnaryOperand { got });
                }
                got
            }
            ExprKind::Binary(b) => self.binary(b),
            ExprKind::Aggregate(a) => self.aggregate(a),
            ExprKind::Call { func, args } => self.call(e.span, func, args),
        }
    }

    fn binary(&mut self, b: &BinaryExpr) -> ValueType {
        let op = b.op;
        let lt = self.expr(&b.lhs);
        let rt = self.expr(&b.rhs);

        if b.return_bool && !op.is_comparison() {
            self.error(b.op_span, CheckErrorKind::BoolOnNonComparison { op });
        }
        if op.is_comparison()
            && !b.return_bool
            && lt == ValueType::Scalar
            && rt == ValueType::Scalar
        {
            self.error(
                b.op_span,
                CheckErrorKind::ScalarComparisonWithoutBool { op },
            );
        }
        if let Some(matching) = b.matching.as_ref().filter(|m| m.on) {
            for included in matching.group.iter().flat_map(|g| &g.labels) {
                if let Some(on) = matching.labels.iter().find(|l| l.name == included.name) {
                    self.errors.push(
                        CheckError::new(
                            included.span,
                            CheckErrorKind::LabelInOnAndGroup {
                                label: included.name.clone(),
                            },
                        )
                        .with_related(on.span, "matched on here"),
                    );
                }
            }
        }
        for (side, got) in [(&b.lhs, lt), (&b.rhs, rt)] {
            if !matches!(got, ValueType::Scalar | ValueType::Vector) {
                self.error(side.span, CheckErrorKind::BinaryOperand { op, got });
            }
        }
        if lt != ValueType::Vector || rt != ValueType::Vector {
            // Prometheus only objects when labels are listed: `1 + on() 2` passes.
            if let Some(matching) = b.matching.as_ref().filter(|m| !m.labels.is_empty()) {
                self.error(matching.span, CheckErrorKind::VectorMatchingWithScalar);
            }
        } else if op.is_set()
            && let Some(group) = b.matching.as_ref().and_then(|m| m.group.as_ref())
        {
            self.error(group.span, CheckErrorKind::GroupingWithSetOperator { op });
        }
        if op.is_set() && (lt == ValueType::Scalar || rt == ValueType::Scalar) {
            let mut error =
                CheckError::new(b.op_span, CheckErrorKind::SetOperatorWithScalar { op });
            for (side, t) in [(&b.lhs, lt), (&b.rhs, rt)] {
                if t == ValueType::Scalar {
                    error = error.with_related(side.span, "a scalar");
                }
            }
            self.errors.push(error);
        }
        binary_type(lt, rt)
    }

    fn aggregate(&mut self, a: &AggregateExpr) -> ValueType {
        let op = a.op;
        let got = self.expr(&a.expr);
        if got != ValueType::Vector {
            self.error(a.expr.span, CheckErrorKind::AggregationOperand { op, got });
        }
        if matches!(op, AggregateOp::Limitk | AggregateOp::LimitRatio) {
            self.error(a.op_span, CheckErrorKind::ExperimentalAggregation { op });
        }
        match (op.takes_param(), &a.param) {
            (true, Some(param)) => {
                let got = self.expr(param);
                let expected = if op == AggregateOp::CountValues {
                    ValueType::String
                } else {
                    ValueType::Scalar
                };
                if got != expected {
                    self.error(
                        param.span,
                        CheckErrorKind::AggregationParam { op, expected, got },
                    );
                }
            }
            (true, None) => self.error(a.op_span, CheckErrorKind::MissingAggregationParam { op }),
            (false, Some(param)) => {
                self.expr(param);
                self.error(
                    param.span,
                    CheckErrorKind::UnexpectedAggregationParam { op },
                );
            }
            (false, None) => {}
        }
        ValueType::Vector
    }

    fn call(&mut self, span: Span, func: &Ident, args: &[Expr]) -> ValueType {
        let Some(f) = functions::lookup(&func.name) else {
            self.error(
                func.span,
                CheckErrorKind::UnknownFunction {
                    name: func.name.clone(),
                    suggestion: did_you_mean(&func.name, functions::names()),
                },
            );
            for arg in args {
                self.expr(arg);
            }
            return ValueType::Vector;
        };
        match f.status {
            Status::Stable => {}
            Status::Experimental => self.error(
                func.span,
                CheckErrorKind::ExperimentalFunction { name: f.name },
            ),
            Status::Removed { replacement } => self.error(
                func.span,
                CheckErrorKind::RemovedFunction {
                    name: f.name,
                    replacement,
                },
            ),
        }

        let got = args.len();
        let fixed = f.variadic == Variadic::Fixed;
        if got < f.min_args() {
            let expected = if fixed {
                ArgCount::Exactly(f.min_args())
            } else {
                ArgCount::AtLeast(f.min_args())
            };
            self.error(
                span,
                CheckErrorKind::ArgumentCount {
                    function: f.name,
                    expected,
                    got,
                },
            );
        } else if let Some(max) = f.max_args()
            && got > max
        {
            let expected = if fixed {
                ArgCount::Exactly(max)
            } else {
                ArgCount::AtMost(max)
            };
            let extra = args[max].span.to(args[got - 1].span);
            self.error(
                extra,
                CheckErrorKind::ArgumentCount {
                    function: f.name,
                    expected,
                    got,
                },
            );
        }

        for (i, arg) in args.iter().enumerate() {
            let got = if f.name == "info" && i == 1 {
                self.info_labels(arg)
            } else {
                self.expr(arg)
            };
            if let Some(expected) = f.arg_type(i)
                && got != expected
            {
                self.error(
                    arg.span,
                    CheckErrorKind::ArgumentType {
                        function: f.name,
                        expected,
                        got,
                    },
                );
            }
        }
        if f.name == "label_replace"
            && let Some(Expr {
                kind: ExprKind::String(pattern),
                span,
            }) = args.get(4)
        {
            self.regex(pattern, *span);
        }
        f.returns
    }

    /// Compiles a regex written as a string (a matcher value, `label_replace`'s fifth
    /// argument), unless it holds a Grafana variable; reports it when invalid.
    fn regex(&mut self, pattern: &str, span: Span) -> Option<regex::Regex> {
        if self.grafana && contains_variable(pattern) {
            return None;
        }
        match compile_anchored(pattern) {
            Ok(re) => Some(re),
            Err(reason) => {
                self.error(span, CheckErrorKind::InvalidRegex { reason });
                None
            }
        }
    }

    /// The second argument of `info`: label matchers for the info metric, which may
    /// all match the empty string.
    fn info_labels(&mut self, arg: &Expr) -> ValueType {
        match &arg.kind {
            ExprKind::Vector(selector) => {
                if let Some(name) = &selector.name {
                    self.error(name.span, CheckErrorKind::InfoSelectorHasName);
                }
                self.selector(selector, arg.span, true);
                ValueType::Vector
            }
            _ => {
                let got = self.expr(arg);
                if got == ValueType::Vector {
                    self.error(arg.span, CheckErrorKind::InfoSelectorNotSelector);
                }
                got
            }
        }
    }

    fn selector(&mut self, selector: &VectorSelector, span: Span, allow_empty: bool) {
        let mut selective = selector.name.is_some();
        for matcher in &selector.matchers {
            if !self.matches_empty(matcher) {
                selective = true;
            }
        }
        if let Some(name) = &selector.name {
            for m in selector
                .matchers
                .iter()
                .filter(|m| m.label.name == "__name__")
            {
                self.errors.push(
                    CheckError::new(
                        m.span,
                        CheckErrorKind::MetricNameTwice {
                            name: name.name.clone(),
                            other: m.value.clone(),
                        },
                    )
                    .with_related(name.span, "first metric name"),
                );
            }
        }
        if !selective && !allow_empty {
            self.error(span, CheckErrorKind::EmptyMatchers);
        }
        self.modifiers(&selector.modifiers);
    }

    /// Whether the matcher accepts a series without the label. Compiles regexes,
    /// reporting invalid ones. A value with a Grafana variable counts as selective.
    fn matches_empty(&mut self, m: &Matcher) -> bool {
        if self.grafana && contains_variable(&m.value) {
            return false;
        }
        match m.op {
            MatchOp::Equal => m.value.is_empty(),
            MatchOp::NotEqual => !m.value.is_empty(),
            MatchOp::Regex | MatchOp::NotRegex => self
                .regex(&m.value, m.value_span)
                .is_some_and(|re| re.is_match("") == (m.op == MatchOp::Regex)),
        }
    }

    fn modifiers(&mut self, modifiers: &Modifiers) {
        if let Some(offset) = &modifiers.offset {
            self.duration(&offset.duration);
        }
    }

    fn duration(&mut self, duration: &Duration) {
        if let Duration::Variable(var) = duration {
            self.variable(var);
        }
    }

    fn variable(&mut self, var: &GrafanaVar) {
        if !self.grafana {
            self.error(
                var.span,
                CheckErrorKind::GrafanaVariableInRule {
                    name: var.name.clone(),
                },
            );
        }
    }
}

/// The selector part of `selector[range]`: everything before the `[`.
fn selector_span(matrix: Span, range: Span) -> Span {
    if range.file == matrix.file && range.start > matrix.start && range.start <= matrix.end {
        Span {
            end: range.start,
            ..matrix
        }
    } else {
        matrix
    }
}

/// Compiles a matcher's regex the way Prometheus does: Go's RE2 syntax, anchored at
/// both ends, `.` matching newlines. The error is the reason only, without the regex
/// crate's drawing.
pub fn compile_anchored(pattern: &str) -> Result<regex::Regex, String> {
    // A project repeats the same few patterns in thousands of queries; compiling a regex
    // costs far more than parsing the query around it.
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, Result<regex::Regex, String>>> =
            std::cell::RefCell::default();
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return hit;
    }
    let compiled = compile_uncached(pattern);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= REGEX_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(pattern.to_string(), compiled.clone());
    });
    compiled
}

/// Distinct patterns kept compiled; past this the cache starts again, so hostile input
/// cannot grow it without bound.
const REGEX_CACHE_LIMIT: usize = 4096;

fn compile_uncached(pattern: &str) -> Result<regex::Regex, String> {
    let pattern = re2::translate(pattern)?;
    RegexBuilder::new(&format!("^(?s:{pattern})$"))
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(text) => text
                .lines()
                .rev()
                .find_map(|l| l.strip_prefix("error: "))
                .unwrap_or("syntax error")
                .to_string(),
            regex::Error::CompiledTooBig(limit) => {
                format!("the compiled regex exceeds the size limit of {limit} bytes")
            }
            other => other.to_string(),
        })
}

#[cfg(test)]
mod tests;
