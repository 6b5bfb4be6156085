use super::*;
use crate::codes::Code;
use crate::diagnostic::Span;
use crate::report::escape::MAX_TEXT;
use crate::report::excerpt::MAX_LINE;

#[test]
fn renders_location_line_and_caret() {
    let mut sources = SourceMap::new();
    let file = sources.add("a.dac", "x = 1\nquery `sum(rate(x[5m])`\n");
    let d = Diagnostic::error(Code::PromqlSyntax, "unclosed left parenthesis")
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
    let d = Diagnostic::error(Code::DuplicateUid, "duplicate uid")
        .with_primary(Span::new(file, 17, 20), "defined again here")
        .with_secondary(Span::new(file, 6, 9), "first defined here");
    let text = render(&d, &sources);
    assert!(text.contains("--> a.dac:3:7"), "{text}");
    let first = text.find("first defined here").unwrap_or(usize::MAX);
    let again = text.find("defined again here").unwrap_or(0);
    assert!(first < again, "{text}");
}

#[test]
fn a_label_over_many_lines_shows_its_first_and_last_line() {
    let mut sources = SourceMap::new();
    let body: String = (0..500).map(|i| format!("  row{i} = {i}\n")).collect();
    let text = format!("dashboard \"x\" {{\n{body}}}\n");
    let end = text.len() - 1;
    let file = sources.add("a.dac", text);
    let d =
        Diagnostic::error(Code::Syntax, "bad block").with_primary(Span::new(file, 0, end), "here");
    let shown = render(&d, &sources);
    assert_eq!(
        shown,
        "error[dac/syntax]: bad block\n\
         \x20  --> a.dac:1:1\n\
         \x20   |\n\
         \x20 1 | dashboard \"x\" {\n\
         \x20   | ^^^^^^^^^^^^^^^^\n\
         ...\n\
         502 | }\n\
         \x20   | ^ here\n"
    );
}

#[test]
fn a_label_over_two_lines_has_no_ellipsis() {
    let mut sources = SourceMap::new();
    let file = sources.add("a.dac", "query `sum(\n    x)` + 1\n");
    let d = Diagnostic::error(Code::PromqlType, "bad").with_primary(Span::new(file, 7, 18), "this");
    let shown = render(&d, &sources);
    assert_eq!(
        shown,
        "error[promql/type]: bad\n\
         \x20--> a.dac:1:8\n\
         \x20 |\n\
         1 | query `sum(\n\
         \x20 |        ^^^^^\n\
         2 |     x)` + 1\n\
         \x20 |     ^^ this\n"
    );
}

#[test]
fn control_characters_are_escaped_everywhere_and_the_caret_stays_aligned() {
    let mut sources = SourceMap::new();
    let line = "uid = \"\u{1b}[2J\u{0}\u{202e}x\u{2066}\" # \u{9b}31m";
    let file = sources.add("e\u{1b}[31m.dac", format!("{line}\n"));
    let x = line.find('x').unwrap_or(0);
    let d = Diagnostic::error(Code::Uid, "uid `\u{1b}[2J\u{202e}` is bad")
        .with_primary(Span::new(file, x, x + 1), "the \u{7}x")
        .with_note("note \u{1b}c")
        .with_help("help \u{2069}\r\n");
    let shown = render(&d, &sources);
    for c in shown.chars() {
        assert!(
            !crate::report::escape::is_unsafe(c) || c == '\n',
            "{c:?} in {shown:?}"
        );
    }
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines[0], "error[dac/uid]: uid `\\u{1b}[2J\\u{202e}` is bad");
    assert_eq!(lines[1], " --> e\\u{1b}[31m.dac:1:14");
    let source = lines[3].strip_prefix("1 | ").unwrap_or_default();
    let marker = lines[4].strip_prefix("  | ").unwrap_or_default();
    assert_eq!(
        source,
        "uid = \"\\u{1b}[2J\\u{0}\\u{202e}x\\u{2066}\" # \\u{9b}31m"
    );
    let at = marker.find('^').unwrap_or(0);
    assert_eq!(&source[at..at + 1], "x", "{shown}");
    assert!(marker.ends_with("^ the \\u{7}x"), "{shown}");
    assert!(shown.contains("= note: note \\u{1b}c\n"), "{shown}");
    assert!(shown.contains("= help: help \\u{2069}\\r\\n\n"), "{shown}");
}

#[test]
fn a_huge_single_line_source_gives_a_bounded_message() {
    let mut sources = SourceMap::new();
    let huge = format!(
        "uid = \"{}\" junk {}",
        "a".repeat(100_000),
        "b".repeat(100_000)
    );
    let at = huge.find("junk").unwrap_or(0);
    let file = sources.add("big.dac", huge.clone());
    let d = Diagnostic::error(Code::Syntax, format!("value `{huge}` is too long"))
        .with_primary(Span::new(file, at, at + 4), "here");
    let shown = render(&d, &sources);
    assert!(
        shown.len() < 2 * (MAX_TEXT + MAX_LINE) + 200,
        "{}",
        shown.len()
    );
    for line in shown.lines() {
        assert!(line.chars().count() <= MAX_TEXT + 60, "{line}");
    }
    assert!(shown.contains(&format!("big.dac:1:{}", at + 1)), "{shown}");
    let lines: Vec<&str> = shown.lines().collect();
    let source = lines[3].strip_prefix("1 | ").unwrap_or_default();
    let marker = lines[4].strip_prefix("  | ").unwrap_or_default();
    let caret = marker.find('^').unwrap_or(0);
    assert_eq!(&source[caret..caret + 4], "junk", "{shown}");
    assert!(marker.ends_with("^^^^ here"), "{shown}");
}

#[test]
fn color_paints_severity_frame_and_markers_and_keeps_the_text() {
    let mut sources = SourceMap::new();
    let file = sources.add("a.dac", "x = `up`\n");
    let d = Diagnostic::warning(Code::PromqlExperimental, "careful")
        .with_primary(Span::new(file, 5, 7), "here")
        .with_help("do this");
    let colored = render_with(&d, &sources, &Palette::COLOR);
    assert!(colored.contains('\u{1b}'), "{colored:?}");
    assert_ne!(colored, render(&d, &sources));
    let stripped: String = anstream::adapter::strip_str(&colored).to_string();
    assert_eq!(stripped, render(&d, &sources));
}
