use super::*;
use crate::lint::online::answers::Target;
use crate::lint::online::checks::no_series::{NoSeries, explain};
use crate::lint::online::error::ApiErrorKind;
use crate::lint::online::memory::MemoryPrometheus;
use crate::promql::ast::MatchOp;

fn trade() -> MemoryPrometheus {
    MemoryPrometheus::with_series(&[
        r#"trade_orders_total{job="trade", symbol="BTCUSDT", side="buy"}"#,
        r#"trade_orders_total{job="trade", symbol="BTCUSDT", side="sell"}"#,
        r#"trade_orders_total{job="trade", symbol="ETHUSDT", side="buy"}"#,
        r#"up{job="trade"}"#,
    ])
}

fn sel(metric: &str, matchers: &[(&str, &str)]) -> Selector {
    Selector {
        metric: metric.to_string(),
        matchers: matchers
            .iter()
            .map(|(l, v)| crate::lint::online::selector::LabelMatcher {
                label: l.to_string(),
                op: MatchOp::Equal,
                value: v.to_string(),
                span: crate::diagnostic::Span::DUMMY,
                value_span: crate::diagnostic::Span::DUMMY,
            })
            .collect(),
        metric_span: crate::diagnostic::Span::DUMMY,
        partial: false,
    }
}

#[test]
fn a_matching_selector_costs_one_request() {
    let api = trade();
    let facts = selector_facts(&api, &sel("trade_orders_total", &[("side", "buy")])).unwrap();
    assert!(facts.matches);
    assert_eq!(api.requests(), 1);
}

#[test]
fn facts_explain_a_missing_value_and_a_missing_combination() {
    let api = trade();
    let s = sel("trade_orders_total", &[("symbol", "ETHUSD")]);
    assert!(matches!(
        explain(&s, &selector_facts(&api, &s).unwrap()),
        Some(NoSeries::ValueMissing { closest: Some(c), known: 2, .. }) if c == "ETHUSDT"
    ));
    let s = sel(
        "trade_orders_total",
        &[("symbol", "ETHUSDT"), ("side", "sell")],
    );
    assert!(matches!(
        explain(&s, &selector_facts(&api, &s).unwrap()),
        Some(NoSeries::NoCombination { .. })
    ));
    let s = sel("trade_order_total", &[]);
    assert!(matches!(
        explain(&s, &selector_facts(&api, &s).unwrap()),
        Some(NoSeries::MetricMissing { closest: Some(c), .. }) if c == "trade_orders_total"
    ));
}

#[test]
fn live_count_follows_whether_the_server_honours_limit() {
    let mut api = trade();
    let orders = sel("trade_orders_total", &[]);
    assert_eq!(live_count(&api, &orders, 1).unwrap(), SeriesCount::Exact(3));
    api.honours_limit = true;
    assert_eq!(
        live_count(&api, &orders, 1).unwrap(),
        SeriesCount::AtLeast(2)
    );
    assert_eq!(live_count(&api, &orders, 5).unwrap(), SeriesCount::Exact(3));
}

#[test]
fn live_labels_count_each_labels_values() {
    let api = trade();
    let live = live_labels(&api, "trade_orders_total").unwrap().unwrap();
    let expected: LiveLabels = [("__name__", 1), ("job", 1), ("side", 2), ("symbol", 2)]
        .iter()
        .map(|(l, n)| (l.to_string(), *n))
        .collect();
    assert_eq!(live, expected);
    assert_eq!(live_labels(&api, "nothing").unwrap(), None);
}

#[test]
fn scrape_intervals_come_from_targets() {
    let mut api = trade();
    api.targets = vec![Target {
        job: "trade".into(),
        scrape_url: "http://a/metrics".into(),
        scrape_interval_ms: Some(15_000),
        health: "up".into(),
    }];
    assert_eq!(
        scrape_intervals(&api).unwrap()["trade"],
        BTreeSet::from([15_000])
    );
}

#[test]
fn a_bad_selector_is_the_servers_400() {
    let api = trade();
    let error = api.series("trade_orders_total{", None).unwrap_err();
    assert!(
        matches!(error.kind, ApiErrorKind::Status { code: 400, .. }),
        "{error:?}"
    );
}
