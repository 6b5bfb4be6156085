//! `--base`: keeping only the findings that are new since a revision. A finding is the
//! same as an old one when its rule, file and message agree, the message's numbers
//! aside: line numbers shift with every edit above, and counts and values in messages
//! change without the fault being new.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// What identifies a finding across revisions.
type Key = (String, String, String);

fn key(d: &Diagnostic, sources: &SourceMap) -> Key {
    let file = d
        .primary_span()
        .and_then(|s| sources.get(s.file))
        .map_or(String::new(), |f| f.name.clone());
    let message: String = d.message.chars().filter(|c| !c.is_ascii_digit()).collect();
    (d.code.name().to_string(), file, message)
}

/// The findings of `now` that `before` did not have. Each old finding excuses one new
/// one: a fault that was there once and is there twice now is reported once.
pub fn new_since(
    now: Vec<Diagnostic>,
    sources: &SourceMap,
    before: &[Diagnostic],
    old_sources: &SourceMap,
) -> Vec<Diagnostic> {
    let mut old: BTreeMap<Key, usize> = BTreeMap::new();
    for d in before {
        *old.entry(key(d, old_sources)).or_default() += 1;
    }
    now.into_iter()
        .filter(|d| match old.get_mut(&key(d, sources)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
