//! Messages cannot hurt a terminal or a CI log: control characters from sources are
//! escaped in every format, with carets still under the fault, and a huge single-line
//! source gives a bounded message.

use crate::dac_bin;

use std::fs;
use std::path::Path;

use dac_bin::{Run, dac};
use serde_json::Value;

/// ESC sequences (clear screen, set the window title), NUL, BEL, a C1 CSI, and bidi
/// overrides and isolates, raw in a dashboard title, a panel title and a query.
const HOSTILE: &str = "dashboard \"X\u{1b}[2J\" {\n  uid = \"x\"\n  \
    stat \"Up \u{1b}]0;pwned\u{7}\" {\n    \
    query `sum(up{job=\"\u{1b}[2J\u{202e}\u{0}\u{9b}31m\"}) + \u{2066} on`\n  }\n}\n";

/// The same attack through `.dac` escapes: the source is plain ASCII, the value is not.
const ESCAPED: &str = "dashboard \"X\" {\n  uid = \"\\u{1b}[2J\\u{202e}ab\\u{0}\"\n  \
    stat \"Up\" {\n    query `up`\n  }\n}\n";

fn build(dir: &Path, source: &str, format: &str) -> Run {
    fs::write(dir.join("hostile.dac"), source).unwrap();
    let run = dac(dir, ["build", "--format", format, "hostile.dac"]).expect(2);
    assert!(!dir.join("out").exists());
    run
}

/// No character that acts on a terminal, in either stream.
fn assert_inert(run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for c in text.chars() {
            let control = (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            assert!(!control, "{c:?} reached {stream}:\n{run}");
        }
    }
}

#[test]
fn raw_control_characters_are_escaped_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let human = build(tmp.path(), HOSTILE, "human");
    assert_inert(&human);
    // The caret stays under the fault (the U+2066 after the escaped label value).
    let lines: Vec<&str> = human.stderr.lines().collect();
    let source = lines[3]
        .split_once(" | ")
        .map(|(_, s)| s)
        .unwrap_or_default();
    let marker = lines[4]
        .split_once(" | ")
        .map(|(_, s)| s)
        .unwrap_or_default();
    let at = marker.find('^').unwrap_or(0);
    assert!(source[at..].starts_with("\\u{2066}"), "{human}");
    assert_eq!(marker.trim().split(' ').next(), Some("^^^^^^^^"), "{human}");
    // The location is the character in the file, as an editor counts it.
    assert!(human.stderr.contains("hostile.dac:4:40"), "{human}");
    insta::assert_snapshot!("hostile_human", human.stderr);

    let github = build(tmp.path(), HOSTILE, "github");
    assert_inert(&github);
    assert!(
        github
            .stderr
            .starts_with("::error file=hostile.dac,line=4,col=40,"),
        "{github}"
    );
    assert!(
        github.stderr.contains("unexpected character: '\\u{2066}'"),
        "{github}"
    );

    let json = build(tmp.path(), HOSTILE, "json");
    assert_inert(&json);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["column"], 40);
}

#[test]
fn escaped_values_quoted_in_messages_are_escaped_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let human = build(tmp.path(), ESCAPED, "human");
    assert_inert(&human);
    assert!(
        human
            .stderr
            .contains("dashboard uid `\\u{1b}[2J\\u{202e}ab\\u{0}` has characters"),
        "{human}"
    );
    let github = build(tmp.path(), ESCAPED, "github");
    assert_inert(&github);
    assert!(
        github.stderr.contains("uid `\\u{1b}[2J\\u{202e}ab\\u{0}`"),
        "{github}"
    );

    let json = build(tmp.path(), ESCAPED, "json");
    assert_inert(&json);
    assert!(json.stdout.contains(r"`\u001b[2J\u202eab\u0000`"), "{json}");
    // Escaped on the wire, exact once read.
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let message = doc["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("`\u{1b}[2J\u{202e}ab\u{0}`"),
        "{message:?}"
    );
}

#[test]
fn a_huge_single_line_source_gives_a_bounded_message() {
    let tmp = tempfile::tempdir().unwrap();
    let uid = "u".repeat(100_000);
    let source = format!("dashboard \"Big\" {{ uid = \"{uid}\" }}");
    for format in ["human", "github", "json"] {
        let run = build(tmp.path(), &source, format);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("100000 characters long"), "{format}: {all}");
        assert!(all.len() < 4_000, "{format}: {} bytes:\n{all}", all.len());
        for line in all.lines() {
            assert!(
                line.len() < 1_000,
                "{format}: a line of {} bytes",
                line.len()
            );
        }
        assert!(!all.contains(&"u".repeat(500)), "{format}");
    }
    let human = build(tmp.path(), &source, "human");
    assert!(human.stderr.contains("hostile.dac:1:25"), "{human}");
    assert!(human.stderr.contains("characters left out)"), "{human}");
    insta::assert_snapshot!("huge_line_human", human.stderr);
}

#[test]
fn a_label_over_many_lines_shows_its_first_and_last_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let fixture = "tests/fixtures/report/multi_line_label.dac";
    let run = dac(
        &dac_bin::crate_root(),
        ["build", fixture, "-o", out.to_str().unwrap_or_default()],
    )
    .expect(2);
    assert!(run.stderr.contains("multi_line_label.dac:8:7"), "{run}");
    assert!(run.stderr.contains("\n...\n38 |       )\n"), "{run}");
    assert!(!run.stderr.contains("comment line"), "{run}");
    assert!(run.stderr.lines().count() < 15, "{run}");
    insta::assert_snapshot!(run.stderr);
}
