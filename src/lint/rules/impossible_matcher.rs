//! ## What it does
//! Flags a selector that can match no series at all:
//! - contradictory matchers on one label: `{a="x", a="y"}`, `{a="x", a!="x"}`,
//!   `{a=~"x|y", a="z"}`, `{a=~"x|y", a=~"z"}`;
//! - a matcher that needs a label which the recording rule it reads already dropped:
//!   `job:http_requests:rate5m{status="500"}` when the rule is
//!   `sum by (job) (rate(http_requests_total[5m]))`;
//! - `on (x)` between a side whose series carry `x` (from the catalog) and a side whose
//!   aggregation dropped it: `a * on (pod) sum by (job) (b)`. No series pair up, so
//!   an arithmetic operation, a comparison or `and` returns nothing.
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
use crate::promql::ast::{BinaryExpr, BinaryOp, Expr, ExprKind, Matcher, VectorSelector};
use crate::promql::grafana_text::contains_variable;
use crate::promql::labels::output_labels;
use crate::promql::visit::{Visitor, selectors, walk_expr};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let known = input
        .has_catalog()
        .then(|| KnownLabels::new(input.catalog(), input.records()));
    for query in input.queries() {
        if let Some(known) = &known {
            let mut matching = Matching { known, out };
            matching.visit_expr(&query.expr);
        }
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

/// `on (x)` where one side's series carry `x` and the other side's aggregation dropped it.
struct Matching<'k, 'a> {
    known: &'k KnownLabels<'a>,
    out: &'k mut Vec<Finding>,
}

impl<'e> Visitor<'e> for Matching<'_, '_> {
    fn visit_expr(&mut self, expr: &'e Expr) {
        if let ExprKind::Binary(b) = &expr.kind {
            self.binary(b);
        }
        walk_expr(self, expr);
    }
}

impl Matching<'_, '_> {
    fn binary(&mut self, b: &BinaryExpr) {
        // `or` keeps both sides and `unless` keeps the left whatever matches.
        if matches!(b.op, BinaryOp::Or | BinaryOp::Unless) {
            return;
        }
        let Some(m) = b.matching.as_ref().filter(|m| m.on) else {
            return;
        };
        for l in m.labels.iter().filter(|l| !contains_variable(&l.name)) {
            let sides = [(&b.lhs, &b.rhs), (&b.rhs, &b.lhs)];
            let Some((at, has)) = sides.into_iter().find_map(|(lacks, has)| {
                let dropped = !output_labels(lacks).may_have(&l.name);
                let carried = self.known.of_expr(has).is_some_and(|h| h.contains(&l.name))
                    && output_labels(has).may_have(&l.name);
                dropper(lacks, &l.name)
                    .filter(|_| dropped && carried)
                    .map(|at| (at, has.span))
            }) else {
                continue;
            };
            self.out.push(
                Finding::new(
                    l.span,
                    format!(
                        "`on ({})` pairs series that carry `{}` with series whose \
                         aggregation dropped it: no series match, so `{}` returns nothing",
                        l.name,
                        l.name,
                        b.op.as_str()
                    ),
                    "never matches",
                )
                .with_secondary(at, format!("`{}` is dropped here", l.name))
                .with_secondary(has, format!("these series carry `{}`", l.name))
                .with_help(format!(
                    "keep `{}` in that aggregation (`by (..., {})`), or match on labels \
                     both sides keep",
                    l.name, l.name
                )),
            );
        }
    }
}
