//! kube-prometheus' 234 rules (tests/data/kube-prometheus-dac) through `dac lint`: the
//! rules that must not fire on well-written upstream rules do not, and what does fire
//! was reviewed by hand. The only errors are five true ones: Alertmanager mixin alerts
//! whose description reads `{{$labels.job}}` after `sum by (namespace, service)`
//! dropped `job`, so it renders empty. The warnings, reviewed:
//! - `record/name`: two-part names (`apiserver_request:burnrate1h`, `count:up1`),
//!   four-part ones (`instance:node_cpu:rate:sum`) and empty parts
//!   (`node_namespace_pod:kube_pod_info:`): upstream does not follow
//!   `level:metric:operations` there;
//! - `alert/for`: alerts without `for` (certificate expiry, RAID disk failure, the
//!   Watchdog);
//! - `alert/severity`: `severity: none` on the Watchdog and the InfoInhibitor, which a
//!   project allowing it lists in `alert_severities`;
//! - `alert/no-condition`: the Watchdog (`vector(1)`), which always fires by design;
//! - `alert/summary`: GrafanaRequestsFailing has a description and no summary.
//! - `promql/regex`: the Alertmanager mixin's `integration=~".*"` and `integration!~".*"`
//!   (its critical-integrations regex at its default, `.*`, which makes the
//!   non-critical alerts select nothing) and the Prometheus mixin's `alertmanager!~""`
//!   (an empty exclusion regex, `!=""` in effect): its configurable regexes at their
//!   defaults;
//! - `promql/rate-interval`: node-exporter and apiserver rules with `[1m]` to `[3m]`
//!   ranges. kube-prometheus scrapes node-exporter every 15s, which these sources do
//!   not say: without a catalog, dac assumes Prometheus' default 1m, under which the
//!   ranges are too short. True for a Prometheus at its defaults.

use std::collections::BTreeMap;

use crate::dac_bin::{crate_root, dac};

#[test]
fn kube_prometheus_lints_with_only_true_findings() {
    let run = dac(
        &crate_root(),
        ["lint", "--format", "json", "tests/data/kube-prometheus-dac"],
    )
    .expect(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in doc["diagnostics"].as_array().unwrap() {
        let key = format!(
            "{} {}",
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap()
        );
        *counts.entry(key).or_default() += 1;
        if d["severity"] == "error" {
            assert_eq!(d["code"], "alert/template-label", "{d}");
            assert!(
                d["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("`$labels.job` is always empty"),
                "{d}"
            );
            assert_eq!(
                d["file"], "tests/data/kube-prometheus-dac/alertmanager.dac",
                "{d}"
            );
        }
    }
    let expected: BTreeMap<String, usize> = [
        ("error alert/template-label", 5),
        ("warning alert/for", 10),
        ("warning alert/no-condition", 1),
        ("warning alert/severity", 2),
        ("warning alert/summary", 1),
        ("warning dac/duplicate-record", 3),
        ("warning promql/rate-interval", 9),
        ("warning promql/regex", 6),
        ("warning record/name", 32),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_string(), n))
    .collect();
    assert_eq!(counts, expected);
}
