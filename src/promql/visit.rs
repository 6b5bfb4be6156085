//! Walking a query tree, and the facts lints read off it: its selectors and the metric
//! names it uses.

use std::collections::BTreeSet;

use crate::promql::ast::{Expr, ExprKind, MatchOp, VectorSelector};
use crate::promql::grafana_text::contains_variable;

/// Visits a tree. Override what you need; call [`walk_expr`] from `visit_expr` to go on
/// into the children.
pub trait Visitor<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        walk_expr(self, expr);
    }

    /// A vector selector, alone or inside a range selector (`expr` is the node holding
    /// it, which gives its span).
    fn visit_selector(&mut self, selector: &'a VectorSelector, expr: &'a Expr) {
        let _ = (selector, expr);
    }
}

/// Visits the children of `expr`, in source order.
pub fn walk_expr<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, expr: &'a Expr) {
    match &expr.kind {
        ExprKind::Number { .. } | ExprKind::String(_) | ExprKind::Variable(_) => {}
        ExprKind::Vector(selector) | ExprKind::Matrix { selector, .. } => {
            visitor.visit_selector(selector, expr)
        }
        ExprKind::Subquery { expr: inner, .. }
        | ExprKind::Paren(inner)
        | ExprKind::Unary { expr: inner, .. } => visitor.visit_expr(inner),
        ExprKind::Binary(b) => {
            visitor.visit_expr(&b.lhs);
            visitor.visit_expr(&b.rhs);
        }
        ExprKind::Aggregate(a) => {
            if let Some(param) = &a.param {
                visitor.visit_expr(param);
            }
            visitor.visit_expr(&a.expr);
        }
        ExprKind::Call { args, .. } => {
            for arg in args {
                visitor.visit_expr(arg);
            }
        }
    }
}

/// Every vector selector in the query, range selectors' included, in source order.
pub fn selectors(expr: &Expr) -> Vec<&VectorSelector> {
    struct Collect<'a>(Vec<&'a VectorSelector>);
    impl<'a> Visitor<'a> for Collect<'a> {
        fn visit_selector(&mut self, selector: &'a VectorSelector, _: &'a Expr) {
            self.0.push(selector);
        }
    }
    let mut collect = Collect(Vec::new());
    collect.visit_expr(expr);
    collect.0
}

/// The metric names a query selects: names written before the braces and
/// `__name__="..."` matchers. Names containing a Grafana variable (`${metric}_total`)
/// are left out, since they name no metric until Grafana fills them in.
pub fn metric_names(expr: &Expr) -> BTreeSet<String> {
    selectors(expr)
        .into_iter()
        .flat_map(selector_metric_names)
        .filter(|name| !name.is_empty() && !contains_variable(name))
        .map(str::to_string)
        .collect()
}

/// The metric names one selector names.
pub fn selector_metric_names(selector: &VectorSelector) -> impl Iterator<Item = &str> {
    let written = selector.name.iter().map(|n| n.name.as_str());
    let matched = selector
        .matchers
        .iter()
        .filter(|m| m.label.name == "__name__" && m.op == MatchOp::Equal)
        .map(|m| m.value.as_str());
    written.chain(matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;
    use crate::promql::parser::{ParseOptions, parse};

    fn parse_grafana(src: &str) -> Expr {
        let options = ParseOptions {
            file: FileId(0),
            offset: 0,
            grafana: true,
        };
        parse(src, &options).unwrap()
    }

    #[test]
    fn finds_every_selector_in_source_order() {
        let expr = parse_grafana(
            "sum(rate(a[5m])) / on(job) group_left topk(3, b{job=\"x\"}) + absent(c) + 1",
        );
        let names: Vec<_> = selectors(&expr)
            .iter()
            .map(|s| s.name.as_ref().map(|n| n.name.clone()))
            .collect();
        assert_eq!(
            names,
            [Some("a".into()), Some("b".into()), Some("c".into())]
        );
        assert_eq!(selectors(&parse_grafana("1 + time()")).len(), 0);
        assert_eq!(
            selectors(&parse_grafana("max_over_time(x[5m:1m])")).len(),
            1
        );
    }

    #[test]
    fn metric_names_come_from_names_and_name_matchers() {
        let expr = parse_grafana(
            "a + {__name__=\"b\"} + {__name__=~\"c.*\"} + ${metric}_total + d{__name__!=\"e\"}",
        );
        let names: Vec<_> = metric_names(&expr).into_iter().collect();
        assert_eq!(names, ["a", "b", "d"]);
    }

    #[test]
    fn a_visitor_can_stop_descending() {
        // Counts calls, but not those inside an aggregation.
        struct Calls(usize);
        impl<'a> Visitor<'a> for Calls {
            fn visit_expr(&mut self, expr: &'a Expr) {
                match &expr.kind {
                    ExprKind::Aggregate(_) => {}
                    ExprKind::Call { .. } => {
                        self.0 += 1;
                        walk_expr(self, expr);
                    }
                    _ => walk_expr(self, expr),
                }
            }
        }
        let mut calls = Calls(0);
        calls.visit_expr(&parse_grafana(
            "abs(rate(x[5m])) + sum(rate(y[5m])) + clamp(z, 0, time())",
        ));
        assert_eq!(calls.0, 4);
    }
}
