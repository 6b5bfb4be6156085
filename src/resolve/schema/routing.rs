//! Alert routing: the Alertmanager configuration, its receivers and their integrations,
//! routes, inhibit rules and time intervals.

use super::attr::{BlockInfo, attr};
use super::block::Block;
use super::value::Value::*;

/// The integrations a receiver takes: the kinds of [`INTEGRATION`].
pub const INTEGRATION_KINDS: &[&str] = &["slack", "pagerduty", "email", "webhook", "opsgenie"];

pub static ROUTING: BlockInfo = BlockInfo {
    id: "routing",
    context: "a routing block",
    form: "routing \"name\" { receiver \"name\" { ... } route { ... } }",
    kinds: &[],
    attrs: &[&[
        attr(
            "secrets_dir",
            String,
            "where Alertmanager finds the secret files: the mounted Secret",
        )
        .defaults_to("`\"/etc/alertmanager/secrets\"`"),
        attr(
            "secret",
            String,
            "the Kubernetes Secret holding the secret files, one key per file name",
        )
        .defaults_to("`\"alertmanager-secrets\"`"),
        attr(
            "receiver",
            Block(Block::Receiver),
            "who is notified, and how",
        ),
        attr(
            "route",
            Block(Block::Route),
            "required; the root route, whose receiver is the default",
        ),
        attr(
            "inhibit",
            Block(Block::Inhibit),
            "an inhibit rule: a firing source alert mutes target alerts",
        ),
        attr(
            "time_interval",
            Block(Block::TimeInterval),
            "a named time interval, for `mute_time_intervals` and `active_time_intervals`",
        ),
        attr(
            "expect",
            Statement("expect route { label = \"value\" } to \"receiver\""),
            "the receivers an alert with these labels reaches, checked at build",
        ),
    ]],
};

pub static RECEIVER: BlockInfo = BlockInfo {
    id: "receiver",
    context: "a receiver",
    form: "receiver \"name\" { slack { ... } }",
    kinds: &[],
    attrs: &[&[
        attr("slack", Block(Block::Integration), "a Slack message"),
        attr(
            "pagerduty",
            Block(Block::Integration),
            "a PagerDuty incident",
        ),
        attr("email", Block(Block::Integration), "an email"),
        attr("webhook", Block(Block::Integration), "an HTTP POST"),
        attr("opsgenie", Block(Block::Integration), "an OpsGenie alert"),
    ]],
};

pub static INTEGRATION: BlockInfo = BlockInfo {
    id: "integration",
    context: "a receiver integration",
    form: "slack { api_url_file = \"secrets/slack.url\" }",
    kinds: INTEGRATION_KINDS,
    attrs: &[&[
        attr(
            "api_url_file",
            String,
            "required; the file holding the incoming-webhook URL (a secret)",
        )
        .only(&["slack"]),
        attr("channel", String, "the channel, `#alerts`").only(&["slack"]),
        attr("username", String, "the name the message is sent as").only(&["slack"]),
        attr("title", String, "the message title (a Go template)").only(&["slack"]),
        attr("text", String, "the message text (a Go template)").only(&["slack"]),
        attr(
            "routing_key_file",
            String,
            "required; the file holding the Events API v2 integration key (a secret)",
        )
        .only(&["pagerduty"]),
        attr("severity", String, "the incident severity (a Go template)").only(&["pagerduty"]),
        attr("url", String, "the endpoint: required for a webhook").only(&["pagerduty", "webhook"]),
        attr("to", String, "required; the recipients").only(&["email"]),
        attr("from", String, "the sender").only(&["email"]),
        attr("smarthost", String, "the SMTP server, `host:port`").only(&["email"]),
        attr("auth_username", String, "the SMTP user").only(&["email"]),
        attr(
            "password_file",
            String,
            "the file holding the SMTP password (a secret)",
        )
        .only(&["email"]),
        attr("require_tls", Bool, "whether SMTP needs STARTTLS").only(&["email"]),
        attr(
            "credentials_file",
            String,
            "the file holding the bearer token sent with each request (a secret)",
        )
        .only(&["webhook"]),
        attr(
            "max_alerts",
            Whole {
                min: 0,
                max: u32::MAX as u64,
            },
            "at most this many alerts per message",
        )
        .defaults_to("all")
        .only(&["webhook"]),
        attr(
            "api_key_file",
            String,
            "required; the file holding the API key (a secret)",
        )
        .only(&["opsgenie"]),
        attr("message", String, "the alert text (a Go template)").only(&["opsgenie"]),
        attr("priority", String, "`P1` to `P5` (a Go template)").only(&["opsgenie"]),
        attr(
            "send_resolved",
            Bool,
            "whether resolved alerts are sent too",
        )
        .defaults_to("`true`; `false` for Slack and email (Alertmanager's)"),
    ]],
};

pub static ROUTE: BlockInfo = BlockInfo {
    id: "route",
    context: "a route",
    form: "route { matchers = { ... }, receiver = \"name\" }",
    kinds: &[],
    attrs: &[&[
        attr(
            "matchers",
            Matchers,
            "the alerts this route takes (not on the root route)",
        ),
        attr(
            "receiver",
            Word,
            "who is notified; required on the root route",
        )
        .defaults_to("the parent's"),
        attr(
            "group_by",
            Strings,
            "the labels alerts are grouped by in one notification; `[\"...\"]`: every label",
        )
        .defaults_to("the parent's"),
        attr(
            "group_wait",
            Duration,
            "how long to wait for more alerts before the first notification of a group",
        )
        .defaults_to("the parent's, `30s` at the root"),
        attr(
            "group_interval",
            Duration,
            "how long to wait before notifying of new alerts in a group",
        )
        .defaults_to("the parent's, `5m` at the root"),
        attr(
            "repeat_interval",
            Duration,
            "how long to wait before notifying again of the same alerts",
        )
        .defaults_to("the parent's, `4h` at the root"),
        attr(
            "continue",
            Bool,
            "whether the next sibling routes are tried after this one matched",
        )
        .defaults_to("`false`"),
        attr(
            "mute_time_intervals",
            Strings,
            "time intervals during which this route notifies no one",
        ),
        attr(
            "active_time_intervals",
            Strings,
            "time intervals outside which this route notifies no one",
        ),
        attr(
            "route",
            Block(Block::Route),
            "a child route, tried in order",
        ),
    ]],
};

pub static INHIBIT: BlockInfo = BlockInfo {
    id: "inhibit",
    context: "an inhibit rule",
    form: "inhibit { source_matchers = { ... }, target_matchers = { ... }, equal = [...] }",
    kinds: &[],
    attrs: &[&[
        attr(
            "source_matchers",
            Matchers,
            "required; the alerts that inhibit",
        ),
        attr(
            "target_matchers",
            Matchers,
            "required; the alerts that are muted",
        ),
        attr(
            "equal",
            Strings,
            "labels that must be equal in source and target",
        ),
    ]],
};

pub static TIME_INTERVAL: BlockInfo = BlockInfo {
    id: "time-interval",
    context: "a time interval",
    form: "time_interval \"name\" { times = [\"18:00-24:00\"] }",
    kinds: &[],
    attrs: &[&[
        attr("times", Strings, "`HH:MM-HH:MM` ranges of the day").defaults_to("all day"),
        attr("weekdays", Strings, "`monday`, or ranges `monday:friday`").defaults_to("every day"),
        attr(
            "days_of_month",
            Strings,
            "`1`, ranges `1:7`, from the end `-1`",
        )
        .defaults_to("every day"),
        attr("months", Strings, "`january`, `1`, ranges `january:march`")
            .defaults_to("every month"),
        attr("years", Strings, "`2026`, ranges `2026:2027`").defaults_to("every year"),
        attr("location", String, "the time zone, `Europe/Paris`").defaults_to("`UTC`"),
    ]],
};
