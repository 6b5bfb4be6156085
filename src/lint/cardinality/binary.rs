//! Binary operators: a scalar side changes nothing; two vectors match one-to-one
//! (at most the smaller side), many-to-one (at most the "many" side) or as sets.

use std::collections::BTreeMap;

use super::flow::{Flow, Kind, LabelCard, at_most, merge_labels, product, smaller, sum};
use super::label_use::{Notes, UseKind};
use crate::promql::ast::{BinaryExpr, BinaryOp, GroupSide, VectorMatching};
use crate::promql::grafana_text::contains_variable;

pub fn binary(w: &mut Notes, b: &BinaryExpr, lhs: Flow, rhs: Flow) -> Flow {
    let filter = b.op.is_comparison() && !b.return_bool;
    match (lhs.kind == Kind::Series, rhs.kind == Kind::Series) {
        (false, false) => return Flow::plain(Kind::Scalar, lhs.estimate.span),
        (true, false) => return if filter { lhs.filtered() } else { lhs },
        (false, true) => return if filter { rhs.filtered() } else { rhs },
        (true, true) => {}
    }
    if let Some(m) = &b.matching {
        note_matching(w, m, &lhs, &rhs);
    }
    match b.op {
        BinaryOp::And | BinaryOp::Unless => return lhs.filtered(),
        BinaryOp::Or => {
            let estimate = sum(
                vec![
                    ("left side".into(), lhs.estimate),
                    ("right side".into(), rhs.estimate),
                ],
                b.op_span,
            );
            return Flow {
                estimate,
                labels: merge_labels(lhs.labels, rhs.labels),
                open: lhs.open || rhs.open,
                kind: Kind::Series,
            };
        }
        _ => {}
    }
    match b.matching.as_ref() {
        Some(m) if m.group.is_some() => many_to_one(m, lhs, rhs),
        Some(m) => one_to_one(m, lhs, rhs),
        None => {
            let estimate = smaller(lhs.estimate.clone(), rhs.estimate);
            Flow { estimate, ..lhs }
        }
    }
}

/// `on (...)`/`ignoring (...)` without a group modifier: each signature pairs one series
/// of each side, so at most the smaller side, and with `on` at most the product of the
/// listed labels' values.
fn one_to_one(m: &VectorMatching, lhs: Flow, rhs: Flow) -> Flow {
    let mut estimate = smaller(lhs.estimate.clone(), rhs.estimate);
    let variable = m.labels.iter().any(|l| contains_variable(&l.name));
    let mut labels = lhs.labels.clone();
    let mut open = lhs.open;
    if m.on && !variable {
        labels = lhs
            .labels
            .iter()
            .filter(|(name, _)| m.labels.iter().any(|l| &l.name == *name))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        let unlisted = m.labels.iter().any(|l| !lhs.labels.contains_key(&l.name));
        if !(lhs.open && unlisted) {
            let (size, terms) = product(labels.iter());
            estimate = at_most(estimate, size, terms, m.span);
        }
        open = false;
    } else if !m.on {
        for l in &m.labels {
            labels.remove(&l.name);
        }
    }
    Flow {
        estimate,
        labels,
        open,
        kind: Kind::Series,
    }
}

/// `group_left`/`group_right`: each series of the "many" side matches at most one of
/// the other, and takes the listed labels from it.
fn many_to_one(m: &VectorMatching, lhs: Flow, rhs: Flow) -> Flow {
    let Some(group) = &m.group else {
        return lhs;
    };
    let (many, one) = match group.side {
        GroupSide::Left => (lhs, rhs),
        GroupSide::Right => (rhs, lhs),
    };
    let mut out = many.filtered();
    let copied: BTreeMap<String, LabelCard> = group
        .labels
        .iter()
        .filter_map(|l| one.labels.get(&l.name).map(|c| (l.name.clone(), *c)))
        .collect();
    out.open |= group
        .labels
        .iter()
        .any(|l| !one.labels.contains_key(&l.name) && one.open);
    for (name, card) in copied {
        out.labels.insert(name, LabelCard::new(card.card));
    }
    out
}

/// Reports watched labels in `on (...)`, `ignoring (...)` and `group_x (...)`.
fn note_matching(w: &mut Notes, m: &VectorMatching, lhs: &Flow, rhs: &Flow) {
    let card = |name: &str| {
        lhs.labels
            .get(name)
            .or_else(|| rhs.labels.get(name))
            .map(|l| l.card)
    };
    for l in &m.labels {
        w.note(&l.name, card(&l.name), l.span, UseKind::Matching);
    }
    for l in m.group.iter().flat_map(|g| &g.labels) {
        w.note(&l.name, card(&l.name), l.span, UseKind::Copied);
    }
}
