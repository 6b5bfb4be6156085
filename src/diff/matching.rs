//! Which old document is which new one: the same identity ([`super::Document::key`]);
//! the n-th of several with one identity pairs with the n-th on the other side.

use std::collections::BTreeMap;

use super::document::Document;

/// An old index, a new one, or both.
pub type Pair = (Option<usize>, Option<usize>);

/// Pairs of indexes into `old` and `new`; one side is `None` for an object only the
/// other has. Sorted by identity, so the report's order does not depend on file order.
pub fn pair(old: &[Document], new: &[Document]) -> Vec<Pair> {
    let mut slots: BTreeMap<(&str, usize), Pair> = BTreeMap::new();
    for (side, docs) in [(0, old), (1, new)] {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, doc) in docs.iter().enumerate() {
            let n = seen.entry(doc.key.as_str()).or_default();
            let slot = slots.entry((doc.key.as_str(), *n)).or_default();
            *n += 1;
            if side == 0 {
                slot.0 = Some(i);
            } else {
                slot.1 = Some(i);
            }
        }
    }
    slots.into_values().collect()
}
