//! The exact text diff of two normalised documents (the `similar` crate): a unified diff
//! for plain output, and the same lines with their changed words marked for a terminal.

use similar::{ChangeTag, TextDiff};

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A unified diff, `--- old` / `+++ new` headers and `@@` hunks.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(old_name, new_name)
        .to_string()
}

/// One line of a diff, for a renderer that marks the changed words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Hunk(String),
    /// Its tag (` `, `-`, `+`) and its pieces: text, and whether it is a changed word.
    Text(char, Vec<(String, bool)>),
}

/// The diff as lines whose changed words are marked.
pub fn marked(old: &str, new: &str) -> Vec<Line> {
    let diff = TextDiff::from_lines(old, new);
    let mut lines = Vec::new();
    for group in diff.grouped_ops(CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let (o, n) = (first.old_range().start, first.new_range().start);
        let (oe, ne) = (last.old_range().end, last.new_range().end);
        lines.push(Line::Hunk(format!(
            "@@ -{},{} +{},{} @@",
            o + 1,
            oe - o,
            n + 1,
            ne - n
        )));
        for op in &group {
            for change in diff.iter_inline_changes(op) {
                let tag = match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                let pieces = change
                    .iter_strings_lossy()
                    .map(|(emph, s)| (s.trim_end_matches('\n').to_string(), emph))
                    .collect();
                lines.push(Line::Text(tag, pieces));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_is_marked() {
        let lines = marked("a\n\"unit\": \"s\"\n", "a\n\"unit\": \"ms\"\n");
        assert!(lines.iter().any(
            |l| matches!(l, Line::Text('+', p) if p.iter().any(|(s, e)| *e && s.contains("ms")))
        ));
        let text = unified("a\nb\n", "a\nc\n", "old", "new");
        assert!(text.contains("-b\n+c\n"), "{text}");
    }
}
