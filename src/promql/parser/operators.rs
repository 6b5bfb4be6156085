//! Prometheus' operator precedence over the flat `operand (op operand)*` list the grammar
//! produces. Unary `+`/`-` bind like `*` (so `-1^2` is `-(1^2)` and `-a*b` is `(-a)*b`),
//! `^` is right-associative, everything else left-associative.
//!
//! Left-associative chains are built in a loop; recursion happens only for `^` chains
//! and unary operators, and both are bounded by the depth limit. The height of the tree
//! (which a long left-associative chain makes tall without any recursion here) has a
//! limit of its own, for the passes that walk the tree.

use std::collections::VecDeque;

use crate::diagnostic::Span;
use crate::promql::ast::{BinaryExpr, BinaryOp, Expr, ExprKind, UnaryOp, VectorMatching};
use crate::promql::parse_error::{ParseError, ParseErrorKind};

/// An expression and the height of its tree.
pub(super) struct Node {
    pub expr: Expr,
    pub depth: usize,
}

/// One operand of the flat list, with the unary operators written before it.
pub(super) struct Operand {
    pub unary: VecDeque<(UnaryOp, Span)>,
    pub node: Node,
}

pub(super) struct Operator {
    pub op: BinaryOp,
    pub span: Span,
    pub return_bool: bool,
    pub matching: Option<VectorMatching>,
}

/// A unary operator binds like `*`, so its operand takes in only `^` (precedence 6).
const UNARY_OPERAND_PRECEDENCE: u8 = 6;

pub(super) fn climb(
    operands: Vec<Operand>,
    operators: Vec<Operator>,
    max_depth: usize,
    max_height: usize,
) -> Result<Node, ParseError> {
    let mut climber = Climber {
        operands: operands.into(),
        operators: operators.into(),
        max_depth,
        max_height,
    };
    climber.expr(0, 0)
}

struct Climber {
    operands: VecDeque<Operand>,
    operators: VecDeque<Operator>,
    /// How deep the climber may recurse (`^` chains, unary operators).
    max_depth: usize,
    /// How tall the tree may grow.
    max_height: usize,
}

impl Climber {
    fn too_deep(&self, span: Span) -> ParseError {
        ParseError::new(
            span,
            ParseErrorKind::TooDeep {
                limit: self.max_depth,
            },
        )
    }

    fn too_tall(&self, span: Span) -> ParseError {
        ParseError::new(
            span,
            ParseErrorKind::TooManyOperators {
                limit: self.max_height,
            },
        )
    }

    fn expr(&mut self, min_precedence: u8, level: usize) -> Result<Node, ParseError> {
        let mut lhs = self.unary(level)?;
        while let Some(next) = self.operators.front() {
            let precedence = next.op.precedence();
            if precedence < min_precedence {
                break;
            }
            let Some(operator) = self.operators.pop_front() else {
                break;
            };
            if level >= self.max_depth {
                return Err(self.too_deep(operator.span));
            }
            let next_min = if operator.op.is_right_associative() {
                precedence
            } else {
                precedence + 1
            };
            let rhs = self.expr(next_min, level + 1)?;
            let depth = 1 + lhs.depth.max(rhs.depth);
            if depth > self.max_height {
                return Err(self.too_tall(operator.span));
            }
            let span = lhs.expr.span.to(rhs.expr.span);
            lhs = Node {
                expr: Expr {
                    kind: ExprKind::Binary(Box::new(BinaryExpr {
                        op: operator.op,
                        op_span: operator.span,
                        lhs: lhs.expr,
                        rhs: rhs.expr,
                        return_bool: operator.return_bool,
                        matching: operator.matching,
                    })),
                    span,
                },
                depth,
            };
        }
        Ok(lhs)
    }

    fn unary(&mut self, level: usize) -> Result<Node, ParseError> {
        let Some(front) = self.operands.front_mut() else {
            return Err(ParseError::new(Span::DUMMY, ParseErrorKind::NoExpression));
        };
        let Some((op, op_span)) = front.unary.pop_front() else {
            return match self.operands.pop_front() {
                Some(operand) => Ok(operand.node),
                None => Err(ParseError::new(Span::DUMMY, ParseErrorKind::NoExpression)),
            };
        };
        if level >= self.max_depth {
            return Err(self.too_deep(op_span));
        }
        let inner = self.expr(UNARY_OPERAND_PRECEDENCE, level + 1)?;
        let depth = inner.depth + 1;
        if depth > self.max_height {
            return Err(self.too_tall(op_span));
        }
        let span = op_span.to(inner.expr.span);
        Ok(Node {
            expr: Expr {
                kind: ExprKind::Unary {
                    op,
                    expr: Box::new(inner.expr),
                },
                span,
            },
            depth,
        })
    }
}
