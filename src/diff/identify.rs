//! Which documents a file holds, read without parsing its contents: for a file that is
//! the same on both sides, a report needs only their identities, and parsing the
//! ConfigMaps of a large project (YAML, each a dashboard's JSON in a block scalar) was
//! most of the time `dac diff` took.
//!
//! The identities come from [`Document::of`] applied to a skeleton of the document that
//! holds only what it reads (`kind`, `metadata.name` and `.namespace`, `uid`, `title`,
//! whether `panels`, `groups` or `tests` is there), so they cannot disagree with a full
//! read. JSON is skimmed by serde, which checks the whole text; YAML by its top-level
//! lines, which is sound for the block style dac writes (a top-level key starts a line
//! at column 0, its mapping's keys are indented by two spaces, anything deeper is
//! skipped). Anything else (a flow collection, a quoted key, an anchor, a line that is
//! not a `key:` at column 0) gives `None`: the caller reads the file in full.
//!
//! It does not check that the text is valid: it is only asked about a file whose text
//! dac has just emitted (the same text on the side compiled from the sources), which
//! reads.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Map, Value};

use super::document::{Document, Identity};

/// The identities of the documents of `text` in order, as [`Document::read`] would
/// give them; `None` when the file is not in a shape this reads (then read it in full).
pub fn identities(path: &str, text: &str) -> Option<Vec<Identity>> {
    let skeletons = if path.ends_with(".json") {
        vec![json_skeleton(text)?]
    } else if path.ends_with(".yml") || path.ends_with(".yaml") {
        yaml_skeletons(text)?
    } else {
        return Some(Vec::new());
    };
    Some(
        skeletons
            .into_iter()
            .map(|body| Document::of(path.to_string(), body).identity())
            .collect(),
    )
}

/// The top-level fields [`Document::of`] reads; the rest of the text is skipped. A
/// field that is there is kept whatever its value (`null` too, as `Value::get` sees it).
#[derive(Deserialize)]
struct JsonTop {
    #[serde(default, deserialize_with = "there")]
    kind: Option<Value>,
    #[serde(default, deserialize_with = "there")]
    metadata: Option<Value>,
    #[serde(default, deserialize_with = "there")]
    uid: Option<Value>,
    #[serde(default, deserialize_with = "there")]
    title: Option<Value>,
    #[serde(default, deserialize_with = "skipped")]
    panels: Option<Value>,
    #[serde(default, deserialize_with = "skipped")]
    groups: Option<Value>,
    #[serde(default, deserialize_with = "skipped")]
    tests: Option<Value>,
}

fn there<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A field whose presence alone counts: read past, not built.
fn skipped<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    IgnoredAny::deserialize(d).map(|_| Some(Value::Null))
}

fn json_skeleton(text: &str) -> Option<Value> {
    let top: JsonTop = serde_json::from_str(text).ok()?;
    let fields = [
        ("kind", top.kind),
        ("metadata", top.metadata),
        ("uid", top.uid),
        ("title", top.title),
        ("panels", top.panels),
        ("groups", top.groups),
        ("tests", top.tests),
    ];
    let map = fields
        .into_iter()
        .filter_map(|(key, value)| Some((key.to_string(), value?)))
        .collect();
    Some(Value::Object(map))
}

/// One skeleton per YAML document that is not empty.
fn yaml_skeletons(text: &str) -> Option<Vec<Value>> {
    let mut docs = Vec::new();
    let mut doc: Option<Map<String, Value>> = None;
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .peekable();
    while let Some(line) = lines.next() {
        if line.starts_with(' ') {
            // Deeper than the top: read only under `metadata`. A document that starts
            // indented is a shape this does not read.
            if doc.is_none() && !blank(line) {
                return None;
            }
            continue;
        }
        if line == "---" {
            docs.extend(doc.take().map(Value::Object));
            continue;
        }
        if blank(line) {
            continue;
        }
        let (key, rest) = top_key(line)?;
        let map = doc.get_or_insert_with(Map::new);
        if map.contains_key(key) {
            return None;
        }
        let value = match key {
            "kind" | "uid" | "title" => scalar(rest, lines.clone(), 0)?,
            "metadata" if rest.is_empty() => metadata(&mut lines)?,
            "metadata" => return None,
            "panels" | "groups" | "tests" => Value::Null,
            _ => continue,
        };
        map.insert(key.to_string(), value);
    }
    docs.extend(doc.map(Value::Object));
    Some(docs)
}

/// The `name` and `namespace` of the block mapping under `metadata:`, whose keys are
/// indented by two spaces (any other indentation is a shape this does not read).
fn metadata<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str> + Clone>,
) -> Option<Value> {
    let mut meta = Map::new();
    let mut keys = false;
    while let Some(line) = lines.next_if(|l| blank(l) || l.starts_with(' ')) {
        if blank(line) {
            continue;
        }
        match line.len() - line.trim_start_matches(' ').len() {
            2 => keys = true,
            // Deeper: the value of the key above.
            deeper if deeper > 2 && keys => continue,
            _ => return None,
        }
        let (key, rest) = top_key(&line[2..])?;
        if key == "name" || key == "namespace" {
            let value = scalar(rest, lines.clone(), 2)?;
            if meta.insert(key.to_string(), value).is_some() {
                return None;
            }
        }
    }
    Some(Value::Object(meta))
}

/// Empty, spaces, or a comment.
fn blank(line: &str) -> bool {
    let text = line.trim_start_matches(' ');
    text.is_empty() || text.starts_with('#')
}

/// `key: rest` or `key:` of a block mapping, where the key is a plain word; `None` for
/// any other line (a sequence item, a quoted or complex key, a document marker).
fn top_key(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let plain = key.bytes().enumerate().all(|(i, b)| {
        b.is_ascii_alphabetic()
            || b == b'_'
            || (i > 0 && (b.is_ascii_digit() || b == b'.' || b == b'-'))
    });
    if key.is_empty() || !plain {
        return None;
    }
    match rest.strip_prefix(' ') {
        Some(value) => Some((key, value.trim_end())),
        None if rest.is_empty() => Some((key, "")),
        None => None,
    }
}

/// A scalar written on the line of its key (indented `indent`), read as YAML reads it;
/// `None` when it may go on past that line (the next line with any text, `after` it, is
/// deeper: a plain scalar folds it in, over empty lines too) or is not a string, number
/// or boolean.
fn scalar<'a>(
    text: &str,
    mut after: impl Iterator<Item = &'a str>,
    indent: usize,
) -> Option<Value> {
    let next = after.find(|l| !l.trim_start_matches(' ').is_empty());
    let deeper = next
        .is_some_and(|l| l.len() > indent && l.as_bytes()[..=indent].iter().all(|&b| b == b' '));
    if deeper || text.is_empty() || text.starts_with(['[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    match yaml_serde::from_str::<Value>(text).ok()? {
        v @ (Value::String(_) | Value::Number(_) | Value::Bool(_)) => Some(v),
        _ => None,
    }
}

#[cfg(test)]
#[path = "identify_tests.rs"]
mod tests;
