//! Go's text/template, as Prometheus parses the labels and annotations of an alert:
//! `{{ $labels.instance }}`, `{{ $value | humanizePercentage }}`, `{{ if ... }}`.
//!
//! promtool rejects a rule file whose templates do not parse, so dac checks them the same
//! way (Go 1.19's grammar and the functions of Prometheus 2.42, the promtool of Debian 12
//! that the tests run) and reports the first fault with its exact place, as Go does.

mod cursor;
mod error;
mod funcs;
mod lex;
mod literal;
mod parse;
mod pipeline;
mod token;

#[cfg(test)]
mod tests;

pub use error::{ErrorKind, TemplateError};
pub use funcs::FUNCTIONS;
pub use parse::parse;

use std::ops::Range;

/// What dac keeps of a template that parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template {
    /// `$labels.NAME` (and `.Labels.NAME` where `.` is the alert), in order.
    pub label_refs: Vec<LabelRef>,
}

/// A label an alert template reads; `range` is the name's place in the template text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelRef {
    pub name: String,
    pub range: Range<usize>,
}
