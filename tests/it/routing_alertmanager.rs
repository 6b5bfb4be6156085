//! The routing test: Cryptobot's emitted alertmanager.yml run by a real Alertmanager on
//! 127.0.0.1, its receivers' URLs and secret files pointed at a webhook receiver the
//! test runs, and a real Prometheus loading the emitted Watchdog rule and sending it
//! there. The notification reaches the heartbeat receiver, with its bearer token read
//! from the secret file; alerts posted to the API reach the owning team's Slack channel
//! grouped by alert name and service, and a service's critical alert inhibits its
//! warnings. Group waits are cut to 1s in the test's copy of the config.

use crate::common::alertmanager::{Alertmanager, Hook, webhook_receiver};
use crate::common::prometheus::{Server, free_port};
use crate::dac_bin::build_cryptobot;

use std::fs;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// The emitted config with its endpoints and secret files pointed at the test's.
fn test_config(out: &Path, dir: &Path, hook_port: u16) -> std::path::PathBuf {
    let emitted = fs::read_to_string(out.join("alertmanager/alertmanager.yml")).unwrap();
    let secrets = dir.join("secrets");
    fs::create_dir_all(&secrets).unwrap();
    fs::write(secrets.join("heartbeat.token"), "test-token").unwrap();
    for team in ["trading", "data", "research", "frontend", "platform"] {
        let url = format!("http://127.0.0.1:{hook_port}/slack-{team}");
        fs::write(secrets.join(format!("slack-{team}.url")), url).unwrap();
        fs::write(secrets.join(format!("pagerduty-{team}.key")), "test-key").unwrap();
    }
    let mut config = emitted.clone();
    for (from, to) in [
        (
            "https://heartbeat.cryptobot.example/alertmanager".to_string(),
            format!("http://127.0.0.1:{hook_port}/heartbeat"),
        ),
        (
            "/etc/alertmanager/secrets/".to_string(),
            format!("{}/", secrets.display()),
        ),
        ("group_wait: 30s".to_string(), "group_wait: 1s".to_string()),
        ("group_wait: 10s".to_string(), "group_wait: 1s".to_string()),
    ] {
        assert!(config.contains(&from), "the emitted config has no {from:?}");
        config = config.replace(&from, &to);
    }
    let path = dir.join("alertmanager.yml");
    fs::write(&path, config).unwrap();
    path
}

/// The first request the webhook receiver got at `path`, waiting for it if need be;
/// the others are kept in `seen`.
fn wait_for(hooks: &Receiver<Hook>, seen: &mut Vec<Hook>, path: &str, am: &Alertmanager) -> Hook {
    if let Some(at) = seen.iter().position(|h| h.path == path) {
        return seen.remove(at);
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(90) {
        if let Ok(hook) = hooks.recv_timeout(Duration::from_millis(500)) {
            if hook.path == path {
                return hook;
            }
            seen.push(hook);
        }
    }
    panic!(
        "no notification to {path} in 90s; got {seen:?}\nalertmanager log:\n{}",
        am.log()
    );
}

fn alert(labels: &[(&str, &str)]) -> serde_json::Value {
    let labels: serde_json::Map<String, serde_json::Value> = labels
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
        .collect();
    serde_json::json!({ "labels": labels })
}

#[test]
fn prometheus_fires_the_watchdog_through_alertmanager_to_the_heartbeat() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let (hook_port, hooks) = webhook_receiver();
    let config = test_config(&out, tmp.path(), hook_port);
    let am = Alertmanager::start(tmp.path(), &config);

    let prometheus_yml = tmp.path().join("prometheus.yml");
    fs::write(
        &prometheus_yml,
        format!(
            "global:\n  evaluation_interval: 1s\nrule_files:\n  - {}\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['{}']\n",
            out.join("prometheus/watchdog.rules.yml").display(),
            am.address()
        ),
    )
    .unwrap();
    let prom_dir = tmp.path().join("prometheus");
    fs::create_dir(&prom_dir).unwrap();
    // Alerts found before Prometheus knows its Alertmanager are sent again only after the
    // resend delay (1m by default).
    let mut prometheus = Server::start_with(
        &prom_dir,
        &prometheus_yml,
        free_port(),
        &["--rules.alert.resend-delay=1s"],
    );
    prometheus.wait_ready();

    let mut seen = Vec::new();
    let hook = wait_for(&hooks, &mut seen, "/heartbeat", &am);
    assert_eq!(hook.header("authorization"), Some("Bearer test-token"));
    let body: serde_json::Value = serde_json::from_str(&hook.body).unwrap();
    assert_eq!(body["receiver"], "heartbeat");
    assert_eq!(body["status"], "firing");
    // Grouped by `alertname` and `service`; the Watchdog has no service.
    assert_eq!(
        body["groupLabels"],
        serde_json::json!({ "alertname": "Watchdog" })
    );
    let alerts = body["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{body}");
    assert_eq!(alerts[0]["labels"]["alertname"], "Watchdog");
    assert_eq!(alerts[0]["labels"]["team"], "platform");
    assert_eq!(alerts[0]["labels"]["severity"], "info");
    // It came from Prometheus: the generator URL points at it.
    let source = alerts[0]["generatorURL"].as_str().unwrap_or_default();
    assert!(source.contains(&prometheus.port().to_string()), "{body}");
    assert!(seen.iter().all(|h| h.path == "/heartbeat"), "{seen:?}");
}

#[test]
fn warnings_reach_the_team_slack_grouped_and_critical_inhibits_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let (hook_port, hooks) = webhook_receiver();
    let config = test_config(&out, tmp.path(), hook_port);
    let am = Alertmanager::start(tmp.path(), &config);

    // Two warnings of one alert and service: one message. One of another team.
    let status = am.post_alerts(&serde_json::json!([
        alert(&[
            ("alertname", "DataFetchErrors"),
            ("severity", "warning"),
            ("service", "data-service"),
            ("team", "data"),
            ("source", "binance"),
        ]),
        alert(&[
            ("alertname", "DataFetchErrors"),
            ("severity", "warning"),
            ("service", "data-service"),
            ("team", "data"),
            ("source", "coingecko"),
        ]),
        alert(&[
            ("alertname", "TradeServiceHighLatency"),
            ("severity", "warning"),
            ("service", "trade-service"),
            ("team", "trading"),
        ]),
    ]));
    assert_eq!(status, 200, "{}", am.log());
    let mut seen = Vec::new();
    let data = wait_for(&hooks, &mut seen, "/slack-data", &am);
    assert!(data.body.contains("#data-alerts"), "{}", data.body);
    assert!(
        data.body.contains("[FIRING:2] DataFetchErrors"),
        "{}",
        data.body
    );
    let trading = wait_for(&hooks, &mut seen, "/slack-trading", &am);
    assert!(trading.body.contains("#trading-alerts"), "{}", trading.body);
    assert!(
        trading.body.contains("[FIRING:1] TradeServiceHighLatency"),
        "{}",
        trading.body
    );
    assert!(
        seen.iter()
            .all(|h| h.path != "/slack-data" && h.path != "/heartbeat"),
        "{seen:?}"
    );

    // The service's critical alert inhibits its warnings, not other services'.
    let critical = alert(&[
        ("alertname", "DataServiceTargetDown"),
        ("severity", "critical"),
        ("service", "data-service"),
        ("team", "data"),
    ]);
    let warning = alert(&[
        ("alertname", "DataServiceHighLatency"),
        ("severity", "warning"),
        ("service", "data-service"),
        ("team", "data"),
    ]);
    assert_eq!(am.post_alerts(&serde_json::json!([critical])), 200);
    assert_eq!(am.post_alerts(&serde_json::json!([warning])), 200);
    let inhibited = |name: &str| {
        let path = format!("/api/v2/alerts?filter=alertname%3D%22{name}%22");
        let (code, body) = am.get(&path).unwrap();
        assert_eq!(code, 200, "{body}");
        let alerts: serde_json::Value = serde_json::from_str(&body).unwrap();
        alerts[0]["status"]["inhibitedBy"]
            .as_array()
            .is_some_and(|by| !by.is_empty())
    };
    let start = Instant::now();
    while !inhibited("DataServiceHighLatency") {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the warning is not inhibited:\n{}",
            am.log()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(!inhibited("TradeServiceHighLatency"));
}
