//! `receiver "name" { slack { ... } }` to [`model::Receiver`]. Every secret is named by
//! the file that holds it; a secret written inline is an error at the source.

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::error::ErrorKind;
use super::routing_error::RoutingError;
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value};
use crate::model::{Field, FieldValue, Integration, IntegrationKind, Receiver, SecretFile};

/// How a field's value is read and written.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Bool,
    Count,
    Secret,
}

/// A field of an integration: its path in alertmanager.yml and in an AlertmanagerConfig.
fn spec(kind: IntegrationKind, name: &str) -> Option<(&'static str, &'static str, Kind)> {
    use IntegrationKind::*;
    use Kind::*;
    Some(match (kind, name) {
        (_, "send_resolved") => ("send_resolved", "sendResolved", Bool),
        (Slack, "api_url_file") => ("api_url_file", "apiURL", Secret),
        (Slack, "channel") => ("channel", "channel", Text),
        (Slack, "username") => ("username", "username", Text),
        (Slack, "title") => ("title", "title", Text),
        (Slack, "text") => ("text", "text", Text),
        (PagerDuty, "routing_key_file") => ("routing_key_file", "routingKey", Secret),
        (PagerDuty, "severity") => ("severity", "severity", Text),
        (PagerDuty | Webhook, "url") => ("url", "url", Text),
        (Email, "to") => ("to", "to", Text),
        (Email, "from") => ("from", "from", Text),
        (Email, "smarthost") => ("smarthost", "smarthost", Text),
        (Email, "auth_username") => ("auth_username", "authUsername", Text),
        (Email, "password_file") => ("auth_password_file", "authPassword", Secret),
        (Email, "require_tls") => ("require_tls", "requireTLS", Bool),
        (Webhook, "credentials_file") => (
            "http_config.authorization.credentials_file",
            "httpConfig.authorization.credentials",
            Secret,
        ),
        (Webhook, "max_alerts") => ("max_alerts", "maxAlerts", Count),
        (OpsGenie, "api_key_file") => ("api_key_file", "apiKey", Secret),
        (OpsGenie, "message") => ("message", "message", Text),
        (OpsGenie, "priority") => ("priority", "priority", Text),
        _ => return None,
    })
}

/// What each kind cannot do without.
fn required(kind: IntegrationKind) -> &'static [&'static str] {
    match kind {
        IntegrationKind::Slack => &["api_url_file"],
        IntegrationKind::PagerDuty => &["routing_key_file"],
        IntegrationKind::Email => &["to", "from", "smarthost"],
        IntegrationKind::Webhook => &["url"],
        IntegrationKind::OpsGenie => &["api_key_file"],
    }
}

/// A secret written inline, and the attribute to write instead.
fn inline_secret(kind: IntegrationKind, name: &str) -> Option<&'static str> {
    use IntegrationKind::*;
    match (kind, name) {
        (Slack, "api_url") => Some("api_url_file"),
        (PagerDuty, "routing_key" | "service_key" | "service_key_file") => Some("routing_key_file"),
        (Email, "password" | "auth_password" | "auth_password_file") => Some("password_file"),
        (Webhook, "bearer_token" | "credentials" | "password") => Some("credentials_file"),
        (OpsGenie, "api_key") => Some("api_key_file"),
        _ => None,
    }
}

fn kind_of(keyword: &str) -> Option<IntegrationKind> {
    Some(match keyword {
        "slack" => IntegrationKind::Slack,
        "pagerduty" => IntegrationKind::PagerDuty,
        "email" => IntegrationKind::Email,
        "webhook" => IntegrationKind::Webhook,
        "opsgenie" => IntegrationKind::OpsGenie,
        _ => return None,
    })
}

pub fn receiver(cx: &mut Cx, stmt: &Stmt) -> Option<Receiver> {
    let usage = Block::Receiver.form();
    let name = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let name_span = stmt.headers.first().map_or(stmt.key.span, |h| h.span);
    let mut integrations = Vec::new();
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Receiver, "") {
            continue;
        }
        match kind_of(&s.key.text) {
            Some(kind) => integrations.extend(integration(cx, s, kind)),
            None => keywords::unknown(cx, s, Block::Receiver, ""),
        }
    }
    if name.as_deref() == Some("") {
        // Alertmanager refuses a receiver without a name.
        cx.error(
            name_span,
            ErrorKind::BadValue {
                what: "receiver name".into(),
                value: String::new(),
                expected: "a name, such as `pagerduty-trading`".into(),
            },
        );
    }
    Some(Receiver {
        name: name?,
        name_span,
        integrations,
        span: stmt.span,
    })
}

fn integration(cx: &mut Cx, stmt: &Stmt, kind: IntegrationKind) -> Option<Integration> {
    let keyword = stmt.key.text.as_str();
    if !stmt.headers.is_empty() {
        keywords::misshapen(cx, stmt, Block::Integration);
        return None;
    }
    let body = body(cx, stmt, Block::Integration.form())?;
    let mut seen = Seen::of(Block::Integration);
    let mut fields = Vec::new();
    let mut written = Vec::new();
    for s in &body.stmts {
        let name = s.key.text.as_str();
        if let Some(instead) = inline_secret(kind, name) {
            let kind = RoutingError::InlineSecret {
                name: name.to_string(),
                instead,
            };
            cx.error(s.key.span, ErrorKind::Routing(kind));
            // Reported once: not again as a missing `instead`.
            written.push(instead);
            continue;
        }
        if kind == IntegrationKind::Webhook && name == "url_file" {
            let kind = RoutingError::Unsupported {
                name: name.to_string(),
                why: "Alertmanager 0.25 has no `url_file` for webhooks (0.26 added it)",
                instead: "write the endpoint as `url`, and put the token it needs in a file \
                          named by `credentials_file` (sent as a bearer token)",
            };
            cx.error(s.key.span, ErrorKind::Routing(kind));
            continue;
        }
        if !keywords::check(cx, s, Block::Integration, keyword) {
            continue;
        }
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        let Some((config_key, crd_key, how)) = spec(kind, name) else {
            keywords::unknown(cx, s, Block::Integration, keyword);
            continue;
        };
        written.push(name);
        if let Some(value) = field_value(cx, v, name, how) {
            fields.push(Field {
                config_key,
                crd_key,
                value,
            });
        }
    }
    for name in required(kind) {
        if !written.contains(name) {
            cx.error(
                stmt.key.span,
                ErrorKind::MissingAttribute {
                    name,
                    context: format!("this {keyword} integration"),
                },
            );
        }
    }
    Some(Integration {
        kind,
        fields,
        span: stmt.span,
    })
}

fn field_value(cx: &mut Cx, v: &Value, name: &str, how: Kind) -> Option<FieldValue> {
    Some(match how {
        Kind::Text => FieldValue::Text(cx.string(v, name)?),
        Kind::Bool => FieldValue::Bool(cx.bool(v, name)?),
        Kind::Count => FieldValue::Number(cx.count(v, name, u64::from(u32::MAX))?),
        Kind::Secret => FieldValue::Secret(secret_file(cx, v, name)?),
    })
}

/// A secret's file: its name is the Secret's key, so it must be one Kubernetes takes.
fn secret_file(cx: &mut Cx, v: &Value, name: &str) -> Option<SecretFile> {
    let path = cx.string(v, name)?;
    let key = path.rsplit('/').next().unwrap_or("").to_string();
    let ok = !key.is_empty()
        && key != "."
        && key != ".."
        && key.len() <= 253
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        cx.error(
            v.span,
            ErrorKind::BadValue {
                what: name.to_string(),
                value: path,
                expected: "a path whose file name is letters, digits, `-`, `_` and `.` \
                           (it is the key of the Kubernetes Secret)"
                    .into(),
            },
        );
        return None;
    }
    Some(SecretFile {
        path,
        key,
        span: v.span,
    })
}
