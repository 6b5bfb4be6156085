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

    let mut labels: Vec<&Label> = diagnostic.labels.iter().collect();
    // The primary label gives the location line; the others follow in source order.
    labels.sort_by_key(|l| (!l.primary, l.span.file, l.span.start));
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
}
