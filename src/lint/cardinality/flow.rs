//! What the estimator carries up the tree: the estimate so far and the labels the
//! result's series may carry, each with its number of values.

use std::collections::BTreeMap;

use super::estimate::{Estimate, Size, Term, TermOp, TermValue};
use crate::diagnostic::Span;

/// How many values a label takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Card {
    Bounded(u64),
    Unbounded,
    /// Not known: a histogram's `le` without `buckets`, a summary's `quantile`.
    Unknown,
}

impl Card {
    /// The union of two label's value sets: at most their sum.
    pub fn plus(self, other: Card) -> Card {
        match (self, other) {
            (Card::Unbounded, _) | (_, Card::Unbounded) => Card::Unbounded,
            (Card::Unknown, _) | (_, Card::Unknown) => Card::Unknown,
            (Card::Bounded(a), Card::Bounded(b)) => Card::Bounded(a.saturating_add(b)),
        }
    }

    /// No label has more values than there are series to carry them.
    pub fn capped(self, size: &Size) -> Card {
        match (self, size) {
            (Card::Bounded(a), Size::Count(n)) => Card::Bounded(a.min(*n)),
            (Card::Unbounded | Card::Unknown, Size::Count(n)) => Card::Bounded(*n),
            (card, _) => card,
        }
    }
}

/// A label of a flow: its values now, and the catalog's figure before a matcher
/// narrowed it (for `status (1 of 12)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelCard {
    pub card: Card,
    pub narrowed_from: Option<Card>,
}

impl LabelCard {
    pub fn new(card: Card) -> Self {
        LabelCard {
            card,
            narrowed_from: None,
        }
    }

    pub fn term(&self, name: &str, op: TermOp) -> Term {
        let value = match (self.card, self.narrowed_from) {
            (Card::Bounded(kept), Some(Card::Bounded(of))) => TermValue::Kept { kept, of },
            (Card::Bounded(n), _) => TermValue::Count(n),
            (Card::Unbounded | Card::Unknown, _) => TermValue::Unbounded,
        };
        Term::new(op, name, value)
    }
}

/// What kind of value an expression has, as far as the estimate cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Series,
    Scalar,
    Str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    pub estimate: Estimate,
    /// The labels the series may carry (from the catalog), `__name__` aside.
    pub labels: BTreeMap<String, LabelCard>,
    /// Whether the series may carry labels not in [`Flow::labels`] (an unknown metric,
    /// `label_replace` into a Grafana variable, `info`).
    pub open: bool,
    pub kind: Kind,
}

impl Flow {
    /// A scalar or string: one value, no labels.
    pub fn plain(kind: Kind, span: Span) -> Self {
        Flow {
            estimate: Estimate {
                size: Size::Count(1),
                upper_bound: false,
                terms: Vec::new(),
                span,
            },
            labels: BTreeMap::new(),
            open: false,
            kind,
        }
    }

    /// Nothing known: an unknown metric or function.
    pub fn unknown(span: Span) -> Self {
        Flow {
            estimate: Estimate {
                size: Size::Unknown,
                upper_bound: true,
                terms: Vec::new(),
                span,
            },
            labels: BTreeMap::new(),
            open: true,
            kind: Kind::Series,
        }
    }

    /// Exactly `n` series with the given labels, decided at `span`.
    pub fn series(n: u64, labels: BTreeMap<String, LabelCard>, span: Span) -> Self {
        Flow {
            estimate: Estimate {
                size: Size::Count(n),
                upper_bound: false,
                terms: Vec::new(),
                span,
            },
            labels,
            open: false,
            kind: Kind::Series,
        }
    }

    pub fn size(&self) -> &Size {
        &self.estimate.size
    }

    /// The same series, perhaps fewer: a filter.
    pub fn filtered(mut self) -> Self {
        self.estimate.upper_bound = true;
        self
    }
}

/// The product of the given labels' values: the most series that can differ in them.
pub fn product<'a>(labels: impl Iterator<Item = (&'a String, &'a LabelCard)>) -> (Size, Vec<Term>) {
    let mut n: u64 = 1;
    let mut terms = Vec::new();
    let mut unknown = false;
    for (name, label) in labels {
        match label.card {
            Card::Unbounded => {
                return (
                    Size::Unbounded {
                        label: name.clone(),
                    },
                    vec![label.term(name, TermOp::Times)],
                );
            }
            Card::Unknown => unknown = true,
            Card::Bounded(c) => {
                n = n.saturating_mul(c);
                if c != 1 || label.narrowed_from.is_some() {
                    terms.push(label.term(name, TermOp::Times));
                }
            }
        }
    }
    if unknown {
        return (Size::Unknown, Vec::new());
    }
    (Size::Count(n), terms)
}

/// The smaller of an estimate and a bound the operation at `span` sets (`by (...)`,
/// `topk`, `on (...)`): the result has at most as many series as either allows.
pub fn at_most(input: Estimate, bound: Size, terms: Vec<Term>, span: Span) -> Estimate {
    let bounded = |size| Estimate {
        size,
        upper_bound: true,
        terms: terms.clone(),
        span,
    };
    match (&input.size, &bound) {
        (Size::Count(a), Size::Count(b)) if b < a => bounded(bound),
        (Size::Count(_), _) => input,
        (Size::Unbounded { .. } | Size::Unknown, Size::Count(_)) => bounded(bound),
        (Size::Unbounded { .. }, Size::Unbounded { .. }) => bounded(bound),
        _ => Estimate {
            size: Size::Unknown,
            upper_bound: true,
            terms: Vec::new(),
            span,
        },
    }
}

/// The smaller of two estimates (a one-to-one match returns at most either side).
pub fn smaller(a: Estimate, b: Estimate) -> Estimate {
    let pick_b = match (&a.size, &b.size) {
        (Size::Count(x), Size::Count(y)) => y < x,
        (Size::Count(_), _) => false,
        (_, Size::Count(_)) => true,
        (Size::Unknown, Size::Unbounded { .. }) => true,
        _ => false,
    };
    let mut out = if pick_b { b } else { a };
    out.upper_bound = true;
    out
}

/// The series of both (`or`, a selector over several services): at most the sum.
pub fn sum(parts: Vec<(String, Estimate)>, span: Span) -> Estimate {
    let mut total: u64 = 0;
    let mut upper_bound = false;
    let mut terms = Vec::new();
    for (name, part) in parts {
        match part.size {
            Size::Count(n) => {
                total = total.saturating_add(n);
                upper_bound |= part.upper_bound;
                terms.push(Term::new(TermOp::Plus, name, TermValue::Count(n)));
            }
            Size::Unbounded { .. } | Size::Unknown => return part,
        }
    }
    Estimate {
        size: Size::Count(total),
        upper_bound,
        terms,
        span,
    }
}

/// The labels of either of two flows; a label both carry has at most the sum of values.
pub fn merge_labels(
    mut a: BTreeMap<String, LabelCard>,
    b: BTreeMap<String, LabelCard>,
) -> BTreeMap<String, LabelCard> {
    for (name, label) in b {
        a.entry(name)
            .and_modify(|l| *l = LabelCard::new(l.card.plus(label.card)))
            .or_insert(label);
    }
    a
}
