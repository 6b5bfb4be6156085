//! Values in words: short scalars shown as they are, anything longer named only.

use serde_json::Value;

/// A value short enough to quote in a line of the report, else `None`.
pub fn short(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_string(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::Array(a) if a.is_empty() => "[]".to_string(),
        Value::Object(o) if o.is_empty() => "{}".to_string(),
        _ => return None,
    };
    (text.chars().count() <= 40 && !text.contains('\n')).then_some(text)
}

/// `what a → b` when both are short, else `what changed`.
pub fn change(what: &str, old: Option<&Value>, new: Option<&Value>) -> String {
    match (old, new) {
        (None, Some(v)) => match short(v) {
            Some(v) => format!("{what} {v} added"),
            None => format!("{what} added"),
        },
        (Some(_), None) => format!("{what} removed"),
        (Some(a), Some(b)) => match (short(a), short(b)) {
            (Some(a), Some(b)) => format!("{what} {a} → {b}"),
            _ => format!("{what} changed"),
        },
        (None, None) => format!("{what} unchanged"),
    }
}

/// The string at `key`, or "".
pub fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}
