//! ## What it does
//! Flags a panel whose title is empty, and a panel whose title another panel of the
//! same row already has (top-level panels count as one row). Titles in different rows
//! may repeat: the row's title tells them apart (one row per service, each with its
//! "Traffic" panel).
//!
//! ## Why is this bad?
//! The title is how a reader finds a panel, how a link or an alert refers to it, and
//! what a screenshot in an incident channel shows. An empty title leaves a graph with
//! no name; two panels of one title side by side leave the reader guessing which is
//! which.
//!
//! ## Example
//! ```text
//! row "HTTP" {
//!   timeseries "Requests" { query `sum(rate(http_requests_total[$__rate_interval]))` unit = "reqps" }
//!   timeseries "Requests" { query `sum(rate(http_requests_total{status=~"5.."}[$__rate_interval]))` unit = "reqps" }
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! row "HTTP" {
//!   timeseries "Requests" { query `sum(rate(http_requests_total[$__rate_interval]))` unit = "reqps" }
//!   timeseries "5xx responses" { query `sum(rate(http_requests_total{status=~"5.."}[$__rate_interval]))` unit = "reqps" }
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::model::{Item, Panel};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for dashboard in &input.project.dashboards {
        let top: Vec<&Panel> = dashboard
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Panel(p) => Some(p),
                Item::Row(_) => None,
            })
            .collect();
        check_group(&top, &dashboard.title, out);
        for item in &dashboard.items {
            if let Item::Row(row) = item {
                let panels: Vec<&Panel> = row.panels.iter().collect();
                check_group(
                    &panels,
                    &format!("{}` row `{}", dashboard.title, row.title),
                    out,
                );
            }
        }
    }
}

/// The panels of one row; `place` names it in the messages.
fn check_group(panels: &[&Panel], place: &str, out: &mut Vec<Finding>) {
    for (i, panel) in panels.iter().enumerate() {
        let title = panel.title.trim();
        if title.is_empty() {
            out.push(
                Finding::new(
                    panel.title_span,
                    format!("a panel of `{place}` has no title"),
                    "empty title",
                )
                .with_help("name what the panel shows, e.g. \"Request rate\" or \"p99 latency\""),
            );
            continue;
        }
        let Some(first) = panels[..i].iter().find(|p| p.title.trim() == title) else {
            continue;
        };
        out.push(
            Finding::new(
                panel.title_span,
                format!("two panels of `{place}` are titled `{title}`"),
                "same title as another panel",
            )
            .with_secondary(first.title_span, "first titled here")
            .with_help("give each panel a title that says what sets it apart"),
        );
    }
}
