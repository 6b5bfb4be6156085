//! Prometheus rule files (`promtool check rules` passes) and promtool unit test files.

use crate::emit::duration;
use crate::emit::header;
use crate::emit::yaml::{self, Node};
use crate::model::{
    AlertExpectation, AlertRule, Millis, Pair, QueryExpectation, RecordingRule, Rule, RuleGroup,
    RuleSet, RuleTest, TestSeries,
};

fn dur(d: Millis) -> Node {
    Node::str(duration::prometheus(d))
}

fn pairs(p: &[Pair]) -> Node {
    Node::string_map(p.iter().map(|p| (p.key.as_str(), p.value.as_str())))
}

/// The `groups` list, shared by the rule file and the PrometheusRule `spec`.
pub fn groups(rule_set: &RuleSet) -> Node {
    Node::Seq(rule_set.groups.iter().map(group).collect())
}

fn group(g: &RuleGroup) -> Node {
    let mut m = vec![("name".to_string(), Node::str(&g.name))];
    if let Some(i) = g.interval {
        m.push(("interval".to_string(), dur(i)));
    }
    if let Some(l) = g.limit {
        m.push((
            "limit".to_string(),
            Node::Int(i64::try_from(l).unwrap_or(i64::MAX)),
        ));
    }
    // Written only when set: promtool before 2.53 rejects the field.
    if let Some(o) = g.query_offset {
        m.push(("query_offset".to_string(), dur(o)));
    }
    m.push((
        "rules".to_string(),
        Node::Seq(g.rules.iter().map(rule).collect()),
    ));
    Node::Map(m)
}

fn rule(r: &Rule) -> Node {
    match r {
        Rule::Alert(a) => alert(a),
        Rule::Record(r) => record(r),
    }
}

fn alert(a: &AlertRule) -> Node {
    let mut m = vec![
        ("alert".to_string(), Node::str(&a.name)),
        ("expr".to_string(), Node::str(&a.expr.text)),
    ];
    if let Some(f) = a.for_ {
        m.push(("for".to_string(), dur(f)));
    }
    if let Some(k) = a.keep_firing_for {
        m.push(("keep_firing_for".to_string(), dur(k)));
    }
    if !a.labels.is_empty() {
        m.push(("labels".to_string(), pairs(&a.labels)));
    }
    if !a.annotations.is_empty() {
        m.push(("annotations".to_string(), pairs(&a.annotations)));
    }
    Node::Map(m)
}

fn record(r: &RecordingRule) -> Node {
    let mut m = vec![
        ("record".to_string(), Node::str(&r.record)),
        ("expr".to_string(), Node::str(&r.expr.text)),
    ];
    if !r.labels.is_empty() {
        m.push(("labels".to_string(), pairs(&r.labels)));
    }
    Node::Map(m)
}

/// `<name>.rules.yml`: the plain rule file.
pub fn rules_file(rule_set: &RuleSet) -> String {
    format!(
        "{}{}",
        header(),
        yaml::to_string(&Node::map([("groups", groups(rule_set))]))
    )
}

/// `<name>.test.yml` for `promtool test rules`, or `None` when the set has no tests.
pub fn test_file(rule_set: &RuleSet, slug: &str) -> Option<String> {
    let tests: Vec<Node> = rule_set
        .groups
        .iter()
        .flat_map(|g| &g.tests)
        .map(test)
        .collect();
    if tests.is_empty() {
        return None;
    }
    let doc = Node::map([
        (
            "rule_files",
            Node::Seq(vec![Node::str(crate::layout::rules_file_name(slug))]),
        ),
        ("evaluation_interval", Node::str("1m")),
        ("tests", Node::Seq(tests)),
    ]);
    let mut text = header().to_string();
    text.push_str(&format!("# {}\n", test_header(rule_set)));
    text.push_str(&yaml::to_string(&doc));
    Some(text)
}

fn test_header(rule_set: &RuleSet) -> String {
    format!(
        "promtool unit tests of rule set `{}`; run with `promtool test rules <this file>`",
        rule_set.name
    )
}

fn test(t: &RuleTest) -> Node {
    let mut m = vec![("name".to_string(), Node::str(&t.name))];
    m.push((
        "interval".to_string(),
        dur(t.interval.unwrap_or(Millis(60_000))),
    ));
    m.push((
        "input_series".to_string(),
        Node::Seq(t.series.iter().map(series).collect()),
    ));
    if !t.alerts.is_empty() {
        m.push((
            "alert_rule_test".to_string(),
            Node::Seq(t.alerts.iter().map(alert_test).collect()),
        ));
    }
    if !t.queries.is_empty() {
        m.push((
            "promql_expr_test".to_string(),
            Node::Seq(t.queries.iter().map(query_test).collect()),
        ));
    }
    Node::Map(m)
}

fn series(s: &TestSeries) -> Node {
    Node::map([
        ("series", Node::str(&s.series)),
        ("values", Node::str(&s.values)),
    ])
}

fn alert_test(a: &AlertExpectation) -> Node {
    let expected = a
        .alerts
        .iter()
        .map(|e| {
            let mut m = vec![("exp_labels".to_string(), pairs(&e.labels))];
            if !e.annotations.is_empty() {
                m.push(("exp_annotations".to_string(), pairs(&e.annotations)));
            }
            Node::Map(m)
        })
        .collect();
    Node::map([
        ("eval_time", dur(a.eval_time)),
        ("alertname", Node::str(&a.alert)),
        ("exp_alerts", Node::Seq(expected)),
    ])
}

fn query_test(q: &QueryExpectation) -> Node {
    let samples = q
        .samples
        .iter()
        .map(|s| {
            Node::map([
                ("labels", Node::str(&s.labels)),
                ("value", Node::Float(s.value)),
            ])
        })
        .collect();
    Node::map([
        ("expr", Node::str(&q.expr)),
        ("eval_time", dur(q.eval_time)),
        ("exp_samples", Node::Seq(samples)),
    ])
}
