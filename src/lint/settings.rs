//! What `[lint]` in `dac.toml` sets (read by [`crate::config`]), with the defaults a
//! project without the section gets.

use std::collections::BTreeMap;

use super::registry::RuleId;
use crate::severity::Severity;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintSettings {
    /// Whether `dac build` runs the rules and refuses to write what an error-level
    /// finding rejects.
    pub in_build: bool,
    /// Rules turned off (`disable = [...]`, or a severity of `"off"`).
    pub disabled: Vec<RuleId>,
    /// Severities other than the rules' defaults.
    pub severities: BTreeMap<RuleId, Severity>,
    pub budgets: Budgets,
    /// The values an alert's `severity` label may take.
    pub alert_severities: Vec<String>,
    /// Labels every alert must have (besides `severity`, which `alert/severity` checks).
    pub required_labels: Vec<String>,
    /// Annotations every alert must have (besides `summary` and `runbook_url`).
    pub required_annotations: Vec<String>,
    /// Label names whose values are unbounded in practice, for the cardinality rules.
    pub high_cardinality_labels: Vec<String>,
}

/// The most series a query may return, as estimated from the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budgets {
    pub panel_series: u64,
    pub alert_series: u64,
    pub record_series: u64,
}

pub const DEFAULT_ALERT_SEVERITIES: &[&str] = &["critical", "warning", "info"];

pub const DEFAULT_HIGH_CARDINALITY_LABELS: &[&str] = &[
    "user_id",
    "email",
    "ip",
    "client_ip",
    "request_id",
    "trace_id",
    "span_id",
    "session_id",
    "url",
    "path",
    "uri",
    "query",
    "user_agent",
];

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            panel_series: 500,
            alert_series: 100,
            record_series: 1000,
        }
    }
}

impl Default for LintSettings {
    fn default() -> Self {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        LintSettings {
            in_build: true,
            disabled: Vec::new(),
            severities: BTreeMap::new(),
            budgets: Budgets::default(),
            alert_severities: strings(DEFAULT_ALERT_SEVERITIES),
            required_labels: Vec::new(),
            required_annotations: Vec::new(),
            high_cardinality_labels: strings(DEFAULT_HIGH_CARDINALITY_LABELS),
        }
    }
}

impl LintSettings {
    /// The severity a rule reports with here, or `None` when it is off.
    /// These settings with every rule below error level turned off: what the build's
    /// gate runs, since it keeps only errors (running the rest would cost a build the
    /// time of a whole lint). `lint/unused-suppression` is off too: with rules off, a
    /// suppression of one finds nothing to suppress, which is `dac lint`'s to judge.
    pub fn errors_only(&self) -> LintSettings {
        let mut errors = self.clone();
        errors.disabled = RuleId::ALL
            .iter()
            .copied()
            .filter(|&rule| {
                rule == RuleId::UnusedSuppression || self.severity(rule) != Some(Severity::Error)
            })
            .collect();
        errors
    }

    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        if self.disabled.contains(&rule) {
            return None;
        }
        Some(
            self.severities
                .get(&rule)
                .copied()
                .unwrap_or(rule.info().severity),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builds_gate_runs_only_the_rules_at_error_level() {
        let mut settings = LintSettings::default();
        settings
            .severities
            .insert(RuleId::AlertFor, Severity::Error);
        settings.disabled.push(RuleId::AlertTemplateLabel);
        let gate = settings.errors_only();
        for &rule in RuleId::ALL {
            let runs = gate.severity(rule).is_some();
            let error = settings.severity(rule) == Some(Severity::Error);
            assert_eq!(runs, error && rule != RuleId::UnusedSuppression, "{rule:?}");
        }
        assert!(gate.severity(RuleId::AlertFor).is_some());
        assert!(gate.severity(RuleId::AlertTemplateLabel).is_none());
        assert!(gate.severity(RuleId::AlertRunbook).is_none());
    }
}
