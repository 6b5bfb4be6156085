//! ## What it does
//! Flags a label that the series cannot carry: in a matcher (`{stauts="500"}`), in
//! `by (...)` or `without (...)`, in `on (...)` or `ignoring (...)`, or in
//! `group_left (...)`/`group_right (...)`. The labels come from the catalog, with the
//! ones a scrape adds (`job`, `instance`, and the Prometheus Operator's `namespace`,
//! `pod`, `service`, `container` and `endpoint`), `le` on a histogram's buckets and
//! `quantile` on a summary; a recording rule has the labels its expression keeps. It
//! suggests the closest label. A metric the catalog does not have is not checked.
//!
//! ## Why is this bad?
//! PromQL does not know which labels exist. A matcher on a missing label selects
//! nothing (or, with `!=`, everything); `by (stauts)` quietly sums everything into one
//! series; `on (pdo)` matches series by nothing. The query runs and returns the wrong
//! answer.
//!
//! ## Example
//! ```text
//! expr = `sum by (stauts) (rate(http_requests_total{job="api"}[5m]))`
//! ```
//!
//! ## Use instead
//! ```text
//! expr = `sum by (status) (rate(http_requests_total{job="api"}[5m]))`
//! ```
//! If the label is real, add it to the metric's `labels` in the catalog.

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::known_labels::{KnownLabels, LabelNames, metric_name};
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, ExprKind, GroupSide, Ident, VectorSelector};
use crate::promql::grafana_text::contains_variable;
use crate::promql::suggest::did_you_mean;
use crate::promql::visit::{Visitor, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    if !input.has_catalog() {
        return;
    }
    let known = KnownLabels::new(input.catalog(), input.records());
    for query in input.queries() {
        let mut v = Check {
            known: &known,
            out: &mut *out,
        };
        v.visit_expr(&query.expr);
    }
}

struct Check<'k, 'a> {
    known: &'k KnownLabels<'a>,
    out: &'k mut Vec<Finding>,
}

impl<'e> Visitor<'e> for Check<'_, '_> {
    fn visit_expr(&mut self, expr: &'e Expr) {
        match &expr.kind {
            ExprKind::Vector(sel) | ExprKind::Matrix { selector: sel, .. } => self.selector(sel),
            ExprKind::Aggregate(a) => {
                if let Some(g) = &a.grouping
                    && let Some(has) = self.known.of_expr(&a.expr)
                {
                    let what = if g.without { "without" } else { "by" };
                    for l in &g.labels {
                        self.label(l, &has, &format!("`{what} ({})`", l.name), "its input");
                    }
                }
            }
            ExprKind::Binary(b) => {
                if let Some(m) = &b.matching {
                    let (lhs, rhs) = (self.known.of_expr(&b.lhs), self.known.of_expr(&b.rhs));
                    if let (Some(lhs), Some(rhs)) = (&lhs, &rhs) {
                        let both: LabelNames = lhs.union(rhs).cloned().collect();
                        let what = if m.on { "on" } else { "ignoring" };
                        for l in &m.labels {
                            self.label(l, &both, &format!("`{what} ({})`", l.name), "either side");
                        }
                    }
                    if let Some(g) = &m.group {
                        // The labels copied come from the "one" side.
                        let (one, side, what) = match g.side {
                            GroupSide::Left => (rhs, "the right side", "group_left"),
                            GroupSide::Right => (lhs, "the left side", "group_right"),
                        };
                        if let Some(one) = one {
                            for l in &g.labels {
                                self.label(l, &one, &format!("`{what} ({})`", l.name), side);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}

impl Check<'_, '_> {
    fn selector(&mut self, sel: &VectorSelector) {
        let Some(name) = metric_name(sel) else {
            return;
        };
        let Some(has) = self.known.of_name(name) else {
            return;
        };
        // A label the rule's inputs had and its aggregation dropped: `promql/impossible`.
        let dropped = if self.known.is_record(name) {
            self.known.record_inputs(name)
        } else {
            LabelNames::new()
        };
        for m in &sel.matchers {
            let l = &m.label.name;
            if l == "__name__" || has.contains(l) || dropped.contains(l) || contains_variable(l) {
                continue;
            }
            let hint = did_you_mean(l, has.iter().map(String::as_str));
            let f = Finding::new(
                m.span,
                format!(
                    "`{name}` has no label `{l}`: this matcher tests a label that is never there"
                ),
                "no such label",
            );
            self.out.push(with_hint(f, l, hint, &format!("`{name}`")));
        }
    }

    /// Reports `l` unless `has` holds it.
    fn label(&mut self, l: &Ident, has: &LabelNames, clause: &str, of: &str) {
        if has.contains(&l.name) || contains_variable(&l.name) || l.name == "__name__" {
            return;
        }
        let hint = did_you_mean(&l.name, has.iter().map(String::as_str));
        let f = Finding::new(
            l.span,
            format!("{clause} names a label that {of} never has"),
            "no such label",
        );
        self.out.push(with_hint(f, &l.name, hint, "the metric"));
    }
}

fn with_hint(f: Finding, label: &str, hint: Option<&str>, metric: &str) -> Finding {
    match hint {
        Some(close) => f.with_help(format!(
            "did you mean `{close}`? If `{label}` is real, add it to the labels of {metric} in the catalog"
        )),
        None => f.with_help(format!(
            "use a label the series have, or add `{label}` to the labels of {metric} in the catalog"
        )),
    }
}
