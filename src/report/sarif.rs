//! SARIF 2.1.0 (OASIS): one log for the whole run, as GitHub code scanning and other
//! SARIF viewers read it. Every command's diagnostics, a build's and a lint's alike,
//! go through [`Log`], so a finding looks the same whichever command found it.
//!
//! What the log holds:
//! - one run whose `tool.driver` is dac, with a `rules` entry for each code that a result
//!   uses (its summary, default level and `dac explain` text);
//! - one result per diagnostic: `ruleId` (the code's name), `level`, the message with its
//!   notes and help, the primary label as `locations`, the other labels as
//!   `relatedLocations`, and a `partialFingerprints` entry that survives moved lines;
//! - the run's exit code, and notifications: what is no finding in a file (a stale
//!   output file), and diagnostics of no file of the repository (no sources found, an
//!   expression given on the command line). Code scanning rejects a whole upload if a
//!   result has no location or no `uri` ("locationFromSarifResult: expected at least
//!   one location"), so those are not results.
//!
//! No absolute path of the machine goes in (`originalUriBaseIds` is left out): paths are
//! relative to `%SRCROOT%`, the directory dac ran in, which the uploader resolves (the
//! checkout, for GitHub). So the same sources give the same bytes anywhere.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::escape::cap;
use super::location::{Location, locate, main_label};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::SourceMap;

/// The schema a log names in `$schema`: the OASIS standard's, errata 01.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base every relative `uri` is relative to: where dac ran.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of dac's fingerprint in `partialFingerprints`; the `/v1` changes if its
/// recipe ever does, so that old and new fingerprints are never compared.
const FINGERPRINT: &str = "dacFindingHash/v1";

/// A SARIF log being filled as a command reports its diagnostics.
#[derive(Debug, Default)]
pub struct Log {
    /// Each result with its code: the code, not its name, finds the `ruleIndex`, since
    /// a lint rule may share its name with a code (`promql/regex`).
    results: Vec<(Code, Value)>,
    /// Diagnostics of no file in the repository, as notifications.
    notifications: Vec<Value>,
    codes: BTreeSet<Code>,
    /// How many results so far had each fingerprint's inputs: the count tells apart two
    /// equal findings in one file.
    seen: BTreeMap<String, usize>,
}

impl Log {
    pub fn new() -> Log {
        Log::default()
    }

    /// Adds one result per diagnostic, in the order given (report order).
    pub fn extend(&mut self, diagnostics: &[Diagnostic], sources: &SourceMap) {
        for d in diagnostics {
            self.add(d, sources);
        }
    }

    pub fn add(&mut self, d: &Diagnostic, sources: &SourceMap) {
        self.codes.insert(d.code);
        let main = main_label(d);
        let at = main.and_then(|l| location(l, sources, None));
        let in_repository = at.as_ref().is_some_and(|at| {
            at["physicalLocation"]["artifactLocation"]
                .get("uri")
                .is_some()
        });
        if !in_repository {
            let mut note = json!({
                "associatedRule": { "id": d.code.name() },
                "level": level(d.severity),
                "message": { "text": message_text(d, main) },
            });
            if let Some(at) = at {
                note["locations"] = json!([at]);
            }
            self.notifications.push(note);
            return;
        }
        let mut result = Map::new();
        result.insert("ruleId".into(), json!(d.code.name()));
        result.insert("level".into(), json!(level(d.severity)));
        result.insert("message".into(), json!({ "text": message_text(d, main) }));
        result.insert("locations".into(), json!([at]));
        let related: Vec<Value> = d
            .labels
            .iter()
            .filter(|l| Some(*l) != main)
            .filter_map(|l| location(l, sources, Some(&l.message)))
            .enumerate()
            .map(|(id, mut at)| {
                at["id"] = json!(id);
                at
            })
            .collect();
        if !related.is_empty() {
            result.insert("relatedLocations".into(), Value::Array(related));
        }
        let file = main
            .and_then(|l| sources.get(l.span.file))
            .map_or("", |f| f.name.as_str());
        let key = format!("{}\0{}\0{}", d.code.name(), file, d.message);
        let nth = self.seen.entry(key.clone()).or_default();
        *nth += 1;
        result.insert(
            "partialFingerprints".into(),
            json!({ FINGERPRINT: format!("{:016x}:{nth}", fnv1a(key.as_bytes())) }),
        );
        self.results.push((d.code, Value::Object(result)));
    }

    /// The finished log: rules for the codes used, `ruleIndex` into them, and the
    /// invocation (`exit_code`, and `notifications` that are no finding, each with its
    /// level).
    pub fn finish(mut self, exit_code: u8, notifications: &[(Severity, String)]) -> Value {
        let codes: Vec<Code> = self.codes.iter().copied().collect();
        for (code, result) in &mut self.results {
            if let Some(index) = codes.iter().position(|k| k == code) {
                result["ruleIndex"] = json!(index);
            }
        }
        let mut all = std::mem::take(&mut self.notifications);
        all.extend(notifications.iter().map(|(severity, text)| {
            json!({ "level": level(*severity), "message": { "text": cap(text) } })
        }));
        let notifications = all;
        let mut invocation = json!({ "executionSuccessful": true, "exitCode": exit_code });
        if !notifications.is_empty() {
            invocation["toolExecutionNotifications"] = Value::Array(notifications);
        }
        json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver(&codes) },
                // Columns count UTF-16 code units, SARIF's default, said outright: it is
                // what GitHub and the editors' SARIF viewers count in.
                "columnKind": "utf16CodeUnits",
                "invocations": [invocation],
                "results": self.results.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            }],
        })
    }
}

/// The tool: dac, its version, and one rule per code used, in the registry's order.
fn driver(codes: &[Code]) -> Value {
    let rules: Vec<Value> = codes.iter().map(|&c| rule(c)).collect();
    let mut driver = json!({
        "name": "dac",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(home) = home() {
        driver["informationUri"] = json!(home);
    }
    driver
}

/// A code as a SARIF rule. Its explanation (what `dac explain` prints, Markdown) is the
/// rule's `help`, which code scanning shows beside each alert.
fn rule(code: Code) -> Value {
    let info = code.info();
    let mut rule = json!({
        "id": info.name,
        "shortDescription": { "text": info.summary },
        "help": { "text": info.explanation, "markdown": info.explanation },
        "defaultConfiguration": { "level": level(info.severity) },
    });
    if let Some(home) = home() {
        rule["helpUri"] = json!(help_uri(home, info.name));
    }
    rule
}

/// The project's public home, from `repository` in Cargo.toml. Until it is set, the log
/// names no web page rather than an invented one (both fields are optional in SARIF).
fn home() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY")).filter(|r| !r.is_empty())
}

/// The page of a code's explanation in the repository (`src/codes/<name>.md`).
pub fn help_uri(repository: &str, code: &str) -> String {
    format!(
        "{}/blob/main/src/codes/{code}.md",
        repository.trim_end_matches('/')
    )
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The message, then the primary label, notes and help: a SARIF viewer shows only the
/// result's message, so it must say what to do too.
fn message_text(d: &Diagnostic, main: Option<&Label>) -> String {
    let mut text = cap(&d.message).into_owned();
    if let Some(label) = main.filter(|l| !l.message.is_empty()) {
        text.push_str(&format!(": {}", cap(&label.message)));
    }
    for note in &d.notes {
        text.push_str(&format!("\nnote: {}", cap(note)));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {}", cap(help)));
    }
    text
}

/// A label as a SARIF location, or `None` for a span of no file. `message` is the
/// label's, for a related location.
fn location(label: &Label, sources: &SourceMap, message: Option<&str>) -> Option<Value> {
    let at = locate(label.span, sources)?;
    let file = sources.get(label.span.file)?;
    let start_column = utf16_column(file.line_text(at.line), at.column);
    let end_column = utf16_column(file.line_text(at.end_line), at.end_column);
    let region = json!({
        "startLine": at.line,
        "startColumn": start_column,
        "endLine": at.end_line,
        "endColumn": end_column,
    });
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": artifact(&at),
            "region": region,
        }
    });
    if let Some(text) = message.filter(|m| !m.is_empty()) {
        location["message"] = json!({ "text": cap(text) });
    }
    Some(location)
}

/// Where a file is: a `uri` relative to [`SRCROOT`], an absolute `file:` URI for an
/// absolute path, or for an expression given on the command line (`<arg 1>`, `<stdin>`),
/// which is no file, only its name as a description.
fn artifact(at: &Location<'_>) -> Value {
    let name = at.file;
    if name.starts_with('<') && name.ends_with('>') {
        return json!({ "description": { "text": name } });
    }
    let path = name.replace('\\', "/");
    match path.strip_prefix('/') {
        Some(absolute) => json!({ "uri": format!("file:///{}", encode(absolute)) }),
        None => {
            let relative = path.trim_start_matches("./");
            json!({ "uri": encode(relative), "uriBaseId": SRCROOT })
        }
    }
}

/// A path as the path of a URI reference: `/` and RFC 3986's unreserved characters as
/// they are, every other byte percent-encoded (a `:` too, which in a first segment
/// would read as a scheme).
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A 1-based column counted in characters, as [`locate`] gives it, counted in UTF-16
/// code units instead. `line` is the line's text without its break; a column past it
/// (the line break itself) counts one unit per character.
pub fn utf16_column(line: &str, column: usize) -> usize {
    let before = column.saturating_sub(1);
    let in_line: usize = line.chars().take(before).map(char::len_utf16).sum();
    let past = before.saturating_sub(line.chars().count());
    in_line + past + 1
}

/// FNV-1a, 64 bits: a fingerprint must be the same on every machine and in every
/// version of Rust, which std's hasher does not promise.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
#[path = "sarif_tests.rs"]
mod tests;
