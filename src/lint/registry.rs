//! The one table of lint rules: each rule's stable name (public: reports, suppressions
//! and `dac.toml` name it, so it never changes once released), its default severity,
//! whether it needs a live Prometheus, a one-line summary and the file that holds it.
//! The file's `//!` comment is the rule's documentation ([`RuleId::doc`]); its `check`
//! is what [`super::checks`] runs.
//!
//! This file imports nothing of the linter: diagnostic codes name rules by [`RuleId`],
//! and the checks read the model, which reports with diagnostic codes.

use crate::severity::Severity;

/// What the registry knows of one rule.
pub struct RuleInfo {
    pub name: &'static str,
    pub severity: Severity,
    /// Needs a live Prometheus (`--prometheus`); offline rules run on every lint.
    pub online: bool,
    pub summary: &'static str,
    /// The text of the rule's own file, whose `//!` lines are its documentation.
    source: &'static str,
}

/// Declares [`RuleId`] and its table from one list, so a rule cannot lack an entry.
macro_rules! rules {
    ($($variant:ident = $name:literal, $severity:ident, online = $online:literal,
        $file:ident, $summary:literal;)*) => {
        /// A lint rule. Its name is [`RuleId::name`]; see [`RuleInfo`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in the order of the table (sorted by name).
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            pub fn info(self) -> &'static RuleInfo {
                match self {
                    $(RuleId::$variant => {
                        const INFO: RuleInfo = RuleInfo {
                            name: $name,
                            severity: Severity::$severity,
                            online: $online,
                            summary: $summary,
                            source: include_str!(concat!("rules/", stringify!($file), ".rs")),
                        };
                        &INFO
                    })*
                }
            }
        }
    };
}

rules! {
    AlertFor = "alert/for", Warning, online = false,
        alert_without_for,
        "an alert without `for`, which pages on a single bad evaluation";
    AlertNoCondition = "alert/no-condition", Warning, online = false,
        alert_without_condition,
        "an alert expression with no comparison or filter, which always fires";
    AlertRequired = "alert/required", Warning, online = false,
        alert_missing_required,
        "an alert without a label or annotation that `[lint]` requires";
    AlertRunbook = "alert/runbook", Warning, online = false,
        alert_without_runbook,
        "an alert without a runbook URL";
    AlertSeverity = "alert/severity", Warning, online = false,
        alert_severity,
        "an alert with no severity, or one that is not among the allowed severities";
    AlertSummary = "alert/summary", Warning, online = false,
        alert_without_summary,
        "an alert without a summary";
    AlertTemplateLabel = "alert/template-label", Error, online = false,
        template_label_dropped,
        "`$labels.x` in an alert's label or annotation that the expression does not keep";
    CatalogDrift = "catalog/drift", Warning, online = true,
        catalog_drift,
        "the catalog's label sets, cardinalities or scrape interval far from what Prometheus has";
    DashboardDatasource = "dashboard/datasource", Warning, online = false,
        datasource_variable_bypassed,
        "a datasource variable the dashboard's queries do not use";
    PanelTitle = "dashboard/panel-title", Warning, online = false,
        panel_title_unclear,
        "a panel with an empty title, or the title of another panel in its row";
    PanelUnit = "dashboard/panel-unit", Warning, online = false,
        panel_without_unit,
        "a panel that shows numbers without a unit";
    VariableUndefined = "dashboard/variable-undefined", Warning, online = false,
        variable_undefined,
        "a `$var` in a title, legend or link that the dashboard does not declare";
    VariableUnused = "dashboard/variable-unused", Warning, online = false,
        variable_unused,
        "a dashboard variable that no query, title, legend, link or repeat uses";
    ConfigMapSize = "k8s/configmap-size", Error, online = false,
        config_map_too_large,
        "a dashboard over 256 KiB as a client-side apply annotation (warning) or over the 1 MiB a ConfigMap holds (error)";
    SuppressionReason = "lint/suppression-reason", Warning, online = false,
        suppression_without_reason,
        "a `# dac: disable` comment without `-- reason`";
    UnusedSuppression = "lint/unused-suppression", Warning, online = false,
        unused_suppression,
        "a `# dac: disable` comment that suppresses nothing";
    LegendLabel = "panel/legend-label", Warning, online = false,
        legend_label_dropped,
        "a `{{label}}` in a legend that the query's result does not have";
    Cardinality = "promql/cardinality", Warning, online = false,
        cardinality_over_budget,
        "a query whose estimated series, from the catalog, exceed its `[lint.budgets]` budget";
    CounterRate = "promql/counter-rate", Warning, online = false,
        counter_misread,
        "a counter's raw value used instead of its rate, or `rate()` over a gauge";
    HighCardinalityLabel = "promql/high-cardinality-label", Warning, online = false,
        high_cardinality_label,
        "an `unbounded` or listed label grouped by, matched on, or kept in the result";
    HistogramQuantileLe = "promql/histogram-quantile-le", Error, online = false,
        histogram_quantile_without_le,
        "`histogram_quantile` over classic buckets whose aggregation drops `le`";
    Impossible = "promql/impossible", Error, online = false,
        impossible_matcher,
        "contradictory matchers, or a matcher on a label a recording rule dropped";
    LiveCardinality = "promql/live-cardinality", Warning, online = true,
        live_series_over_budget,
        "a selector whose real series, in Prometheus, exceed the query's budget";
    RateInterval = "promql/rate-interval", Warning, online = false,
        rate_interval,
        "a panel's rate range other than `$__rate_interval`, or a rule's under 4× the scrape interval";
    RateOfAggregation = "promql/rate-of-aggregation", Error, online = false,
        rate_of_aggregation,
        "`rate`/`irate`/`increase` over an aggregation (sum, then rate)";
    Regex = "promql/regex", Warning, online = false,
        regex_matcher,
        "a label regex that matches everything, could be `=`, or has redundant anchors";
    ScrapeInterval = "promql/scrape-interval", Warning, online = true,
        rate_range_under_scrapes,
        "a rate range under 4× the real scrape interval of the job it reads";
    Series = "promql/series", Warning, online = true,
        selector_without_series,
        "a selector that matches no series in Prometheus, and why";
    UnknownLabel = "promql/unknown-label", Warning, online = false,
        unknown_label,
        "a label the metric does not have, in a matcher, `by`/`without` or `on`/`ignoring`";
    UnknownMetric = "promql/unknown-metric", Warning, online = false,
        unknown_metric,
        "a metric the catalog does not have, when there is a catalog";
    RecordName = "record/name", Warning, online = false,
        record_name_format,
        "a recording rule name that does not follow `level:metric:operations`";
    InhibitEqualMissing = "routing/inhibit-equal-missing", Warning, online = false,
        inhibit_equal_missing,
        "an inhibit rule's `equal` label that some of its source or target alerts do not carry";
    UnknownMatcherLabel = "routing/unknown-matcher-label", Warning, online = false,
        unknown_matcher_label,
        "a route matcher on a label, or a value, that no alert carries";
    UnroutedAlert = "routing/unrouted-alert", Warning, online = false,
        unrouted_alert,
        "an alert that only reaches the default receiver, which notifies no one";
    UnusedSeverity = "routing/unused-severity", Warning, online = false,
        severity_without_route,
        "a severity of the rules that no route matches, or a route for a severity no rule uses";
    RuleDependency = "rule/dependency", Warning, online = false,
        undefined_recording_rule,
        "a query reading a recording rule that no rule of the project records";
    GoldenSignals = "service/golden-signals", Warning, online = false,
        service_without_golden_signals,
        "a catalog service without a panel for each golden signal, or without an alert on errors or latency";
}

/// Names that are both a lint rule and a diagnostic code, because they name one kind of
/// fault found in two places. `promql/regex`: the front end refuses a regex that is not
/// RE2 (an error of every build, since Prometheus would reject the query), and the rule
/// flags valid regexes that say less than they seem. Users see one name for regex
/// faults; `dac explain` prints both explanations. No other name may be shared.
pub const SHARED_WITH_CODE: &[&str] = &["promql/regex"];

impl RuleId {
    /// The stable name, such as `alert/for`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The rule's documentation: the `//!` lines of its file, without the `//!`. Read
    /// from the file itself, so the documentation cannot drift from the rule.
    pub fn doc(self) -> String {
        let mut doc = String::new();
        for line in self.info().source.lines() {
            let Some(text) = line.strip_prefix("//!") else {
                continue;
            };
            doc.push_str(text.strip_prefix(' ').unwrap_or(text));
            doc.push('\n');
        }
        doc
    }

    /// The Markdown of every rule, as `docs/rules.md` holds it between
    /// `<!-- rules:begin -->` and `<!-- rules:end -->`: a table, then each rule's
    /// documentation under its own heading.
    pub fn markdown() -> String {
        let mut out = String::from("| rule | severity | online | flags |\n|---|---|---|---|\n");
        for rule in RuleId::ALL {
            let info = rule.info();
            let online = if info.online { "yes" } else { "no" };
            out.push_str(&format!(
                "| [`{}`](#{}) | {} | {online} | {} |\n",
                info.name,
                anchor(info.name),
                info.severity,
                info.summary
            ));
        }
        for rule in RuleId::ALL {
            let info = rule.info();
            out.push_str(&format!(
                "\n### `{}`\n\nDefault severity: {}.\n\n",
                info.name, info.severity
            ));
            // The rule's sections become subheadings of its own.
            for line in rule.doc().lines() {
                match line.strip_prefix("## ") {
                    Some(heading) => out.push_str(&format!("#### {heading}\n")),
                    None => {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// GitHub's anchor of a `### `name`` heading: lowercase, `/` and backticks dropped.
fn anchor(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[cfg(test)]
#[path = "registry_tests.rs"]
mod tests;
