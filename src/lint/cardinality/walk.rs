//! One pass over the query tree, bottom-up: each node's flow is computed once from its
//! children's, so the cost is linear in the size of the query.

use super::aggregate::aggregate;
use super::binary::binary;
use super::call::call;
use super::flow::{Flow, Kind};
use super::index::CatalogIndex;
use super::label_use::{Notes, Watch};
use super::selector::selector;
use crate::promql::ast::{Expr, ExprKind};

pub struct Walker<'a> {
    pub index: &'a CatalogIndex,
    /// The uses of watched labels, when asked ([`super::label_uses`]).
    pub notes: Notes<'a>,
    /// Nodes visited: the test that the pass stays linear counts them.
    pub visits: usize,
}

impl<'a> Walker<'a> {
    pub fn new(index: &'a CatalogIndex, watch: Option<Watch<'a>>) -> Self {
        Walker {
            index,
            notes: Notes {
                watch,
                uses: Vec::new(),
            },
            visits: 0,
        }
    }

    pub fn flow(&mut self, expr: &Expr) -> Flow {
        self.visits += 1;
        match &expr.kind {
            ExprKind::Number { .. } | ExprKind::Variable(_) => Flow::plain(Kind::Scalar, expr.span),
            ExprKind::String(_) => Flow::plain(Kind::Str, expr.span),
            ExprKind::Vector(sel) | ExprKind::Matrix { selector: sel, .. } => {
                selector(self.index, sel, expr.span)
            }
            ExprKind::Subquery { expr: inner, .. } | ExprKind::Paren(inner) => self.flow(inner),
            ExprKind::Unary { expr: inner, .. } => self.flow(inner),
            ExprKind::Binary(b) => {
                let lhs = self.flow(&b.lhs);
                let rhs = self.flow(&b.rhs);
                binary(&mut self.notes, b, lhs, rhs)
            }
            ExprKind::Aggregate(a) => {
                let input = self.flow(&a.expr);
                aggregate(&mut self.notes, a, input)
            }
            ExprKind::Call { func, args } => {
                let flows: Vec<Flow> = args.iter().map(|a| self.flow(a)).collect();
                call(func, args, flows, expr.span)
            }
        }
    }
}
