//! Relabelling rules of `prometheus.yml`, as Prometheus writes them, and the label-name
//! sanitisation of Kubernetes service discovery.

use crate::emit::yaml::Node;

/// `replace`: `source_labels` (joined by `;`) into `target`, Prometheus' defaults
/// (`regex: (.*)`, `replacement: $1`) left out.
pub fn copy(sources: &[&str], target: &str) -> Node {
    Node::map([
        ("source_labels", strings(sources)),
        ("target_label", Node::str(target)),
    ])
}

/// `replace` with a fixed value.
pub fn set(target: &str, value: &str) -> Node {
    Node::map([
        ("target_label", Node::str(target)),
        ("replacement", Node::str(value)),
    ])
}

/// `keep`: only targets whose `source_labels` match `regex` (anchored).
pub fn keep(sources: &[&str], regex: &str) -> Node {
    Node::map([
        ("action", Node::str("keep")),
        ("source_labels", strings(sources)),
        ("regex", Node::str(regex)),
    ])
}

/// `replace` through a regex: `replacement` may refer to its groups.
pub fn extract(sources: &[&str], regex: &str, replacement: &str, target: &str) -> Node {
    Node::map([
        ("source_labels", strings(sources)),
        ("separator", Node::str(";")),
        ("regex", Node::str(regex)),
        ("replacement", Node::str(replacement)),
        ("target_label", Node::str(target)),
    ])
}

/// An action on label names only (`labelmap`, `labeldrop`).
pub fn on_names(action: &str, regex: &str) -> Node {
    Node::map([("action", Node::str(action)), ("regex", Node::str(regex))])
}

fn strings(items: &[&str]) -> Node {
    Node::Seq(items.iter().map(|s| Node::str(*s)).collect())
}

/// A Kubernetes label as Prometheus' discovery names it: every character other than a
/// letter, digit or `_` becomes `_` (`app.kubernetes.io/name` → `app_kubernetes_io_name`).
pub fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `text` matched literally by an RE2 regex.
pub fn quote_regex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_as_kubernetes_discovery_does() {
        assert_eq!(sanitize("app.kubernetes.io/name"), "app_kubernetes_io_name");
        assert_eq!(sanitize("k8s-app"), "k8s_app");
        assert_eq!(sanitize("team_1"), "team_1");
    }

    #[test]
    fn quotes_regex_metacharacters() {
        assert_eq!(quote_regex("trade-service"), "trade-service");
        assert_eq!(quote_regex("v1.2+x"), "v1\\.2\\+x");
    }
}
