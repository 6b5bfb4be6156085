//! The dashboard's context: what its panels and rows report up while they are read.
//!
//! It lives apart from `dashboard.rs` so panels and targets can take it without
//! importing the file that imports them.

use super::cx::{Cx, Seen};
use super::grafana_vars::VarRef;
use super::scope::Scope;
use crate::ast::Stmt;
use crate::diagnostic::Span;

/// What panels report up to their dashboard.
#[derive(Default)]
pub struct DashCx {
    pub scope: Scope,
    /// Variables the dashboard's queries use, checked once all are declared.
    pub var_refs: Vec<VarRef>,
    /// Where each resolved panel sets `y`, in reading order (rows' panels in place).
    pub y_spans: Vec<Option<Span>>,
}

/// `repeat = VARIABLE`: the variable must be declared, like those queries use.
pub fn repeat_variable(
    cx: &mut Cx,
    stmt: &Stmt,
    seen: &mut Seen,
    dash: &mut DashCx,
) -> Option<String> {
    let v = cx.attr(stmt, seen)?;
    let name = cx.word(v, "repeat")?;
    dash.var_refs.push(VarRef {
        name: name.clone(),
        span: v.span,
    });
    Some(name)
}
