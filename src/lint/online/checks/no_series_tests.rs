use super::*;

fn selector(metric: &str, matchers: &[(&str, MatchOp, &str)]) -> Selector {
    Selector {
        metric: metric.to_string(),
        matchers: matchers
            .iter()
            .map(|(label, op, value)| LabelMatcher {
                label: label.to_string(),
                op: *op,
                value: value.to_string(),
                span: crate::diagnostic::Span::DUMMY,
                value_span: crate::diagnostic::Span::DUMMY,
            })
            .collect(),
        metric_span: crate::diagnostic::Span::DUMMY,
        partial: false,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// `trade_orders_total` with labels symbol (3 values) and side (2 values).
fn trade_facts() -> SelectorFacts {
    SelectorFacts {
        matches: false,
        labels: strings(&["__name__", "instance", "job", "side", "symbol"]),
        metric_names: Vec::new(),
        values: [
            (
                "symbol".to_string(),
                strings(&["BTCUSDT", "ETHUSDT", "SOLUSDT"]),
            ),
            ("side".to_string(), strings(&["buy", "sell"])),
        ]
        .into_iter()
        .collect(),
    }
}

#[test]
fn a_matching_selector_has_no_finding() {
    let facts = SelectorFacts {
        matches: true,
        ..SelectorFacts::default()
    };
    assert_eq!(explain(&selector("up", &[]), &facts), None);
}

#[test]
fn a_missing_metric_suggests_the_closest_name() {
    let facts = SelectorFacts {
        metric_names: strings(&["trade_orders_total", "up"]),
        ..SelectorFacts::default()
    };
    assert_eq!(
        explain(&selector("trade_order_total", &[]), &facts),
        Some(NoSeries::MetricMissing {
            metric: "trade_order_total".into(),
            closest: Some("trade_orders_total".into()),
        })
    );
}

#[test]
fn a_missing_label_is_named() {
    let s = selector("trade_orders_total", &[("sid", MatchOp::Equal, "buy")]);
    assert_eq!(
        explain(&s, &trade_facts()),
        Some(NoSeries::LabelMissing {
            metric: "trade_orders_total".into(),
            label: "sid".into(),
            closest: Some("side".into()),
        })
    );
}

#[test]
fn a_matcher_that_keeps_absent_labels_needs_no_label() {
    // `exchange!="x"` keeps series without `exchange`: not the reason for no series.
    let s = selector(
        "trade_orders_total",
        &[
            ("exchange", MatchOp::NotEqual, "x"),
            ("side", MatchOp::Equal, "hold"),
        ],
    );
    assert!(matches!(
        explain(&s, &trade_facts()),
        Some(NoSeries::ValueMissing { label, .. }) if label == "side"
    ));
}

#[test]
fn a_missing_value_suggests_the_closest_value() {
    let s = selector(
        "trade_orders_total",
        &[("symbol", MatchOp::Equal, "BTCUSD")],
    );
    assert_eq!(
        explain(&s, &trade_facts()),
        Some(NoSeries::ValueMissing {
            metric: "trade_orders_total".into(),
            label: "symbol".into(),
            op: MatchOp::Equal,
            value: "BTCUSD".into(),
            closest: Some("BTCUSDT".into()),
            known: 3,
        })
    );
}

#[test]
fn a_regex_no_value_matches_is_a_missing_value() {
    let s = selector(
        "trade_orders_total",
        &[("side", MatchOp::Regex, "long|short")],
    );
    assert!(matches!(
        explain(&s, &trade_facts()),
        Some(NoSeries::ValueMissing {
            op: MatchOp::Regex,
            closest: None,
            known: 2,
            ..
        })
    ));
    // A regex some value matches is not the reason.
    let s = selector("trade_orders_total", &[("side", MatchOp::Regex, "b.*")]);
    assert!(matches!(
        explain(&s, &trade_facts()),
        Some(NoSeries::NoCombination { .. })
    ));
}

#[test]
fn matchers_each_fine_but_not_together() {
    let s = selector(
        "trade_orders_total",
        &[
            ("symbol", MatchOp::Equal, "SOLUSDT"),
            ("side", MatchOp::Equal, "sell"),
        ],
    );
    assert_eq!(
        explain(&s, &trade_facts()),
        Some(NoSeries::NoCombination {
            metric: "trade_orders_total".into()
        })
    );
}

#[test]
fn findings_say_what_is_wrong_and_point_at_it() {
    use crate::diagnostic::FileId;
    let mut s = selector(
        "trade_orders_total",
        &[
            ("symbol", MatchOp::Equal, "BTCUSD"),
            ("side", MatchOp::Equal, "buy"),
        ],
    );
    s.metric_span = Span::new(FileId(1), 0, 18);
    s.matchers[0].span = Span::new(FileId(1), 19, 34);
    s.matchers[0].value_span = Span::new(FileId(1), 26, 34);
    s.matchers[1].span = Span::new(FileId(1), 36, 46);
    let finding = explain(&s, &trade_facts()).unwrap();
    assert_eq!(
        finding.to_string(),
        "no series of `trade_orders_total` has symbol=\"BTCUSD\": none of the 3 values of \
         `symbol` matches; did you mean \"BTCUSDT\"?"
    );
    assert_eq!(finding.span(&s), Span::new(FileId(1), 26, 34));
    let together = NoSeries::NoCombination {
        metric: "trade_orders_total".into(),
    };
    assert_eq!(together.span(&s), Span::new(FileId(1), 19, 46));
    let missing = NoSeries::MetricMissing {
        metric: "trade_order_total".into(),
        closest: Some("trade_orders_total".into()),
    };
    assert_eq!(missing.span(&s), Span::new(FileId(1), 0, 18));
    assert_eq!(
        missing.to_string(),
        "Prometheus has no series named `trade_order_total`: nothing exports it, or nothing \
         scrapes it; did you mean `trade_orders_total`?"
    );
}
