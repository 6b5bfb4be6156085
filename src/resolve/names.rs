//! Names other systems are strict about: Grafana uids, Kubernetes object names,
//! Prometheus metric and label names.

use super::cx::Cx;
use super::error::ErrorKind;
use crate::config::{is_label_key, is_label_value};
use crate::diagnostic::Span;
use crate::model::Pair;

pub const MAX_UID: usize = 40;

pub fn check_uid(cx: &mut Cx, uid: &str, span: Span) {
    let len = uid.chars().count();
    if len > MAX_UID {
        cx.error(
            span,
            ErrorKind::UidTooLong {
                uid: uid.to_string(),
                len,
            },
        );
    }
    if uid.is_empty()
        || !uid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        cx.error(
            span,
            ErrorKind::UidCharacters {
                uid: uid.to_string(),
            },
        );
    }
}

/// A Kubernetes object name (DNS-1123 subdomain), which rule set and service names
/// become part of.
pub fn check_dns_name(cx: &mut Cx, what: &'static str, name: &str, span: Span) {
    let ok = !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric());
    if !ok {
        cx.error(
            span,
            ErrorKind::BadName {
                what,
                name: name.to_string(),
                rule: "Kubernetes names are lowercase letters, digits, `-` and `.`, start and end with a letter or digit, at most 253 characters",
            },
        );
    }
}

/// A Prometheus metric name (what a recording rule records, what the catalog lists).
pub fn is_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

pub fn check_metric_name(cx: &mut Cx, what: &'static str, name: &str, span: Span) {
    if !is_metric_name(name) {
        cx.error(
            span,
            ErrorKind::BadName {
                what,
                name: name.to_string(),
                rule: "metric names are letters, digits, `_` and `:`, not starting with a digit",
            },
        );
    }
}

/// Labels that end up in Kubernetes metadata or selectors (`what`: where) must be
/// valid there, or `kubectl apply` rejects the object.
pub fn check_kubernetes_labels(cx: &mut Cx, labels: &[Pair], what: &'static str) {
    for p in labels {
        let (text, is_key) = if !is_label_key(&p.key) {
            (&p.key, true)
        } else if !is_label_value(&p.value) {
            (&p.value, false)
        } else {
            continue;
        };
        cx.error(
            p.span,
            ErrorKind::KubernetesLabel {
                text: text.clone(),
                is_key,
                what,
            },
        );
    }
}

pub fn check_label_name(cx: &mut Cx, name: &str, span: Span) {
    if !super::scope::is_label_name(name) {
        cx.error(
            span,
            ErrorKind::BadName {
                what: "label name",
                name: name.to_string(),
                rule: "label names are letters, digits and `_`, not starting with a digit",
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_names() {
        let mut cx = Cx::default();
        check_uid(&mut cx, "cryptobot-trade_1", Span::DUMMY);
        check_dns_name(&mut cx, "rule set", "trade-service", Span::DUMMY);
        assert!(cx.errors.is_empty());
        check_uid(&mut cx, "a/b", Span::DUMMY);
        check_uid(&mut cx, &"x".repeat(41), Span::DUMMY);
        check_dns_name(&mut cx, "rule set", "Trade_Service", Span::DUMMY);
        assert_eq!(cx.errors.len(), 3);
        assert!(is_metric_name("job:http_requests:rate5m"));
        assert!(!is_metric_name("5xx"));
    }
}
