//! Where a label is, in the terms editors and CI use: file, 1-based line and column of
//! its first character and of the position just past its last one.

use crate::diagnostic::{Diagnostic, Label, Span};
use crate::source::SourceMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location<'a> {
    pub file: &'a str,
    pub line: usize,
    /// In characters (Unicode scalar values), 1-based.
    pub column: usize,
    /// The end is exclusive, as in LSP and SARIF: the position just past the last
    /// character, which for a span that takes its line break is column 1 of the next line.
    pub end_line: usize,
    pub end_column: usize,
}

/// The location of `span`, or `None` for a span of no file (a tree built in code).
pub fn locate(span: Span, sources: &SourceMap) -> Option<Location<'_>> {
    let file = sources.get(span.file)?;
    let (line, column) = file.line_col(span.start as usize);
    let (end_line, end_column) = file.line_col(span.end as usize);
    Some(Location {
        file: &file.name,
        line,
        column,
        end_line,
        end_column,
    })
}

/// The label a diagnostic is reported at: its primary label, else its first.
pub fn main_label(diagnostic: &Diagnostic) -> Option<&Label> {
    diagnostic
        .labels
        .iter()
        .find(|l| l.primary)
        .or(diagnostic.labels.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_both_ends_in_characters() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", "é = 1\nbb = 2\n");
        let at = locate(Span::new(file, 5, 11), &sources);
        assert_eq!(
            at,
            Some(Location {
                file: "a.dac",
                line: 1,
                column: 5,
                end_line: 2,
                end_column: 5,
            })
        );
        assert_eq!(locate(Span::DUMMY, &sources), None);
    }
}
