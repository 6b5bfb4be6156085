//! ## What it does
//! Reads the files the build emits and flags a dashboard whose ConfigMap Kubernetes will
//! not take: over 1024 KiB of JSON, the most one object (and so one ConfigMap) can hold,
//! is an error; over 256 KiB once escaped into client-side `kubectl apply`'s
//! `last-applied-configuration` annotation is a warning (server-side apply still works).
//! A rule file over 1024 KiB is an error too: it cannot be packed into the rules
//! ConfigMap. `dac build` runs this rule after emitting, so it never writes a dashboard
//! Kubernetes rejects. It replaces the emitter's `emit/dashboard-too-large`,
//! `emit/dashboard-large` and `emit/config-map-too-large`.
//!
//! ## Why is this bad?
//! The API server rejects an object over its size limit: the dashboard never reaches
//! Grafana, and the deploy that carried it fails. Client-side apply stores the whole
//! object in an annotation limited to 256 KiB, so a dashboard between the two limits
//! deploys with `kubectl apply --server-side` only, and fails in every pipeline that
//! applies the usual way.
//!
//! ## Example
//! One dashboard of 400 panels, each with its own queries, overrides and mappings.
//!
//! ## Use instead
//! Split it into dashboards of one concern each, linked by a tag:
//! ```text
//! dashboard "Trade / Orders" {
//!   uid  = "trade-orders"
//!   tags = ["trade"]
//!   link "Trade dashboards" { tags = ["trade"], as_dropdown = true }
//! }
//! ```

use crate::emit::kubernetes::{APPLY_ANNOTATION_LIMIT, CONFIG_MAP_LIMIT};
use crate::emit::{Origin, OutputFile};
use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::severity::Severity;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for file in input.outputs.unwrap_or_default() {
        let origin = &file.origin;
        if is_dashboard_json(file) {
            out.extend(dashboard(file, origin));
        } else if file.path.starts_with("prometheus/")
            && file.path.ends_with(".rules.yml")
            && file.contents.len() > CONFIG_MAP_LIMIT
        {
            out.push(
                Finding::new(
                    origin.span,
                    format!(
                        "the rule file of {} is {} KiB, over the 1024 KiB a ConfigMap can hold",
                        origin.what,
                        file.contents.len() / 1024
                    ),
                    "this rule set",
                )
                .with_help(
                    "split the rule set into several, or deploy only the PrometheusRule \
                     manifests",
                ),
            );
        }
    }
}

fn is_dashboard_json(file: &OutputFile) -> bool {
    file.path.starts_with("grafana/") && file.path.ends_with(".json")
}

/// A dashboard's JSON is its ConfigMap's data, as is.
fn dashboard(file: &OutputFile, origin: &Origin) -> Option<Finding> {
    let json = &file.contents;
    if json.len() > CONFIG_MAP_LIMIT {
        return Some(
            Finding::new(
                origin.span,
                format!(
                    "{} is {} KiB of JSON, over the 1024 KiB a ConfigMap can hold",
                    origin.what,
                    json.len() / 1024
                ),
                "this dashboard",
            )
            .with_help("split it into several dashboards linked by tags"),
        );
    }
    // Client-side apply stores the object as JSON in an annotation: the dashboard JSON
    // escaped once more as a string, quotes and newlines included.
    let as_annotation = json_string_len(json);
    (as_annotation > APPLY_ANNOTATION_LIMIT).then(|| {
        Finding::new(
            origin.span,
            format!(
                "{} is {} KiB as an apply annotation: client-side `kubectl apply` fails \
                 above 256 KiB",
                origin.what,
                as_annotation / 1024
            ),
            "this dashboard",
        )
        .with_help("apply with `kubectl apply --server-side`, or split the dashboard")
        .at_most(Severity::Warning)
    })
}

/// The length of `text` as a JSON string literal, quotes included, escaped the way
/// serde_json escapes it: counted, not built, since it is only compared with a limit.
fn json_string_len(text: &[u8]) -> usize {
    let escapes: usize = text
        .iter()
        .map(|b| match b {
            b'"' | b'\\' | b'\x08' | b'\t' | b'\n' | b'\x0c' | b'\r' => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    text.len() + escapes + 2
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_string_len_is_the_length_serde_json_writes() {
        let mut every_byte: String = (0u8..0x80).map(char::from).collect();
        every_byte.push_str("é ✓ 😀 \u{2028} \u{7f}");
        for text in [
            "",
            "plain",
            "{\"a\": \"b\\\\c\"}\n\t\r",
            every_byte.as_str(),
        ] {
            let expected = serde_json::to_string(text).map(|s| s.len());
            assert_eq!(
                Ok(super::json_string_len(text.as_bytes())),
                expected.map_err(|e| e.to_string()),
                "{text:?}"
            );
        }
    }
}
