//! The routing block as Alertmanager reads it: `alertmanager/alertmanager.yml` (0.25 and
//! later: `matchers`, `time_intervals`, `*_file` secrets) and the same file in a
//! ConfigMap. Secrets stay file paths under the routing's `secrets_dir`: neither file
//! holds a secret, so the ConfigMap is safe to apply and to read.

use crate::config::Config;
use crate::emit::duration;
use crate::emit::header;
use crate::emit::kubernetes;
use crate::emit::yaml::{self, Node};
use crate::model::{
    Field, FieldValue, InhibitRule, IntegrationKind, Receiver, Route, RouteMatcher, Routing,
    TimeInterval,
};

/// The ConfigMap's name and its one key.
pub const CONFIG_MAP_NAME: &str = "alertmanager-config";
pub const CONFIG_KEY: &str = "alertmanager.yml";

/// alertmanager.yml.
pub fn config_file(routing: &Routing) -> String {
    let mut doc = vec![("route".to_string(), route(&routing.route))];
    if !routing.inhibit_rules.is_empty() {
        let rules = routing.inhibit_rules.iter().map(inhibit_rule).collect();
        doc.push(("inhibit_rules".into(), Node::Seq(rules)));
    }
    let receivers = routing
        .receivers
        .iter()
        .map(|r| receiver(r, &routing.secrets_dir))
        .collect();
    doc.push(("receivers".into(), Node::Seq(receivers)));
    if !routing.time_intervals.is_empty() {
        let intervals = routing.time_intervals.iter().map(time_interval).collect();
        doc.push(("time_intervals".into(), Node::Seq(intervals)));
    }
    let mut out = header().to_string();
    yaml::write_document(&mut out, &Node::Map(doc));
    out
}

/// alertmanager.yml in a ConfigMap, for an Alertmanager run without the operator.
pub fn config_map(file: &str, config: &Config) -> String {
    kubernetes::config_map(CONFIG_MAP_NAME, [(CONFIG_KEY, file)], config)
}

/// `label="value"`, quoted as Alertmanager's matcher parser reads it.
pub fn matcher_text(m: &RouteMatcher) -> String {
    let mut value = String::new();
    for c in m.value.chars() {
        match c {
            '\\' => value.push_str("\\\\"),
            '"' => value.push_str("\\\""),
            '\n' => value.push_str("\\n"),
            c => value.push(c),
        }
    }
    format!("{}{}\"{value}\"", m.label, m.op.symbol())
}

pub fn strings(items: &[String]) -> Node {
    Node::Seq(items.iter().map(|s| Node::str(s.as_str())).collect())
}

fn matchers(list: &[RouteMatcher]) -> Node {
    Node::Seq(list.iter().map(|m| Node::str(matcher_text(m))).collect())
}

/// How an output spells a route: alertmanager.yml in snake case with matchers as text,
/// the AlertmanagerConfig in camel case with matchers as objects.
pub struct RouteSpelling {
    pub group_by: &'static str,
    pub group_wait: &'static str,
    pub group_interval: &'static str,
    pub repeat_interval: &'static str,
    pub mute_time_intervals: &'static str,
    pub active_time_intervals: &'static str,
    pub matchers: fn(&[RouteMatcher]) -> Node,
}

/// alertmanager.yml's spelling.
const FILE_ROUTE: RouteSpelling = RouteSpelling {
    group_by: "group_by",
    group_wait: "group_wait",
    group_interval: "group_interval",
    repeat_interval: "repeat_interval",
    mute_time_intervals: "mute_time_intervals",
    active_time_intervals: "active_time_intervals",
    matchers,
};

fn route(r: &Route) -> Node {
    route_node(r, &FILE_ROUTE)
}

/// A route and its children, as `spelling` writes them.
pub fn route_node(r: &Route, spelling: &RouteSpelling) -> Node {
    let mut m: Vec<(String, Node)> = Vec::new();
    if let Some(receiver) = &r.receiver {
        m.push(("receiver".into(), Node::str(receiver.as_str())));
    }
    if !r.matchers.is_empty() {
        m.push(("matchers".into(), (spelling.matchers)(&r.matchers)));
    }
    if let Some(group_by) = &r.group_by {
        m.push((spelling.group_by.into(), strings(group_by)));
    }
    for (key, d) in [
        (spelling.group_wait, r.group_wait),
        (spelling.group_interval, r.group_interval),
        (spelling.repeat_interval, r.repeat_interval),
    ] {
        if let Some(d) = d {
            m.push((key.into(), Node::str(duration::grafana(d))));
        }
    }
    if r.continue_ {
        m.push(("continue".into(), Node::Bool(true)));
    }
    for (key, names) in [
        (spelling.mute_time_intervals, &r.mute_time_intervals),
        (spelling.active_time_intervals, &r.active_time_intervals),
    ] {
        if !names.is_empty() {
            m.push((key.into(), strings(names)));
        }
    }
    if !r.routes.is_empty() {
        let children = r.routes.iter().map(|c| route_node(c, spelling));
        m.push(("routes".into(), Node::Seq(children.collect())));
    }
    Node::Map(m)
}

fn inhibit_rule(rule: &InhibitRule) -> Node {
    let mut m = vec![
        (
            "source_matchers".to_string(),
            matchers(&rule.source_matchers),
        ),
        (
            "target_matchers".to_string(),
            matchers(&rule.target_matchers),
        ),
    ];
    if !rule.equal.is_empty() {
        let equal = rule.equal.iter().map(|(l, _)| Node::str(l.as_str()));
        m.push(("equal".into(), Node::Seq(equal.collect())));
    }
    Node::Map(m)
}

fn receiver(r: &Receiver, secrets_dir: &str) -> Node {
    receiver_node(r, IntegrationKind::config_key, |f| {
        let value = match &f.value {
            // The file's path where the Secret is mounted.
            FieldValue::Secret(s) => Node::str(format!("{secrets_dir}/{}", s.key)),
            other => plain(other),
        };
        (f.config_key, value)
    })
}

/// A receiver as a map of its integrations: one list per kind, in the order the kinds
/// first appear. `list` names a kind's list and `field` gives a field's path and value:
/// alertmanager.yml and the AlertmanagerConfig differ only in those.
pub fn receiver_node(
    r: &Receiver,
    list: impl Fn(IntegrationKind) -> &'static str,
    field: impl Fn(&Field) -> (&'static str, Node),
) -> Node {
    let mut m = vec![("name".to_string(), Node::str(r.name.as_str()))];
    let mut lists: Vec<(&'static str, Vec<Node>)> = Vec::new();
    for i in &r.integrations {
        let mut fields = Vec::new();
        for f in &i.fields {
            let (path, value) = field(f);
            insert_path(&mut fields, path, value);
        }
        let node = Node::Map(fields);
        let key = list(i.kind);
        match lists.iter_mut().find(|(k, _)| *k == key) {
            Some((_, nodes)) => nodes.push(node),
            None => lists.push((key, vec![node])),
        }
    }
    m.extend(
        lists
            .into_iter()
            .map(|(k, l)| (k.to_string(), Node::Seq(l))),
    );
    Node::Map(m)
}

/// A field's value that is not a secret.
pub fn plain(value: &FieldValue) -> Node {
    match value {
        FieldValue::Text(t) => Node::str(t.as_str()),
        FieldValue::Bool(b) => Node::Bool(*b),
        FieldValue::Number(n) => Node::Int(*n as i64),
        // Each output writes a secret its own way; a caller that gets here has none.
        FieldValue::Secret(s) => Node::str(s.key.as_str()),
    }
}

/// Puts `value` at a `.`-separated `path` of nested maps, sharing the maps on the way.
pub fn insert_path(map: &mut Vec<(String, Node)>, path: &str, value: Node) {
    match path.split_once('.') {
        None => map.push((path.to_string(), value)),
        Some((first, rest)) => {
            let at = match map.iter().position(|(k, _)| k == first) {
                Some(at) => at,
                None => {
                    map.push((first.to_string(), Node::Map(Vec::new())));
                    map.len() - 1
                }
            };
            if let Node::Map(inner) = &mut map[at].1 {
                insert_path(inner, rest, value);
            }
        }
    }
}

fn time_interval(t: &TimeInterval) -> Node {
    let mut spec: Vec<(String, Node)> = Vec::new();
    if !t.times.is_empty() {
        let times = t.times.iter().map(|(start, end)| {
            Node::map([
                ("start_time", Node::str(start.as_str())),
                ("end_time", Node::str(end.as_str())),
            ])
        });
        spec.push(("times".into(), Node::Seq(times.collect())));
    }
    for (key, list) in [
        ("weekdays", &t.weekdays),
        ("days_of_month", &t.days_of_month),
        ("months", &t.months),
        ("years", &t.years),
    ] {
        if !list.is_empty() {
            spec.push((key.into(), strings(list)));
        }
    }
    if let Some(location) = &t.location {
        spec.push(("location".into(), Node::str(location.as_str())));
    }
    Node::map([
        ("name", Node::str(t.name.as_str())),
        ("time_intervals", Node::Seq(vec![Node::Map(spec)])),
    ])
}
