//! Lowering pest's pairs into the syntax tree, with the checks Prometheus makes while
//! parsing: where ranges, `offset` and `@` may go, aggregation arities, `bool`, and
//! known function names.

use std::collections::VecDeque;

use pest::iterators::{Pair, Pairs};

use super::operators::{Node, Operand, Operator, climb};
use super::{MAX_DEPTH, ParseOptions, Rule};
use crate::diagnostic::Span;
use crate::promql::ast::{
    AggregateExpr, AggregateOp, At, BinaryOp, Duration, Expr, ExprKind, GrafanaVar, Group,
    GroupSide, Grouping, Ident, MatchOp, Matcher, Modifiers, Offset, UnaryOp, VectorMatching,
    VectorSelector,
};
use crate::promql::lex::Token;
use crate::promql::parse_error::{ParseError, ParseErrorKind};
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

    /// The depth of a node over children of depth `child`, or an error at `span`.
    fn deeper(&mut self, child: usize, span: Span) -> Option<usize> {
        if child >= MAX_DEPTH {
            self.error(span, ParseErrorKind::TooDeep { limit: MAX_DEPTH });
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
                    let modifiers = inner.next();
                    operators.push(self.operator(p, modifiers));
                }
                _ => {}
            }
        }
        match climb(operands, operators, MAX_DEPTH) {
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
            node.expr = as_variable(node.expr, self.opts);
        }
        Some(node)
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Option<Node> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number_literal => {
                let raw = pair.as_str().to_string();
                let value = literal::number_value(&raw).unwrap_or(f64::NAN);
                ExprKind::Number { value, raw }
            }
            Rule::string_literal => ExprKind::String(self.unquote(&pair)?),
            Rule::paren_expr => {
                let inner = pair.into_inner().next()?;
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
        let args = self.call_args(inner.next()?)?;
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
        let expr = args.pop()?.expr;
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

    fn vector_selector(&mut self, pair: Pair<'_, Rule>) -> Option<VectorSelector> {
        let mut selector = VectorSelector {
            name: None,
            matchers: Vec::new(),
            modifiers: Modifiers::default(),
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::metric_name => {
                    selector.name = Some(Ident {
                        name: p.as_str().to_string(),
                        span: self.span(&p),
                    });
                }
                Rule::label_matchers => {
                    for m in p.into_inner() {
                        self.matcher(m, &mut selector)?;
                    }
                }
                _ => {}
            }
        }
        Some(selector)
    }

    fn matcher(&mut self, pair: Pair<'_, Rule>, selector: &mut VectorSelector) -> Option<()> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = inner.next()?;
        let first_span = self.span(&first);
        let Some(op) = inner.next() else {
            // A quoted name on its own is the metric name: `{"my.metric"}`.
            let name = self.unquote(&first)?;
            if let Some(existing) = &selector.name {
                let first = existing.name.clone();
                self.error(
                    first_span,
                    ParseErrorKind::MetricNameTwice {
                        first,
                        second: name,
                    },
                );
                return None;
            }
            selector.name = Some(Ident {
                name,
                span: first_span,
            });
            return Some(());
        };
        let label = match first.as_rule() {
            Rule::string_literal => self.unquote(&first)?,
            _ => first.as_str().to_string(),
        };
        let op = match op.as_str() {
            "=" => MatchOp::Equal,
            "!=" => MatchOp::NotEqual,
            "=~" => MatchOp::Regex,
            _ => MatchOp::NotRegex,
        };
        let value_pair = inner.next()?;
        let value_span = self.span(&value_pair);
        let value = self.unquote(&value_pair)?;
        selector.matchers.push(Matcher {
            label: Ident {
                name: label,
                span: first_span,
            },
            op,
            value,
            value_span,
            span,
        });
        Some(())
    }

    fn suffix(&mut self, mut node: Node, pair: Pair<'_, Rule>) -> Option<Node> {
        let span = self.span(&pair);
        let whole = node.expr.span.to(span);
        match pair.as_rule() {
            Rule::range => {
                let range = self.duration(pair.into_inner().next()?)?;
                let problem = match &node.expr.kind {
                    ExprKind::Vector(s) if s.modifiers.offset.is_some() => {
                        Some(ParseErrorKind::OffsetBeforeRange)
                    }
                    ExprKind::Vector(s) if s.modifiers.at.is_some() => {
                        Some(ParseErrorKind::AtBeforeRange)
                    }
                    ExprKind::Vector(_) => None,
                    _ => Some(ParseErrorKind::RangeNotOnSelector),
                };
                if let Some(kind) = problem {
                    self.error(span, kind);
                    return Some(node);
                }
                if let ExprKind::Vector(selector) = node.expr.kind {
                    node.expr = Expr {
                        kind: ExprKind::Matrix {
                            selector,
                            range,
                            range_span: span,
                            modifiers: Modifiers::default(),
                        },
                        span: whole,
                    };
                }
                Some(node)
            }
            Rule::subquery => {
                let mut durations = pair.into_inner();
                let range = self.duration(durations.next()?)?;
                let step = match durations.next() {
                    Some(p) => Some(self.duration(p)?),
                    None => None,
                };
                let depth = self.deeper(node.depth, span)?;
                Some(Node {
                    expr: Expr {
                        kind: ExprKind::Subquery {
                            expr: Box::new(node.expr),
                            range,
                            step,
                            modifiers: Modifiers::default(),
                        },
                        span: whole,
                    },
                    depth,
                })
            }
            Rule::offset => {
                let mut negative = false;
                let mut duration = None;
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::offset_sign => negative = true,
                        Rule::duration => duration = Some(self.duration(p)?),
                        _ => {}
                    }
                }
                let offset = Offset {
                    negative,
                    duration: duration?,
                    span,
                };
                match modifiers_mut(&mut node.expr) {
                    None => self.error(span, ParseErrorKind::OffsetNotAllowed),
                    Some(m) if m.offset.is_some() => self.error(span, ParseErrorKind::OffsetTwice),
                    Some(m) => {
                        m.offset = Some(offset);
                        node.expr.span = whole;
                    }
                }
                Some(node)
            }
            Rule::at => {
                let at = self.at(pair, span)?;
                match modifiers_mut(&mut node.expr) {
                    None => self.error(span, ParseErrorKind::AtNotAllowed),
                    Some(m) if m.at.is_some() => self.error(span, ParseErrorKind::AtTwice),
                    Some(m) => {
                        m.at = Some(at);
                        node.expr.span = whole;
                    }
                }
                Some(node)
            }
            _ => Some(node),
        }
    }

    fn at(&mut self, pair: Pair<'_, Rule>, span: Span) -> Option<At> {
        let mut sign = "";
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::at_start => return Some(At::Start(span)),
                Rule::at_end => return Some(At::End(span)),
                Rule::at_timestamp => {
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::at_sign => sign = if q.as_str() == "-" { "-" } else { "+" },
                            Rule::number_value => {
                                let raw = format!("{sign}{}", q.as_str());
                                let magnitude =
                                    literal::number_value(q.as_str()).unwrap_or(f64::NAN);
                                let seconds = if sign == "-" { -magnitude } else { magnitude };
                                // Prometheus keeps @ timestamps as int64 milliseconds.
                                let limit = i64::MAX as f64 / 1000.0;
                                if !seconds.is_finite() || seconds.abs() >= limit {
                                    self.error(span, ParseErrorKind::TimestampOutOfBounds(raw));
                                    return None;
                                }
                                return Some(At::Timestamp { seconds, raw, span });
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn duration(&mut self, pair: Pair<'_, Rule>) -> Option<Duration> {
        let span = self.span(&pair);
        let text = pair.as_str();
        if text.starts_with('$') || text.starts_with("[[") {
            return Some(Duration::Variable(variable(text, span)?));
        }
        if text.bytes().any(|b| b"smhdwy".contains(&b)) && !text.starts_with("0x") {
            return match duration::parse(text) {
                Ok(0) => {
                    self.error(span, ParseErrorKind::ZeroDuration);
                    None
                }
                Ok(millis) => Some(Duration::Literal { millis, span }),
                Err(e) => {
                    self.error(span, ParseErrorKind::InvalidDuration(e));
                    None
                }
            };
        }
        // A plain number is seconds: `foo[300]`.
        let seconds = literal::number_value(text).unwrap_or(f64::NAN);
        let millis = seconds * 1000.0;
        if !millis.is_finite() || millis.abs() >= i64::MAX as f64 / 1e6 {
            self.error(span, ParseErrorKind::BadNumberOrDuration(text.to_string()));
            return None;
        }
        Some(Duration::Literal {
            millis: millis.trunc() as i64,
            span,
        })
    }
}

/// The modifiers of the expressions that may carry `offset` and `@`.
fn modifiers_mut(expr: &mut Expr) -> Option<&mut Modifiers> {
    match &mut expr.kind {
        ExprKind::Vector(s) => Some(&mut s.modifiers),
        ExprKind::Matrix { modifiers, .. } | ExprKind::Subquery { modifiers, .. } => {
            Some(modifiers)
        }
        _ => None,
    }
}

fn has_variable(name: &str) -> bool {
    name.contains('$') || name.contains("[[")
}

fn variable(text: &str, span: Span) -> Option<GrafanaVar> {
    let (name, format, syntax) = literal::split_variable(text)?;
    Some(GrafanaVar {
        name,
        format,
        syntax,
        span,
    })
}

/// A bare selector that is exactly one Grafana variable (`topk($n, x)`) stands for a
/// value Grafana fills in, not for a metric: it becomes [`ExprKind::Variable`].
fn as_variable(expr: Expr, opts: &ParseOptions) -> Expr {
    let ExprKind::Vector(selector) = &expr.kind else {
        return expr;
    };
    if !opts.grafana || !selector.matchers.is_empty() {
        return expr;
    }
    let Some(name) = &selector.name else {
        return expr;
    };
    let whole = if name.name.starts_with("[[") {
        name.name.ends_with("]]") && name.name.matches("[[").count() == 1
    } else {
        literal::dollar_variable_len(&name.name) == Some(name.name.len())
    };
    match whole.then(|| variable(&name.name, name.span)).flatten() {
        Some(var) => Expr {
            kind: ExprKind::Variable(var),
            span: expr.span,
        },
        None => expr,
    }
}
