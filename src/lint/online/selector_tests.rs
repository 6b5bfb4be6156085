use super::*;
use crate::diagnostic::FileId;
use crate::promql::ast::ExprKind;
use crate::promql::{ParseOptions, parse};

fn selector(text: &str) -> Option<Selector> {
    let opts = ParseOptions {
        grafana: true,
        ..ParseOptions::new(FileId(0))
    };
    let expr = parse(text, &opts).expect("test queries parse");
    match expr.kind {
        ExprKind::Vector(vs) => Selector::from_ast(&vs),
        other => panic!("not a selector: {other:?}"),
    }
}

#[test]
fn literal_selectors_round_trip_to_promql() {
    let s = selector(r#"trade_orders_total{symbol="BTC\"X", side=~"buy|sell"}"#).unwrap();
    assert_eq!(s.metric, "trade_orders_total");
    assert_eq!(
        s.to_promql(),
        r#"trade_orders_total{symbol="BTC\"X", side=~"buy|sell"}"#
    );
    assert!(!s.partial);
    let s = selector(r#"{__name__="up", job="a"}"#).unwrap();
    assert_eq!(s.to_promql(), r#"up{job="a"}"#);
}

#[test]
fn grafana_variables_are_left_out() {
    let s = selector(r#"http_requests_total{job="$job", code="500"}"#).unwrap();
    assert_eq!(s.to_promql(), r#"http_requests_total{code="500"}"#);
    assert!(s.partial);
    assert_eq!(selector(r#"${metric}_total{job="a"}"#), None);
    assert_eq!(selector(r#"{job="a"}"#), None);
}

#[test]
fn matchers_match_like_prometheus() {
    let s = selector(r#"m{a="x", b!="x", c=~"x|y", d!~"x.*", e="", f=~".*"}"#).unwrap();
    let [a, b, c, d, e, f] = &s.matchers[..] else {
        panic!("six matchers")
    };
    assert_eq!(a.matches("x"), Some(true));
    assert_eq!(c.matches("y"), Some(true));
    assert_eq!(c.matches("xy"), Some(false), "anchored");
    assert_eq!(d.matches("xz"), Some(false));
    assert!(a.needs_label() && c.needs_label());
    assert!(!b.needs_label() && !d.needs_label() && !e.needs_label() && !f.needs_label());
}
