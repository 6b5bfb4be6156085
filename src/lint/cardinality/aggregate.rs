//! Aggregations: at most one series per group, never more than the input; `topk` and
//! friends keep up to k per group.

use std::collections::BTreeMap;

use super::estimate::{Size, Term, TermOp, TermValue};
use super::flow::{Card, Flow, LabelCard, at_most, product};
use super::label_use::{Notes, UseKind};
use crate::promql::ast::{AggregateExpr, AggregateOp, ExprKind, Grouping};
use crate::promql::grafana_text::contains_variable;

pub fn aggregate(w: &mut Notes, a: &AggregateExpr, input: Flow) -> Flow {
    if let Some(g) = &a.grouping
        && !g.without
    {
        for label in &g.labels {
            let card = input.labels.get(&label.name).map(|l| l.card);
            w.note(&label.name, card, label.span, UseKind::GroupedBy);
        }
    }
    let (groups, group_labels, span) = groups(a, &input);
    let mut out = input.clone();
    match a.op {
        AggregateOp::Topk | AggregateOp::Bottomk | AggregateOp::Limitk => {
            let k = match a.param.as_ref().map(|p| &p.kind) {
                Some(ExprKind::Number { value, .. }) if *value >= 0.0 && value.is_finite() => {
                    Some(value.ceil() as u64)
                }
                _ => None,
            };
            if let (Some(k), Some((size, terms))) = (k, groups) {
                let (size, terms) = times_k(k, size, terms);
                out.estimate = at_most(input.estimate, size, terms, span);
            } else {
                out.estimate.upper_bound = true;
            }
        }
        AggregateOp::LimitRatio => out.estimate.upper_bound = true,
        AggregateOp::CountValues => {
            // One series per group and distinct value: no more than the input.
            out.estimate.upper_bound = true;
            out.labels = group_labels.unwrap_or(input.labels);
            out.open = input.open && a.grouping.as_ref().is_some_and(|g| g.without);
            if let Some(ExprKind::String(label)) = a.param.as_ref().map(|p| &p.kind) {
                let card = Card::Unbounded.capped(&out.estimate.size);
                out.labels.insert(label.clone(), LabelCard::new(card));
            }
        }
        _ => {
            if let Some((size, terms)) = groups {
                out.estimate = at_most(input.estimate, size, terms, span);
            } else {
                out.estimate.upper_bound = true;
            }
            out.open = match &a.grouping {
                Some(g) => g.without && input.open || has_variable(g),
                None => false,
            };
            if let Some(labels) = group_labels {
                out.labels = labels;
            }
        }
    }
    out
}

/// `k (5) × groups` (`k (5)` alone without grouping).
fn times_k(k: u64, size: Size, mut terms: Vec<Term>) -> (Size, Vec<Term>) {
    let size = match size {
        Size::Count(n) => Size::Count(n.saturating_mul(k)),
        other => other,
    };
    terms.insert(0, Term::new(TermOp::Times, "k", TermValue::Count(k)));
    (size, terms)
}

type Groups = (
    Option<(Size, Vec<Term>)>,
    Option<BTreeMap<String, LabelCard>>,
    crate::diagnostic::Span,
);

/// The number of groups (when it can be bounded), the labels a group keeps, and the
/// span that decides: the `by (...)` clause, or the operator without one.
fn groups(a: &AggregateExpr, input: &Flow) -> Groups {
    let Some(g) = &a.grouping else {
        return (
            Some((Size::Count(1), Vec::new())),
            Some(BTreeMap::new()),
            a.op_span,
        );
    };
    if has_variable(g) {
        // `by ($group)`: which labels stay is up to Grafana.
        return (None, None, g.span);
    }
    let kept: BTreeMap<String, LabelCard> = if g.without {
        let mut kept = input.labels.clone();
        for l in &g.labels {
            kept.remove(&l.name);
        }
        kept
    } else {
        input
            .labels
            .iter()
            .filter(|(name, _)| g.labels.iter().any(|l| &l.name == *name))
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    let unlisted = !g.without && g.labels.iter().any(|l| !input.labels.contains_key(&l.name));
    // Labels the flow does not know of may take any number of values.
    if input.open && (g.without || unlisted) {
        return (None, Some(kept), g.span);
    }
    let capped: BTreeMap<String, LabelCard> = kept
        .iter()
        .map(|(k, v)| {
            let card = v.card.capped(input.size());
            let narrowed_from = v.narrowed_from.filter(|_| card == v.card);
            (
                k.clone(),
                LabelCard {
                    card,
                    narrowed_from,
                },
            )
        })
        .collect();
    let (size, terms) = product(capped.iter());
    (Some((size, terms)), Some(kept), g.span)
}

fn has_variable(g: &Grouping) -> bool {
    g.labels.iter().any(|l| contains_variable(&l.name))
}
