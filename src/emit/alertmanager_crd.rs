//! The routing block as the Prometheus Operator's `AlertmanagerConfig`
//! (`monitoring.coreos.com/v1alpha1`). Each secret is a `SecretKeySelector`: the
//! routing's `secret`, and the secret file's name as the key, so the Secret is made
//! from the same files: `kubectl create secret generic NAME --from-file=secrets/`.

use crate::config::Config;
use crate::emit::alertmanager::{RouteSpelling, plain, receiver_node, route_node, strings};
use crate::emit::kubernetes::{document, labels, metadata};
use crate::emit::yaml::Node;
use crate::layout::slug;
use crate::model::{
    FieldValue, InhibitRule, IntegrationKind, Receiver, Route, RouteMatcher, Routing, TimeInterval,
};

pub fn alertmanager_config(routing: &Routing, config: &Config) -> String {
    let metadata = metadata(
        &slug(&routing.name, 63),
        &config.namespace,
        labels(std::iter::empty()),
        None,
    );
    let mut spec = vec![("route".to_string(), route(&routing.route))];
    let receivers = routing
        .receivers
        .iter()
        .map(|r| receiver(r, &routing.secret))
        .collect();
    spec.push(("receivers".into(), Node::Seq(receivers)));
    if !routing.inhibit_rules.is_empty() {
        let rules = routing.inhibit_rules.iter().map(inhibit_rule).collect();
        spec.push(("inhibitRules".into(), Node::Seq(rules)));
    }
    if !routing.time_intervals.is_empty() {
        let intervals = routing.time_intervals.iter().map(time_interval).collect();
        spec.push(("muteTimeIntervals".into(), Node::Seq(intervals)));
    }
    document(
        "monitoring.coreos.com/v1alpha1",
        "AlertmanagerConfig",
        metadata,
        ("spec", Node::Map(spec)),
    )
}

fn matchers(list: &[RouteMatcher]) -> Node {
    Node::Seq(
        list.iter()
            .map(|m| {
                Node::map([
                    ("name", Node::str(m.label.as_str())),
                    ("value", Node::str(m.value.as_str())),
                    ("matchType", Node::str(m.op.symbol())),
                ])
            })
            .collect(),
    )
}

/// The AlertmanagerConfig's spelling of a route.
const CRD_ROUTE: RouteSpelling = RouteSpelling {
    group_by: "groupBy",
    group_wait: "groupWait",
    group_interval: "groupInterval",
    repeat_interval: "repeatInterval",
    mute_time_intervals: "muteTimeIntervals",
    active_time_intervals: "activeTimeIntervals",
    matchers,
};

fn route(r: &Route) -> Node {
    route_node(r, &CRD_ROUTE)
}

fn inhibit_rule(rule: &InhibitRule) -> Node {
    let mut m = vec![
        ("sourceMatch".to_string(), matchers(&rule.source_matchers)),
        ("targetMatch".to_string(), matchers(&rule.target_matchers)),
    ];
    if !rule.equal.is_empty() {
        let equal = rule.equal.iter().map(|(l, _)| Node::str(l.as_str()));
        m.push(("equal".into(), Node::Seq(equal.collect())));
    }
    Node::Map(m)
}

fn receiver(r: &Receiver, secret: &str) -> Node {
    receiver_node(r, IntegrationKind::crd_key, |f| {
        let value = match &f.value {
            // A key of the Secret that holds the files.
            FieldValue::Secret(s) => Node::map([
                ("name", Node::str(secret)),
                ("key", Node::str(s.key.as_str())),
            ]),
            other => plain(other),
        };
        (f.crd_key, value)
    })
}

/// A time interval; the CRD has no `location`, so its times are UTC there (the docs say
/// so).
fn time_interval(t: &TimeInterval) -> Node {
    let mut spec: Vec<(String, Node)> = Vec::new();
    if !t.times.is_empty() {
        let times = t.times.iter().map(|(start, end)| {
            Node::map([
                ("startTime", Node::str(start.as_str())),
                ("endTime", Node::str(end.as_str())),
            ])
        });
        spec.push(("times".into(), Node::Seq(times.collect())));
    }
    if !t.weekdays.is_empty() {
        spec.push(("weekdays".into(), strings(&t.weekdays)));
    }
    if !t.days_of_month.is_empty() {
        let days = t.days_of_month.iter().map(|d| {
            let (start, end) = d.split_once(':').unwrap_or((d, d));
            let num = |s: &str| Node::Int(s.parse().unwrap_or(0));
            Node::map([("start", num(start)), ("end", num(end))])
        });
        spec.push(("daysOfMonth".into(), Node::Seq(days.collect())));
    }
    if !t.months.is_empty() {
        spec.push(("months".into(), strings(&t.months)));
    }
    if !t.years.is_empty() {
        spec.push(("years".into(), strings(&t.years)));
    }
    Node::map([
        ("name", Node::str(t.name.as_str())),
        ("timeIntervals", Node::Seq(vec![Node::Map(spec)])),
    ])
}
