//! The labels an expression's result keeps: what `{{ $labels.x }}` in an alert, a legend
//! `{{x}}` or a `by (x)` further out can rely on.
//!
//! The answer is either an exact list (after `sum by (job)`, `vector(1)`, `absent(...)`)
//! or "the labels of the selected series, except some, plus some" (after `rate`,
//! `sum without (pod)`, `label_replace`). `__name__` is tracked on its own, because most
//! operations drop it and a few keep it. This follows Prometheus 3's evaluation engine.

use std::collections::BTreeSet;

use crate::promql::ast::{
    AggregateExpr, AggregateOp, BinaryExpr, BinaryOp, Expr, ExprKind, GroupSide, Ident, MatchOp,
    UnaryOp, VectorSelector,
};
use crate::promql::check::value_type;
use crate::promql::functions;
use crate::promql::types::ValueType;

const METRIC_NAME: &str = "__name__";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSet {
    pub labels: Labels,
    /// Whether `__name__` may survive. Never listed in [`Labels`].
    pub metric_name: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Labels {
    /// These labels and no others; each is present on a series whose input had it.
    Exactly(BTreeSet<String>),
    /// Whatever labels the input series carry, except `except`; `added` are labels the
    /// query itself puts or selects on (`label_replace`'s target, `job="api"`), so they
    /// are certainly present.
    AllExcept {
        except: BTreeSet<String>,
        added: BTreeSet<String>,
    },
}

impl LabelSet {
    /// No labels at all: scalars, strings, `vector(1)`.
    pub fn none() -> Self {
        LabelSet {
            labels: Labels::Exactly(BTreeSet::new()),
            metric_name: false,
        }
    }

    /// Every label of the input, name included.
    pub fn all() -> Self {
        LabelSet {
            labels: Labels::AllExcept {
                except: BTreeSet::new(),
                added: BTreeSet::new(),
            },
            metric_name: true,
        }
    }

    /// Whether a series of the result can carry `label`.
    pub fn may_have(&self, label: &str) -> bool {
        if label == METRIC_NAME {
            return self.metric_name;
        }
        match &self.labels {
            Labels::Exactly(set) => set.contains(label),
            Labels::AllExcept { except, .. } => !except.contains(label),
        }
    }

    /// Whether every series of the result carries `label` (as far as the query shows).
    pub fn certainly_has(&self, label: &str) -> bool {
        match &self.labels {
            Labels::Exactly(_) => false,
            Labels::AllExcept { added, .. } => added.contains(label),
        }
    }

    fn without_name(mut self) -> Self {
        self.metric_name = false;
        self
    }

    /// Removes `names` (`without (...)`, `ignoring (...)`).
    fn remove<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        for name in names {
            if name == METRIC_NAME {
                self.metric_name = false;
                continue;
            }
            match &mut self.labels {
                Labels::Exactly(set) => {
                    set.remove(name);
                }
                Labels::AllExcept { except, added } => {
                    added.remove(name);
                    except.insert(name.to_string());
                }
            }
        }
        self
    }

    /// Keeps only `names` (`by (...)`, one-to-one `on (...)`).
    fn keep_only<'a>(self, names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut kept = BTreeSet::new();
        let mut metric_name = false;
        for name in names {
            if name == METRIC_NAME {
                metric_name = self.metric_name;
            } else if self.may_have(name) {
                kept.insert(name.to_string());
            }
        }
        LabelSet {
            labels: Labels::Exactly(kept),
            metric_name,
        }
    }

    /// Adds a label the operation sets (`label_replace`, `count_values`, `group_left`).
    fn add(mut self, name: &str, certain: bool) -> Self {
        if name == METRIC_NAME {
            self.metric_name = true;
            return self;
        }
        match &mut self.labels {
            Labels::Exactly(set) => {
                set.insert(name.to_string());
            }
            Labels::AllExcept { except, added } => {
                except.remove(name);
                if certain {
                    added.insert(name.to_string());
                }
            }
        }
        self
    }

    /// The series of either (`or`).
    fn union(self, other: LabelSet) -> LabelSet {
        let labels = match (self.labels, other.labels) {
            (Labels::Exactly(a), Labels::Exactly(b)) => Labels::Exactly(&a | &b),
            (Labels::Exactly(listed), Labels::AllExcept { except, .. })
            | (Labels::AllExcept { except, .. }, Labels::Exactly(listed)) => Labels::AllExcept {
                except: &except - &listed,
                added: BTreeSet::new(),
            },
            (
                Labels::AllExcept {
                    except: e1,
                    added: a1,
                },
                Labels::AllExcept {
                    except: e2,
                    added: a2,
                },
            ) => Labels::AllExcept {
                except: &e1 & &e2,
                added: &a1 & &a2,
            },
        };
        LabelSet {
            labels,
            metric_name: self.metric_name || other.metric_name,
        }
    }

    /// The input labels plus unknown others (`info` adds its info metric's labels).
    fn opened(self) -> LabelSet {
        let labels = match self.labels {
            Labels::Exactly(set) => Labels::AllExcept {
                except: BTreeSet::new(),
                added: set,
            },
            open => open,
        };
        LabelSet { labels, ..self }
    }
}

/// The labels the result of `expr` keeps. Meaningful for well-typed queries; a scalar
/// or string has none.
pub fn output_labels(expr: &Expr) -> LabelSet {
    match &expr.kind {
        ExprKind::Number { .. } | ExprKind::String(_) | ExprKind::Variable(_) => LabelSet::none(),
        ExprKind::Vector(selector) | ExprKind::Matrix { selector, .. } => selector_labels(selector),
        ExprKind::Subquery { expr: inner, .. } | ExprKind::Paren(inner) => output_labels(inner),
        ExprKind::Unary { op, expr: inner } => {
            let labels = output_labels(inner);
            match op {
                UnaryOp::Plus => labels,
                UnaryOp::Minus => labels.without_name(),
            }
        }
        ExprKind::Binary(b) => binary_labels(b),
        ExprKind::Aggregate(a) => aggregate_labels(a),
        ExprKind::Call { func, args } => call_labels(func, args),
    }
}

fn selector_labels(selector: &VectorSelector) -> LabelSet {
    let added = selector
        .matchers
        .iter()
        .filter(|m| m.op == MatchOp::Equal && !m.value.is_empty())
        .map(|m| m.label.name.clone())
        .filter(|name| name != METRIC_NAME)
        .collect();
    LabelSet {
        labels: Labels::AllExcept {
            except: BTreeSet::new(),
            added,
        },
        metric_name: true,
    }
}

/// Arithmetic drops the name, and so does a comparison with `bool`; a filtering
/// comparison returns the left-hand sample as it was.
fn keeps_name(op: BinaryOp, return_bool: bool) -> bool {
    op.is_comparison() && !return_bool
}

fn binary_labels(b: &BinaryExpr) -> LabelSet {
    let lhs_scalar = value_type(&b.lhs) == ValueType::Scalar;
    let rhs_scalar = value_type(&b.rhs) == ValueType::Scalar;
    let name_survives = keeps_name(b.op, b.return_bool);
    let strip = |set: LabelSet| {
        if name_survives {
            set
        } else {
            set.without_name()
        }
    };
    match (lhs_scalar, rhs_scalar) {
        (true, true) => return LabelSet::none(),
        (false, true) => return strip(output_labels(&b.lhs)),
        (true, false) => return strip(output_labels(&b.rhs)),
        (false, false) => {}
    }
    match b.op {
        BinaryOp::And | BinaryOp::Unless => return output_labels(&b.lhs),
        BinaryOp::Or => return output_labels(&b.lhs).union(output_labels(&b.rhs)),
        _ => {}
    }
    let Some(matching) = &b.matching else {
        return strip(output_labels(&b.lhs));
    };
    match &matching.group {
        None if matching.on => strip(output_labels(&b.lhs).keep_only(names(&matching.labels))),
        None => strip(output_labels(&b.lhs).remove(names(&matching.labels))),
        Some(group) => {
            // The "many" side's labels, plus the listed ones copied from the "one" side
            // (which may lack them).
            let many = match group.side {
                GroupSide::Left => &b.lhs,
                GroupSide::Right => &b.rhs,
            };
            let mut set = strip(output_labels(many));
            for label in &group.labels {
                set = if label.name == METRIC_NAME {
                    set.remove([METRIC_NAME])
                } else {
                    set.add(&label.name, false)
                };
            }
            set
        }
    }
}

fn aggregate_labels(a: &AggregateExpr) -> LabelSet {
    let inner = output_labels(&a.expr);
    let grouped = |inner: LabelSet| match &a.grouping {
        None => LabelSet::none(),
        Some(g) if g.without => inner
            .remove(g.labels.iter().map(|l| l.name.as_str()))
            .without_name(),
        Some(g) => inner.keep_only(g.labels.iter().map(|l| l.name.as_str())),
    };
    match a.op {
        AggregateOp::Topk
        | AggregateOp::Bottomk
        | AggregateOp::Limitk
        | AggregateOp::LimitRatio => inner,
        AggregateOp::CountValues => {
            let set = grouped(inner);
            match a.param.as_ref().map(|p| &p.kind) {
                Some(ExprKind::String(label)) => set.add(label, true),
                _ => set,
            }
        }
        _ => grouped(inner),
    }
}

fn call_labels(func: &Ident, args: &[Expr]) -> LabelSet {
    let name = func.name.as_str();
    let Some(f) = functions::lookup(name) else {
        return args
            .first()
            .map_or_else(LabelSet::none, output_labels)
            .without_name();
    };
    let string_arg = |i: usize| match args.get(i).map(|a| &a.kind) {
        Some(ExprKind::String(s)) => Some(s.as_str()),
        _ => None,
    };
    match name {
        "absent" | "absent_over_time" => {
            return args.first().map_or_else(LabelSet::none, absent_labels);
        }
        "label_replace" | "label_join" => {
            let set = args.first().map_or_else(LabelSet::none, output_labels);
            return match string_arg(1) {
                Some(target) => set.add(target, true),
                // A target Grafana fills in: some label, unknown which.
                None => set.opened(),
            };
        }
        "info" => {
            return args
                .first()
                .map_or_else(LabelSet::none, output_labels)
                .opened();
        }
        _ => {}
    }
    // The series argument: the first one declared as a vector or range vector.
    let series = args
        .iter()
        .enumerate()
        .find(|(i, _)| matches!(f.arg_type(*i), Some(ValueType::Vector | ValueType::Matrix)));
    let Some((_, series)) = series.filter(|_| f.returns == ValueType::Vector) else {
        return LabelSet::none();
    };
    let mut set = output_labels(series);
    if f.drops_metric_name {
        set = set.without_name();
    }
    match name {
        "histogram_quantile" | "histogram_fraction" => set.remove(["le"]),
        "histogram_quantiles" => {
            let set = set.remove(["le"]);
            match string_arg(1) {
                Some(label) => set.add(label, true),
                None => set.opened(),
            }
        }
        _ => set,
    }
}

/// `absent(x{job="a", env="b"})` returns `{job="a", env="b"}`: the labels of equality
/// matchers, read in order as Prometheus does: any other matcher on a label, or a second
/// matcher on it, removes it again.
fn absent_labels(arg: &Expr) -> LabelSet {
    let selector = match &arg.kind {
        ExprKind::Vector(s) | ExprKind::Matrix { selector: s, .. } => s,
        _ => return LabelSet::none(),
    };
    let mut seen = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for m in selector
        .matchers
        .iter()
        .filter(|m| m.label.name != METRIC_NAME)
    {
        let name = &m.label.name;
        if m.op == MatchOp::Equal && !seen.contains(name) {
            seen.insert(name.clone());
            if !m.value.is_empty() {
                labels.insert(name.clone());
            }
        } else {
            labels.remove(name);
        }
    }
    LabelSet {
        labels: Labels::Exactly(labels),
        metric_name: false,
    }
}

fn names(idents: &[Ident]) -> impl Iterator<Item = &str> {
    idents.iter().map(|i| i.name.as_str())
}

#[cfg(test)]
mod tests;
