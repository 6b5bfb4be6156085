//! Backtick fences, read as Markdown reads code spans and as `grammar/dac.pest` reads
//! queries: a run of N backticks opens a query and the next run of exactly N closes it.
//! The bracket scan uses these to skip queries the way the parser will.

/// The length of the run of backticks starting at `at`.
pub fn run_len(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'`').count())
}

/// The start of the first run of exactly `n` backticks at or after `from`.
pub fn find_close(bytes: &[u8], from: usize, n: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        let next = bytes[i..].iter().position(|&b| b == b'`')? + i;
        let run = run_len(bytes, next);
        if run == n {
            return Some(next);
        }
        i = next + run;
    }
    None
}

/// Whether the query fenced from `open` to `close` (the starts of its two runs of `n`)
/// looks like a query that was never closed: it spans lines, and its closing run is
/// glued to what follows as an opening run is (`` `up` ``). The backtick that closes it
/// then most likely opens the next query, and the pairing is off from here on.
pub fn looks_unclosed(bytes: &[u8], open: usize, close: usize, n: usize) -> bool {
    let spans_lines = bytes[open..close].contains(&b'\n');
    let glued = bytes
        .get(close + n)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b"_($".contains(&b));
    spans_lines && glued
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_closed_by_the_next_run_of_the_same_length() {
        let text = b"```a{b!~``}c` ```";
        assert_eq!(run_len(text, 0), 3);
        assert_eq!(find_close(text, 3, 3), Some(14));
        assert_eq!(find_close(b"`a``b`", 1, 1), Some(5));
        assert_eq!(find_close(b"``a````", 2, 2), None);
        assert_eq!(find_close(b"`abc", 1, 1), None);
    }

    #[test]
    fn an_unclosed_query_swallows_the_next_opening_backtick() {
        let text = b"q `sum(x)\n}\nq `up`";
        let close = find_close(text, 3, 1).unwrap();
        assert!(looks_unclosed(text, 2, close, 1));
        let fine = b"q `sum(\n x)` legend";
        assert!(!looks_unclosed(fine, 2, 11, 1));
    }
}
