//! `--format text`: the summary, then each object that differs: its changes in words,
//! its changed queries old above new, and the exact diff. Coloured (changed words in
//! bold on a terminal) when `color`, plain otherwise.

use anstyle::{AnsiColor, Style};

use super::outcome::{DiffReport, ObjectDiff, Status};
use super::query_diff;
use super::text_diff::{self, Line};

pub fn render(report: &DiffReport, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    for object in report.differing() {
        out.push_str(&object_text(object, &paint));
        out.push('\n');
    }
    let summary = report.summary();
    out.push_str(&paint.bold(&format!("Summary: {}", summary.line())));
    out.push('\n');
    out
}

/// One object: a heading, its changes in words, its queries, its diff.
pub fn object_text(object: &ObjectDiff, paint: &Paint) -> String {
    let mut out = format!(
        "{} {} {} ({})\n",
        paint.status(object.status),
        object.kind.word(),
        paint.bold(&object.name),
        object.path
    );
    for line in &object.changes {
        out.push_str(&format!("  {line}\n"));
    }
    for q in &object.queries {
        out.push_str(&format!("  {}:\n", q.place));
        out.push_str(&query_diff::render(&q.old, &q.new, "    "));
    }
    let old_name = object.renamed_from.as_deref().unwrap_or(&object.path);
    if paint.color {
        for line in text_diff::marked(&object.old_text, &object.new_text) {
            out.push_str(&paint.line(&line));
        }
    } else {
        out.push_str(&text_diff::unified(
            &object.old_text,
            &object.new_text,
            &format!("a/{old_name}"),
            &format!("b/{}", object.path),
        ));
    }
    out
}

/// Colours, or none.
pub struct Paint {
    pub color: bool,
}

impl Paint {
    fn styled(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.styled(Style::new().bold(), text)
    }

    fn status(&self, status: Status) -> String {
        let color = match status {
            Status::Added => AnsiColor::Green,
            Status::Removed => AnsiColor::Red,
            Status::Changed => AnsiColor::Yellow,
            Status::Unchanged => AnsiColor::White,
        };
        self.styled(Style::new().fg_color(Some(color.into())), status.word())
    }

    fn line(&self, line: &Line) -> String {
        match line {
            Line::Hunk(h) => format!("{}\n", self.styled(AnsiColor::Cyan.on_default(), h)),
            Line::Text(tag, pieces) => {
                let base = match tag {
                    '-' => AnsiColor::Red.on_default(),
                    '+' => AnsiColor::Green.on_default(),
                    _ => Style::new(),
                };
                let mut out = self.styled(base, &tag.to_string());
                for (text, changed) in pieces {
                    let style = if *changed {
                        base.bold().underline()
                    } else {
                        base
                    };
                    out.push_str(&self.styled(style, text));
                }
                out.push('\n');
                out
            }
        }
    }
}
