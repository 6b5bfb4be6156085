//! One rule per file, named after what it flags. Each file's `//!` comment is the rule's
//! documentation (What it does / Why is this bad? / Example / Use instead), and its
//! `check` is what `super::checks` runs.

pub mod alert_missing_required;
pub mod alert_severity;
pub mod alert_without_condition;
pub mod alert_without_for;
pub mod alert_without_runbook;
pub mod alert_without_summary;
pub mod cardinality_over_budget;
pub mod catalog_drift;
pub mod config_map_too_large;
pub mod counter_misread;
pub mod datasource_variable_bypassed;
pub mod high_cardinality_label;
pub mod histogram_quantile_without_le;
pub mod impossible_matcher;
pub mod inhibit_equal_missing;
pub mod legend_label_dropped;
pub mod live_series_over_budget;
pub mod panel_title_unclear;
pub mod panel_without_unit;
pub mod rate_interval;
pub mod rate_of_aggregation;
pub mod rate_range_under_scrapes;
pub mod record_name_format;
pub mod regex_matcher;
pub mod selector_without_series;
pub mod service_without_golden_signals;
pub mod severity_without_route;
pub mod suppression_without_reason;
pub mod template_label_dropped;
pub mod undefined_recording_rule;
pub mod unknown_label;
pub mod unknown_matcher_label;
pub mod unknown_metric;
pub mod unrouted_alert;
pub mod unused_suppression;
pub mod variable_undefined;
pub mod variable_unused;

use crate::model::{AlertRule, Pair};

/// The value of an alert's annotation.
fn annotation<'a>(alert: &'a AlertRule, key: &str) -> Option<&'a str> {
    alert
        .annotations
        .iter()
        .find(|p| p.key == key)
        .map(|p| p.value.as_str())
}

/// An alert's label.
fn label<'a>(alert: &'a AlertRule, key: &str) -> Option<&'a Pair> {
    alert.labels.iter().find(|p| p.key == key)
}
