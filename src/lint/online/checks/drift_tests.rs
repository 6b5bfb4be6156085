use super::*;
use crate::diagnostic::Span;
use crate::model::MetricLabel;

fn metric(kind: MetricKind, labels: &[(&str, Option<u64>)]) -> Metric {
    Metric {
        name: "trade_orders_total".to_string(),
        kind,
        help: String::new(),
        labels: labels
            .iter()
            .map(|(name, n)| MetricLabel {
                name: name.to_string(),
                cardinality: n.map_or(Cardinality::Unbounded, Cardinality::Bounded),
                span: Span::DUMMY,
            })
            .collect(),
        buckets: None,
        series: None,
        span: Span::DUMMY,
    }
}

fn live(labels: &[(&str, u64)]) -> LiveLabels {
    labels.iter().map(|(l, n)| (l.to_string(), *n)).collect()
}

#[test]
fn a_catalog_that_matches_reality_has_no_drift() {
    let m = metric(
        MetricKind::Counter,
        &[("symbol", Some(4)), ("side", Some(2))],
    );
    let l = live(&[
        ("__name__", 1),
        ("instance", 1),
        ("job", 1),
        ("symbol", 4),
        ("side", 2),
    ]);
    assert_eq!(catalog_drift(&m, Some(&l), &[]), vec![]);
}

#[test]
fn twice_off_is_not_yet_drift_more_is() {
    let m = metric(MetricKind::Counter, &[("symbol", Some(4))]);
    assert_eq!(
        catalog_drift(&m, Some(&live(&[("symbol", 8)])), &[]),
        vec![]
    );
    assert_eq!(
        catalog_drift(&m, Some(&live(&[("symbol", 2)])), &[]),
        vec![]
    );
    assert_eq!(
        catalog_drift(&m, Some(&live(&[("symbol", 9)])), &[]),
        vec![Drift::Understated {
            label: "symbol".into(),
            catalog: 4,
            live: 9
        }]
    );
    assert_eq!(
        catalog_drift(&m, Some(&live(&[("symbol", 1)])), &[]),
        vec![Drift::Overstated {
            label: "symbol".into(),
            catalog: 4,
            live: 1
        }]
    );
}

#[test]
fn label_sets_are_compared_both_ways() {
    let m = metric(
        MetricKind::Counter,
        &[("symbol", Some(4)), ("exchange", Some(3))],
    );
    let l = live(&[
        ("__name__", 1),
        ("job", 1),
        ("symbol", 4),
        ("side", 2),
        ("pod", 3),
    ]);
    assert_eq!(
        catalog_drift(&m, Some(&l), &["pod"]),
        vec![
            Drift::Unlisted {
                label: "side".into(),
                live: 2
            },
            Drift::Absent {
                label: "exchange".into()
            },
        ]
    );
}

#[test]
fn unbounded_labels_and_exposition_labels_do_not_drift() {
    let m = metric(MetricKind::Histogram, &[("user_id", None)]);
    let l = live(&[("user_id", 100_000), ("le", 13)]);
    assert_eq!(catalog_drift(&m, Some(&l), &[]), vec![]);
    assert_eq!(live_name(&m), "trade_orders_total_bucket");
    let m = metric(MetricKind::Summary, &[]);
    assert_eq!(
        catalog_drift(&m, Some(&live(&[("quantile", 3)])), &[]),
        vec![]
    );
    assert_eq!(catalog_drift(&m, None, &[]), vec![Drift::NotExported]);
}

#[test]
fn drift_says_what_to_change() {
    let understated = Drift::Understated {
        label: "symbol".into(),
        catalog: 4,
        live: 9,
    };
    assert_eq!(
        understated.to_string(),
        "`symbol` has 9 values live, more than 2× the catalog's 4: the offline estimates are \
         too low; raise it"
    );
    let unlisted = Drift::Unlisted {
        label: "side".into(),
        live: 2,
    };
    assert!(unlisted.to_string().contains("`side` (2 values)"));
}
