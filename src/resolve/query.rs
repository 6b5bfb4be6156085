//! PromQL between backticks: parsed by the PromQL front end at its place in the `.dac`
//! file, scoped, checked and printed in canonical form.

use super::cx::Cx;
use super::error::ErrorKind;
use super::grafana_vars::variables;
use super::scope::Scope;
use crate::ast::QueryLit;
use crate::diagnostic::Severity;
use crate::model::Query;
use crate::promql::{self, ParseOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Grafana variables and macros allowed.
    Dashboard,
    /// Plain PromQL, as Prometheus evaluates it.
    Rule,
}

pub fn query(cx: &mut Cx, lit: &QueryLit, mode: Mode, scope: &Scope) -> Option<Query> {
    let mut expr = parse(cx, lit, mode)?;
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
    Some(Query {
        text: promql::print(&expr),
        expr,
        span: lit.text_span,
    })
}

/// Parses without checking types or scoping: for test series, which are selectors.
pub fn parse(cx: &mut Cx, lit: &QueryLit, mode: Mode) -> Option<promql::ast::Expr> {
    let opts = ParseOptions {
        file: lit.text_span.file,
        offset: lit.text_span.start as usize,
        grafana: mode == Mode::Dashboard,
    };
    match promql::parse(&lit.text, &opts) {
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
fn grafana_free(cx: &mut Cx, expr: &promql::ast::Expr) -> bool {
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
