//! One rule per file, named after what it flags. Each file's `//!` comment is the rule's
//! documentation (What it does / Why is this bad? / Example / Use instead), and its
//! `check` is what `super::checks` runs.

pub mod alert_missing_required;
pub mod alert_severity;
pub mod alert_without_condition;
pub mod alert_without_for;
pub mod alert_without_runbook;
pub mod alert_without_summary;
pub mod config_map_too_large;
pub mod counter_misread;
pub mod datasource_variable_bypassed;
pub mod histogram_quantile_without_le;
pub mod legend_label_dropped;
pub mod panel_title_unclear;
pub mod panel_without_unit;
pub mod record_name_format;
pub mod service_without_golden_signals;
pub mod suppression_without_reason;
pub mod template_label_dropped;
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
