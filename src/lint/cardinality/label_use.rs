//! Where a high-cardinality label reaches a query's grouping, matching or result: what
//! `promql/high-cardinality-label` reports.

use super::flow::Card;
use crate::diagnostic::Span;

/// The labels to watch: the configured list, and whatever the catalog marks
/// `unbounded`.
#[derive(Clone, Copy, Debug)]
pub struct Watch<'a> {
    pub listed: &'a [&'a str],
}

/// How a watched label is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseKind {
    /// In `by (...)`.
    GroupedBy,
    /// In `on (...)` or `ignoring (...)`.
    Matching,
    /// In `group_left (...)`/`group_right (...)`: copied into the result.
    Copied,
    /// The query's result keeps it (span: the whole query).
    Kept,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelUse {
    pub label: String,
    pub kind: UseKind,
    /// Why it is watched: the catalog marks it `unbounded` (else: it is listed).
    pub unbounded: bool,
    pub span: Span,
}

/// The uses found so far, when asked for them.
#[derive(Debug, Default)]
pub struct Notes<'a> {
    pub watch: Option<Watch<'a>>,
    pub uses: Vec<LabelUse>,
}

impl Notes<'_> {
    /// Records a use of `label` (with its values in the flow at that point) if watched.
    pub fn note(&mut self, label: &str, card: Option<Card>, span: Span, kind: UseKind) {
        let Some(watch) = self.watch else {
            return;
        };
        let unbounded = card == Some(Card::Unbounded);
        if unbounded || watch.listed.contains(&label) {
            self.uses.push(LabelUse {
                label: label.to_string(),
                kind,
                unbounded,
                span,
            });
        }
    }
}
