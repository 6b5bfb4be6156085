//! What each rule of the registry runs. A match, not a column of the registry's table:
//! the diagnostic codes import the table, and the checks import the model, which
//! reports with those codes. The match is exhaustive, so a rule cannot lack a check.

use super::context::LintInput;
use super::finding::Finding;
use super::registry::RuleId;
use super::rules;
use super::settings::LintSettings;

/// A rule's check: reads the project, pushes what it finds.
pub type CheckFn = fn(&LintInput, &LintSettings, &mut Vec<Finding>);

/// Where a rule's findings come from.
#[derive(Clone, Copy)]
pub enum Check {
    /// Its own check over the model.
    Model(CheckFn),
    /// Its own check over the emitted files (`LintInput::outputs`): run only where they
    /// exist, and by the build after emitting.
    Outputs(CheckFn),
    /// The engine itself (the rules about suppressions).
    Engine,
}

pub fn check(rule: RuleId) -> Check {
    match rule {
        RuleId::AlertFor => Check::Model(rules::alert_without_for::check),
        RuleId::AlertNoCondition => Check::Model(rules::alert_without_condition::check),
        RuleId::AlertRequired => Check::Model(rules::alert_missing_required::check),
        RuleId::AlertRunbook => Check::Model(rules::alert_without_runbook::check),
        RuleId::AlertSeverity => Check::Model(rules::alert_severity::check),
        RuleId::AlertSummary => Check::Model(rules::alert_without_summary::check),
        RuleId::AlertTemplateLabel => Check::Model(rules::template_label_dropped::check),
        RuleId::SuppressionReason | RuleId::UnusedSuppression => Check::Engine,
        RuleId::CounterRate => Check::Model(rules::counter_misread::check),
        RuleId::HistogramQuantileLe => Check::Model(rules::histogram_quantile_without_le::check),
        RuleId::RecordName => Check::Model(rules::record_name_format::check),
        RuleId::GoldenSignals => Check::Model(rules::service_without_golden_signals::check),
        RuleId::ConfigMapSize => Check::Outputs(rules::config_map_too_large::check),
        RuleId::DashboardDatasource => Check::Model(rules::datasource_variable_bypassed::check),
        RuleId::PanelTitle => Check::Model(rules::panel_title_unclear::check),
        RuleId::PanelUnit => Check::Model(rules::panel_without_unit::check),
        RuleId::VariableUndefined => Check::Model(rules::variable_undefined::check),
        RuleId::VariableUnused => Check::Model(rules::variable_unused::check),
        RuleId::LegendLabel => Check::Model(rules::legend_label_dropped::check),
    }
}
