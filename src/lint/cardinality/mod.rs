//! The offline cardinality estimate: how many series a PromQL query returns, from the
//! metric catalog alone (issue #8). The rules `promql/cardinality` and
//! `promql/high-cardinality-label` read one [`analyse`] of each query (see
//! [`crate::lint::context::LintInput::cardinality`]).
//!
//! The catalog gives each label's number of values, or `unbounded`, and optionally a
//! metric's total series (`series = N`) and a service's targets (`replicas = N`).
//! Labels are correlated (40 namespaces and 400 pods make 400 series, not 16,000), so a
//! total is taken as exact and a product of label values only as an upper bound. From
//! there each operator follows its semantics: a matcher keeps some of a label's values,
//! an aggregation keeps at most one series per group and never more than its input,
//! `histogram_quantile` folds the buckets, a one-to-one match returns at most the
//! smaller side. A metric the catalog does not know gives no estimate rather than a
//! guess.
//!
//! One bottom-up pass over the tree: linear in the query's size.

mod aggregate;
mod binary;
mod call;
mod estimate;
mod flow;
mod index;
mod label_use;
mod matcher;
mod rules;
mod selector;
mod walk;

pub use estimate::{Estimate, Size, Term, TermOp, TermValue, thousands};
pub use flow::Card;
pub use index::{CatalogIndex, Entry, Source, Suffix};
pub use label_use::{LabelUse, UseKind};
pub use matcher::{ValueMatch, listed_values, value_matches};

use crate::promql::ast::Expr;
use crate::promql::labels::output_labels;
use label_use::Watch;
use walk::Walker;

/// How many series `expr` returns, with the arithmetic and the span that decided it.
pub fn estimate(expr: &Expr, index: &CatalogIndex) -> Estimate {
    Walker::new(index, None).flow(expr).estimate
}

/// Where the labels of `listed`, and any label the catalog marks `unbounded`, are
/// grouped by, matched on, copied by `group_left`/`group_right`, or kept in the result,
/// in the order the query evaluates them.
pub fn label_uses(expr: &Expr, index: &CatalogIndex, listed: &[&str]) -> Vec<LabelUse> {
    analyse(expr, index, listed).uses
}

/// What one pass over a query finds: both rules read every query, and the pass is the
/// larger part of their work.
#[derive(Debug)]
pub struct Analysis {
    /// [`estimate`]'s.
    pub estimate: Estimate,
    /// [`label_uses`]'s.
    pub uses: Vec<LabelUse>,
}

/// [`estimate`] and [`label_uses`] in one pass.
pub fn analyse(expr: &Expr, index: &CatalogIndex, listed: &[&str]) -> Analysis {
    let mut walker = Walker::new(index, Some(Watch { listed }));
    let flow = walker.flow(expr);
    let mut uses = walker.notes.uses;
    // The catalog says which labels the result's series carry; the label analysis says
    // which ones the query can keep at all (it knows `label_replace`, `absent`, ...).
    let kept = output_labels(expr);
    for (name, label) in &flow.labels {
        let many = !matches!(label.card, Card::Bounded(0 | 1));
        let watched = label.card == Card::Unbounded || listed.contains(&name.as_str());
        if many && watched && kept.may_have(name) {
            uses.push(LabelUse {
                label: name.clone(),
                kind: UseKind::Kept,
                unbounded: label.card == Card::Unbounded,
                span: expr.span,
            });
        }
    }
    Analysis {
        estimate: flow.estimate,
        uses,
    }
}

#[cfg(test)]
mod tests;
