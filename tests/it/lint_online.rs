//! The online lint checks (`dac lint --prometheus URL`) against real peers on 127.0.0.1:
//! Debian's `prometheus` scraping Debian's `prometheus-node-exporter`, whose textfile
//! collector serves Cryptobot-like metrics with exactly the label values asserted here.
//! The error paths run against a closed port, a wrong path on the real server, and a
//! tiny local listener that answers what a test needs.

use crate::common::prometheus::{NodeExporter, Server, free_port};

use dac::diagnostic::{FileId, Span};
use dac::lint::online::checks::drift::{self, Drift};
use dac::lint::online::checks::live_cardinality::{SeriesCount, over_budget};
use dac::lint::online::checks::no_series::{NoSeries, explain};
use dac::lint::online::checks::scrape_interval::range_too_short;
use dac::lint::online::{ApiError, ApiErrorKind, Client, PrometheusApi, Selector, probe};
use dac::model::{Cardinality, Metric, MetricKind, MetricLabel};
use dac::promql::ast::{ExprKind, MatchOp};
use dac::promql::{ParseOptions, parse};

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const SYMBOLS: [&str; 4] = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT"];
const SIDES: [&str; 2] = ["buy", "sell"];

/// The exporter's textfile: `trade_orders_total` has 4 symbols × 2 sides, less
/// (DOGEUSDT, sell): 7 series; `trade_open_positions` has one series per symbol.
fn cryptobot_textfile() -> String {
    let mut text = String::from(
        "# HELP trade_orders_total Orders placed\n# TYPE trade_orders_total counter\n",
    );
    for symbol in SYMBOLS {
        for side in SIDES {
            if (symbol, side) != ("DOGEUSDT", "sell") {
                text.push_str(&format!(
                    "trade_orders_total{{symbol=\"{symbol}\",side=\"{side}\"}} 3\n"
                ));
            }
        }
    }
    text.push_str(
        "# HELP trade_open_positions Open positions\n# TYPE trade_open_positions gauge\n",
    );
    for symbol in SYMBOLS {
        text.push_str(&format!("trade_open_positions{{symbol=\"{symbol}\"}} 1\n"));
    }
    text
}

/// The node exporter serving the textfile, and Prometheus scraping it every second as
/// job `trade-service` (and itself every 5 s as job `prometheus`), with both targets'
/// first samples stored.
struct Live {
    server: Server,
    _exporter: NodeExporter,
}

fn start_live(dir: &Path) -> Live {
    let textfiles = dir.join("textfiles");
    fs::create_dir(&textfiles).unwrap();
    fs::write(textfiles.join("cryptobot.prom"), cryptobot_textfile()).unwrap();
    let exporter = NodeExporter::start(dir, &textfiles, "trade_orders_total");
    let port = free_port();
    let config = dir.join("prometheus.yml");
    fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\nscrape_configs:\n\
             - job_name: trade-service\n  scrape_interval: 1s\n  static_configs:\n  - targets: ['{}']\n\
             - job_name: prometheus\n  scrape_interval: 5s\n  static_configs:\n  - targets: ['127.0.0.1:{port}']\n",
            exporter.target()
        ),
    )
    .unwrap();
    let mut server = Server::start_on(dir, &config, port);
    server.wait_ready();
    let probe = |path: &str| {
        server
            .get(path)
            .ok()
            .and_then(|(_, body)| serde_json::from_str::<serde_json::Value>(&body).ok())
    };
    let stored = || {
        let trade = probe("/api/v1/series?match%5B%5D=trade_orders_total");
        let own = probe("/api/v1/series?match%5B%5D=prometheus_build_info");
        let count =
            |v: Option<serde_json::Value>| v.and_then(|v| v["data"].as_array().map(Vec::len));
        count(trade) == Some(7) && count(own) == Some(1)
    };
    let mut ready = false;
    let start = Instant::now();
    while !ready && start.elapsed() < Duration::from_secs(30) {
        ready = stored();
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(ready, "no scrapes stored after 30 s:\n{}", server.log());
    Live {
        server,
        _exporter: exporter,
    }
}

fn selector(text: &str) -> Selector {
    let opts = ParseOptions {
        grafana: true,
        ..ParseOptions::new(FileId(0))
    };
    match parse(text, &opts).expect("test selectors parse").kind {
        ExprKind::Vector(vs) => Selector::from_ast(&vs).expect("a literal metric name"),
        other => panic!("not a selector: {other:?}"),
    }
}

fn why_no_series(api: &dyn PrometheusApi, text: &str) -> Option<NoSeries> {
    let s = selector(text);
    explain(&s, &probe::selector_facts(api, &s).unwrap())
}

#[test]
fn online_checks_read_a_live_prometheus() {
    let tmp = tempfile::tempdir().unwrap();
    let live = start_live(tmp.path());
    let client = Client::new(&live.server.url(), Duration::from_secs(10)).unwrap();

    series_explains_why_nothing_matches(&client);
    let version = client.build_info().unwrap().version;
    live_cardinality_counts_real_series(&client, &version);
    scrape_intervals_come_from_the_targets(&client);
    catalog_drift_compares_labels_and_cardinalities(&client);

    let info = client.build_info().unwrap();
    assert!(
        info.version.starts_with(|c: char| c.is_ascii_digit()),
        "{info:?}"
    );
    let tsdb = client.tsdb_status().unwrap();
    assert!(tsdb.head_series >= 11, "{tsdb:?}");
    assert!(!tsdb.series_by_metric.is_empty(), "{tsdb:?}");
    let labels = client.label_names(None).unwrap();
    for label in ["__name__", "instance", "job", "side", "symbol"] {
        assert!(
            labels.iter().any(|l| l == label),
            "{label} not in {labels:?}"
        );
    }

    prometheus_errors_are_one_line_and_name_the_url(&live.server);
}

fn series_explains_why_nothing_matches(api: &dyn PrometheusApi) {
    assert_eq!(
        why_no_series(api, r#"trade_orders_total{side="buy"}"#),
        None
    );
    assert_eq!(
        why_no_series(api, r#"trade_orders_total{symbol=~"BTC.*|SOL.*"}"#),
        None
    );
    assert_eq!(
        why_no_series(api, "trade_order_total"),
        Some(NoSeries::MetricMissing {
            metric: "trade_order_total".into(),
            closest: Some("trade_orders_total".into()),
        })
    );
    assert_eq!(
        why_no_series(api, r#"trade_orders_total{exchange="binance"}"#),
        Some(NoSeries::LabelMissing {
            metric: "trade_orders_total".into(),
            label: "exchange".into(),
            closest: None,
        })
    );
    assert_eq!(
        why_no_series(api, r#"trade_orders_total{symbol="BTCUSD", side="buy"}"#),
        Some(NoSeries::ValueMissing {
            metric: "trade_orders_total".into(),
            label: "symbol".into(),
            op: MatchOp::Equal,
            value: "BTCUSD".into(),
            closest: Some("BTCUSDT".into()),
            known: 4,
        })
    );
    // The finding underlines the value no series has, and says which one exists.
    let text = r#"trade_orders_total{side="buy", symbol="BTCUSD"}"#;
    let s = selector(text);
    let finding = explain(&s, &probe::selector_facts(api, &s).unwrap()).unwrap();
    let span = finding.span(&s);
    assert_eq!(&text[span.start as usize..span.end as usize], r#""BTCUSD""#);
    assert!(
        finding.to_string().ends_with(r#"did you mean "BTCUSDT"?"#),
        "{finding}"
    );
    assert!(matches!(
        why_no_series(api, r#"trade_orders_total{side=~"long|short"}"#),
        Some(NoSeries::ValueMissing { label, known: 2, .. }) if label == "side"
    ));
    // Each matcher finds series; DOGEUSDT was never sold.
    assert_eq!(
        why_no_series(api, r#"trade_orders_total{symbol="DOGEUSDT", side="sell"}"#),
        Some(NoSeries::NoCombination {
            metric: "trade_orders_total".into()
        })
    );
    // Many selectors in one batch give the same answers.
    let many: Vec<Selector> = [
        "up",
        "trade_order_total",
        r#"trade_orders_total{side="buy"}"#,
    ]
    .iter()
    .map(|t| selector(t))
    .collect();
    let facts = probe::all_selector_facts(api, &many);
    let found: Vec<bool> = facts.iter().map(|f| f.as_ref().unwrap().matches).collect();
    assert_eq!(found, [true, false, true]);
}

fn live_cardinality_counts_real_series(api: &dyn PrometheusApi, version: &str) {
    let orders = selector("trade_orders_total");
    let count = probe::live_count(api, &orders, 100).unwrap();
    assert_eq!(count, SeriesCount::Exact(7));
    assert_eq!(over_budget(count, 100), None);
    assert_eq!(over_budget(count, 7), None);
    // `limit` came in Prometheus 2.51: Debian's 2.42 ignores it and answers every series,
    // so the count over budget is exact there and a lower bound on newer servers.
    let honours_limit = version_at_least(version, 2, 51);
    let expected = if honours_limit {
        SeriesCount::AtLeast(6)
    } else {
        SeriesCount::Exact(7)
    };
    let count = probe::live_count(api, &orders, 5).unwrap();
    assert_eq!(count, expected, "Prometheus {version}");
    assert!(over_budget(count, 5).is_some());
    let buys = selector(r#"trade_orders_total{side="buy"}"#);
    assert_eq!(
        probe::live_count(api, &buys, 10).unwrap(),
        SeriesCount::Exact(4)
    );
    let positions = selector("trade_open_positions");
    assert_eq!(
        probe::live_count(api, &positions, 10).unwrap(),
        SeriesCount::Exact(4)
    );
}

/// Whether `version` (`2.42.0`, `3.1.0-rc.0`) is at least `major.minor`.
fn version_at_least(version: &str, major: u64, minor: u64) -> bool {
    let mut parts = version
        .split(['.', '-', '+'])
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    found >= (major, minor)
}

fn scrape_intervals_come_from_the_targets(api: &dyn PrometheusApi) {
    let jobs = probe::scrape_intervals(api).unwrap();
    let expected: BTreeMap<String, BTreeSet<u64>> = [
        ("prometheus".to_string(), BTreeSet::from([5_000])),
        ("trade-service".to_string(), BTreeSet::from([1_000])),
    ]
    .into_iter()
    .collect();
    assert_eq!(jobs, expected);
    let trade = &jobs["trade-service"];
    assert!(range_too_short(3_000, trade).is_some());
    assert_eq!(range_too_short(4_000, trade), None);
    assert!(range_too_short(15_000, &jobs["prometheus"]).is_some());
}

fn metric(name: &str, labels: &[(&str, Option<u64>)]) -> Metric {
    Metric {
        name: name.to_string(),
        kind: MetricKind::Counter,
        help: String::new(),
        labels: labels
            .iter()
            .map(|(label, n)| MetricLabel {
                name: label.to_string(),
                cardinality: n.map_or(Cardinality::Unbounded, Cardinality::Bounded),
                span: Span::DUMMY,
            })
            .collect(),
        buckets: None,
        series: None,
        span: Span::DUMMY,
    }
}

fn catalog_drift_compares_labels_and_cardinalities(api: &dyn PrometheusApi) {
    let live = probe::live_labels(api, "trade_orders_total")
        .unwrap()
        .unwrap();
    let expected: BTreeMap<String, u64> = [
        ("__name__", 1),
        ("instance", 1),
        ("job", 1),
        ("side", 2),
        ("symbol", 4),
    ]
    .iter()
    .map(|(l, n)| (l.to_string(), *n))
    .collect();
    assert_eq!(live, expected);

    let honest = metric(
        "trade_orders_total",
        &[("symbol", Some(4)), ("side", Some(2))],
    );
    assert_eq!(drift::catalog_drift(&honest, Some(&live), &[]), vec![]);
    // symbol: 1 claimed, 4 live (over 2× off); side missing; exchange never seen.
    let stale = metric(
        "trade_orders_total",
        &[("symbol", Some(1)), ("exchange", Some(3))],
    );
    assert_eq!(
        drift::catalog_drift(&stale, Some(&live), &[]),
        vec![
            Drift::Unlisted {
                label: "side".into(),
                live: 2
            },
            Drift::Understated {
                label: "symbol".into(),
                catalog: 1,
                live: 4
            },
            Drift::Absent {
                label: "exchange".into()
            },
        ]
    );
    let gone = probe::live_labels(api, "trade_fills_total").unwrap();
    assert_eq!(gone, None);
    let fills = metric("trade_fills_total", &[]);
    assert_eq!(
        drift::catalog_drift(&fills, gone.as_ref(), &[]),
        vec![Drift::NotExported]
    );
}

/// Asserts `error` is one line naming `url_part`.
fn assert_one_line(error: &ApiError, url_part: &str) -> String {
    let text = error.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert!(text.contains(url_part), "{text} does not name {url_part}");
    text
}

fn prometheus_errors_are_one_line_and_name_the_url(server: &Server) {
    let client = Client::new(&server.url(), Duration::from_secs(10)).unwrap();
    let error = client.series("trade_orders_total{", None).unwrap_err();
    match &error.kind {
        ApiErrorKind::Status {
            code: 400,
            error: Some(detail),
        } => assert!(detail.contains("parse error"), "{detail}"),
        other => panic!("expected a 400 with Prometheus' error, got {other:?}"),
    }
    assert_one_line(&error, "/api/v1/series?match[]=trade_orders_total{");

    let wrong = format!(
        "http://admin:s3cr3t-pw@127.0.0.1:{}/no/such/prefix",
        server.port()
    );
    let error = Client::new(&wrong, Duration::from_secs(10))
        .unwrap()
        .label_names(None)
        .unwrap_err();
    assert!(
        matches!(error.kind, ApiErrorKind::Status { code: 404, .. }),
        "{error:?}"
    );
    let text = assert_one_line(&error, "/no/such/prefix/api/v1/labels");
    assert!(
        !text.contains("s3cr3t-pw") && !text.contains("admin"),
        "{text}"
    );
}

#[test]
fn a_closed_port_is_unreachable_without_leaking_credentials() {
    let port = free_port();
    let client = Client::new(
        &format!("http://admin:s3cr3t-pw@127.0.0.1:{port}"),
        Duration::from_secs(10),
    )
    .unwrap();
    let error = client.build_info().unwrap_err();
    assert!(
        matches!(error.kind, ApiErrorKind::Unreachable(_)),
        "{error:?}"
    );
    let text = assert_one_line(
        &error,
        &format!("http://127.0.0.1:{port}/api/v1/status/buildinfo"),
    );
    assert!(
        !text.contains("s3cr3t-pw") && !text.contains("admin"),
        "{text}"
    );
    assert!(!format!("{error:?}").contains("s3cr3t-pw"));
}

/// A local HTTP listener that answers every request with `response` after `delay`,
/// recording each request's head and the most requests it held at once.
struct Stub {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    peak: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Stub {
    fn start(response: Response, delay: Duration) -> Stub {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let peak = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let now = Arc::new(AtomicUsize::new(0));
        let (r, p, s) = (requests.clone(), peak.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (r, p, now) = (r.clone(), p.clone(), now.clone());
                std::thread::spawn(move || answer(stream, response, delay, &r, &p, &now));
            }
        });
        Stub {
            port,
            requests,
            peak,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, userinfo: &str) -> String {
        format!("http://{userinfo}127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees `stop`.
        let _ = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(
    mut stream: TcpStream,
    response: Response,
    delay: Duration,
    requests: &Mutex<Vec<String>>,
    peak: &AtomicUsize,
    now: &AtomicUsize,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = String::new();
    let mut reader = BufReader::new(&stream);
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => head.push_str(&line),
        }
    }
    let held = now.fetch_add(1, Ordering::SeqCst) + 1;
    peak.fetch_max(held, Ordering::SeqCst);
    requests.lock().unwrap().push(head);
    std::thread::sleep(delay);
    now.fetch_sub(1, Ordering::SeqCst);
    let (status, content_type, body) = response;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
}

/// A 200 whose body is an HTML page, as a wrong URL (a proxy's login page) gives.
const NOT_JSON: Response = ("200 OK", "text/html", "<html>hi</html>\n");
/// A 200 with the API's envelope: the one label `job`.
const LABELS: Response = (
    "200 OK",
    "application/json",
    "{\"status\":\"success\",\"data\":[\"job\"]}\n",
);

/// What Prometheus answers while its TSDB is still starting.
const UNAVAILABLE: Response = (
    "503 Service Unavailable",
    "application/json",
    "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"TSDB not ready\"}",
);

/// The status line, content type and body a [`Stub`] answers with.
type Response = (&'static str, &'static str, &'static str);

#[test]
fn a_body_that_is_not_json_is_malformed_and_credentials_stay_in_the_header() {
    let stub = Stub::start(NOT_JSON, Duration::ZERO);
    let client = Client::new(&stub.url("admin:s3cr3t-pw@"), Duration::from_secs(10)).unwrap();
    let error = client
        .label_values("symbol", Some("trade_orders_total"))
        .unwrap_err();
    assert!(
        matches!(error.kind, ApiErrorKind::Malformed(_)),
        "{error:?}"
    );
    let text = assert_one_line(
        &error,
        &format!(
            "http://127.0.0.1:{}/api/v1/label/symbol/values?match[]=trade_orders_total",
            stub.port
        ),
    );
    assert!(
        !text.contains("s3cr3t-pw") && !text.contains("admin"),
        "{text}"
    );
    // The credentials were sent, as HTTP basic authentication, and only there.
    let requests = stub.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(
        requests[0].contains("authorization: Basic YWRtaW46czNjcjN0LXB3\r\n")
            || requests[0].contains("Authorization: Basic YWRtaW46czNjcjN0LXB3\r\n"),
        "{}",
        requests[0]
    );
    assert!(!requests[0].lines().next().unwrap().contains("s3cr3t-pw"));
}

#[test]
fn a_5xx_quotes_prometheus_error() {
    let stub = Stub::start(UNAVAILABLE, Duration::ZERO);
    let client = Client::new(&stub.url(""), Duration::from_secs(10)).unwrap();
    let error = client.tsdb_status().unwrap_err();
    assert_eq!(
        error.kind,
        ApiErrorKind::Status {
            code: 503,
            error: Some("TSDB not ready".into())
        }
    );
    assert_eq!(
        error.to_string(),
        format!(
            "Prometheus answered 503 to http://127.0.0.1:{}/api/v1/status/tsdb: TSDB not ready",
            stub.port
        )
    );
}

#[test]
fn a_slow_server_times_out() {
    let stub = Stub::start(LABELS, Duration::from_secs(4));
    let client = Client::new(&stub.url("u:s3cr3t-pw@"), Duration::from_millis(500)).unwrap();
    let start = Instant::now();
    let error = client.label_names(None).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        error.kind,
        ApiErrorKind::TimedOut(Duration::from_millis(500))
    );
    let text = assert_one_line(
        &error,
        &format!("http://127.0.0.1:{}/api/v1/labels", stub.port),
    );
    assert!(!text.contains("s3cr3t-pw"), "{text}");
}

#[test]
fn repeated_requests_are_answered_from_the_cache() {
    let stub = Stub::start(LABELS, Duration::ZERO);
    let client = Client::new(&stub.url(""), Duration::from_secs(10)).unwrap();
    for _ in 0..3 {
        assert_eq!(client.label_names(None).unwrap(), ["job"]);
    }
    assert_eq!(client.label_values("job", None).unwrap(), ["job"]);
    assert_eq!(stub.requests().len(), 2, "{:?}", stub.requests());
}

#[test]
fn at_most_eight_requests_are_in_flight() {
    let stub = Stub::start(LABELS, Duration::from_millis(150));
    let client = Client::new(&stub.url(""), Duration::from_secs(10)).unwrap();
    // 24 callers at once, each with its own question (so none is cached).
    std::thread::scope(|scope| {
        for i in 0..24 {
            let client = &client;
            scope.spawn(move || client.label_values(&format!("label_{i}"), None).unwrap());
        }
    });
    assert_eq!(stub.requests().len(), 24);
    let peak = stub.peak.load(Ordering::SeqCst);
    assert!((2..=8).contains(&peak), "peak of {peak} requests in flight");
}

/// `dac lint ARGS` from the crate root.
fn dac_lint(args: &[&str]) -> crate::dac_bin::Run {
    let mut all = vec!["lint"];
    all.extend(args);
    crate::dac_bin::dac(&crate::dac_bin::crate_root(), all)
}

const ONLINE_BAD: &str = "tests/fixtures/lint/online/bad";
const ONLINE_OK: &str = "tests/fixtures/lint/online/ok";

/// `dac lint --prometheus URL` as a user runs it, against the live server: every
/// online rule's findings on the fixture made to trigger them, none on the one made
/// not to, and none of them without `--prometheus`.
#[test]
fn dac_lint_prometheus_reports_the_online_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let live = start_live(tmp.path());
    let url = live.server.url();

    let run = dac_lint(&["--prometheus", &url, ONLINE_BAD]).expect(0);
    assert!(!run.stderr.contains("panicked"), "{run}");
    for (rule, count) in [
        ("promql/series", 4),
        ("promql/live-cardinality", 1),
        ("promql/scrape-interval", 1),
        ("catalog/drift", 7),
    ] {
        let found = run.stderr.matches(&format!("[{rule}]: ")).count();
        assert_eq!(found, count, "{rule}\n{run}");
    }
    assert!(
        run.stdout.starts_with("lint: 0 error(s), 16 warning(s)"),
        "{run}"
    );
    insta::assert_snapshot!("online_findings", run.stderr);

    let run = dac_lint(&["--prometheus", &url, "--timeout", "5s", ONLINE_OK]).expect(0);
    assert_eq!(
        run.stderr, "",
        "a finding on a fixture that must have none: {run}"
    );

    // Offline, the online rules do not run, and suppressing one is not unused.
    // On the bad fixture, only the offline rules' findings: the catalog's own (an
    // estimate over budget, an unknown metric and label) and the 3s range judged against
    // the catalog's 15s (online, the live interval's finding replaces it).
    let run = dac_lint(&[ONLINE_BAD]).expect(0);
    for online in [
        "promql/series",
        "promql/live-cardinality",
        "promql/scrape-interval",
        "catalog/drift",
    ] {
        assert!(!run.stderr.contains(&format!("[{online}]")), "{run}");
    }
    assert!(
        run.stderr.contains("warning[promql/rate-interval]"),
        "{run}"
    );
    let run = dac_lint(&[ONLINE_OK]).expect(0);
    assert_eq!(run.stderr, "", "{run}");

    // A path below the server's root is not its API: a 404, named without credentials.
    let wrong = format!(
        "http://admin:s3cr3t-pw@127.0.0.1:{}/no/such/prefix",
        live.server.port()
    );
    let run = dac_lint(&["--prometheus", &wrong, ONLINE_OK]).expect(2);
    let line = one_line_error(&run);
    assert!(
        line.contains(&format!(
            "answered 404 to http://127.0.0.1:{}/no/such/prefix/api/v1/",
            live.server.port()
        )),
        "{run}"
    );
}

/// The one line of stderr a failed `dac lint --prometheus` prints, free of credentials.
fn one_line_error(run: &crate::dac_bin::Run) -> &str {
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(run.stderr.starts_with("error: "), "{run}");
    assert!(
        !run.stderr.contains("s3cr3t-pw") && !run.stderr.contains("admin"),
        "{run}"
    );
    run.stderr.trim_end()
}

#[test]
fn dac_lint_prometheus_fails_with_one_line_naming_the_url() {
    let port = free_port();
    let closed = format!("http://admin:s3cr3t-pw@127.0.0.1:{port}");
    let run = dac_lint(&["--prometheus", &closed, ONLINE_OK]).expect(2);
    assert_eq!(
        one_line_error(&run),
        format!(
            "error: cannot reach Prometheus at http://127.0.0.1:{port}/api/v1/status/buildinfo: \
             connection refused; check the URL and that the server is up"
        )
    );

    // Sources that do not compile are reported as such; Prometheus is not asked.
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("broken.dac");
    fs::write(&broken, "dashboard \"Broken\" {\n").unwrap();
    let run = dac_lint(&["--prometheus", &closed, broken.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("nothing was linted"), "{run}");
    assert!(!run.stderr.contains("cannot reach"), "{run}");

    let stub = Stub::start(NOT_JSON, Duration::ZERO);
    let run = dac_lint(&["--prometheus", &stub.url("admin:s3cr3t-pw@"), ONLINE_OK]).expect(2);
    let line = one_line_error(&run);
    assert!(
        line.contains("with a body that is not its JSON API"),
        "{run}"
    );
    assert!(line.contains(&stub.url("")), "{run}");

    let stub = Stub::start(UNAVAILABLE, Duration::ZERO);
    let run = dac_lint(&["--prometheus", &stub.url(""), ONLINE_OK]).expect(2);
    assert_eq!(
        one_line_error(&run),
        format!(
            "error: Prometheus answered 503 to {}/api/v1/status/buildinfo: TSDB not ready",
            stub.url("")
        )
    );

    let stub = Stub::start(LABELS, Duration::from_secs(4));
    let run = dac_lint(&[
        "--prometheus",
        &stub.url(""),
        "--timeout",
        "300ms",
        ONLINE_OK,
    ])
    .expect(2);
    assert!(
        one_line_error(&run).contains("within 0.3s; raise --timeout"),
        "{run}"
    );

    let run = dac_lint(&["--prometheus", "localhost:9090", ONLINE_OK]).expect(2);
    assert!(
        one_line_error(&run).contains("must start with http://"),
        "{run}"
    );
    let run = dac_lint(&["--timeout", "5s", ONLINE_OK]).expect(2);
    assert!(run.stderr.contains("--prometheus"), "{run}");
}
