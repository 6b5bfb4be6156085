//! Function calls: most keep their input's series; `absent` and `vector` return one;
//! `histogram_quantile` folds the buckets; `label_replace` may add a label.

use std::collections::BTreeMap;

use super::estimate::{Size, Term, TermOp, TermValue};
use super::flow::{Card, Flow, Kind, LabelCard};
use crate::diagnostic::Span;
use crate::promql::ast::{Expr, ExprKind, Ident, MatchOp};
use crate::promql::functions;
use crate::promql::grafana_text::contains_variable;
use crate::promql::types::ValueType;

pub fn call(func: &Ident, args: &[Expr], mut flows: Vec<Flow>, span: Span) -> Flow {
    let Some(f) = functions::lookup(&func.name) else {
        return Flow::unknown(span);
    };
    let string_arg = |i: usize| match args.get(i).map(|a| &a.kind) {
        Some(ExprKind::String(s)) => Some(s.as_str()),
        _ => None,
    };
    match f.name {
        "absent" | "absent_over_time" => return absent(args.first(), span),
        "vector" => return Flow::series(1, BTreeMap::new(), span),
        "label_replace" | "label_join" if !flows.is_empty() => {
            let input = flows.swap_remove(0);
            let sources: Vec<&str> = match f.name {
                "label_replace" => string_arg(3).into_iter().collect(),
                _ => (3..args.len()).filter_map(string_arg).collect(),
            };
            let literal =
                f.name == "label_replace" && string_arg(2).is_some_and(|r| !r.contains('$'));
            return label_replace(input, string_arg(1), string_arg(2), &sources, literal);
        }
        _ => {}
    }
    match f.returns {
        ValueType::Scalar => return Flow::plain(Kind::Scalar, span),
        ValueType::String => return Flow::plain(Kind::Str, span),
        ValueType::Vector | ValueType::Matrix => {}
    }
    // The series argument: the first declared as a vector or range vector.
    let series = (0..args.len())
        .find(|&i| matches!(f.arg_type(i), Some(ValueType::Vector | ValueType::Matrix)));
    let Some(i) = series.filter(|&i| i < flows.len()) else {
        // `hour()`, `time()`-like vectors: one series.
        return Flow::series(1, BTreeMap::new(), span);
    };
    let mut input = flows.swap_remove(i);
    match f.name {
        "histogram_quantile" | "histogram_fraction" => fold_buckets(input),
        "histogram_quantiles" => {
            let mut out = fold_buckets(input);
            match string_arg(1) {
                Some(label) => {
                    // One series per quantile asked for.
                    let k = args.len().saturating_sub(2) as u64;
                    out.labels
                        .insert(label.to_string(), LabelCard::new(Card::Bounded(k)));
                    if let Size::Count(n) = out.estimate.size {
                        out.estimate.size = Size::Count(n.saturating_mul(k));
                        out.estimate.terms.push(Term::new(
                            TermOp::Times,
                            label,
                            TermValue::Count(k),
                        ));
                    }
                }
                None => out.open = true,
            }
            out
        }
        "info" => {
            input.open = true;
            input
        }
        _ => input,
    }
}

/// `absent(x{job="a"})`: one series, with the equality matchers' labels.
fn absent(arg: Option<&Expr>, span: Span) -> Flow {
    let mut labels = BTreeMap::new();
    if let Some(ExprKind::Vector(sel) | ExprKind::Matrix { selector: sel, .. }) =
        arg.map(|a| &a.kind)
    {
        for m in &sel.matchers {
            if m.op == MatchOp::Equal && !m.value.is_empty() && m.label.name != "__name__" {
                labels.insert(m.label.name.clone(), LabelCard::new(Card::Bounded(1)));
            }
        }
    }
    Flow::series(1, labels, span)
}

/// One series per bucket set: the estimate divided by the `le` values, `le` gone.
fn fold_buckets(mut input: Flow) -> Flow {
    let Some(le) = input.labels.remove("le") else {
        return input;
    };
    match (le.card, &input.estimate.size) {
        (Card::Bounded(b), Size::Count(n)) if b > 0 => {
            input.estimate.size = Size::Count(n.div_ceil(b));
            // Where `le` is a factor of the arithmetic, dividing by it takes it out.
            let terms = &mut input.estimate.terms;
            if terms.iter().any(|t| t.name == "le") {
                terms.retain(|t| t.name != "le");
            } else {
                terms.push(le.term("le", TermOp::Divide));
            }
        }
        // An unbounded `le` (never in practice) no longer counts.
        (_, Size::Unbounded { label }) if label == "le" => {
            let (size, terms) = super::flow::product(input.labels.iter());
            input.estimate.size = size;
            input.estimate.terms = terms;
            input.estimate.upper_bound = true;
        }
        _ => input.estimate.upper_bound = true,
    }
    input
}

/// The target label gets the source labels' values (at most), one value for a literal
/// replacement, and disappears for an empty one. The number of series stays.
fn label_replace(
    mut input: Flow,
    target: Option<&str>,
    replacement: Option<&str>,
    sources: &[&str],
    literal: bool,
) -> Flow {
    let Some(target) = target.filter(|t| !contains_variable(t)) else {
        input.open = true;
        return input;
    };
    if replacement == Some("") && literal {
        input.labels.remove(target);
        return input;
    }
    let card = if literal {
        Card::Bounded(1)
    } else {
        sources
            .iter()
            .map(|s| input.labels.get(*s).map_or(Card::Unknown, |l| l.card))
            .fold(Card::Bounded(1), |acc, c| match (acc, c) {
                (Card::Bounded(a), Card::Bounded(b)) => Card::Bounded(a.saturating_mul(b)),
                (Card::Unbounded, _) | (_, Card::Unbounded) => Card::Unbounded,
                _ => Card::Unknown,
            })
            .capped(input.size())
    };
    input
        .labels
        .insert(target.to_string(), LabelCard::new(card));
    input
}
