//! The online rules over a project compiled in memory, against a Prometheus held in
//! memory: which selectors each rule asks about and which it leaves alone. The same
//! rules against a real server, as a user runs them, are tests/it/lint_online.rs.

use super::online::answers::Target;
use super::online::memory::MemoryPrometheus;
use super::*;
use crate::compile::{Compilation, CompileOptions, Retain, compile};
use crate::env::MemoryEnv;

const CATALOG: &str = r#"
service "trade" {
  job      = "trade-service"
  port     = "metrics"
  interval = 30s

  counter trade_orders_total "Orders placed" {
    labels = { symbol = 4, side = 2 }
  }
}
"#;

fn compiled(dac: &str) -> Compilation {
    let env = MemoryEnv::new([("catalog.dac", CATALOG), ("main.dac", dac)]);
    let options = CompileOptions {
        paths: Vec::new(),
        config: None,
        retain: Retain::All,
        lint_gate: false,
    };
    let compiled = compile(&env, &options);
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    compiled
}

/// Eight `trade_orders_total` series of job `trade-service`, scraped every 30 s (and
/// the pods' labels a ServiceMonitor adds).
fn server() -> MemoryPrometheus {
    let mut series = Vec::new();
    for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT"] {
        for side in ["buy", "sell"] {
            series.push(format!(
                r#"trade_orders_total{{job="trade-service", pod="trade-0", symbol="{symbol}", side="{side}"}}"#
            ));
        }
    }
    let texts: Vec<&str> = series.iter().map(String::as_str).collect();
    let mut server = MemoryPrometheus::with_series(&texts);
    server.targets = vec![Target {
        job: "trade-service".into(),
        scrape_url: "http://trade-0:8080/metrics".into(),
        scrape_interval_ms: Some(30_000),
        health: "up".into(),
    }];
    server
}

/// The codes and messages `dac lint --prometheus` reports on `dac` with `settings`.
fn online(dac: &str, settings: &LintSettings) -> Vec<(String, String)> {
    let compiled = compiled(dac);
    let input = LintInput::new(&compiled.project, &compiled.sources);
    lint_online(&input, settings, &server())
        .expect("the memory server answers")
        .into_iter()
        .map(|d| (d.code.to_string(), d.message))
        .collect()
}

fn codes(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(code, _)| code.as_str()).collect()
}

#[test]
fn live_cardinality_counts_only_series_that_reach_the_result() {
    let mut settings = LintSettings::default();
    settings.budgets.panel_series = 3;
    settings.budgets.alert_series = 10;
    let found = online(
        r#"
dashboard "T" {
  uid = "t"
  variable side = `label_values(trade_orders_total, side)`
  timeseries "Raw" { query `rate(trade_orders_total[$__rate_interval])` }
  timeseries "Summed" { query `sum by (side) (rate(trade_orders_total[$__rate_interval]))` }
  timeseries "Filtered" { query `up and on () trade_orders_total` }
  timeseries "Variable" { query `rate(trade_orders_total{side="$side"}[$__rate_interval])` }
  timeseries "Narrow" { query `trade_orders_total{symbol="BTCUSDT"}` }
}
rules "t" {
  group "t" {
    alert "Many" {
      expr = `trade_orders_total > 0`
      for = 5m
      severity = warning
      summary = "x"
      runbook = "https://runbooks.example.com/x"
    }
  }
}
"#,
        &settings,
    );
    let live: Vec<&String> = found
        .iter()
        .filter(|(code, _)| code == "promql/live-cardinality")
        .map(|(_, message)| message)
        .collect();
    // Only the raw panel: the sum, the filter of `and`, the selector narrowed by a
    // variable, the two series of one symbol and the alert within its budget of 10 pass.
    assert_eq!(live.len(), 1, "{found:?}");
    assert!(live[0].starts_with("8 series match"), "{}", live[0]);
}

#[test]
fn scrape_interval_finds_the_job_by_matcher_or_catalog() {
    let found = online(
        r#"
dashboard "T" {
  uid = "t"
  timeseries "Catalog job" { query `sum(rate(trade_orders_total[1m]))` }
  timeseries "Grafana's" { query `sum(rate(trade_orders_total[$__rate_interval]))` }
  timeseries "Long" { query `sum(rate(trade_orders_total[2m]))` }
  timeseries "Matcher job" { query `sum(rate(other_total{job="trade-service"}[90s]))` }
  timeseries "Unscraped" { query `sum(rate(other_total{job="nowhere"}[10s]))` }
}
"#,
        &LintSettings::default(),
    );
    let short: Vec<&String> = found
        .iter()
        .filter(|(code, _)| code == "promql/scrape-interval")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(short.len(), 2, "{found:?}");
    assert!(short[0].contains("the range 1m spans fewer than 4 scrapes of the 30s"));
    assert!(short[1].contains("the range 1m30s"));
}

#[test]
fn series_skips_the_projects_own_recording_rules() {
    let found = online(
        r#"
rules "t" {
  group "t" {
    record "job:trade_orders:rate5m" = `sum by (job) (rate(trade_orders_total[5m]))`
    record "job:trade_orders:rate5m_max" = `max_over_time(job:trade_orders:rate5m[1h])`
    record "job:trade_fills:rate5m" = `sum by (job) (rate(trade_fills_total[5m]))`
  }
}
"#,
        &LintSettings::default(),
    );
    // The catalog lacks it too (offline); Prometheus has no series of it (online).
    assert_eq!(
        codes(&found),
        ["promql/series", "promql/unknown-metric"],
        "{found:?}"
    );
    assert!(found[0].1.contains("`trade_fills_total`"), "{found:?}");
}

#[test]
fn catalog_drift_ignores_what_a_service_monitor_adds() {
    // `pod` comes from scraping; the catalog's labels and cardinalities are right.
    let found = online("", &LintSettings::default());
    assert_eq!(found, [], "{found:?}");
}

#[test]
fn catalog_drift_reads_each_services_own_job() {
    let compiled = compiled("");
    let input = LintInput::new(&compiled.project, &compiled.sources);
    let mut server = server();
    // Another job's series of the same name, with 10 more symbols and an extra label:
    // not this service's, so no drift.
    let mut other = server.series[0].clone();
    other.insert("job".into(), "risk-service".into());
    other.insert("desk".into(), "emea".into());
    for i in 0..10 {
        let mut series = other.clone();
        series.insert("symbol".into(), format!("SYM{i}"));
        server.series.push(series);
    }
    assert_eq!(
        lint_online(&input, &LintSettings::default(), &server).unwrap(),
        []
    );
}

/// A server that refuses every connection.
struct Down;

impl PrometheusApi for Down {
    fn series(
        &self,
        _: &str,
        _: Option<usize>,
    ) -> Result<Vec<online::answers::LabelSet>, ApiError> {
        Err(down())
    }
    fn label_values(&self, _: &str, _: Option<&str>) -> Result<Vec<String>, ApiError> {
        Err(down())
    }
    fn label_names(&self, _: Option<&str>) -> Result<Vec<String>, ApiError> {
        Err(down())
    }
    fn targets(&self) -> Result<Vec<Target>, ApiError> {
        Err(down())
    }
    fn tsdb_status(&self) -> Result<online::answers::TsdbStatus, ApiError> {
        Err(down())
    }
    fn build_info(&self) -> Result<online::answers::BuildInfo, ApiError> {
        Err(down())
    }
}

fn down() -> ApiError {
    ApiError::new(
        "http://prom/api/v1/status/buildinfo",
        online::ApiErrorKind::Unreachable("connection refused".into()),
    )
}

#[test]
fn a_failed_request_fails_the_run_and_a_rule_turned_off_asks_nothing() {
    // Even a project with nothing to ask about: a clean report from a server that was
    // never reached would be a lie.
    let compiled = compiled("");
    let input = LintInput::new(&compiled.project, &compiled.sources);
    let settings = LintSettings::default();
    assert_eq!(lint_online(&input, &settings, &Down).unwrap_err(), down());

    let off = LintSettings {
        disabled: RuleId::ALL
            .iter()
            .copied()
            .filter(|r| r.info().online)
            .collect(),
        ..LintSettings::default()
    };
    let server = server();
    assert_eq!(lint_online(&input, &off, &server).unwrap(), []);
    assert_eq!(server.requests(), 1, "only the build info is asked");
}

#[test]
fn offline_a_suppressed_online_rule_is_not_unused() {
    let compiled = compiled(
        r#"
dashboard "T" {
  uid = "t"
  # dac: disable promql/series, promql/unknown-metric -- the fills exporter ships next release
  timeseries "Fills" {
    unit  = "ops"
    query `sum(rate(trade_fills_total[$__rate_interval]))`
  }
}
"#,
    );
    let input = LintInput::new(&compiled.project, &compiled.sources);
    assert_eq!(lint(&input, &LintSettings::default()), []);
    // Online, the suppression is used: still nothing.
    assert_eq!(
        lint_online(&input, &LintSettings::default(), &server()).unwrap(),
        []
    );
}
