//! A small, deterministic YAML writer for the manifests and rule files dac emits.
//!
//! Why not `yaml_serde::to_string`: it leaves `yes`, `on`, `1_000`, `2026-11-24`,
//! `12:30:00` and `-.nan` unquoted, which a YAML 1.1 reader (Kubernetes, many
//! Prometheus tools) turns into booleans, numbers or dates. Here a string is written
//! plain only when it cannot be anything but a string; otherwise it is quoted.
//! `yaml_serde` is still used to parse our output back in tests.

use std::fmt::Write as _;

/// A YAML value with maps in insertion order.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// A map from pairs, keeping their order.
    pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Node)>) -> Node {
        Node::Map(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// A map of strings to strings, keeping their order.
    pub fn string_map<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Node {
        Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), Node::str(v)))
                .collect(),
        )
    }
}

impl From<&serde_json::Value> for Node {
    /// JSON as YAML; object keys in the map's own (sorted) order.
    fn from(v: &serde_json::Value) -> Node {
        use serde_json::Value;
        match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Node::Int(i),
                None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Node::Str(s.clone()),
            Value::Array(a) => Node::Seq(a.iter().map(Node::from).collect()),
            Value::Object(m) => {
                Node::Map(m.iter().map(|(k, v)| (k.clone(), Node::from(v))).collect())
            }
        }
    }
}

/// Renders one YAML document (no `---`), ending with a newline.
pub fn to_string(node: &Node) -> String {
    let mut out = String::new();
    write_document(&mut out, node);
    out
}

/// Appends one YAML document (no `---`), ending with a newline, to `out`.
pub fn write_document(out: &mut String, node: &Node) {
    match node {
        Node::Map(entries) if !entries.is_empty() => write_map(out, entries, 0),
        Node::Seq(items) if !items.is_empty() => write_seq(out, items, 0),
        // A block scalar's indentation is relative to its parent; a document of one
        // string has none, so multi-line text is quoted there.
        Node::Str(s) if s.contains('\n') => {
            write_double_quoted(out, s);
            out.push('\n');
        }
        scalar => {
            write_inline(out, scalar, 0);
            out.push('\n');
        }
    }
}

fn write_map(out: &mut String, entries: &[(String, Node)], indent: usize) {
    for (key, value) in entries {
        pad(out, indent);
        write_scalar_str(out, key, indent, true);
        out.push(':');
        write_value_after_key(out, value, indent);
    }
}

fn write_seq(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Node::Map(entries) if !entries.is_empty() => {
                // The first entry shares the dash's line; the rest align with it.
                out.push(' ');
                let (first_key, first_value) = &entries[0];
                write_scalar_str(out, first_key, indent + 2, true);
                out.push(':');
                write_value_after_key(out, first_value, indent + 2);
                write_map(out, &entries[1..], indent + 2);
            }
            Node::Seq(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(out, inner, indent + 2);
            }
            scalar => {
                out.push(' ');
                write_inline(out, scalar, indent + 2);
                out.push('\n');
            }
        }
    }
}

/// Writes what follows `key:`; sequences are indented under their key.
fn write_value_after_key(out: &mut String, value: &Node, indent: usize) {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_map(out, entries, indent + 2);
        }
        Node::Seq(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, indent + 2);
        }
        scalar => {
            out.push(' ');
            write_inline(out, scalar, indent + 2);
            out.push('\n');
        }
    }
}

/// A scalar or an empty collection; `indent` is where a block scalar's lines go.
fn write_inline(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Node::Float(f) => out.push_str(&float(*f)),
        Node::Str(s) => write_scalar_str(out, s, indent, false),
        Node::Seq(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
    }
}

/// A float as YAML 1.1 and 1.2 both read it back: always with a dot (Rust's `Display`
/// never uses an exponent), so it stays a float.
fn float(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_string()
    } else {
        let mut s = format!("{f}");
        if !s.contains('.') {
            s.push_str(".0");
        }
        s
    }
}

fn write_scalar_str(out: &mut String, s: &str, indent: usize, is_key: bool) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else if !is_key
        && s.contains('\n')
        && !s.trim_end_matches('\n').is_empty()
        && is_block_safe(s)
    {
        write_literal_block(out, s, indent);
    } else if s.chars().all(is_printable_single_line) {
        out.push('\'');
        out.push_str(&s.replace('\'', "''"));
        out.push('\'');
    } else {
        write_double_quoted(out, s);
    }
}

/// Whether `s` can be written without quotes and still be read as this exact string by
/// both YAML 1.1 and 1.2 readers. Deliberately narrow: anything doubtful gets quoted.
pub fn is_plain_safe(s: &str) -> bool {
    if is_duration(s) {
        return true;
    }
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    // A letter, `_` or `/` first rules out numbers, dates, `.inf`, `-`, `~`, `<<`, `=`,
    // and every indicator character.
    if !(first.is_ascii_alphabetic() || first == b'_' || first == b'/') {
        return false;
    }
    if bytes.last() == Some(&b' ') {
        return false;
    }
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let ok = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'.' | b'/' | b'-' => true,
            // `a: b` is a map and `a  b` would not survive folding rules of some readers.
            b' ' => next.is_some_and(|n| n != b' '),
            b':' => next.is_some_and(|n| n != b' '),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    // YAML 1.1 booleans and null, in any case.
    const WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    !WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// `1m`, `1h30m`, `500ms`: digits always followed by a unit letter that no YAML 1.1
/// number or date notation uses, so they stay strings.
fn is_duration(s: &str) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = if rest.starts_with("ms") {
            2
        } else if rest.starts_with(['s', 'm', 'h', 'd', 'w', 'y']) {
            1
        } else {
            return false;
        };
        rest = &rest[unit..];
    }
    !s.is_empty()
}

fn is_printable_single_line(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A literal block keeps every character of `s` only if each line is printable text.
/// (A tab opening a line is refused too: libyaml takes it for indentation.)
fn is_block_safe(s: &str) -> bool {
    if s.is_ascii() {
        // The common case (dashboard JSON), byte by byte.
        let b = s.as_bytes();
        return b.iter().enumerate().all(|(i, &c)| match c {
            b'\n' => true,
            b'\t' => i > 0 && b[i - 1] != b'\n',
            c => c >= 0x20 && c != 0x7f,
        });
    }
    let mut line_start = true;
    for c in s.chars() {
        match c {
            '\n' => {
                line_start = true;
                continue;
            }
            '\t' if line_start => return false,
            '\t' => {}
            c if !is_printable_single_line(c) => return false,
            _ => {}
        }
        line_start = false;
    }
    true
}

/// `|` with the chomping indicator that gives back exactly the trailing newlines of `s`,
/// and an indentation indicator when the first line starts with a space or is empty.
fn write_literal_block(out: &mut String, s: &str, indent: usize) {
    out.push('|');
    if s.starts_with(' ') || s.starts_with('\n') {
        out.push('2');
    }
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    let extra_empty_lines = std::iter::repeat_n("", trailing.saturating_sub(1));
    out.reserve(s.len() + s.len() / 8);
    for line in body.split('\n').chain(extra_empty_lines) {
        out.push('\n');
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
    }
    // The caller ends the line; `|+` content must end exactly at the last kept newline.
}

fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !is_printable_single_line(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn pad(out: &mut String, indent: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        left -= n;
    }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
