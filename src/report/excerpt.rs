//! One source line as the human report shows it: escaped, cut to a window around the
//! fault when it is long, with the marker under the right characters.

use super::escape::{escaped_width, push_escaped};

/// The most columns of one source line that are shown; a longer line (minified JSON, a
/// 100 KB generated query) is shown as a window around the marked characters.
pub const MAX_LINE: usize = 120;
/// Columns shown before the marked characters when a line is cut.
const CONTEXT: usize = 40;
const CUT: &str = "...";

/// A line ready to print, and where its marker goes.
#[derive(Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The line's text as shown.
    pub text: String,
    /// What precedes the marker on the marker line: spaces, and tabs where the line has
    /// tabs, so the marker lines up whatever the terminal's tab width.
    pub lead: String,
    /// How many columns the marker covers (at least 1).
    pub width: usize,
}

/// The excerpt of `line` marking the characters `start..end` (0-based character
/// indices; `end` may pass the end of the line by one, for a span that takes its line
/// break, and is at least `start + 1` in effect).
pub fn excerpt(line: &str, start: usize, end: usize) -> Excerpt {
    let n = line.chars().count();
    let start = start.min(n);
    let end = end.max(start + 1);
    let short = line.chars().map(escaped_width).sum::<usize>() <= MAX_LINE;
    // Only the characters a window can show are collected (every character is at least
    // one column wide): a line of 50 MB costs no copy of itself.
    let base = if short {
        0
    } else {
        start.saturating_sub(CONTEXT)
    };
    let chars: Vec<char> = line
        .chars()
        .skip(base)
        .take(CONTEXT + MAX_LINE + 1)
        .collect();
    let (from, to) = if short {
        (0, chars.len())
    } else {
        window(&chars, start - base)
    };
    let (start, end) = (start - base, end - base);

    let mut text = String::new();
    let mut lead = String::new();
    if base + from > 0 {
        text.push_str(CUT);
        lead.push_str(&" ".repeat(CUT.len()));
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        push_escaped(&mut text, c);
        if i < start {
            match c {
                '\t' => lead.push('\t'),
                c => lead.push_str(&" ".repeat(escaped_width(c))),
            }
        }
    }
    let at_line_end = base + to == n;
    if !at_line_end {
        text.push_str(CUT);
    }
    let marked: usize = chars[start.min(to)..end.min(to)]
        .iter()
        .map(|&c| escaped_width(c))
        .sum();
    // A span that reaches past the last character (a missing `)` at the end of the
    // line, a span taking the line break) gets one column there.
    let past_end = usize::from(end + base > n && at_line_end);
    Excerpt {
        text,
        lead,
        width: (marked + past_end).max(1),
    }
}

/// The characters `from..to` to show of a line too long to show whole: about
/// [`CONTEXT`] columns before `start`, then as many as fit in [`MAX_LINE`].
fn window(chars: &[char], start: usize) -> (usize, usize) {
    let mut from = start;
    let mut before = 0;
    while from > 0 && before + escaped_width(chars[from - 1]) <= CONTEXT {
        from -= 1;
        before += escaped_width(chars[from]);
    }
    let mut to = from;
    let mut shown = 0;
    while to < chars.len() && shown + escaped_width(chars[to]) <= MAX_LINE {
        shown += escaped_width(chars[to]);
        to += 1;
    }
    // A single character wider than the whole window still shows.
    (from, to.max((from + 1).min(chars.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marker line as printed, for comparing with the text line above it.
    fn marker(e: &Excerpt) -> String {
        format!("{}{}", e.lead, "^".repeat(e.width))
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let e = excerpt("query `sum(x)`", 7, 10);
        assert_eq!(e.text, "query `sum(x)`");
        assert_eq!(marker(&e), "       ^^^");
    }

    #[test]
    fn escapes_keep_the_marker_under_the_fault() {
        let e = excerpt("uid = \"\u{1b}[2J\u{202e}x\"", 12, 13);
        assert_eq!(e.text, "uid = \"\\u{1b}[2J\\u{202e}x\"");
        assert_eq!(marker(&e), format!("{}^", " ".repeat(24)));
        assert_eq!(&e.text[24..25], "x");
        let e = excerpt("a\u{0}b", 1, 2);
        assert_eq!(marker(&e), " ^^^^^");
    }

    #[test]
    fn tabs_before_the_fault_stay_tabs() {
        let e = excerpt("\tx = 1", 1, 2);
        assert_eq!(e.lead, "\t");
    }

    #[test]
    fn past_the_end_of_the_line_gets_one_column() {
        let e = excerpt("sum(x", 5, 6);
        assert_eq!(marker(&e), "     ^");
        let e = excerpt("abc", 1, 9);
        assert_eq!(marker(&e), " ^^^");
    }

    #[test]
    fn a_huge_line_shows_a_bounded_window_around_the_fault() {
        let line = format!("{}BAD{}", "a".repeat(100_000), "z".repeat(100_000));
        let e = excerpt(&line, 100_000, 100_003);
        assert!(
            e.text.chars().count() <= MAX_LINE + 2 * CUT.len(),
            "{}",
            e.text.len()
        );
        assert!(e.text.starts_with("...") && e.text.ends_with("..."));
        let at = e.lead.len();
        assert_eq!(&e.text[at..at + 3], "BAD");
        assert_eq!(e.width, 3);
    }

    #[test]
    fn a_marker_wider_than_the_window_is_cut_with_it() {
        let line = "q".repeat(10_000);
        let e = excerpt(&line, 0, 10_000);
        assert_eq!(e.text.len(), MAX_LINE + CUT.len());
        assert_eq!(e.width, MAX_LINE);
        let e = excerpt(&line, 9_999, 10_000);
        assert!(e.text.starts_with("...") && !e.text.ends_with("..."));
        assert_eq!(e.lead.len() + 1, e.text.len());
    }
}
