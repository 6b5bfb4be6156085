//! PromQL between backticks: parsed by the PromQL front end at its place in the `.dac`
//! file, scoped, checked and printed in canonical form.

use super::cx::Cx;
use super::error::ErrorKind;
use super::grafana_vars::variables;
use super::scope::Scope;
use crate::ast::{CompareOp, QueryLit, Value, ValueKind};
use crate::diagnostic::Severity;
use crate::model::Query;
use crate::promql::ast::{BinaryExpr, BinaryOp, Expr, ExprKind};
use crate::promql::{self, ParseOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Grafana variables and macros allowed.
    Dashboard,
    /// Plain PromQL, as Prometheus evaluates it.
    Rule,
}

pub fn query(cx: &mut Cx, lit: &QueryLit, mode: Mode, scope: &Scope) -> Option<Query> {
    let expr = parse(cx, lit, mode)?;
    finish(cx, expr, lit, mode, scope)
}

/// A query value: PromQL between backticks, or PromQL compared with a number
/// (`expr = `error_ratio` > @threshold`), the comparison added to the tree.
pub fn query_value(
    cx: &mut Cx,
    value: &Value,
    what: &str,
    mode: Mode,
    scope: &Scope,
) -> Option<Query> {
    match &value.kind {
        ValueKind::Query(lit) => query(cx, lit, mode, scope),
        ValueKind::Compare {
            lhs,
            op,
            op_span,
            rhs,
        } => {
            let ValueKind::Query(lit) = &lhs.kind else {
                cx.wrong_type(lhs, what, "PromQL between backticks");
                return None;
            };
            let number = cx.number(rhs, "threshold");
            let lhs_expr = parse(cx, lit, mode)?;
            let (ValueKind::Number { text, .. }, Some(number)) = (&rhs.kind, number) else {
                return None;
            };
            let lhs_expr = if matches!(&lhs_expr.kind, ExprKind::Binary(b) if b.op.precedence() <= 3)
            {
                Expr {
                    span: lhs_expr.span,
                    kind: ExprKind::Paren(Box::new(lhs_expr)),
                }
            } else {
                lhs_expr
            };
            let op = match op {
                CompareOp::Gt => BinaryOp::Gtr,
                CompareOp::Lt => BinaryOp::Lss,
                CompareOp::Ge => BinaryOp::Gte,
                CompareOp::Le => BinaryOp::Lte,
                CompareOp::Eq => BinaryOp::Eql,
                CompareOp::Ne => BinaryOp::Neq,
            };
            let span = lhs_expr.span;
            let expr = Expr {
                span,
                kind: ExprKind::Binary(Box::new(BinaryExpr {
                    op,
                    op_span: *op_span,
                    lhs: lhs_expr,
                    rhs: Expr {
                        span: rhs.span,
                        kind: ExprKind::Number {
                            value: number,
                            raw: text.clone(),
                        },
                    },
                    return_bool: false,
                    matching: None,
                })),
            };
            finish(cx, expr, lit, mode, scope)
        }
        _ => {
            cx.wrong_type(value, what, "PromQL between backticks");
            None
        }
    }
}

/// Scope, check and print a parsed query.
fn finish(cx: &mut Cx, mut expr: Expr, lit: &QueryLit, mode: Mode, scope: &Scope) -> Option<Query> {
    if mode == Mode::Rule && !grafana_free(cx, &expr) {
        return None;
    }
    scope.inject(&mut expr);
    let mut failed = false;
    for d in promql::check::check(&expr, mode == Mode::Dashboard) {
        failed |= d.severity == Severity::Error;
        cx.diagnostics.push(d);
    }
    if failed {
        return None;
    }
    promql::compact::shrink_to_fit(&mut expr);
    Some(Query {
        text: promql::print(&expr),
        expr,
        span: lit.text_span,
    })
}

/// Parses without checking types or scoping: for test series, which are selectors.
pub fn parse(cx: &mut Cx, lit: &QueryLit, mode: Mode) -> Option<Expr> {
    let opts = ParseOptions {
        file: lit.text_span.file,
        offset: lit.text_span.start as usize,
        grafana: mode == Mode::Dashboard,
    };
    match promql::parse_cached(&lit.text, &opts) {
        Ok(expr) => Some(expr),
        Err(diagnostics) => {
            // A rule query that parses as a dashboard query failed because of Grafana
            // variables: say that, rather than what the parser stumbled on.
            if mode == Mode::Rule {
                let grafana = ParseOptions {
                    grafana: true,
                    ..opts
                };
                if let Ok(expr) = promql::parse(&lit.text, &grafana) {
                    let vars = variables(&expr);
                    if !vars.is_empty() {
                        for v in vars {
                            cx.error(
                                v.span,
                                ErrorKind::GrafanaVariableInRule {
                                    variable: format!("${}", v.name),
                                },
                            );
                        }
                        return None;
                    }
                }
            }
            cx.diagnostics.extend(diagnostics);
            None
        }
    }
}

/// Reports Grafana variables left in label values or names of a rule expression (they
/// parse as plain strings there).
fn grafana_free(cx: &mut Cx, expr: &Expr) -> bool {
    let mut clean = true;
    for v in variables(expr) {
        clean = false;
        cx.error(
            v.span,
            ErrorKind::GrafanaVariableInRule {
                variable: format!("${}", v.name),
            },
        );
    }
    clean
}
