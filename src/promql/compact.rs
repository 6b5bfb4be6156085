//! Releasing the spare capacity of a parsed tree's vectors.
//!
//! The parser collects arguments, matchers and label lists by pushing, and lowers
//! parser nodes into expressions in place, so a one-argument call can keep room for
//! several. A model keeps every query's tree; in a large project that spare room was
//! most of the build's peak memory.

use super::ast::{Expr, ExprKind, Ident, VectorSelector};

/// Shrinks every vector in `expr` to its length. Changes no value.
pub fn shrink_to_fit(expr: &mut Expr) {
    match &mut expr.kind {
        ExprKind::Number { .. } | ExprKind::String(_) | ExprKind::Variable(_) => {}
        ExprKind::Vector(selector) | ExprKind::Matrix { selector, .. } => selector_fit(selector),
        ExprKind::Subquery { expr: inner, .. }
        | ExprKind::Paren(inner)
        | ExprKind::Unary { expr: inner, .. } => shrink_to_fit(inner),
        ExprKind::Binary(b) => {
            shrink_to_fit(&mut b.lhs);
            shrink_to_fit(&mut b.rhs);
            if let Some(m) = &mut b.matching {
                labels_fit(&mut m.labels);
                if let Some(g) = &mut m.group {
                    labels_fit(&mut g.labels);
                }
            }
        }
        ExprKind::Aggregate(a) => {
            if let Some(param) = &mut a.param {
                shrink_to_fit(param);
            }
            shrink_to_fit(&mut a.expr);
            if let Some(g) = &mut a.grouping {
                labels_fit(&mut g.labels);
            }
        }
        ExprKind::Call { args, .. } => {
            args.shrink_to_fit();
            args.iter_mut().for_each(shrink_to_fit);
        }
    }
}

fn selector_fit(selector: &mut VectorSelector) {
    selector.matchers.shrink_to_fit();
}

fn labels_fit(labels: &mut Vec<Ident>) {
    labels.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;
    use crate::promql::parser::{ParseOptions, parse};

    #[test]
    fn frees_spare_room_and_changes_nothing_else() {
        let text = "sum by (job) (rate(x{a=\"1\",b=~\"2\"}[5m])) / on (job) group_left (c) \
                    label_replace(y, \"d\", \"$1\", \"e\", \"(.*)\")";
        let mut expr = parse(text, &ParseOptions::new(FileId(0))).expect("the test query parses");
        let before = expr.clone();
        shrink_to_fit(&mut expr);
        assert_eq!(expr, before);
        let ExprKind::Binary(b) = &expr.kind else {
            panic!("not a binary expression: {expr:?}")
        };
        let ExprKind::Call { args, .. } = &b.rhs.kind else {
            panic!("not a call: {:?}", b.rhs)
        };
        assert_eq!(args.capacity(), args.len());
    }
}
