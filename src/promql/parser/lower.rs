//! Lowering pest's pairs into the syntax tree, with the checks Prometheus makes while
//! parsing: where ranges, `offset` and `@` may go, aggregation arities, `bool`, and
//! known function names.

use std::collections::VecDeque;

use pest::iterators::{Pair, Pairs};

mod modifiers;
mod selector;

use super::operators::{Node, Operand, Operator, climb};
use super::{MAX_DEPTH, MAX_HEIGHT, ParseOptions, Rule};
use crate::diagnostic::Span;
use crate::promql::ast::{
    AggregateExpr, AggregateOp, BinaryOp, Expr, ExprKind, Group, GroupSide, Grouping, Ident,
    UnaryOp, VectorMatching,
};
use crate::promql::lex::Token;
use crate::promql::parse_error::{ParseError, ParseErrorKind};
use crate::promql::types::ValueType;
use crate::promql::{duration, functions, literal, suggest};

pub(super) fn lower_query(
    pairs: Pairs<'_, Rule>,
    tokens: &[Token],
    opts: &ParseOptions,
) -> Result<Expr, Vec<ParseError>> {
    let mut lowerer = Lowerer {
        opts,
        token_ends: tokens.iter().map(|t| t.end).collect(),
        errors: Vec::new(),
    };
    let expr = pairs
        .flat_map(|query| query.into_inner())
        .find(|p| p.as_rule() == Rule::expr)
        .and_then(|p| lowerer.expr(p));
    match expr {
        Some(node) if lowerer.errors.is_empty() => Ok(node.expr),
        _ if lowerer.errors.is_empty() => Err(vec![ParseError::new(
            Span::new(opts.file, opts.offset, opts.offset),
            ParseErrorKind::NoExpression,
        )]),
        _ => Err(lowerer.errors),
    }
}

struct Lowerer<'o> {
    opts: &'o ParseOptions,
    /// Where each token ends, in order: pest lets a rule that ends in an optional part
    /// swallow the whitespace and comments after it, and spans must not.
    token_ends: Vec<usize>,
    errors: Vec<ParseError>,
}

impl Lowerer<'_> {
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let (start, mut end) = (s.start(), s.end());
        let last = self.token_ends.partition_point(|&e| e <= end);
        if let Some(&token_end) = last.checked_sub(1).and_then(|i| self.token_ends.get(i))
            && token_end > start
        {
            end = token_end;
        }
        Span::new(
            self.opts.file,
            self.opts.offset + start,
            self.opts.offset + end,
        )
    }

    fn error(&mut self, span: Span, kind: ParseErrorKind) {
        self.errors.push(ParseError::new(span, kind));
    }

    /// The height of a node over children of height `child`, or an error at `span`.
    /// (Nesting of brackets is bounded by the scanner before pest runs; what is left to
    /// bound here is the height long operator chains add.)
    fn deeper(&mut self, child: usize, span: Span) -> Option<usize> {
        if child >= MAX_HEIGHT {
            self.error(span, ParseErrorKind::TooManyOperators { limit: MAX_HEIGHT });
            return None;
        }
        Some(child + 1)
    }

    fn expr(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let mut operands = Vec::new();
        let mut operators = Vec::new();
        let mut inner = pair.into_inner();
        while let Some(p) = inner.next() {
            match p.as_rule() {
                Rule::operand => operands.push(self.operand(p)?),
                Rule::binary_op => {
                    // Refused before the operand is lowered: a chain longer than a tree
                    // may be tall costs nothing more than this check.
                    if operators.len() >= MAX_HEIGHT {
                        let span = self.span(&p);
                        self.error(span, ParseErrorKind::TooManyOperators { limit: MAX_HEIGHT });
                        return None;
                    }
                    let modifiers = inner.next();
                    operators.push(self.operator(p, modifiers));
                }
                _ => {}
            }
        }
        match climb(operands, operators, MAX_DEPTH, MAX_HEIGHT) {
            Ok(node) => Some(node),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    fn operand(&mut self, pair: Pair<'_, Rule>) -> Option<Operand> {
        let mut unary = VecDeque::new();
        let mut node = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::unary_op => {
                    let op = if p.as_str() == "-" {
                        UnaryOp::Minus
                    } else {
                        UnaryOp::Plus
                    };
                    unary.push_back((op, self.span(&p)));
                }
                Rule::postfix => node = Some(self.postfix(p)?),
                _ => {}
            }
        }
        Some(Operand { unary, node: node? })
    }

    fn operator(&mut self, pair: Pair<'_, Rule>, modifiers: Option<Pair<'_, Rule>>) -> Operator {
        let span = self.span(&pair);
        let op = match pair.as_str().to_ascii_lowercase().as_str() {
            "+" => BinaryOp::Add,
            "-" => BinaryOp::Sub,
            "*" => BinaryOp::Mul,
            "/" => BinaryOp::Div,
            "%" => BinaryOp::Mod,
            "^" => BinaryOp::Pow,
            "==" => BinaryOp::Eql,
            "!=" => BinaryOp::Neq,
            ">" => BinaryOp::Gtr,
            "<" => BinaryOp::Lss,
            ">=" => BinaryOp::Gte,
            "<=" => BinaryOp::Lte,
            "and" => BinaryOp::And,
            "or" => BinaryOp::Or,
            "unless" => BinaryOp::Unless,
            _ => BinaryOp::Atan2,
        };
        let mut operator = Operator {
            op,
            span,
            return_bool: false,
            matching: None,
        };
        for p in modifiers.into_iter().flat_map(|m| m.into_inner()) {
            match p.as_rule() {
                Rule::kw_bool => {
                    operator.return_bool = true;
                    if !op.is_comparison() {
                        let span = self.span(&p);
                        self.error(span, ParseErrorKind::BoolWithoutComparison);
                    }
                }
                Rule::vector_matching => operator.matching = Some(self.vector_matching(p)),
                _ => {}
            }
        }
        operator
    }

    fn vector_matching(&mut self, pair: Pair<'_, Rule>) -> VectorMatching {
        let span = self.span(&pair);
        let mut matching = VectorMatching {
            on: false,
            labels: Vec::new(),
            group: None,
            span,
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::kw_on => matching.on = true,
                Rule::label_list => matching.labels = self.label_list(p),
                Rule::group_modifier => {
                    let span = self.span(&p);
                    let mut group = Group {
                        side: GroupSide::Left,
                        labels: Vec::new(),
                        span,
                    };
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::kw_group_right => group.side = GroupSide::Right,
                            Rule::label_list => group.labels = self.label_list(q),
                            _ => {}
                        }
                    }
                    matching.group = Some(group);
                }
                _ => {}
            }
        }
        matching
    }

    fn label_list(&mut self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        let mut labels = Vec::new();
        for p in pair.into_inner().flat_map(|g| g.into_inner()) {
            let span = self.span(&p);
            match p.as_rule() {
                Rule::string_literal => {
                    if let Some(name) = self.unquote(&p) {
                        labels.push(Ident { name, span });
                    }
                }
                _ => {
                    let name = p.as_str();
                    if name.contains(':') && !has_variable(name) {
                        self.error(span, ParseErrorKind::InvalidGroupingLabel(name.to_string()));
                    }
                    labels.push(Ident {
                        name: name.to_string(),
                        span,
                    });
                }
            }
        }
        labels
    }

    fn unquote(&mut self, pair: &Pair<'_, Rule>) -> Option<String> {
        match literal::unquote(pair.as_str()) {
            Ok(s) => Some(s),
            Err(e) => {
                let base = self.opts.offset + pair.as_span().start();
                self.error(
                    Span::new(self.opts.file, base + e.start, base + e.end),
                    e.kind,
                );
                None
            }
        }
    }

    fn postfix(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let mut inner = pair.into_inner();
        let primary = inner.next()?;
        let mut node = self.primary(primary)?;
        let mut suffixed = false;
        for suffix in inner {
            suffixed = true;
            node = self.suffix(node, suffix)?;
        }
        if !suffixed {
            node.expr = selector::as_variable(node.expr, self.opts);
        }
        Some(node)
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number_literal if duration::is_duration_text(pair.as_str()) => {
                let raw = pair.as_str().to_string();
                self.error(span, ParseErrorKind::DurationAsNumber(raw));
                return None;
            }
            Rule::number_literal => {
                let raw = pair.as_str().to_string();
                let value = literal::number_value(&raw).unwrap_or(f64::NAN);
                let keyword = raw.eq_ignore_ascii_case("inf") || raw.eq_ignore_ascii_case("nan");
                if value.is_infinite() && !keyword {
                    self.error(span, ParseErrorKind::NumberOutOfRange(raw));
                    return None;
                }
                ExprKind::Number { value, raw }
            }
            Rule::string_literal => ExprKind::String(self.unquote(&pair)?),
            Rule::paren_expr => {
                let inner = pair.into_inner().find(|p| p.as_rule() == Rule::expr)?;
                let node = self.expr(inner)?;
                let depth = self.deeper(node.depth, span)?;
                return Some(Node {
                    expr: Expr {
                        kind: ExprKind::Paren(Box::new(node.expr)),
                        span,
                    },
                    depth,
                });
            }
            Rule::aggregate => return self.aggregate(pair),
            Rule::function_call => return self.call(pair),
            Rule::vector_selector => ExprKind::Vector(self.vector_selector(pair)?),
            _ => return None,
        };
        Some(Node {
            expr: Expr { kind, span },
            depth: 1,
        })
    }

    /// The arguments of a call or aggregation; a trailing comma is reported.
    fn call_args(&mut self, pair: Pair<'_, Rule>) -> Option<Vec<Node>> {
        let mut args = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::expr => args.push(self.expr(p)?),
                Rule::trailing_comma => {
                    let span = self.span(&p);
                    self.error(span, ParseErrorKind::TrailingComma);
                }
                _ => {}
            }
        }
        Some(args)
    }

    fn call(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = inner.next()?;
        let func = Ident {
            name: name.as_str().to_string(),
            span: self.span(&name),
        };
        if functions::lookup(&func.name).is_none() {
            let suggestion = suggest::did_you_mean(&func.name, functions::names());
            self.error(
                func.span,
                ParseErrorKind::UnknownFunction {
                    name: func.name.clone(),
                    suggestion,
                },
            );
        }
        let mut args = self.call_args(inner.next()?)?;
        if let Some(f) = functions::lookup(&func.name) {
            for (i, arg) in args.iter_mut().enumerate() {
                if f.arg_type(i) == Some(ValueType::Vector) {
                    let expr = std::mem::replace(&mut arg.expr, placeholder());
                    arg.expr = selector::as_selector(expr);
                }
            }
        }
        let child = args.iter().map(|a| a.depth).max().unwrap_or(0);
        let depth = self.deeper(child, span)?;
        Some(Node {
            expr: Expr {
                kind: ExprKind::Call {
                    func,
                    args: args.into_iter().map(|a| a.expr).collect(),
                },
                span,
            },
            depth,
        })
    }

    fn aggregate(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let span = self.span(&pair);
        let mut op = None;
        let mut args = None;
        let mut grouping = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::aggregate_op => {
                    let op_span = self.span(&p);
                    op = AggregateOp::from_name(p.as_str()).map(|o| (o, op_span));
                }
                Rule::call_args => args = Some(self.call_args(p)?),
                Rule::grouping => {
                    let g_span = self.span(&p);
                    let mut without = false;
                    let mut labels = Vec::new();
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::kw_without => without = true,
                            Rule::label_list => labels = self.label_list(q),
                            _ => {}
                        }
                    }
                    grouping = Some(Grouping {
                        without,
                        labels,
                        span: g_span,
                    });
                }
                _ => {}
            }
        }
        let (op, op_span) = op?;
        let mut args = args?;
        let expected = if op.takes_param() { 2 } else { 1 };
        if args.is_empty() {
            self.error(span, ParseErrorKind::NoAggregateArguments);
            return None;
        }
        if args.len() != expected {
            self.error(
                span,
                ParseErrorKind::AggregateArgumentCount {
                    expected,
                    got: args.len(),
                },
            );
            return None;
        }
        let child = args.iter().map(|a| a.depth).max().unwrap_or(0);
        let depth = self.deeper(child, span)?;
        let expr = selector::as_selector(args.pop()?.expr);
        let param = args.pop().map(|a| a.expr);
        Some(Node {
            expr: Expr {
                kind: ExprKind::Aggregate(Box::new(AggregateExpr {
                    op,
                    op_span,
                    param,
                    expr,
                    grouping,
                })),
                span,
            },
            depth,
        })
    }
}

/// A throwaway expression to move another out of a `&mut`.
fn placeholder() -> Expr {
    Expr {
        kind: ExprKind::String(String::new()),
        span: Span::DUMMY,
    }
}

fn has_variable(name: &str) -> bool {
    name.contains('$') || name.contains("[[")
}
