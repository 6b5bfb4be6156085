//! Machine-readable reports: one JSON document per run, the same for every command
//! (schema in `docs/output-formats.md`).

use std::io;

use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use serde_json::{Map, Value, json};

use super::escape::{cap, is_unsafe};
use super::location::{Location, locate, main_label};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

/// The version of the document's schema; it changes only when a field changes meaning
/// or goes away (adding a field does not change it).
pub const SCHEMA_VERSION: u64 = 1;

/// The fields every command's document has: `version`, `command`, `success`,
/// `summary` (counts of the diagnostics listed, by severity) and `diagnostics` (made by
/// [`diagnostic`]). A command adds its own fields to the map.
pub fn document(command: &str, success: bool, diagnostics: Vec<Value>) -> Map<String, Value> {
    let count = |s: Severity| {
        let name = s.to_string();
        diagnostics
            .iter()
            .filter(|d| d["severity"].as_str() == Some(&name))
            .count()
    };
    let mut doc = Map::new();
    doc.insert("version".into(), json!(SCHEMA_VERSION));
    doc.insert("command".into(), json!(command));
    doc.insert("success".into(), json!(success));
    doc.insert(
        "summary".into(),
        json!({
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "infos": count(Severity::Info),
        }),
    );
    doc.insert("diagnostics".into(), Value::Array(diagnostics));
    doc
}

/// One diagnostic: where (`file`, `line`, `column`, `end`, from its primary label; all
/// null when it has none), what (`code`, `severity`, `message`), every label with its
/// own location and byte span, `help` and `notes`.
pub fn diagnostic(d: &Diagnostic, sources: &SourceMap) -> Value {
    let at = main_label(d).and_then(|l| locate(l.span, sources));
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let mut label = position(locate(l.span, sources));
            label.insert(
                "span".into(),
                json!({ "start": l.span.start, "end": l.span.end }),
            );
            label.insert("message".into(), json!(cap(&l.message)));
            label.insert("primary".into(), json!(l.primary));
            Value::Object(label)
        })
        .collect();
    let mut out = position(at);
    out.insert("code".into(), json!(d.code.name()));
    out.insert("severity".into(), json!(d.severity.to_string()));
    out.insert("message".into(), json!(cap(&d.message)));
    out.insert("labels".into(), Value::Array(labels));
    out.insert("help".into(), json!(d.help.as_deref().map(cap)));
    let notes: Vec<_> = d.notes.iter().map(|n| cap(n)).collect();
    out.insert("notes".into(), json!(notes));
    Value::Object(out)
}

fn position(at: Option<Location>) -> Map<String, Value> {
    let mut map = Map::new();
    match at {
        Some(at) => {
            map.insert("file".into(), json!(at.file));
            map.insert("line".into(), json!(at.line));
            map.insert("column".into(), json!(at.column));
            map.insert(
                "end".into(),
                json!({ "line": at.end_line, "column": at.end_column }),
            );
        }
        None => {
            for key in ["file", "line", "column", "end"] {
                map.insert(key.into(), Value::Null);
            }
        }
    }
    map
}

/// The document as pretty JSON, with every character that could act on a terminal
/// written as a `\u` escape: JSON itself escapes only C0 controls, and a report is
/// often printed to a terminal or a CI log as it is. The value read back is unchanged.
pub fn to_string(value: &Value) -> String {
    let mut bytes = Vec::new();
    let mut serializer = Serializer::with_formatter(&mut bytes, SafeFormatter::default());
    // Writing a `Value` to memory cannot fail: its keys are strings and its numbers finite.
    let _ = serde::Serialize::serialize(value, &mut serializer);
    String::from_utf8(bytes).unwrap_or_default()
}

/// serde_json's pretty formatter, escaping what [`is_unsafe`] names and JSON does not.
#[derive(Default)]
struct SafeFormatter {
    pretty: PrettyFormatter<'static>,
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..i])?;
            // Every unsafe character is in the Basic Multilingual Plane: one `\uXXXX`.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;
    use crate::diagnostic::Span;

    #[test]
    fn a_diagnostic_has_its_location_labels_and_help() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", "x = 1\nquery `sum(x`\n");
        let d = Diagnostic::error(Code::PromqlSyntax, "unclosed")
            .with_secondary(Span::new(file, 0, 1), "see")
            .with_primary(Span::new(file, 16, 17), "opened here")
            .with_help("add a `)`");
        let v = diagnostic(&d, &sources);
        assert_eq!(v["file"], "a.dac");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(2), Some(11))
        );
        assert_eq!(v["end"], json!({ "line": 2, "column": 12 }));
        assert_eq!(v["labels"][0]["primary"], false);
        assert_eq!(v["labels"][1]["span"], json!({ "start": 16, "end": 17 }));
        assert_eq!(v["help"], "add a `)`");
        let bare = diagnostic(&Diagnostic::error(Code::Write, "no place"), &sources);
        assert_eq!(bare["file"], Value::Null);
        assert_eq!(bare["end"], Value::Null);
    }

    #[test]
    fn terminal_controls_are_escaped_and_read_back_unchanged() {
        let nasty = "a\u{1b}[2J\u{0}\u{9b}\u{202e}\u{2066}\u{7f}\u{2028}é";
        let mut map = Map::new();
        map.insert("message".into(), json!(nasty));
        map.insert(nasty.into(), json!(1));
        let text = to_string(&Value::Object(map));
        for c in text.chars() {
            assert!(!is_unsafe(c) || c == '\n', "{c:?} in {text}");
        }
        assert!(
            text.contains(r"\u001b[2J\u0000\u009b\u202e\u2066\u007f\u2028é"),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back["message"], nasty);
        assert_eq!(back[nasty], 1);
    }

    #[test]
    fn the_summary_counts_the_diagnostics_listed() {
        let sources = SourceMap::new();
        let ds = [
            Diagnostic::error(Code::Syntax, "x"),
            Diagnostic::warning(Code::NoQuery, "y"),
            Diagnostic::warning(Code::IntervalAuto, "z"),
        ];
        let values = ds.iter().map(|d| diagnostic(d, &sources)).collect();
        let doc = document("build", false, values);
        assert_eq!(
            doc["summary"],
            json!({ "errors": 1, "warnings": 2, "infos": 0 })
        );
        assert_eq!(doc["version"], SCHEMA_VERSION);
        assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(3));
    }
}
