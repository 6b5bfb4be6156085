//! rustc-style rendering: `file:line:col`, the source line, carets under the fault.
//!
//! Whatever the sources hold, what this prints is bounded and inert: control characters
//! are escaped (see [`super::escape`]), a long line is shown as a window around the
//! fault, and a label over many lines shows its first and last line only.

use std::fmt::Write;

use super::escape::clean;
use super::excerpt::excerpt;
use super::location::main_label;
use super::style::Palette;
use crate::diagnostic::{Diagnostic, Label};
use crate::source::{SourceFile, SourceMap};

/// Renders one diagnostic as plain text ending in a newline.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    render_with(diagnostic, sources, &Palette::PLAIN)
}

/// Renders many diagnostics as plain text, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    render_all_with(diagnostics, sources, &Palette::PLAIN)
}

/// Renders many diagnostics in `palette`'s colours, separated by blank lines.
pub fn render_all_with(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    palette: &Palette,
) -> String {
    diagnostics
        .iter()
        .map(|d| render_with(d, sources, palette))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One label with the positions it is drawn at: 1-based lines, 0-based character
/// indices, the end exclusive and on the line of the label's last character.
struct Placed<'a> {
    label: &'a Label,
    file: &'a SourceFile,
    line: usize,
    start: usize,
    end_line: usize,
    end: usize,
}

impl<'a> Placed<'a> {
    fn new(label: &'a Label, file: &'a SourceFile) -> Self {
        let (line, col) = file.line_col(label.span.start as usize);
        let (end_line, end) = if label.span.is_empty() {
            (line, col)
        } else {
            // The last character, not the end offset: a span that takes its line break
            // ends on its own line, not at column 1 of the next.
            file.line_col(label.span.end as usize - 1)
        };
        Placed {
            label,
            file,
            line,
            start: col - 1,
            end_line,
            end: if end_line == line { end.max(col) } else { end },
        }
    }
}

/// Renders one diagnostic in `palette`'s colours, ending in a newline.
pub fn render_with(diagnostic: &Diagnostic, sources: &SourceMap, palette: &Palette) -> String {
    let mut out = String::new();
    let head = format!("{}[{}]", diagnostic.severity, clean(diagnostic.code.name()));
    let _ = writeln!(
        out,
        "{}{}",
        palette.severity(diagnostic.severity, &head),
        palette.emphasis(&format!(": {}", clean(&diagnostic.message)))
    );

    let primary = main_label(diagnostic);
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
    let placed: Vec<Placed> = labels
        .into_iter()
        .filter_map(|l| sources.get(l.span.file).map(|f| Placed::new(l, f)))
        .collect();

    let gutter = placed
        .iter()
        .map(|p| p.end_line.max(p.line).to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    let bar = palette.frame("|");

    let mut last_file = None;
    for p in &placed {
        if last_file != Some(p.label.span.file) {
            let arrow = if last_file.is_none() { "-->" } else { ":::" };
            // The location line names the fault itself when it is in this file.
            let (line, col) = match primary {
                Some(pr) if pr.span.file == p.label.span.file => {
                    p.file.line_col(pr.span.start as usize)
                }
                _ => (p.line, p.start + 1),
            };
            let at = clean(&p.file.name);
            let _ = writeln!(out, "{pad}{} {at}:{line}:{col}", palette.frame(arrow));
            let _ = writeln!(out, "{pad} {bar}");
            last_file = Some(p.label.span.file);
        }
        draw_label(&mut out, p, diagnostic, gutter, palette);
    }
    if !placed.is_empty() && (diagnostic.help.is_some() || !diagnostic.notes.is_empty()) {
        let _ = writeln!(out, "{pad} {bar}");
    }
    let eq = palette.frame("=");
    for note in &diagnostic.notes {
        let _ = writeln!(
            out,
            "{pad} {eq} {} {}",
            palette.emphasis("note:"),
            clean(note)
        );
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(
            out,
            "{pad} {eq} {} {}",
            palette.emphasis("help:"),
            clean(help)
        );
    }
    out
}

/// The lines of one label: its line and marker, or for a label over several lines its
/// first and last line (with `...` between when there are lines between), the message
/// under the last.
fn draw_label(out: &mut String, p: &Placed, d: &Diagnostic, gutter: usize, palette: &Palette) {
    let marker = if p.label.primary { "^" } else { "-" };
    let paint = |text: &str| {
        if p.label.primary {
            palette.severity(d.severity, text)
        } else {
            palette.frame(text)
        }
    };
    let message = if p.label.message.is_empty() {
        String::new()
    } else {
        format!(" {}", clean(&p.label.message))
    };
    let pad = " ".repeat(gutter);
    let bar = palette.frame("|");
    let row = |out: &mut String, line: usize, start: usize, end: usize, message: &str| {
        let shown = excerpt(p.file.line_text(line), start, end);
        let number = palette.frame(&format!("{line:>gutter$}"));
        let _ = writeln!(out, "{number} {bar} {}", shown.text);
        let mark = paint(&format!("{}{message}", marker.repeat(shown.width)));
        let _ = writeln!(out, "{pad} {bar} {}{mark}", shown.lead);
    };
    if p.end_line == p.line {
        row(out, p.line, p.start, p.end, &message);
        return;
    }
    let first_len = p.file.line_text(p.line).chars().count();
    row(out, p.line, p.start, first_len + 1, "");
    if p.end_line > p.line + 1 {
        let _ = writeln!(out, "{}", palette.frame("..."));
    }
    let last = p.file.line_text(p.end_line);
    let indent = last.chars().take_while(|c| c.is_whitespace()).count();
    row(out, p.end_line, indent.min(p.end), p.end, &message);
}

#[cfg(test)]
#[path = "human_tests.rs"]
mod tests;
