use super::*;
use crate::diagnostic::Span;
use crate::model::Millis;

fn target(job: &str, interval: Option<u64>) -> Target {
    Target {
        job: job.to_string(),
        scrape_url: String::new(),
        scrape_interval_ms: interval,
        health: "up".to_string(),
    }
}

fn service(job: &str, interval: Option<u64>) -> Service {
    Service {
        name: job.to_string(),
        name_span: Span::DUMMY,
        job: job.to_string(),
        monitor: true,
        port: "metrics".to_string(),
        path: "/metrics".to_string(),
        interval: interval.map(Millis),
        scrape_timeout: None,
        replicas: None,
        namespace: None,
        selector: Vec::new(),
        metrics: Vec::new(),
        span: Span::DUMMY,
        job_span: None,
        port_span: None,
        discovery: crate::model::Discovery::Endpoints,
    }
}

#[test]
fn intervals_are_grouped_by_job() {
    let jobs = intervals_by_job(&[
        target("trade", Some(15_000)),
        target("trade", Some(15_000)),
        target("data", Some(30_000)),
        target("data", Some(60_000)),
        target("old", None),
    ]);
    assert_eq!(jobs["trade"], BTreeSet::from([15_000]));
    assert_eq!(jobs["data"], BTreeSet::from([30_000, 60_000]));
    assert!(jobs["old"].is_empty());
}

#[test]
fn a_range_under_four_scrapes_is_too_short() {
    let fifteen = BTreeSet::from([15_000]);
    assert_eq!(
        range_too_short(30_000, &fifteen),
        Some(RangeTooShort {
            range_ms: 30_000,
            interval_ms: 15_000,
            minimum_ms: 60_000
        })
    );
    assert_eq!(range_too_short(60_000, &fifteen), None);
    assert_eq!(
        range_too_short(30_000, &fifteen).unwrap().to_string(),
        "the range 30s spans fewer than 4 scrapes of the 15s interval Prometheus scrapes this \
         job at; use at least 1m"
    );
    // The slowest target decides.
    assert!(range_too_short(60_000, &BTreeSet::from([15_000, 30_000])).is_some());
    assert_eq!(range_too_short(1_000, &BTreeSet::new()), None);
}

#[test]
fn catalog_intervals_are_checked_against_targets() {
    let live = intervals_by_job(&[target("trade", Some(15_000))]);
    assert_eq!(interval_drift(&service("trade", Some(15_000)), &live), None);
    assert_eq!(interval_drift(&service("trade", None), &live), None);
    assert_eq!(
        interval_drift(&service("trade", Some(30_000)), &live),
        Some(IntervalDrift::Differs {
            catalog_ms: 30_000,
            live_ms: vec![15_000]
        })
    );
    assert_eq!(
        interval_drift(&service("trade", Some(30_000)), &live)
            .unwrap()
            .to_string(),
        "the catalog says this job is scraped every 30s, Prometheus scrapes it every 15s; set \
         the catalog's `interval` to what is deployed"
    );
    assert_eq!(
        interval_drift(&service("gone", Some(30_000)), &live),
        Some(IntervalDrift::NotScraped)
    );
}
