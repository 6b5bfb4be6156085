//! ## What it does
//! Flags a panel that shows numbers (`timeseries`, `stat`, `gauge`, `bargauge`) and has
//! a query but no `unit`, unless its value mappings give the text it shows (an up/down
//! stat) or an override sets a unit for its series. Tables are left out: their columns
//! mix labels and values, and get units per column through overrides.
//!
//! ## Why is this bad?
//! Without a unit Grafana prints a bare number: `0.25` could be seconds, a ratio or a
//! rate, and `1500000` is not read as 1.5 MB. Axis labels, tooltips and thresholds all
//! inherit the unit, so one line of configuration makes the whole panel readable.
//!
//! ## Example
//! ```text
//! timeseries "Latency" {
//!   query `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))`
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! timeseries "Latency" {
//!   query `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))`
//!   unit = "s"
//! }
//! ```
//! Write `unit = "short"` for plain counts and `unit = "none"` for a number that has
//! none.

use crate::lint::context::{LintInput, panels};
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::model::{OverrideProperty, Panel, PanelKind};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for panel in input.project.dashboards.iter().flat_map(panels) {
        // Value mappings give the text shown (`Up`/`Down`): no number to read a unit on.
        let numbers = shows_numbers(panel.kind) && panel.mappings.is_empty();
        if !numbers || panel.targets.is_empty() || has_unit(panel) {
            continue;
        }
        out.push(
            Finding::new(
                panel.title_span,
                format!("panel `{}` shows numbers without a unit", panel.title),
                "no `unit`",
            )
            .with_help(
                "add `unit = \"...\"`: `s` for seconds, `bytes`, `percentunit` for a 0-1 \
                 ratio, `reqps` for a request rate, `short` for a plain count",
            ),
        );
    }
}

fn shows_numbers(kind: PanelKind) -> bool {
    matches!(
        kind,
        PanelKind::Timeseries | PanelKind::Stat | PanelKind::Gauge | PanelKind::BarGauge
    )
}

fn has_unit(panel: &Panel) -> bool {
    panel.display.unit.is_some()
        || panel.overrides.iter().any(|o| {
            o.properties
                .iter()
                .any(|p| matches!(p, OverrideProperty::Unit(_)))
        })
}
