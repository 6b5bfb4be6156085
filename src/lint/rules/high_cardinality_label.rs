//! ## What it does
//! Flags a high-cardinality label that a query groups by (`by (user_id)`), matches on
//! (`on (...)`, `ignoring (...)`), copies (`group_left (...)`) or keeps in its result.
//! A label is high-cardinality when the catalog marks it `unbounded`, or when it is in
//! `[lint] high_cardinality_labels` (by default `user_id`, `email`, `ip`, `client_ip`,
//! `request_id`, `trace_id`, `span_id`, `session_id`, `url`, `path`, `uri`, `query`,
//! `user_agent`). The span is the label in the clause, or the selector whose series
//! carry it to the result.
//!
//! ## Why is this bad?
//! Each value is a series of its own. A label with one value per user or request makes
//! as many series as there are users or requests: a panel Grafana cannot draw, an alert
//! per user, and a Prometheus whose memory grows with traffic.
//!
//! ## Example
//! ```text
//! expr = `sum by (user_id) (rate(orders_total[5m]))`
//! ```
//!
//! ## Use instead
//! Aggregate it away, and keep per-user detail in logs or traces:
//! ```text
//! expr = `sum by (job) (rate(orders_total[5m]))`
//! ```

use crate::diagnostic::Span;
use crate::lint::cardinality::{CatalogIndex, LabelUse, UseKind};
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::known_labels::{KnownLabels, metric_name};
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, ExprKind};
use crate::promql::visit::{Visitor, walk_expr};

pub fn check(input: &LintInput, settings: &LintSettings, out: &mut Vec<Finding>) {
    let empty = CatalogIndex::default();
    let index = if input.has_catalog() {
        input.catalog()
    } else {
        &empty
    };
    let known = KnownLabels::new(index, input.records());
    for (query, analysis) in input.queries().zip(input.cardinality(settings)) {
        let uses = &analysis.uses;
        for u in uses {
            // A label grouped by is also kept: report where the query chose it.
            let elsewhere = uses
                .iter()
                .any(|o| o.label == u.label && o.kind != UseKind::Kept);
            if u.kind == UseKind::Kept && elsewhere {
                continue;
            }
            let span = match u.kind {
                UseKind::Kept => carrier(&query.expr, &u.label, &known).unwrap_or(u.span),
                _ => u.span,
            };
            out.push(finding(u, span));
        }
    }
}

fn finding(u: &LabelUse, span: Span) -> Finding {
    let l = &u.label;
    let how = match u.kind {
        UseKind::GroupedBy => "grouped by",
        UseKind::Matching => "matched on",
        UseKind::Copied => "copied into the result",
        UseKind::Kept => "kept in the result",
    };
    let why = if u.unbounded {
        "the catalog marks it `unbounded`"
    } else {
        "it is in `[lint] high_cardinality_labels`"
    };
    let help = match u.kind {
        UseKind::Kept => format!(
            "aggregate it away: `sum without ({l}) (...)` or `sum by (<the labels you need>) (...)`"
        ),
        _ => format!("remove `{l}` here; per-{l} detail belongs in logs or traces"),
    };
    Finding::new(
        span,
        format!("high-cardinality label `{l}` is {how}: one series per value ({why})"),
        format!("`{l}` {how}"),
    )
    .with_help(help)
}

/// The first selector whose series carry `label`: where it enters the query.
fn carrier(expr: &Expr, label: &str, known: &KnownLabels) -> Option<Span> {
    struct Find<'k, 'a, 'l> {
        known: &'k KnownLabels<'a>,
        label: &'l str,
        at: Option<Span>,
    }
    impl<'e> Visitor<'e> for Find<'_, '_, '_> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            if self.at.is_some() {
                return;
            }
            if let ExprKind::Vector(sel) | ExprKind::Matrix { selector: sel, .. } = &expr.kind
                && metric_name(sel)
                    .and_then(|n| self.known.of_name(n))
                    .is_some_and(|has| has.contains(self.label))
            {
                self.at = Some(expr.span);
                return;
            }
            walk_expr(self, expr);
        }
    }
    let mut find = Find {
        known,
        label,
        at: None,
    };
    find.visit_expr(expr);
    find.at
}
