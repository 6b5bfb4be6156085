//! ## What it does
//! Flags an alert whose expression neither compares (`> 0.05`, `== 0`) nor filters
//! (`and`, `unless`, `absent()`, `absent_over_time()`) anywhere, so that every series it
//! selects is an alert.
//!
//! ## Why is this bad?
//! Prometheus fires an alert for every series the expression returns, whatever its
//! value. `rate(errors_total[5m])` returns a series even when the rate is 0: the alert
//! fires as long as the service exists. A comparison with `bool` does not filter
//! either: it returns 0 or 1, and both fire.
//!
//! ## Example
//! ```text
//! alert "Errors" {
//!   expr = `sum by (job) (rate(errors_total[5m]))`
//!   for  = 5m
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! alert "Errors" {
//!   expr = `sum by (job) (rate(errors_total[5m])) > 0.1`
//!   for  = 5m
//! }
//! ```
//! An alert that must always fire (a deadman's switch such as `vector(1)`) says so:
//! `# dac: disable alert/no-condition -- the Watchdog fires always, by design`.

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::ast::{BinaryOp, Expr, ExprKind};
use crate::promql::visit::{Visitor, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        let mut filters = Filters(false);
        filters.visit_expr(&alert.expr.expr);
        if filters.0 {
            continue;
        }
        out.push(
            Finding::new(
                alert.expr.span,
                format!(
                    "alert `{}` always fires: its expression has no comparison or filter",
                    alert.name
                ),
                "every series this returns is an alert, whatever its value",
            )
            .with_help(
                "compare the result with a threshold (`... > 0.05`), or filter it with \
                 `and`, `unless` or `absent()`",
            ),
        );
    }
}

/// Whether any part of the expression drops series by their values or presence.
struct Filters(bool);

impl<'a> Visitor<'a> for Filters {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::Binary(b)
                if (b.op.is_comparison() && !b.return_bool)
                    || matches!(b.op, BinaryOp::And | BinaryOp::Unless) =>
            {
                self.0 = true
            }
            ExprKind::Call { func, .. }
                if matches!(func.name.as_str(), "absent" | "absent_over_time") =>
            {
                self.0 = true
            }
            _ => walk_expr(self, expr),
        }
    }
}
