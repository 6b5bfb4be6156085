//! ## What it does
//! Flags a selector that can match no series at all:
//! - contradictory matchers on one label: `{a="x", a="y"}`, `{a="x", a!="x"}`,
//!   `{a=~"x|y", a="z"}`, `{a=~"x|y", a=~"z"}`;
//! - a matcher that needs a label which the recording rule it reads already dropped:
//!   `job:http_requests:rate5m{status="500"}` when the rule is
//!   `sum by (job) (rate(http_requests_total[5m]))`.
//!
//! ## Why is this bad?
//! Prometheus evaluates the selector without complaint and returns nothing. A panel
//! shows "No data" and an alert over it can never fire, which looks exactly like
//! everything being fine.
//!
//! ## Example
//! ```text
//! record "job:http_requests:rate5m" = `sum by (job) (rate(http_requests_total[5m]))`
//! expr = `job:http_requests:rate5m{status=~"5.."} > 1`
//! ```
//!
//! ## Use instead
//! Keep the label in the recording rule (`sum by (job, status) (...)`), or read the
//! metric itself; drop one of two contradictory matchers.

use crate::diagnostic::Span;
use crate::lint::cardinality::{ValueMatch, listed_values, value_matches};
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::known_labels::{KnownLabels, metric_name};
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, ExprKind, Matcher, VectorSelector};
use crate::promql::grafana_text::contains_variable;
use crate::promql::labels::output_labels;
use crate::promql::visit::{Visitor, selectors, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let known = input
        .has_catalog()
        .then(|| KnownLabels::new(input.catalog(), input.records()));
    for query in input.queries() {
        for sel in selectors(&query.expr) {
            contradictions(sel, out);
            if let Some(known) = &known {
                dropped_by_record(sel, known, out);
            }
        }
    }
}

/// Each pair of matchers on one label that no value satisfies together.
fn contradictions(sel: &VectorSelector, out: &mut Vec<Finding>) {
    for (i, a) in sel.matchers.iter().enumerate() {
        let Some(b) = sel.matchers[i + 1..]
            .iter()
            .find(|b| b.label.name == a.label.name && disjoint(a, b))
        else {
            continue;
        };
        out.push(
            Finding::new(
                b.span,
                format!(
                    "`{}` contradicts `{}`: no value of `{}` satisfies both, so this \
                     selector matches no series",
                    text(b),
                    text(a),
                    a.label.name
                ),
                "contradicts the other matcher",
            )
            .with_secondary(a.span, "this matcher")
            .with_help("remove one of the two matchers, or merge them into one"),
        );
    }
}

/// Whether no value satisfies both matchers: one lists its values (`=`, or `=~` of
/// literal alternatives) and none of them passes the other.
fn disjoint(a: &Matcher, b: &Matcher) -> bool {
    if contains_variable(&a.value) || contains_variable(&b.value) {
        return false;
    }
    let none_passes = |listing: &Matcher, other: &Matcher| {
        if matches!(listing.op, crate::promql::ast::MatchOp::NotEqual)
            || matches!(listing.op, crate::promql::ast::MatchOp::NotRegex)
        {
            return false;
        }
        let Some(values) = listed_values(listing) else {
            return false;
        };
        values
            .iter()
            .all(|v| value_matches(v, other) == ValueMatch::No)
    };
    none_passes(a, b) || none_passes(b, a)
}

fn text(m: &Matcher) -> String {
    format!("{}{}{:?}", m.label.name, m.op.as_str(), m.value)
}

/// A matcher that needs a value of a label the record's rules dropped.
fn dropped_by_record(sel: &VectorSelector, known: &KnownLabels, out: &mut Vec<Finding>) {
    let Some(name) = metric_name(sel) else {
        return;
    };
    if !known.is_record(name) {
        return;
    }
    let Some(has) = known.of_name(name) else {
        return;
    };
    let inputs = known.record_inputs(name);
    for m in &sel.matchers {
        let l = &m.label.name;
        if has.contains(l) || !inputs.contains(l) || contains_variable(l) {
            continue;
        }
        // `{pod!="x"}` or `{pod=""}` hold for a series without `pod`: no fault.
        if contains_variable(&m.value) || value_matches("", m) != ValueMatch::No {
            continue;
        }
        let mut f = Finding::new(
            m.span,
            format!("recording rule `{name}` drops `{l}`, so this matcher matches no series"),
            format!("`{name}` has no `{l}`"),
        )
        .with_help(format!(
            "keep `{l}` in the recording rule's aggregation (`by (..., {l})`), or select \
             the metric the rule reads"
        ));
        for rule in known.rules_of(name) {
            if let Some(at) = dropper(&rule.expr.expr, l) {
                f = f.with_secondary(at, format!("`{l}` is dropped here"));
            }
        }
        out.push(f);
    }
}

/// The outermost aggregation of `expr` whose result lacks `label` while its input may
/// have it: its `by (...)`/`without (...)`, else its operator.
fn dropper(expr: &Expr, label: &str) -> Option<Span> {
    struct Find<'l>(&'l str, Option<Span>);
    impl<'a> Visitor<'a> for Find<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.1.is_some() {
                return;
            }
            if let ExprKind::Aggregate(a) = &expr.kind
                && !output_labels(expr).may_have(self.0)
                && output_labels(&a.expr).may_have(self.0)
            {
                self.1 = Some(a.grouping.as_ref().map_or(a.op_span, |g| g.span));
                return;
            }
            walk_expr(self, expr);
        }
    }
    let mut find = Find(label, None);
    find.visit_expr(expr);
    find.1
}
