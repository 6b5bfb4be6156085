use super::{Millis, Pair, Query};
use crate::diagnostic::Span;

/// A rule set: one rule file and one PrometheusRule.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    /// A DNS-1123 name, used for file and manifest names.
    pub name: String,
    pub name_span: Span,
    /// Extra labels for the PrometheusRule manifest.
    pub labels: Vec<Pair>,
    pub groups: Vec<RuleGroup>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleGroup {
    pub name: String,
    pub interval: Option<Millis>,
    pub limit: Option<u64>,
    pub query_offset: Option<Millis>,
    pub rules: Vec<Rule>,
    pub tests: Vec<RuleTest>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    Alert(AlertRule),
    Record(RecordingRule),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AlertRule {
    pub name: String,
    pub name_span: Span,
    pub expr: Query,
    pub for_: Option<Millis>,
    pub keep_firing_for: Option<Millis>,
    /// Labels (`severity` among them) in source order.
    pub labels: Vec<Pair>,
    /// Annotations (`summary`, `description`, `runbook_url` among them) in source order.
    pub annotations: Vec<Pair>,
    /// The labels its templates read (`{{ $labels.pod }}`), for checks against the labels
    /// the expression keeps.
    pub label_refs: Vec<TemplateLabelRef>,
    pub span: Span,
}

/// `$labels.NAME` in an alert's label or annotation template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateLabelRef {
    pub name: String,
    /// The name inside the string literal.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecordingRule {
    pub record: String,
    pub record_span: Span,
    pub expr: Query,
    pub labels: Vec<Pair>,
    pub span: Span,
}

/// A promtool unit test for the rules of one group.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleTest {
    pub name: String,
    /// Evaluation interval of the test; promtool defaults to 1m.
    pub interval: Option<Millis>,
    pub series: Vec<TestSeries>,
    pub alerts: Vec<AlertExpectation>,
    pub queries: Vec<QueryExpectation>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestSeries {
    /// A series in PromQL selector notation: `http_requests_total{status="500"}`.
    pub series: String,
    /// promtool's expanding notation: `0+10x30`, `1 2 _ 4`.
    pub values: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AlertExpectation {
    pub alert: String,
    pub eval_time: Millis,
    /// Expected firing alerts; empty means the alert must not fire.
    pub alerts: Vec<ExpectedAlert>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedAlert {
    pub labels: Vec<Pair>,
    pub annotations: Vec<Pair>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QueryExpectation {
    pub expr: String,
    pub eval_time: Millis,
    pub samples: Vec<ExpectedSample>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedSample {
    /// Labels in selector notation: `{job="x"}` or `metric{job="x"}`.
    pub labels: String,
    pub value: f64,
}
