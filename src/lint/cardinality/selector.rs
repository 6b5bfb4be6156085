//! A selector's estimate: the catalog's total or the product of its labels' values,
//! narrowed by the matchers, summed over the services that expose the metric.

use std::collections::BTreeMap;

use super::estimate::{Estimate, Size, Term, TermOp, TermValue};
use super::flow::{Card, Flow, LabelCard, merge_labels, product, sum};
use super::index::{CatalogIndex, Source, Suffix};
use super::matcher::{ValueMatch, narrow, value_matches};
use crate::diagnostic::Span;
use crate::promql::ast::{MatchOp, VectorSelector, has_grafana_variable};

const METRIC_NAME: &str = "__name__";

pub fn selector(index: &CatalogIndex, sel: &VectorSelector, span: Span) -> Flow {
    let Some(name) = metric_name(sel) else {
        return Flow::unknown(span);
    };
    let Some(entry) = index.lookup(name) else {
        return Flow::unknown(span);
    };
    let mut filtered = false;
    let mut flows: Vec<(String, Flow)> = Vec::new();
    for source in entry.sources {
        match source_matches(source, sel) {
            ValueMatch::No => continue,
            ValueMatch::Maybe => filtered = true,
            ValueMatch::Yes => {}
        }
        flows.push((
            source.origin.clone(),
            from_source(source, entry.suffix, sel, span),
        ));
    }
    let mut flow = match flows.len() {
        0 => Flow::series(0, BTreeMap::new(), span),
        1 => flows
            .pop()
            .map(|(_, f)| f)
            .unwrap_or_else(|| Flow::unknown(span)),
        _ => {
            let mut labels = BTreeMap::new();
            let mut parts = Vec::new();
            for (origin, f) in flows {
                labels = merge_labels(labels, f.labels);
                parts.push((origin, f.estimate));
            }
            Flow {
                estimate: sum(parts, span),
                labels,
                open: false,
                kind: super::flow::Kind::Series,
            }
        }
    };
    if filtered {
        flow = flow.filtered();
    }
    flow
}

/// The name before the braces, or an equality matcher on `__name__`; none when a
/// Grafana variable or a regex picks it.
fn metric_name(sel: &VectorSelector) -> Option<&str> {
    let name = match &sel.name {
        Some(n) => n.name.as_str(),
        None => sel
            .matchers
            .iter()
            .find(|m| m.label.name == METRIC_NAME && m.op == MatchOp::Equal)
            .map(|m| m.value.as_str())?,
    };
    (!has_grafana_variable(name)).then_some(name)
}

/// Whether the selector's matchers on the source's fixed labels (a service's `job`)
/// keep its series.
fn source_matches(source: &Source, sel: &VectorSelector) -> ValueMatch {
    let mut verdict = ValueMatch::Yes;
    for m in &sel.matchers {
        let Some(value) = source.fixed.get(&m.label.name) else {
            continue;
        };
        match value_matches(value, m) {
            ValueMatch::No => return ValueMatch::No,
            ValueMatch::Maybe => verdict = ValueMatch::Maybe,
            ValueMatch::Yes => {}
        }
    }
    verdict
}

fn from_source(source: &Source, suffix: Suffix, sel: &VectorSelector, span: Span) -> Flow {
    let mut labels: BTreeMap<String, LabelCard> = source
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), LabelCard::new(*v)))
        .collect();
    let le = source
        .buckets
        .map_or(Card::Unknown, |b| Card::Bounded(u64::from(b) + 1));
    match suffix {
        Suffix::Bucket => {
            labels.insert("le".into(), LabelCard::new(le));
        }
        // A summary's quantiles: the catalog does not say how many.
        Suffix::Plain if source.kind == Some(crate::model::MetricKind::Summary) => {
            labels.insert("quantile".into(), LabelCard::new(Card::Unknown));
        }
        Suffix::Plain | Suffix::Total => {}
    }
    let mut narrowed = Vec::new();
    for m in &sel.matchers {
        let name = &m.label.name;
        if name == METRIC_NAME || source.fixed.contains_key(name) {
            continue;
        }
        if let Some(label) = labels.get_mut(name) {
            let before = label.card;
            let after = narrow(before, m);
            if after != before {
                label.card = after;
                label.narrowed_from.get_or_insert(before);
                if !narrowed.contains(name) {
                    narrowed.push(name.clone());
                }
            }
        }
    }
    let estimate = match &source.total {
        Some((total, upper_bound)) => from_total(
            source,
            total,
            *upper_bound,
            suffix,
            le,
            &labels,
            &narrowed,
            span,
        ),
        None => {
            let (size, terms) = product(
                labels
                    .iter()
                    .filter(|(k, _)| !source.correlated.contains(k)),
            );
            Estimate {
                size,
                upper_bound: true,
                terms,
                span,
            }
        }
    };
    Flow {
        estimate,
        labels,
        open: false,
        kind: super::flow::Kind::Series,
    }
}

/// The catalog's (or a rule's) total, times the buckets, times the share of each
/// narrowed label's values the matchers keep (values are taken as evenly spread).
#[allow(clippy::too_many_arguments)]
fn from_total(
    source: &Source,
    total: &Size,
    upper_bound: bool,
    suffix: Suffix,
    le: Card,
    labels: &BTreeMap<String, LabelCard>,
    narrowed: &[String],
    span: Span,
) -> Estimate {
    let Size::Count(total) = total else {
        return Estimate {
            size: total.clone(),
            upper_bound,
            terms: Vec::new(),
            span,
        };
    };
    let mut n = u128::from(*total);
    let mut upper_bound = upper_bound;
    let mut terms = vec![Term::new(
        TermOp::Times,
        source.name.clone(),
        TermValue::Count(*total),
    )];
    if suffix == Suffix::Bucket {
        match le {
            Card::Bounded(b) => {
                n = n.saturating_mul(u128::from(b));
                terms.push(Term::new(TermOp::Times, "le", TermValue::Count(b)));
            }
            _ => {
                return Estimate {
                    size: Size::Unknown,
                    upper_bound: true,
                    terms: Vec::new(),
                    span,
                };
            }
        }
    }
    for name in narrowed {
        let Some(label) = labels.get(name) else {
            continue;
        };
        match (label.narrowed_from, label.card) {
            (Some(Card::Bounded(of)), Card::Bounded(kept)) if of > 0 => {
                n = n.saturating_mul(u128::from(kept)).div_ceil(u128::from(of));
                terms.push(label.term(name, TermOp::Times));
            }
            // Kept some of an unbounded label's values: the total still bounds it.
            _ => upper_bound = true,
        }
    }
    Estimate {
        size: Size::Count(u64::try_from(n).unwrap_or(u64::MAX)),
        upper_bound,
        terms,
        span,
    }
}
