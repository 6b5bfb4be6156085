//! "did you mean ...?": the closest known name to a misspelt one. Every suggestion in dac
//! comes from here, and its cost is bounded whatever the input: names longer than
//! [`MAX_LEN`] characters get no suggestion, only candidates of similar length are
//! compared, and a name asked about again (an unknown attribute in a template used a
//! thousand times) is answered from a cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Longer names are no typos of a known name worth computing an edit distance for.
pub const MAX_LEN: usize = 64;

/// How many answers each thread keeps before starting afresh.
const CACHE_SIZE: usize = 4096;

thread_local! {
    /// Answers by (name, candidates): the position of the suggested candidate, if any.
    static CACHE: RefCell<HashMap<u64, Option<usize>>> = RefCell::new(HashMap::new());
}

/// The candidate closest to `name` by edit distance (insertions, deletions, substitutions
/// and swaps of neighbours), if it is close enough to be a likely typo: at most a third
/// of the name's length, and at least one edit allowed. Ties go to the earliest candidate;
/// a name that is itself a candidate gets no suggestion.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.collect();
    let mut hasher = DefaultHasher::new();
    (name, &candidates).hash(&mut hasher);
    let key = hasher.finish();
    if let Some(found) = CACHE.with(|c| c.borrow().get(&key).copied()) {
        return found.and_then(|i| candidates.get(i).copied());
    }
    let found = closest(name, &candidates);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(key, found);
    });
    found.and_then(|i| candidates.get(i).copied())
}

/// The position of the closest candidate, by the rules of [`did_you_mean`].
fn closest(name: &str, candidates: &[&str]) -> Option<usize> {
    if candidates.contains(&name) {
        // The name is known: nothing to suggest.
        return None;
    }
    let len = name.chars().count();
    if len > MAX_LEN {
        return None;
    }
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, usize)> = None;
    for (i, candidate) in candidates.iter().enumerate() {
        // Lengths further apart than the limit need more edits than it allows; the byte
        // length bounds the character count from above, so this never counts a long one.
        if candidate.len() > 4 * MAX_LEN {
            continue;
        }
        let candidate_len = candidate.chars().count();
        if candidate_len.abs_diff(len) > limit {
            continue;
        }
        let distance = if candidate.eq_ignore_ascii_case(name) {
            0
        } else {
            edit_distance(name, candidate)
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Optimal string alignment distance, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: two back (for swaps), previous, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(edit_distance("rate", "rate"), 0);
        assert_eq!(edit_distance("rates", "rate"), 1);
        assert_eq!(edit_distance("rtae", "rate"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggests_the_closest_function() {
        let names = crate::promql::functions::names;
        assert_eq!(did_you_mean("rates", names()), Some("rate"));
        assert_eq!(did_you_mean("Rate", names()), Some("rate"));
        assert_eq!(
            did_you_mean("histogram_quantil", names()),
            Some("histogram_quantile")
        );
        assert_eq!(
            did_you_mean("lable_replace", names()),
            Some("label_replace")
        );
        assert_eq!(did_you_mean("sum_over_tim", names()), Some("sum_over_time"));
    }

    #[test]
    fn long_names_cost_nothing() {
        // 100,000 characters next to a similar name: no distance is computed at all.
        let long = "a".repeat(100_000);
        let similar = format!("{long}b");
        let start = std::time::Instant::now();
        assert_eq!(did_you_mean(&long, [similar.as_str()].into_iter()), None);
        assert_eq!(did_you_mean("rate", [similar.as_str()].into_iter()), None);
        assert!(start.elapsed().as_secs() < 1);
        let at_limit = "x".repeat(MAX_LEN - 1);
        let known = "x".repeat(MAX_LEN);
        assert_eq!(
            did_you_mean(&at_limit, [known.as_str()].into_iter()),
            Some(known.as_str())
        );
    }

    #[test]
    fn a_cached_answer_is_the_same_answer() {
        let names = crate::promql::functions::names;
        for _ in 0..3 {
            assert_eq!(did_you_mean("rates", names()), Some("rate"));
            assert_eq!(did_you_mean("rates", ["rated", "rates"].into_iter()), None);
            assert_eq!(
                did_you_mean("rates", ["x", "ratez"].into_iter()),
                Some("ratez")
            );
        }
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        let names = crate::promql::functions::names;
        assert_eq!(did_you_mean("frobnicate", names()), None);
        assert_eq!(did_you_mean("", names()), None);
        assert_eq!(did_you_mean("rate", names()), None);
    }
}
