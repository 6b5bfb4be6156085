//! How many of a label's values a matcher keeps.

use super::flow::Card;
use crate::promql::ast::{MatchOp, Matcher};
use crate::promql::check::compile_anchored;
use crate::promql::grafana_text::contains_variable;

/// The values a matcher's value stands for, when they can be counted.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Values {
    /// A literal (`"500"`) or literal alternatives (`"500|502|503"`), deduplicated.
    Listed(Vec<String>),
    /// A pattern or a Grafana variable: which values, and how many, is not known.
    Unknown,
}

fn values(m: &Matcher) -> Values {
    if contains_variable(&m.value) {
        return Values::Unknown;
    }
    match m.op {
        MatchOp::Equal | MatchOp::NotEqual => Values::Listed(vec![m.value.clone()]),
        MatchOp::Regex | MatchOp::NotRegex => literal_alternatives(&m.value),
    }
}

/// The values a matcher names, when they can be listed: `"x"`, or the alternatives of
/// `"x|y"`; `None` for a pattern or a Grafana variable.
pub fn listed_values(m: &Matcher) -> Option<Vec<String>> {
    match values(m) {
        Values::Listed(listed) => Some(listed),
        Values::Unknown => None,
    }
}

/// `a|b|c` as its three values; anything with a regex operator in it as unknown.
fn literal_alternatives(pattern: &str) -> Values {
    let mut out: Vec<String> = Vec::new();
    for alt in pattern.split('|') {
        let plain = alt
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '/' | ' ' | ','));
        if !plain {
            return Values::Unknown;
        }
        if !out.iter().any(|v| v == alt) {
            out.push(alt.to_string());
        }
    }
    Values::Listed(out)
}

/// The label's values after the matcher. An empty value means "the label is absent",
/// which every declared label rules out, so only non-empty values count as kept.
pub fn narrow(card: Card, m: &Matcher) -> Card {
    let listed = match values(m) {
        // `=` with a Grafana variable still picks one value; any other operator with
        // one may pick several.
        Values::Unknown if m.op == MatchOp::Equal => return keep(card, 1),
        Values::Unknown => return card,
        Values::Listed(listed) => listed,
    };
    let non_empty = listed.iter().filter(|v| !v.is_empty()).count() as u64;
    let has_empty = listed.iter().any(|v| v.is_empty());
    match m.op {
        MatchOp::Equal | MatchOp::Regex if has_empty => card,
        MatchOp::Equal | MatchOp::Regex => keep(card, non_empty),
        MatchOp::NotEqual | MatchOp::NotRegex => match card {
            Card::Bounded(n) => Card::Bounded(n.saturating_sub(non_empty)),
            other => other,
        },
    }
}

fn keep(card: Card, k: u64) -> Card {
    match card {
        Card::Bounded(n) => Card::Bounded(n.min(k)),
        Card::Unbounded | Card::Unknown => Card::Bounded(k),
    }
}

/// Whether a matcher keeps a label's one known value (a service's `job`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueMatch {
    Yes,
    No,
    /// A Grafana variable (or a pattern dac cannot compile): perhaps.
    Maybe,
}

pub fn value_matches(value: &str, m: &Matcher) -> ValueMatch {
    if contains_variable(&m.value) {
        return ValueMatch::Maybe;
    }
    let hit = match m.op {
        MatchOp::Equal => value == m.value,
        MatchOp::NotEqual => value != m.value,
        MatchOp::Regex | MatchOp::NotRegex => {
            let Ok(re) = compile_anchored(&m.value) else {
                return ValueMatch::Maybe;
            };
            re.is_match(value) == (m.op == MatchOp::Regex)
        }
    };
    if hit { ValueMatch::Yes } else { ValueMatch::No }
}
