//! Alert routing: the receivers, route tree, inhibit rules and time intervals of one
//! Alertmanager configuration (`routing "name" { ... }`).
//!
//! Secrets are never held here: a receiver names the file a secret lives in
//! ([`SecretFile`]), and every output writes that name, never the file's contents.

use super::Millis;
use crate::diagnostic::Span;

/// One Alertmanager configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Routing {
    /// A DNS-1123 name: the AlertmanagerConfig's and the ConfigMap's.
    pub name: String,
    pub name_span: Span,
    /// Where Alertmanager finds the secret files (the mounted Secret).
    pub secrets_dir: String,
    /// The Kubernetes Secret holding the secret files, one key per file name.
    pub secret: String,
    pub receivers: Vec<Receiver>,
    /// The root route: its receiver is the default.
    pub route: Route,
    pub inhibit_rules: Vec<InhibitRule>,
    pub time_intervals: Vec<TimeInterval>,
    /// `expect route { ... } to "receiver"`, checked at build.
    pub expectations: Vec<RouteExpectation>,
    pub span: Span,
}

impl Routing {
    pub fn receiver(&self, name: &str) -> Option<&Receiver> {
        self.receivers.iter().find(|r| r.name == name)
    }

    /// Whether `name` is a receiver that notifies no one (it has no integration).
    pub fn is_null_receiver(&self, name: &str) -> bool {
        self.receiver(name)
            .is_some_and(|r| r.integrations.is_empty())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Receiver {
    pub name: String,
    pub name_span: Span,
    pub integrations: Vec<Integration>,
    pub span: Span,
}

/// The kinds of notification dac writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntegrationKind {
    Slack,
    PagerDuty,
    Email,
    Webhook,
    OpsGenie,
}

impl IntegrationKind {
    /// The receiver's list in alertmanager.yml.
    pub fn config_key(self) -> &'static str {
        match self {
            IntegrationKind::Slack => "slack_configs",
            IntegrationKind::PagerDuty => "pagerduty_configs",
            IntegrationKind::Email => "email_configs",
            IntegrationKind::Webhook => "webhook_configs",
            IntegrationKind::OpsGenie => "opsgenie_configs",
        }
    }

    /// The receiver's list in an AlertmanagerConfig.
    pub fn crd_key(self) -> &'static str {
        match self {
            IntegrationKind::Slack => "slackConfigs",
            IntegrationKind::PagerDuty => "pagerdutyConfigs",
            IntegrationKind::Email => "emailConfigs",
            IntegrationKind::Webhook => "webhookConfigs",
            IntegrationKind::OpsGenie => "opsgenieConfigs",
        }
    }
}

/// `slack { ... }` in a receiver.
#[derive(Clone, Debug, PartialEq)]
pub struct Integration {
    pub kind: IntegrationKind,
    pub fields: Vec<Field>,
    pub span: Span,
}

/// One setting of an integration, under its names in both outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Its path in alertmanager.yml, `.`-separated (`http_config.authorization.credentials_file`).
    pub config_key: &'static str,
    /// Its path in an AlertmanagerConfig, `.`-separated.
    pub crd_key: &'static str,
    pub value: FieldValue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Bool(bool),
    Number(u64),
    Secret(SecretFile),
}

/// A secret, by the name of the file that holds it: `secrets/slack-trading.url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretFile {
    /// As written.
    pub path: String,
    /// The file name: the key in the Kubernetes Secret, and the name under `secrets_dir`.
    pub key: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// Empty on the root route.
    pub matchers: Vec<RouteMatcher>,
    /// `None`: the parent's.
    pub receiver: Option<String>,
    pub receiver_span: Span,
    pub group_by: Option<Vec<String>>,
    pub group_wait: Option<Millis>,
    pub group_interval: Option<Millis>,
    pub repeat_interval: Option<Millis>,
    pub continue_: bool,
    pub mute_time_intervals: Vec<String>,
    pub active_time_intervals: Vec<String>,
    /// Where each time interval name is written: the mute ones, then the active ones.
    pub time_interval_spans: Vec<Span>,
    pub routes: Vec<Route>,
    pub span: Span,
}

impl Route {
    /// A route with nothing set: no matcher, receiver or child, Alertmanager's defaults.
    pub fn empty(receiver_span: Span, span: Span) -> Route {
        Route {
            matchers: Vec::new(),
            receiver: None,
            receiver_span,
            group_by: None,
            group_wait: None,
            group_interval: None,
            repeat_interval: None,
            continue_: false,
            mute_time_intervals: Vec::new(),
            active_time_intervals: Vec::new(),
            time_interval_spans: Vec::new(),
            routes: Vec::new(),
            span,
        }
    }
}

/// How a matcher compares: Alertmanager's four operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatcherOp {
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

impl MatcherOp {
    pub fn symbol(self) -> &'static str {
        match self {
            MatcherOp::Equal => "=",
            MatcherOp::NotEqual => "!=",
            MatcherOp::Regex => "=~",
            MatcherOp::NotRegex => "!~",
        }
    }
}

/// `severity = "critical"`, `team =~ "trading|data"`.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteMatcher {
    pub label: String,
    pub op: MatcherOp,
    pub value: String,
    /// The whole entry; `label_span` and `value_span` its parts.
    pub span: Span,
    pub label_span: Span,
    pub value_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InhibitRule {
    pub source_matchers: Vec<RouteMatcher>,
    pub target_matchers: Vec<RouteMatcher>,
    /// Each label, with its place in the `equal` list.
    pub equal: Vec<(String, Span)>,
    pub span: Span,
}

/// `time_interval "offhours" { ... }`: one named interval of one range.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeInterval {
    pub name: String,
    pub name_span: Span,
    /// `(start, end)` as `HH:MM`.
    pub times: Vec<(String, String)>,
    /// `monday`, `monday:friday`.
    pub weekdays: Vec<String>,
    /// `1`, `1:7`, `-1`.
    pub days_of_month: Vec<String>,
    pub months: Vec<String>,
    pub years: Vec<String>,
    pub location: Option<String>,
    pub span: Span,
}

/// `expect route { severity = "critical" } to "pagerduty"`.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteExpectation {
    pub labels: Vec<(String, String)>,
    pub receivers: Vec<String>,
    pub span: Span,
    /// The receivers' place: what a wrong expectation underlines.
    pub receivers_span: Span,
}
