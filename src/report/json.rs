//! Machine-readable diagnostics: one JSON object per diagnostic, with resolved positions.

use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// A diagnostic as JSON: code, severity, message, help, and each label with file, byte
/// range and 1-based line and column of both ends.
pub fn to_json(diagnostic: &Diagnostic, sources: &SourceMap) -> Value {
    let labels: Vec<Value> = diagnostic
        .labels
        .iter()
        .map(|l| {
            let file = sources.get(l.span.file);
            let (line, column) = file.map_or((0, 0), |f| f.line_col(l.span.start as usize));
            let (end_line, end_column) = file.map_or((0, 0), |f| f.line_col(l.span.end as usize));
            json!({
                "file": file.map(|f| f.name.as_str()),
                "start": l.span.start,
                "end": l.span.end,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "message": l.message,
                "primary": l.primary,
            })
        })
        .collect();
    json!({
        "code": diagnostic.code,
        "severity": diagnostic.severity.to_string(),
        "message": diagnostic.message,
        "labels": labels,
        "help": diagnostic.help,
        "notes": diagnostic.notes,
    })
}
