//! GitHub Actions workflow commands: each diagnostic becomes an annotation on the
//! pull request's diff (`::error file=...,line=...,col=...,title=CODE::message`).
//!
//! The runner reads these commands from standard output and standard error alike.
//! Escaping follows GitHub's toolkit (`@actions/core`, `command.ts`): `%`, `\r` and `\n`
//! in the message, and also `:` and `,` in properties, are percent-encoded.

use super::escape::clean;
use super::location::{locate, main_label};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

/// One workflow command, ending in a newline. The message is the diagnostic's message,
/// then its other labels (`file:line:col: message`), notes and help, one per line.
pub fn render(d: &Diagnostic, sources: &SourceMap) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let main = main_label(d);
    let mut properties = Vec::new();
    if let Some(at) = main.and_then(|l| locate(l.span, sources)) {
        properties.push(format!("file={}", property(&clean(at.file))));
        properties.push(format!("line={}", at.line));
        properties.push(format!("col={}", at.column));
        properties.push(format!("endLine={}", at.end_line));
        properties.push(format!("endColumn={}", at.end_column));
    }
    properties.push(format!("title={}", property(&clean(d.code.name()))));

    let mut lines = vec![clean(&d.message).into_owned()];
    if let Some(label) = main.filter(|l| !l.message.is_empty()) {
        lines[0].push_str(&format!(": {}", clean(&label.message)));
    }
    for label in d.labels.iter().filter(|l| Some(*l) != main) {
        let place = locate(label.span, sources)
            .map(|at| format!("{}:{}:{}: ", clean(at.file), at.line, at.column))
            .unwrap_or_default();
        lines.push(format!("{place}{}", clean(&label.message)));
    }
    lines.extend(d.notes.iter().map(|n| format!("note: {}", clean(n))));
    if let Some(help) = &d.help {
        lines.push(format!("help: {}", clean(help)));
    }
    format!(
        "::{level} {}::{}\n",
        properties.join(","),
        data(&lines.join("\n"))
    )
}

/// Renders many diagnostics, one command each.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    diagnostics.iter().map(|d| render(d, sources)).collect()
}

/// A command's message (GitHub's `escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value (GitHub's `escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;
    use crate::diagnostic::Span;

    #[test]
    fn an_error_with_a_place_becomes_an_annotation() {
        let mut sources = SourceMap::new();
        let file = sources.add("dash,boards/a:b.dac", "x = 1\nquery `sum(x`\n");
        let d = Diagnostic::error(Code::PromqlSyntax, "unclosed (50% sure)")
            .with_primary(Span::new(file, 16, 17), "opened here")
            .with_secondary(Span::new(file, 0, 1), "see")
            .with_note("a note")
            .with_help("add a `)`");
        assert_eq!(
            render(&d, &sources),
            "::error file=dash%2Cboards/a%3Ab.dac,line=2,col=11,endLine=2,endColumn=12,\
             title=promql/syntax::unclosed (50%25 sure): opened here\
             %0Adash,boards/a:b.dac:1:1: see%0Anote: a note%0Ahelp: add a `)`\n"
        );
    }

    #[test]
    fn a_warning_without_a_place_has_only_a_title() {
        let sources = SourceMap::new();
        let d = Diagnostic::warning(Code::NothingToBuild, "careful");
        assert_eq!(
            render(&d, &sources),
            "::warning title=build/nothing-to-build::careful\n"
        );
    }

    #[test]
    fn control_characters_and_line_breaks_cannot_end_or_forge_a_command() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", "uid = \"x\"\n");
        let d = Diagnostic::error(Code::Uid, "uid `\u{1b}[2J\n::error::forged\r` is bad")
            .with_primary(Span::new(file, 6, 9), "\u{202e}here");
        let text = render(&d, &sources);
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text}"
        );
        assert!(
            text.ends_with("::uid `\\u{1b}[2J\\n::error::forged\\r` is bad: \\u{202e}here\n"),
            "{text}"
        );
    }
}
