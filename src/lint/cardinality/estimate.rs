//! What the estimator answers: how many series a query returns, the arithmetic behind
//! the number (for the lint message), and where in the query the number was decided.

use std::fmt;

use crate::diagnostic::Span;

/// The number of series an expression returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Size {
    Count(u64),
    /// A label the catalog marks `unbounded` reaches the result: no number bounds it.
    Unbounded {
        label: String,
    },
    /// A metric the catalog does not know (or a construct whose effect cannot be
    /// bounded): no estimate, rather than a guess.
    Unknown,
}

/// An estimate with its reasons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub size: Size,
    /// `false` when the number comes from catalog totals (`series = N`), `true` when it
    /// is a product of label cardinalities or a filter may return fewer.
    pub upper_bound: bool,
    /// The arithmetic, left to right: `endpoint (25) × method (7) × status (12)`.
    pub terms: Vec<Term>,
    /// The node that decided the number: the selector, the `by (...)` clause, the
    /// binary operator, the call.
    pub span: Span,
}

/// One factor or summand of the arithmetic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// How it joins the terms before it (ignored on the first).
    pub op: TermOp,
    /// A label, a metric, a service or `k`.
    pub name: String,
    pub value: TermValue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermOp {
    Times,
    Divide,
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermValue {
    Count(u64),
    /// A matcher kept `kept` of the label's `of` values.
    Kept {
        kept: u64,
        of: u64,
    },
    Unbounded,
}

impl Term {
    pub fn new(op: TermOp, name: impl Into<String>, value: TermValue) -> Self {
        Term {
            op,
            name: name.into(),
            value,
        }
    }
}

impl Estimate {
    /// The number, if there is one.
    pub fn count(&self) -> Option<u64> {
        match self.size {
            Size::Count(n) => Some(n),
            _ => None,
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            TermValue::Count(n) => write!(f, "{} ({})", self.name, thousands(n)),
            TermValue::Kept { kept, of } => {
                write!(
                    f,
                    "{} ({} of {})",
                    self.name,
                    thousands(kept),
                    thousands(of)
                )
            }
            TermValue::Unbounded => write!(f, "{} (unbounded)", self.name),
        }
    }
}

/// `endpoint (25) × method (7) × status (12) = 2,100 series`; `unbounded series` and
/// `unknown` when there is no number.
impl fmt::Display for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str(match term.op {
                    TermOp::Times => " × ",
                    TermOp::Divide => " ÷ ",
                    TermOp::Plus => " + ",
                })?;
            }
            write!(f, "{term}")?;
        }
        if !self.terms.is_empty() {
            f.write_str(" = ")?;
        }
        match &self.size {
            Size::Count(1) => f.write_str("1 series"),
            Size::Count(n) => write!(f, "{} series", thousands(*n)),
            Size::Unbounded { .. } => f.write_str("unbounded series"),
            Size::Unknown => f.write_str("unknown"),
        }
    }
}
