use super::*;
use crate::model::{AlertRule, Millis, Query, RuleGroup, RuleSet};
use crate::promql::ast::{Expr, ExprKind};

fn file(text: &str) -> (SourceMap, FileId) {
    let mut sources = SourceMap::new();
    let id = sources.add("a.dac", text);
    (sources, id)
}

/// A project with one rule set holding one alert, at the given byte ranges.
fn project(file: FileId, set: (usize, usize), alert: (usize, usize)) -> Project {
    let span = |(s, e): (usize, usize)| Span::new(file, s, e);
    let expr = Expr {
        kind: ExprKind::Number {
            value: 1.0,
            raw: "1".into(),
        },
        span: span(alert),
    };
    let alert = AlertRule {
        name: "A".into(),
        name_span: span(alert),
        expr: Query {
            expr,
            text: "1".into(),
            span: span(alert),
        },
        for_: Some(Millis(60_000)),
        keep_firing_for: None,
        labels: Vec::new(),
        annotations: Vec::new(),
        label_refs: Vec::new(),
        span: span(alert),
    };
    Project {
        rule_sets: vec![RuleSet {
            name: "s".into(),
            name_span: span(set),
            labels: Vec::new(),
            groups: vec![RuleGroup {
                name: "g".into(),
                interval: None,
                limit: None,
                query_offset: None,
                rules: vec![Rule::Alert(alert)],
                tests: Vec::new(),
                span: span(set),
            }],
            span: span(set),
        }],
        ..Project::default()
    }
}

#[test]
fn a_comment_before_a_block_covers_that_block() {
    let text = "rules \"s\" {\n  # dac: disable alert/for, alert/summary -- fires at once\n  alert \"A\" {}\n}\n";
    let (sources, id) = file(text);
    let alert_at = text.find("alert \"A\"").unwrap();
    let p = project(id, (0, text.len()), (alert_at, alert_at + 12));
    let found = find(&p, &sources);
    assert_eq!(found.len(), 1);
    let s = &found[0];
    let names: Vec<&str> = s.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["alert/for", "alert/summary"]);
    assert_eq!(
        &text[s.rules[1].span.start as usize..s.rules[1].span.end as usize],
        "alert/summary"
    );
    assert_eq!(s.reason, "fires at once");
    assert_eq!(s.covers, Some(Span::new(id, alert_at, alert_at + 12)));
    assert!(s.covers("alert/for", Span::new(id, alert_at + 1, alert_at + 2)));
    assert!(!s.covers("alert/for", Span::new(id, 0, 1)));
    assert!(!s.covers("record/name", Span::new(id, alert_at + 1, alert_at + 2)));
}

#[test]
fn a_comment_at_the_top_covers_the_file_and_one_elsewhere_nothing() {
    let text = "# dac: disable record/name\n\nrules \"s\" {\n  # dac: disable alert/for -- x\n\n  alert \"A\" {}\n}\n";
    let (sources, id) = file(text);
    let set_at = text.find("rules").unwrap();
    let alert_at = text.find("alert \"A\"").unwrap();
    let p = project(id, (set_at, text.len()), (alert_at, alert_at + 12));
    let found = find(&p, &sources);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].covers, Some(Span::new(id, 0, text.len())));
    assert_eq!(found[0].reason, "");
    // A blank line between the comment and the alert: it is before no block.
    assert_eq!(found[1].covers, None);
}

#[test]
fn other_comments_are_not_suppressions() {
    let text = "# dac is nice\n# dac: enable x\nrules \"s\" {}\n";
    let (sources, id) = file(text);
    let p = project(id, (28, text.len()), (28, 30));
    assert!(find(&p, &sources).is_empty());
}
