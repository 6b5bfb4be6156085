//! Inline suppressions: `# dac: disable RULE[, RULE...] -- reason`.
//!
//! On the line before a block (dashboard, row, panel, query, rule set, group, alert,
//! record), it covers that block. In the comments at the top of a file, before any code,
//! and not directly before a block, it covers the whole file. Comments are read from
//! the source text, line by line: the syntax tree does not keep them apart from the
//! blocks they precede.

use crate::diagnostic::{FileId, Span};
use crate::model::{Item, Panel, Project, Rule};
use crate::source::{SourceFile, SourceMap};

/// One rule name of a suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<Suppressed>,
    /// The whole comment.
    pub span: Span,
    /// The text after `--`, trimmed; empty when there is none.
    pub reason: String,
    /// What it covers; `None` when it is in no place that covers anything.
    pub covers: Option<Span>,
}

impl Suppression {
    /// Whether it covers a finding of `rule` at `at`.
    pub fn covers(&self, rule: &str, at: Span) -> bool {
        let inside = self
            .covers
            .is_some_and(|c| c.file == at.file && c.start <= at.start && at.end <= c.end);
        inside && self.rules.iter().any(|r| r.name == rule)
    }
}

/// Every suppression comment of the project's `.dac` files, in file and line order.
pub fn find(project: &Project, sources: &SourceMap) -> Vec<Suppression> {
    let blocks = block_spans(project);
    let mut found = Vec::new();
    for (file, source) in sources.files() {
        if !source.name.ends_with(".dac") || !source.text.contains("dac:") {
            continue;
        }
        let starts: Vec<&Span> = blocks.iter().filter(|b| b.file == file).collect();
        found.extend(in_file(file, source, &starts));
    }
    found
}

/// The lines of one file: (byte offset of its start, text without the line break).
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = at;
            at += line.len();
            (start, line.trim_end_matches(['\n', '\r']))
        })
        .collect()
}

fn in_file(file: FileId, source: &SourceFile, blocks: &[&Span]) -> Vec<Suppression> {
    let lines = lines(&source.text);
    let is_comment = |l: &str| l.trim_start().starts_with('#');
    let mut found = Vec::new();
    let mut in_header = true;
    for (i, &(start, line)) in lines.iter().enumerate() {
        if !is_comment(line) {
            in_header &= line.trim().is_empty();
            continue;
        }
        let Some(mut suppression) = parse(file, start, line) else {
            continue;
        };
        let next = lines[i + 1..].iter().find(|(_, l)| !is_comment(l));
        let block = next.and_then(|&(at, l)| {
            let end = at + l.len();
            blocks
                .iter()
                .filter(|b| (at..=end).contains(&(b.start as usize)))
                .max_by_key(|b| b.end)
                .copied()
        });
        suppression.covers = match block {
            Some(block) => Some(*block),
            None if in_header => Some(Span::new(file, 0, source.text.len())),
            None => None,
        };
        found.push(suppression);
    }
    found
}

/// Reads `# dac: disable RULE, RULE -- reason` on a line starting at byte `start`.
fn parse(file: FileId, start: usize, line: &str) -> Option<Suppression> {
    let hash = line.find('#')?;
    let body = line[hash + 1..].trim_start();
    let body = body.strip_prefix("dac:")?.trim_start();
    let rest = body.strip_prefix("disable")?;
    let rest_at = start + line.len() - rest.len();
    let (names, reason) = match rest.split_once("--") {
        Some((names, reason)) => (names, reason.trim()),
        None => (rest, ""),
    };
    let mut rules = Vec::new();
    let mut offset = 0;
    for piece in names.split(|c: char| c == ',' || c.is_whitespace()) {
        if !piece.is_empty() {
            let at = rest_at + offset;
            rules.push(Suppressed {
                name: piece.to_string(),
                span: Span::new(file, at, at + piece.len()),
            });
        }
        offset += piece.len() + 1;
    }
    Some(Suppression {
        rules,
        span: Span::new(file, start + hash, start + line.len()),
        reason: reason.to_string(),
        covers: None,
    })
}

/// The spans of every block a suppression may precede.
fn block_spans(project: &Project) -> Vec<Span> {
    let mut spans = Vec::new();
    let panel = |p: &Panel, spans: &mut Vec<Span>| {
        spans.push(p.span);
        spans.extend(p.targets.iter().map(|t| t.span));
    };
    for dashboard in &project.dashboards {
        spans.push(dashboard.span);
        for item in &dashboard.items {
            match item {
                Item::Panel(p) => panel(p, &mut spans),
                Item::Row(row) => {
                    spans.push(row.span);
                    row.panels.iter().for_each(|p| panel(p, &mut spans));
                }
            }
        }
    }
    spans.extend(project.services.iter().map(|s| s.span));
    for set in &project.rule_sets {
        spans.push(set.span);
        for group in &set.groups {
            spans.push(group.span);
            spans.extend(group.rules.iter().map(|rule| match rule {
                Rule::Alert(a) => a.span,
                Rule::Record(r) => r.span,
            }));
        }
    }
    spans
}

#[cfg(test)]
#[path = "suppression_tests.rs"]
mod tests;
