//! rustc-style rendering: `file:line:col`, the source line, carets under the fault.

use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Label};
use crate::source::SourceMap;

/// Renders one diagnostic as text ending in a newline.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diagnostic.severity, diagnostic.code, diagnostic.message
    );

    let primary = diagnostic
        .labels
        .iter()
        .find(|l| l.primary)
        .or(diagnostic.labels.first());
    let mut labels: Vec<&Label> = diagnostic.labels.iter().collect();
    // The primary label's file comes first, then the others; within a file, labels are
    // shown in source order, as the reader meets them.
    labels.sort_by_key(|l| {
        (
            Some(l.span.file) != primary.map(|p| p.span.file),
            l.span.file,
            l.span.start,
        )
    });
    let located: Vec<(&Label, &crate::source::SourceFile)> = labels
        .into_iter()
        .filter_map(|l| sources.get(l.span.file).map(|f| (l, f)))
        .collect();

    let gutter = located
        .iter()
        .map(|(l, f)| f.line_col(l.span.start as usize).0.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);

    let mut last_file = None;
    for (label, file) in &located {
        let (line, col) = file.line_col(label.span.start as usize);
        if last_file != Some(label.span.file) {
            let arrow = if last_file.is_none() { "-->" } else { ":::" };
            // The location line names the fault itself when it is in this file.
            let (line, col) = match primary {
                Some(p) if p.span.file == label.span.file => file.line_col(p.span.start as usize),
                _ => (line, col),
            };
            let _ = writeln!(out, "{pad}{arrow} {}:{line}:{col}", file.name);
            let _ = writeln!(out, "{pad} |");
            last_file = Some(label.span.file);
        }
        let text = file.line_text(line);
        let (end_line, end_col) = file.line_col(label.span.end as usize);
        let width = if end_line == line {
            end_col.saturating_sub(col).max(1)
        } else {
            (text.chars().count() + 1).saturating_sub(col).max(1)
        };
        let marker = if label.primary { "^" } else { "-" };
        let lead: String = text
            .chars()
            .take(col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "{:>gutter$} | {}", line, text.replace('\r', ""));
        let message = if label.message.is_empty() {
            String::new()
        } else {
            format!(" {}", label.message)
        };
        let _ = writeln!(out, "{pad} | {lead}{}{message}", marker.repeat(width));
    }
    if !located.is_empty() && (diagnostic.help.is_some() || !diagnostic.notes.is_empty()) {
        let _ = writeln!(out, "{pad} |");
    }
    for note in &diagnostic.notes {
        let _ = writeln!(out, "{pad} = note: {note}");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    out
}

/// Renders many diagnostics, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    diagnostics
        .iter()
        .map(|d| render(d, sources))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn renders_location_line_and_caret() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", "x = 1\nquery `sum(rate(x[5m])`\n");
        let d = Diagnostic::error("promql/syntax", "unclosed left parenthesis")
            .with_primary(Span::new(file, 16, 17), "opened here")
            .with_help("add a `)`");
        let text = render(&d, &sources);
        assert_eq!(
            text,
            "error[promql/syntax]: unclosed left parenthesis\n\
             \x20--> a.dac:2:11\n\
             \x20 |\n\
             2 | query `sum(rate(x[5m])`\n\
             \x20 |           ^ opened here\n\
             \x20 |\n\
             \x20 = help: add a `)`\n"
        );
    }

    #[test]
    fn labels_of_one_file_come_in_source_order_under_the_primary_location() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", "uid = \"x\"\n\nuid = \"x\"\n");
        let d = Diagnostic::error("dac/duplicate-uid", "duplicate uid")
            .with_primary(Span::new(file, 17, 20), "defined again here")
            .with_secondary(Span::new(file, 6, 9), "first defined here");
        let text = render(&d, &sources);
        assert!(text.contains("--> a.dac:3:7"), "{text}");
        let first = text.find("first defined here").unwrap_or(usize::MAX);
        let again = text.find("defined again here").unwrap_or(0);
        assert!(first < again, "{text}");
    }
}
