//! Queries fenced with more than one backtick, as in kube-prometheus's
//! `alertmanager!~``` matchers: `dac build` takes them, and the rule file and the Grafana
//! dashboard carry the expression they mean, which promtool accepts.

use crate::dac_bin;

use std::fs;
use std::process::Command;

use dac_bin::{crate_root, dac, program};

#[test]
fn fenced_queries_build_and_emit_their_expressions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let out_arg = out.to_str().expect("a UTF-8 temporary path");
    let fixture = "tests/fixtures/syntax/fenced_queries.dac";
    let run = dac(&crate_root(), ["build", fixture, "-o", out_arg]).expect(0);
    assert!(run.stderr.is_empty(), "{run}");

    let rules = fs::read_to_string(out.join("prometheus/prometheus.rules.yml")).unwrap();
    // PromQL's empty raw string `` is the empty string, printed as "".
    let expr = "expr: '(rate(prometheus_notifications_errors_total{job=\"prometheus-k8s\", \
                alertmanager!~\"\"}[5m]) / rate(prometheus_notifications_sent_total\
                {job=\"prometheus-k8s\", alertmanager!~\"\"}[5m])) * 100 > 1'";
    assert!(rules.contains(expr), "{rules}");

    let json = fs::read_to_string(out.join("grafana/cryptobot/fenced-queries.json")).unwrap();
    let dashboard: serde_json::Value = serde_json::from_str(&json).unwrap();
    let exprs: Vec<&str> = dashboard["panels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["targets"].as_array().unwrap())
        .map(|t| t["expr"].as_str().unwrap())
        .collect();
    assert_eq!(
        exprs,
        [
            "sum by (alertmanager) (rate(prometheus_notifications_errors_total\
             {alertmanager!~\"\"}[$__rate_interval]))",
            "sum(rate(prometheus_notifications_sent_total{alertmanager=~\".+\"}\
             [$__rate_interval]))",
        ]
    );

    let promtool = Command::new(program("PROMTOOL", "promtool"))
        .args(["check", "rules", "prometheus/prometheus.rules.yml"])
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(
        promtool.status.success(),
        "{}",
        String::from_utf8_lossy(&promtool.stdout)
    );
}
