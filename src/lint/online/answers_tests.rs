use super::*;
use serde_json::json;

#[test]
fn series_are_label_sets() {
    let data = json!([{"__name__": "up", "job": "a"}, {"__name__": "up", "job": "b"}]);
    let got = series(&data).unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["job"], "b");
    assert!(series(&json!([{"job": 1}])).is_err());
    assert!(series(&json!({"job": "a"})).is_err());
}

#[test]
fn targets_read_job_and_interval() {
    let data = json!({"activeTargets": [
        {"labels": {"job": "trade"}, "scrapePool": "pool", "scrapeUrl": "http://a/metrics",
         "scrapeInterval": "15s", "health": "up"},
        {"labels": {}, "scrapePool": "pool", "scrapeUrl": "http://b/metrics", "health": "down"}
    ], "droppedTargets": []});
    let got = targets(&data).unwrap();
    assert_eq!(got[0].job, "trade");
    assert_eq!(got[0].scrape_interval_ms, Some(15_000));
    assert_eq!(got[1].job, "pool");
    assert_eq!(got[1].scrape_interval_ms, None);
    let bad = json!({"activeTargets": [{"labels": {"job": "x"}, "scrapeInterval": "soon"}]});
    assert!(targets(&bad).is_err());
}

#[test]
fn tsdb_status_reads_counts() {
    let data = json!({
        "headStats": {"numSeries": 42},
        "seriesCountByMetricName": [{"name": "trade_orders_total", "value": 7}],
        "labelValueCountByLabelName": [{"name": "symbol", "value": 4}]
    });
    let got = tsdb_status(&data).unwrap();
    assert_eq!(got.head_series, 42);
    assert_eq!(
        got.series_by_metric,
        vec![("trade_orders_total".to_string(), 7)]
    );
    assert!(tsdb_status(&json!({})).is_err());
}
