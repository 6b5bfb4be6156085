//! `--format markdown`: a pull-request comment. A heading and the summary table, one
//! section per object that differs (its changes in words and changed queries), and the
//! exact diff of each in a collapsible `<details>`. GitHub refuses a comment longer than
//! 65,536 characters: the summary is never cut; the diffs are cut first, then (for a
//! huge change) the list of objects, and the comment says so each time.

use super::outcome::{DiffReport, ObjectDiff};
use super::query_diff;
use super::text_diff;

/// The first line of every comment, so a workflow can find its comment and update it.
pub const MARKER: &str = "<!-- dac-diff -->";

/// GitHub's limit on a comment's length, in characters.
pub const GITHUB_LIMIT: usize = 65_536;

/// What the comment aims to stay under: room for the truncation notes and a footer.
const BUDGET: usize = GITHUB_LIMIT - 2_000;

/// Held for each object's diff or the note that says it is not shown.
const NOTE_ROOM: usize = 100;

/// A diff block is not worth showing in less than this many characters.
const MIN_DIFF: usize = 300;

pub fn render(report: &DiffReport, base: &str) -> String {
    let mut head = format!("{MARKER}\n## dac diff against {}\n\n", code(base));
    let s = report.summary();
    head.push_str("| | objects |\n|---|---:|\n");
    for (word, n) in [
        ("changed", s.changed),
        ("added", s.added),
        ("removed", s.removed),
        ("unchanged", s.unchanged),
    ] {
        head.push_str(&format!("| {word} | {n} |\n"));
    }
    if !report.has_changes() {
        head.push_str("\nNo changes.\n");
        return head;
    }
    let objects: Vec<&ObjectDiff> = report.differing().collect();
    let mut words: Vec<String> = objects.iter().map(|o| section(o)).collect();
    let mut notes = Vec::new();
    // Each object's diff (or the note that it is not shown) is held room in advance.
    let mut used = count(&head) + words.iter().map(|w| count(w) + NOTE_ROOM).sum::<usize>();
    // Too many objects even without diffs: the last sections go (never the table).
    while used > BUDGET {
        let Some(last) = words.pop() else { break };
        used -= count(&last) + NOTE_ROOM;
    }
    if words.len() < objects.len() {
        notes.push(format!(
            "{} more object(s) are not listed: the comment would pass GitHub's {GITHUB_LIMIT}-character limit. Run `dac diff` locally to see them.",
            objects.len() - words.len()
        ));
    }
    let mut out = head;
    let mut cut = 0;
    let shown = words.len();
    for (i, (object, words)) in objects.iter().zip(&words).enumerate() {
        out.push_str(words);
        // A fair share of what is left, so one huge diff does not crowd out the rest;
        // what a small diff leaves goes to the ones after it.
        let left = shown - i;
        let room = BUDGET.saturating_sub(used) / left + NOTE_ROOM;
        let (block, truncated) = details(object, room);
        used = used + count(&block) - NOTE_ROOM;
        cut += usize::from(truncated);
        out.push_str(&block);
    }
    if cut > 0 {
        notes.push(format!(
            "{cut} diff(s) were truncated to stay under GitHub's {GITHUB_LIMIT}-character comment limit; the summary and the changes above are complete. Run `dac diff` locally for the whole diff."
        ));
    }
    for note in notes {
        out.push_str(&format!("\n> **Note:** {note}\n"));
    }
    out
}

/// An object's heading, path, changes in words and changed queries.
fn section(object: &ObjectDiff) -> String {
    let status = object.status.word();
    let mut out = format!(
        "\n### {}{}: {} {}\n\n{}\n",
        status[..1].to_uppercase(),
        &status[1..],
        object.kind.word(),
        escape(&object.name),
        code(&object.path)
    );
    if !object.changes.is_empty() {
        out.push('\n');
    }
    for line in &object.changes {
        out.push_str(&format!("- {}\n", escape(line)));
    }
    for q in &object.queries {
        out.push_str(&format!("\n{}:\n\n````text\n", escape(&q.place)));
        out.push_str(&query_diff::render(&q.old, &q.new, ""));
        out.push_str("````\n");
    }
    out
}

/// The collapsible diff, cut to `room` characters; whether it was cut.
fn details(object: &ObjectDiff, room: usize) -> (String, bool) {
    let old_name = object.renamed_from.as_deref().unwrap_or(&object.path);
    let diff = text_diff::unified(
        &object.old_text,
        &object.new_text,
        &format!("a/{old_name}"),
        &format!("b/{}", object.path),
    );
    let open = "\n<details><summary>Diff</summary>\n\n````diff\n";
    let close = "````\n\n</details>\n";
    let whole = count(open) + count(&diff) + count(close);
    if whole <= room {
        return (format!("{open}{diff}{close}"), false);
    }
    let total = diff.lines().count();
    if room < MIN_DIFF + count(open) + count(close) {
        return (
            format!("\n_Diff not shown ({total} lines): the comment is at its size limit._\n"),
            true,
        );
    }
    let mut kept = String::new();
    let (mut lines, mut length) = (0, 0);
    let budget = room - count(open) - count(close) - 120;
    for line in diff.lines() {
        length += count(line) + 1;
        if length > budget {
            break;
        }
        kept.push_str(line);
        kept.push('\n');
        lines += 1;
    }
    let note = format!("\n_Diff truncated: {lines} of {total} lines shown._\n");
    (format!("{open}{kept}{close}{note}"), true)
}

fn count(text: &str) -> usize {
    text.chars().count()
}

/// Inline code that holds any text: a fence longer than any run of backticks in it.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence}{text}{fence}")
}

/// Text outside code: HTML's special characters and Markdown's emphasis escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
