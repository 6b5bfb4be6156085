//! ## What it does
//! Flags a recording rule whose name does not follow Prometheus' naming convention
//! `level:metric:operations`: three parts, none empty, separated by `:`.
//!
//! ## Why is this bad?
//! The convention says, in the name, what a recorded series is: the labels it keeps
//! (`level`), the metric it comes from, and what was done to it (`operations`).
//! `job:http_requests:rate5m` cannot be mistaken for a raw counter; `http_requests_rate`
//! can, and a name without colons may clash with a metric an exporter exposes.
//!
//! ## Example
//! ```text
//! record "http_requests_rate5m" = `sum by (job) (rate(http_requests_total[5m]))`
//! ```
//!
//! ## Use instead
//! ```text
//! record "job:http_requests:rate5m" = `sum by (job) (rate(http_requests_total[5m]))`
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for record in input.records() {
        let parts: Vec<&str> = record.record.split(':').collect();
        let why = match parts.len() {
            1 => "it has no `:`",
            2 => "it has two parts, not three",
            3 if parts.iter().any(|p| p.is_empty()) => "one of its parts is empty",
            3 => continue,
            _ => "it has more than three parts",
        };
        out.push(
            Finding::new(
                record.record_span,
                format!(
                    "recording rule `{}` does not follow `level:metric:operations`: {why}",
                    record.record
                ),
                "not `level:metric:operations`",
            )
            .with_help(
                "name it after the labels it keeps, the metric and the operations, such \
                 as `job:http_requests:rate5m`",
            ),
        );
    }
}
