//! "did you mean ...?": the closest known name to a misspelt one.

/// The candidate closest to `name` by edit distance (insertions, deletions, substitutions
/// and swaps of neighbours), if it is close enough to be a likely typo: at most a third
/// of the name's length, and at least one edit allowed. Ties go to the earliest candidate;
/// a name that is itself a candidate gets no suggestion.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            // The name is known: nothing to suggest.
            return None;
        }
        let distance = if candidate.eq_ignore_ascii_case(name) {
            0
        } else {
            edit_distance(name, candidate)
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
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
    fn stays_quiet_when_nothing_is_close() {
        let names = crate::promql::functions::names;
        assert_eq!(did_you_mean("frobnicate", names()), None);
        assert_eq!(did_you_mean("", names()), None);
        assert_eq!(did_you_mean("rate", names()), None);
    }
}
