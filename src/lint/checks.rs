//! What each rule of the registry runs. A match, not a column of the registry's table:
//! the diagnostic codes import the table, and the checks import the model, which
//! reports with those codes. The match is exhaustive, so a rule cannot lack a check.

use super::context::LintInput;
use super::finding::Finding;
use super::online::{ApiError, PrometheusApi};
use super::registry::RuleId;
use super::rules;
use super::settings::LintSettings;

/// A rule's check: reads the project, pushes what it finds.
pub type CheckFn = fn(&LintInput, &LintSettings, &mut Vec<Finding>);

/// An online rule's check: asks the live Prometheus, pushes what it finds. A failed
/// request is the whole run's failure (exit 2), never a finding.
pub type OnlineCheckFn =
    fn(&LintInput, &LintSettings, &dyn PrometheusApi, &mut Vec<Finding>) -> Result<(), ApiError>;

/// Where a rule's findings come from.
#[derive(Clone, Copy)]
pub enum Check {
    /// Its own check over the model.
    Model(CheckFn),
    /// Its own check against a live Prometheus (`dac lint --prometheus URL`).
    /// Its own check over the emitted files (`LintInput::outputs`): run only where they
    /// exist, and by the build after emitting.
    Online(OnlineCheckFn),
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
        RuleId::CatalogDrift => Check::Online(rules::catalog_drift::check),
        RuleId::SuppressionReason | RuleId::UnusedSuppression => Check::Engine,
        RuleId::CounterRate => Check::Model(rules::counter_misread::check),
        RuleId::HistogramQuantileLe => Check::Model(rules::histogram_quantile_without_le::check),
        RuleId::Cardinality => Check::Model(rules::cardinality_over_budget::check),
        RuleId::HighCardinalityLabel => Check::Model(rules::high_cardinality_label::check),
        RuleId::Impossible => Check::Model(rules::impossible_matcher::check),
        RuleId::LiveCardinality => Check::Online(rules::live_series_over_budget::check),
        RuleId::RateInterval => Check::Model(rules::rate_interval::check),
        RuleId::RateOfAggregation => Check::Model(rules::rate_of_aggregation::check),
        RuleId::Regex => Check::Model(rules::regex_matcher::check),
        RuleId::ScrapeInterval => Check::Online(rules::rate_range_under_scrapes::check),
        RuleId::Series => Check::Online(rules::selector_without_series::check),
        RuleId::UnknownLabel => Check::Model(rules::unknown_label::check),
        RuleId::UnknownMetric => Check::Model(rules::unknown_metric::check),
        RuleId::RecordName => Check::Model(rules::record_name_format::check),
        RuleId::ConfigMapSize => Check::Outputs(rules::config_map_too_large::check),
        RuleId::DashboardDatasource => Check::Model(rules::datasource_variable_bypassed::check),
        RuleId::GoldenSignals => Check::Model(rules::service_without_golden_signals::check),
        RuleId::LegendLabel => Check::Model(rules::legend_label_dropped::check),
        RuleId::PanelTitle => Check::Model(rules::panel_title_unclear::check),
        RuleId::PanelUnit => Check::Model(rules::panel_without_unit::check),
        RuleId::InhibitEqualMissing => Check::Model(rules::inhibit_equal_missing::check),
        RuleId::UnknownMatcherLabel => Check::Model(rules::unknown_matcher_label::check),
        RuleId::UnroutedAlert => Check::Model(rules::unrouted_alert::check),
        RuleId::UnusedSeverity => Check::Model(rules::severity_without_route::check),
        RuleId::RuleDependency => Check::Model(rules::undefined_recording_rule::check),
        RuleId::VariableUndefined => Check::Model(rules::variable_undefined::check),
        RuleId::VariableUnused => Check::Model(rules::variable_unused::check),
    }
}
