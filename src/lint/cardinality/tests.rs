//! The estimator against a small catalog: a table of queries with their expected
//! estimates and arithmetic, then the pieces one by one.

use super::*;
use crate::diagnostic::{FileId, Span};
use crate::model::{Cardinality, Metric, MetricKind, MetricLabel, Query, RecordingRule, Service};
use crate::promql::ast::Expr;
use crate::promql::{ParseOptions, parse};

fn parse_query(text: &str) -> Expr {
    let mut opts = ParseOptions::new(FileId(0));
    opts.grafana = true;
    match parse(text, &opts) {
        Ok(expr) => expr,
        Err(e) => panic!("{text}: {e:?}"),
    }
}

fn metric(kind: MetricKind, name: &str, labels: &[(&str, Option<u64>)]) -> Metric {
    Metric {
        name: name.into(),
        kind,
        help: String::new(),
        labels: labels
            .iter()
            .map(|(l, c)| MetricLabel {
                name: (*l).into(),
                cardinality: c.map_or(Cardinality::Unbounded, Cardinality::Bounded),
                span: Span::DUMMY,
            })
            .collect(),
        buckets: None,
        series: None,
        span: Span::DUMMY,
    }
}

fn service(name: &str, replicas: Option<u32>, metrics: Vec<Metric>) -> Service {
    Service {
        name: name.into(),
        name_span: Span::DUMMY,
        job: name.into(),
        monitor: true,
        port: "metrics".into(),
        path: "/metrics".into(),
        interval: None,
        scrape_timeout: None,
        namespace: None,
        selector: Vec::new(),
        replicas,
        metrics,
        span: Span::DUMMY,
        job_span: None,
        port_span: None,
        discovery: crate::model::Discovery::Endpoints,
    }
}

fn rule(record: &str, expr: &str) -> RecordingRule {
    RecordingRule {
        record: record.into(),
        record_span: Span::DUMMY,
        expr: Query {
            expr: parse_query(expr),
            text: expr.into(),
            span: Span::DUMMY,
        },
        labels: Vec::new(),
        span: Span::DUMMY,
    }
}

/// `api` (one target, as in the issue's example), `worker` (four targets), and
/// kube-state-metrics with catalog totals.
fn catalog() -> Vec<Service> {
    use MetricKind::*;
    let mut duration = metric(
        Histogram,
        "http_request_duration_seconds",
        &[("method", Some(7)), ("endpoint", Some(25))],
    );
    duration.buckets = Some(11);
    let api = service(
        "api",
        None,
        vec![
            metric(
                Counter,
                "http_requests_total",
                &[
                    ("method", Some(7)),
                    ("endpoint", Some(25)),
                    ("status", Some(12)),
                ],
            ),
            duration,
            metric(Gauge, "sessions", &[("user_id", None)]),
            metric(Summary, "gc_pause_seconds", &[]),
        ],
    );
    let worker = service(
        "worker",
        Some(4),
        vec![
            metric(
                Counter,
                "http_requests_total",
                &[
                    ("method", Some(2)),
                    ("endpoint", Some(5)),
                    ("status", Some(3)),
                ],
            ),
            metric(
                Counter,
                "jobs_total",
                &[("queue", Some(6)), ("status", Some(3))],
            ),
        ],
    );
    let total = |mut m: Metric, n| {
        m.series = Some(n);
        m
    };
    let ksm = service(
        "kube-state-metrics",
        None,
        vec![
            total(
                metric(
                    Gauge,
                    "kube_pod_info",
                    &[
                        ("namespace", Some(40)),
                        ("pod", Some(400)),
                        ("node", Some(10)),
                    ],
                ),
                400,
            ),
            total(
                metric(
                    Gauge,
                    "kube_pod_status_phase",
                    &[
                        ("namespace", Some(40)),
                        ("pod", Some(400)),
                        ("phase", Some(5)),
                    ],
                ),
                2000,
            ),
            total(metric(Gauge, "kube_node_info", &[("node", Some(10))]), 10),
        ],
    );
    vec![api, worker, ksm]
}

fn index() -> CatalogIndex {
    let mut index = CatalogIndex::new(&catalog());
    // The rule that reads another comes first: the index takes rules in dependency
    // order, not source order.
    let rules = [
        rule(
            "job:http_errors:rate5m",
            r#"sum by (job) (job:http_requests:rate5m{status=~"500|502|503"})"#,
        ),
        rule(
            "job:http_requests:rate5m",
            "sum by (job, status) (rate(http_requests_total[5m]))",
        ),
        rule(
            "job_le:http_request_duration_seconds_bucket:rate5m",
            r#"sum by (job, le) (rate(http_request_duration_seconds_bucket{job="api"}[5m]))"#,
        ),
        // One record per service: a matcher on `job` picks one.
        rule(
            "job:http_requests:sum",
            r#"sum by (job) (rate(http_requests_total{job="api"}[5m]))"#,
        ),
        rule(
            "job:http_requests:sum",
            r#"sum by (job, method) (rate(http_requests_total{job="worker"}[5m]))"#,
        ),
    ];
    index.add_recording_rules(&rules);
    index
}

/// What a row expects: `Some(n)` series or `None` for no number; whether it is an upper
/// bound; the arithmetic as the lint message shows it.
struct Row {
    query: &'static str,
    upper_bound: bool,
    shown: &'static str,
}

const fn row(query: &'static str, upper_bound: bool, shown: &'static str) -> Row {
    Row {
        query,
        upper_bound,
        shown,
    }
}

const TABLE: &[Row] = &[
    // Selectors: the product of label values, or the catalog's total.
    row(
        r#"http_requests_total{job="api"}"#,
        true,
        "endpoint (25) × method (7) × status (12) = 2,100 series",
    ),
    row(
        "http_requests_total",
        true,
        "api (2,100) + worker (120) = 2,220 series",
    ),
    row(
        r#"http_requests_total{job="worker"}"#,
        true,
        "endpoint (5) × instance (4) × method (2) × status (3) = 120 series",
    ),
    row(
        r#"http_requests_total{job=~"api|worker"}"#,
        true,
        "api (2,100) + worker (120) = 2,220 series",
    ),
    row(
        r#"http_requests_total{job=~"$job"}"#,
        true,
        "api (2,100) + worker (120) = 2,220 series",
    ),
    row(r#"http_requests_total{job="nope"}"#, false, "0 series"),
    row(
        r#"http_requests_total{job="api", status="500"}"#,
        true,
        "endpoint (25) × method (7) × status (1 of 12) = 175 series",
    ),
    row(
        r#"http_requests_total{job="api", status="$status"}"#,
        true,
        "endpoint (25) × method (7) × status (1 of 12) = 175 series",
    ),
    row(
        r#"http_requests_total{job="api", status=~"500|502|503"}"#,
        true,
        "endpoint (25) × method (7) × status (3 of 12) = 525 series",
    ),
    row(
        r#"http_requests_total{job="api", status!="200"}"#,
        true,
        "endpoint (25) × method (7) × status (11 of 12) = 1,925 series",
    ),
    row(
        r#"http_requests_total{job="api", status!~"200|204"}"#,
        true,
        "endpoint (25) × method (7) × status (10 of 12) = 1,750 series",
    ),
    row(
        r#"http_requests_total{job="api", status=~"5.."}"#,
        true,
        "endpoint (25) × method (7) × status (12) = 2,100 series",
    ),
    row(
        r#"{__name__="kube_node_info"}"#,
        false,
        "kube_node_info (10) = 10 series",
    ),
    row("kube_pod_info", false, "kube_pod_info (400) = 400 series"),
    row(
        r#"kube_pod_info{namespace="default"}"#,
        false,
        "kube_pod_info (400) × namespace (1 of 40) = 10 series",
    ),
    row(
        r#"kube_pod_status_phase{phase="Running"}"#,
        false,
        "kube_pod_status_phase (2,000) × phase (1 of 5) = 400 series",
    ),
    // Histograms: buckets and `+Inf`.
    row(
        r#"http_request_duration_seconds_bucket{job="api"}"#,
        true,
        "endpoint (25) × le (12) × method (7) = 2,100 series",
    ),
    row(
        r#"http_request_duration_seconds_count{job="api"}"#,
        true,
        "endpoint (25) × method (7) = 175 series",
    ),
    row(
        r#"histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{job="api"}[5m]))"#,
        true,
        "endpoint (25) × method (7) = 175 series",
    ),
    row(
        r#"histogram_quantile(0.9, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))"#,
        true,
        "endpoint (25) = 25 series",
    ),
    row(
        r#"histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"#,
        true,
        "1 series",
    ),
    // Aggregations: at most the product of the `by` labels, never more than the input.
    row(
        r#"sum by (method) (rate(http_requests_total{job="api"}[5m]))"#,
        true,
        "method (7) = 7 series",
    ),
    row("sum(rate(http_requests_total[5m]))", true, "1 series"),
    row(
        r#"sum by (endpoint, method, status) (rate(http_requests_total{job="api"}[5m]))"#,
        true,
        "endpoint (25) × method (7) × status (12) = 2,100 series",
    ),
    // A ServiceMonitor's `pod` follows `instance`: dropping one keeps the series apart.
    row(
        r#"sum without (instance) (rate(http_requests_total{job="worker"}[5m]))"#,
        true,
        "endpoint (5) × instance (4) × method (2) × status (3) = 120 series",
    ),
    row(
        r#"sum without (instance, pod) (rate(http_requests_total{job="worker"}[5m]))"#,
        true,
        "endpoint (5) × method (2) × status (3) = 30 series",
    ),
    row(
        r#"sum by (pod) (rate(http_requests_total{job="worker"}[5m]))"#,
        true,
        "pod (4) = 4 series",
    ),
    row(
        "sum by (job) (rate(http_requests_total[5m]))",
        true,
        "job (2) = 2 series",
    ),
    row(
        "sum by (method) (rate(http_requests_total[5m]))",
        true,
        "method (9) = 9 series",
    ),
    row(
        "count by (namespace) (kube_pod_info)",
        true,
        "namespace (40) = 40 series",
    ),
    row(
        "count by (namespace, pod) (kube_pod_info)",
        false,
        "kube_pod_info (400) = 400 series",
    ),
    row(
        r#"sum by (namespace) (kube_pod_status_phase{phase="Running"})"#,
        true,
        "namespace (40) = 40 series",
    ),
    row(
        "quantile by (node) (0.9, kube_pod_info)",
        true,
        "node (10) = 10 series",
    ),
    row(
        "sum by ($group) (kube_node_info)",
        true,
        "kube_node_info (10) = 10 series",
    ),
    row(
        "count_values(\"value\", kube_node_info)",
        true,
        "kube_node_info (10) = 10 series",
    ),
    // topk and friends: k per group.
    row(
        r#"topk(5, rate(http_requests_total{job="api"}[5m]))"#,
        true,
        "k (5) = 5 series",
    ),
    row(
        r#"topk by (method) (3, rate(http_requests_total{job="api"}[5m]))"#,
        true,
        "k (3) × method (7) = 21 series",
    ),
    row(
        r#"bottomk(5000, rate(http_requests_total{job="api"}[5m]))"#,
        true,
        "endpoint (25) × method (7) × status (12) = 2,100 series",
    ),
    row(
        r#"topk(5, sum by (endpoint) (rate(http_requests_total{job="api"}[5m])))"#,
        true,
        "k (5) = 5 series",
    ),
    row("limitk(3, kube_node_info)", true, "k (3) = 3 series"),
    row(
        "limit_ratio(0.5, kube_node_info)",
        true,
        "kube_node_info (10) = 10 series",
    ),
    // Binary operators follow their matching.
    row(
        r#"rate(http_requests_total{job="api"}[5m]) > 0"#,
        true,
        "endpoint (25) × method (7) × status (12) = 2,100 series",
    ),
    row(
        "kube_node_info * 2",
        false,
        "kube_node_info (10) = 10 series",
    ),
    row(
        "2 * kube_node_info > bool 0",
        false,
        "kube_node_info (10) = 10 series",
    ),
    row(
        r#"rate(http_requests_total{job="api"}[5m]) / on (endpoint, method) rate(http_request_duration_seconds_count{job="api"}[5m])"#,
        true,
        "endpoint (25) × method (7) = 175 series",
    ),
    row(
        r#"rate(http_requests_total{job="api"}[5m]) / on (method) rate(http_request_duration_seconds_count{job="api"}[5m])"#,
        true,
        "method (7) = 7 series",
    ),
    row(
        r#"rate(http_requests_total{job="api"}[5m]) / ignoring (status) group_left rate(http_request_duration_seconds_count{job="api"}[5m])"#,
        true,
        "endpoint (25) × method (7) × status (12) = 2,100 series",
    ),
    row(
        "kube_node_info * on (node) group_right kube_pod_info",
        true,
        "kube_pod_info (400) = 400 series",
    ),
    row(
        "kube_pod_info or kube_node_info",
        false,
        "left side (400) + right side (10) = 410 series",
    ),
    row(
        "kube_pod_info and on (node) kube_node_info",
        true,
        "kube_pod_info (400) = 400 series",
    ),
    row(
        "kube_pod_info unless kube_node_info",
        true,
        "kube_pod_info (400) = 400 series",
    ),
    row(
        "rate(no_such_metric[5m]) / rate(jobs_total[5m])",
        true,
        "instance (4) × queue (6) × status (3) = 72 series",
    ),
    // Functions.
    row("absent(no_such_metric{job=\"api\"})", false, "1 series"),
    row("absent_over_time(no_such_metric[5m])", false, "1 series"),
    row("vector(1)", false, "1 series"),
    row("time()", false, "1 series"),
    row("1 + 2", false, "1 series"),
    row("scalar(sum(kube_node_info))", false, "1 series"),
    row(
        "sum_over_time(kube_node_info[1h:5m])",
        false,
        "kube_node_info (10) = 10 series",
    ),
    row("-kube_node_info", false, "kube_node_info (10) = 10 series"),
    row(
        "sort_desc(count by (namespace) (kube_pod_info))",
        true,
        "namespace (40) = 40 series",
    ),
    row(
        r#"label_replace(kube_pod_info, "host", "$1", "node", "(.*)")"#,
        false,
        "kube_pod_info (400) = 400 series",
    ),
    row(
        r#"count by (host) (label_replace(kube_pod_info, "host", "$1", "node", "(.*)"))"#,
        true,
        "host (10) = 10 series",
    ),
    row(
        r#"count by (cluster) (label_replace(kube_pod_info, "cluster", "eu-1", "", ""))"#,
        true,
        "1 series",
    ),
    // Unbounded labels.
    row("sessions", true, "user_id (unbounded) = unbounded series"),
    row(
        "sum by (user_id) (sessions)",
        true,
        "user_id (unbounded) = unbounded series",
    ),
    row(r#"sessions{user_id="42"}"#, true, "user_id (1) = 1 series"),
    row("count(sessions)", true, "1 series"),
    // No estimate rather than a guess.
    row("no_such_metric", true, "unknown"),
    row("sum by (job) (rate(no_such_metric[5m]))", true, "unknown"),
    row("gc_pause_seconds", true, "unknown"),
    row("gc_pause_seconds_count", true, "1 series"),
    row("${metric}_total", true, "unknown"),
    // Recording rules are metrics, with the labels and series their expression gives.
    row(
        "job:http_requests:rate5m",
        true,
        "job:http_requests:rate5m (30) = 30 series",
    ),
    row(
        r#"job:http_requests:rate5m{status="500"}"#,
        true,
        "job:http_requests:rate5m (30) × status (1 of 15) = 2 series",
    ),
    row(
        "sum by (status) (job:http_requests:rate5m)",
        true,
        "status (15) = 15 series",
    ),
    row(
        "job:http_errors:rate5m",
        true,
        "job:http_errors:rate5m (2) = 2 series",
    ),
    // A rule's total has no `le` factor to take out: the arithmetic divides.
    row(
        r#"histogram_quantile(0.9, job_le:http_request_duration_seconds_bucket:rate5m{job="api"})"#,
        true,
        "job_le:http_request_duration_seconds_bucket:rate5m (12) ÷ le (12) = 1 series",
    ),
    row(
        "job:http_requests:sum",
        true,
        r#"job:http_requests:sum{job="api"} (1) + job:http_requests:sum{job="worker"} (2) = 3 series"#,
    ),
    row(
        r#"job:http_requests:sum{job="worker"}"#,
        true,
        "job:http_requests:sum (2) = 2 series",
    ),
    row(
        r#"job:http_requests:sum{job=~"api|web"}"#,
        true,
        "job:http_requests:sum (1) = 1 series",
    ),
];

#[test]
fn table_of_queries_and_their_estimates() {
    let index = index();
    let mut wrong = Vec::new();
    for row in TABLE {
        let estimate = estimate(&parse_query(row.query), &index);
        let shown = estimate.to_string();
        if shown != row.shown || estimate.upper_bound != row.upper_bound {
            wrong.push(format!(
                "{}\n   expected {} (upper bound: {})\n   got      {} (upper bound: {})",
                row.query, row.shown, row.upper_bound, shown, estimate.upper_bound
            ));
        }
    }
    assert!(TABLE.len() >= 40);
    assert!(
        wrong.is_empty(),
        "{} rows wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The text of the query under the estimate's span.
fn decided_at(query: &str) -> String {
    let estimate = estimate(&parse_query(query), &index());
    query[estimate.span.start as usize..estimate.span.end as usize].to_string()
}

#[test]
fn the_span_is_the_node_that_decided_the_number() {
    let api = r#"rate(http_requests_total{job="api"}[5m])"#;
    let cases = [
        (r#"http_requests_total{job="api"}"#.to_string(), r#"http_requests_total{job="api"}"#),
        (format!("sum by (method) ({api})"), "by (method)"),
        (format!("sum({api})"), "sum"),
        (format!("topk(5, {api})"), "topk"),
        (format!("topk by (method) (3, {api})"), "by (method)"),
        // The grouping keeps every series: the selector let them through.
        (format!("sum by (endpoint, method, status) ({api})"), r#"http_requests_total{job="api"}[5m]"#),
        (format!("{api} > 0"), r#"http_requests_total{job="api"}[5m]"#),
        ("kube_pod_info or kube_node_info".into(), "or"),
        (
            r#"rate(http_requests_total{job="api"}[5m]) / on (method) rate(http_request_duration_seconds_count{job="api"}[5m])"#.into(),
            "on (method)",
        ),
        // One-to-one: the smaller side decides.
        (
            r#"rate(http_requests_total{job="api"}[5m]) / on (endpoint, method) rate(http_request_duration_seconds_count{job="api"}[5m])"#.into(),
            r#"http_request_duration_seconds_count{job="api"}[5m]"#,
        ),
        ("absent(no_such_metric)".into(), "absent(no_such_metric)"),
        ("sum by (user_id) (sessions)".into(), "by (user_id)"),
    ];
    for (query, expected) in cases {
        assert_eq!(decided_at(&query), expected, "{query}");
    }
}

#[test]
fn unbounded_and_unknown_are_states_not_numbers() {
    let index = index();
    let unbounded = estimate(&parse_query("sessions"), &index);
    assert_eq!(
        unbounded.size,
        Size::Unbounded {
            label: "user_id".into()
        }
    );
    assert_eq!(unbounded.count(), None);
    let unknown = estimate(&parse_query("no_such_metric"), &index);
    assert_eq!(unknown.size, Size::Unknown);
    assert_eq!(unknown.count(), None);
    let known = estimate(&parse_query("kube_pod_info"), &index);
    assert_eq!(known.count(), Some(400));
}

#[test]
fn the_arithmetic_is_kept_as_terms() {
    let e = estimate(
        &parse_query(r#"http_requests_total{job="api", status="500"}"#),
        &index(),
    );
    assert_eq!(
        e.terms,
        vec![
            Term::new(TermOp::Times, "endpoint", TermValue::Count(25)),
            Term::new(TermOp::Times, "method", TermValue::Count(7)),
            Term::new(TermOp::Times, "status", TermValue::Kept { kept: 1, of: 12 }),
        ]
    );
}

fn uses(query: &str, listed: &[&str]) -> Vec<(String, UseKind, bool, String)> {
    label_uses(&parse_query(query), &index(), listed)
        .into_iter()
        .map(|u| {
            let at = query[u.span.start as usize..u.span.end as usize].to_string();
            (u.label, u.kind, u.unbounded, at)
        })
        .collect()
}

#[test]
fn label_uses_name_the_label_its_use_and_its_place() {
    let q = "sum by (user_id) (sessions)";
    assert_eq!(
        uses(q, &[]),
        vec![
            ("user_id".into(), UseKind::GroupedBy, true, "user_id".into()),
            ("user_id".into(), UseKind::Kept, true, q.into()),
        ]
    );
    let q = "sessions";
    assert_eq!(
        uses(q, &[]),
        vec![("user_id".into(), UseKind::Kept, true, "sessions".into())]
    );
    assert_eq!(uses("sum(sessions)", &[]), vec![]);
    assert_eq!(uses("count by (job) (sessions)", &[]), vec![]);
    // A listed label is reported where it is used, whatever the catalog says of it.
    let q = r#"sum by (endpoint) (rate(http_requests_total{job="api"}[5m]))"#;
    assert_eq!(
        uses(q, &["endpoint"]),
        vec![
            (
                "endpoint".into(),
                UseKind::GroupedBy,
                false,
                "endpoint".into()
            ),
            ("endpoint".into(), UseKind::Kept, false, q.into()),
        ]
    );
    let q = "kube_pod_info * on (pod) group_left (node) kube_node_info";
    assert_eq!(
        uses(q, &["pod", "node"]),
        vec![
            ("pod".into(), UseKind::Matching, false, "pod".into()),
            ("node".into(), UseKind::Copied, false, "node".into()),
            ("node".into(), UseKind::Kept, false, q.into()),
            ("pod".into(), UseKind::Kept, false, q.into()),
        ]
    );
    // One value left is no cardinality problem.
    assert_eq!(uses(r#"sessions{user_id="42"}"#, &[]), vec![]);
    // The label analysis knows `absent` keeps only the equality matchers' labels.
    assert_eq!(uses(r#"absent(sessions{user_id=~"1|2"})"#, &[]), vec![]);
}

/// Counts the nodes of a tree.
fn nodes(expr: &Expr) -> usize {
    struct Count(usize);
    impl<'a> crate::promql::visit::Visitor<'a> for Count {
        fn visit_expr(&mut self, expr: &'a Expr) {
            self.0 += 1;
            crate::promql::visit::walk_expr(self, expr);
        }
    }
    let mut count = Count(0);
    crate::promql::visit::Visitor::visit_expr(&mut count, expr);
    count.0
}

#[test]
fn one_visit_per_node_however_deep_the_tree() {
    let index = index();
    // Every kind of node, nested to near the parser's limit of 256.
    let mut query = "kube_pod_info".to_string();
    for i in 0..180 {
        query = match i % 4 {
            0 => format!("sum by (node) ({query})"),
            1 => format!("({query} / on (node) group_left kube_node_info)"),
            2 => format!("topk(3, {query})"),
            _ => format!("label_replace({query}, \"n{i}\", \"$1\", \"node\", \"(.*)\")"),
        };
    }
    let deep = parse_query(&query);
    let mut walker = walk::Walker::new(&index, None);
    let flow = walker.flow(&deep);
    // Once each; `topk`'s `k` (45 of them) is read, not walked.
    assert_eq!(walker.visits, nodes(&deep) - 45);
    assert_eq!(flow.estimate.count(), Some(3));
    // A long chain of binary operators: a tall tree without nesting.
    let chain = vec!["kube_node_info"; 1000].join(" + ");
    let tall = parse_query(&chain);
    let mut walker = walk::Walker::new(&index, None);
    assert_eq!(walker.flow(&tall).estimate.count(), Some(10));
    assert_eq!(walker.visits, nodes(&tall));
    assert_eq!(walker.visits, 1999);
}

#[test]
fn the_index_knows_histogram_series_and_rules() {
    let index = index();
    for name in [
        "http_request_duration_seconds_bucket",
        "http_request_duration_seconds_sum",
        "http_request_duration_seconds_count",
        "gc_pause_seconds",
        "gc_pause_seconds_sum",
        "job:http_requests:rate5m",
    ] {
        assert!(index.contains(name), "{name}");
    }
    // A classic histogram has no series under its own name.
    assert!(!index.contains("http_request_duration_seconds"));
    let entry = index
        .lookup("http_request_duration_seconds_bucket")
        .unwrap();
    assert_eq!(entry.suffix, Suffix::Bucket);
    assert_eq!(entry.sources[0].kind, Some(MetricKind::Histogram));
    assert_eq!(
        entry.sources[0].labels.get("instance"),
        Some(&Card::Bounded(1))
    );
    let worker = &index.lookup("jobs_total").unwrap().sources[0];
    assert_eq!(worker.labels.get("instance"), Some(&Card::Bounded(4)));
    assert_eq!(worker.labels.get("job"), Some(&Card::Bounded(1)));
}

#[test]
fn rules_that_read_each_other_in_a_cycle_are_unknown_not_a_hang() {
    let mut index = CatalogIndex::new(&catalog());
    let rules = [
        rule("a:x:sum", "sum(b:x:sum)"),
        rule("b:x:sum", "sum by (job) (a:x:sum)"),
        rule("c:x:sum", "sum by (node) (kube_pod_info)"),
    ];
    index.add_recording_rules(&rules);
    // `sum(...)` is one series whatever it reads; `by (job)` over an unknown is unknown.
    let a = estimate(&parse_query("a:x:sum"), &index);
    assert_eq!(a.count(), Some(1));
    let c = estimate(&parse_query("c:x:sum"), &index);
    assert_eq!(c.to_string(), "c:x:sum (10) = 10 series");
    let b = estimate(&parse_query("b:x:sum"), &index);
    assert_eq!(b.size, Size::Unknown);
}

#[test]
fn thousands_are_separated() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(2_100), "2,100");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn huge_catalogs_saturate_instead_of_overflowing() {
    let big = Some(u64::MAX >> 11);
    let services = vec![service(
        "huge",
        Some(u32::MAX),
        vec![metric(
            MetricKind::Counter,
            "huge_total",
            &[("a", big), ("b", big), ("c", big)],
        )],
    )];
    let index = CatalogIndex::new(&services);
    let e = estimate(&parse_query("huge_total"), &index);
    assert_eq!(e.count(), Some(u64::MAX));
    let e = estimate(&parse_query("sum by (a) (huge_total)"), &index);
    assert_eq!(e.count(), Some(u64::MAX >> 11));
}

/// The first matcher of `{...}`.
fn matcher(text: &str) -> crate::promql::ast::Matcher {
    match parse_query(&format!("x{{{text}}}")).kind {
        crate::promql::ast::ExprKind::Vector(sel) => sel.matchers[0].clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_matcher_keeps_the_values_it_names() {
    use super::matcher::narrow;
    let twelve = Card::Bounded(12);
    for (m, expected) in [
        (r#"s="500""#, Card::Bounded(1)),
        (r#"s="$status""#, Card::Bounded(1)),
        (r#"s="""#, twelve),
        (r#"s!="200""#, Card::Bounded(11)),
        (r#"s!="""#, twelve),
        (r#"s=~"500|502|503""#, Card::Bounded(3)),
        (r#"s=~"500|500""#, Card::Bounded(1)),
        (r#"s=~"500|""#, twelve),
        (r#"s=~"5..""#, twelve),
        (r#"s=~".*""#, twelve),
        (r#"s=~"$status""#, twelve),
        (r#"s!~"200|204""#, Card::Bounded(10)),
        (r#"s!~"2.*""#, twelve),
    ] {
        assert_eq!(narrow(twelve, &matcher(m)), expected, "{m}");
    }
    // More values named than the label has: all of them, no more.
    assert_eq!(
        narrow(Card::Bounded(2), &matcher(r#"s=~"a|b|c""#)),
        Card::Bounded(2)
    );
    assert_eq!(
        narrow(Card::Bounded(2), &matcher(r#"s!~"a|b|c""#)),
        Card::Bounded(0)
    );
    // An unbounded label named value by value is bounded.
    assert_eq!(
        narrow(Card::Unbounded, &matcher(r#"u="42""#)),
        Card::Bounded(1)
    );
    assert_eq!(
        narrow(Card::Unbounded, &matcher(r#"u=~"1|2""#)),
        Card::Bounded(2)
    );
    assert_eq!(
        narrow(Card::Unbounded, &matcher(r#"u!="42""#)),
        Card::Unbounded
    );
}

#[test]
fn a_matcher_on_a_fixed_value_keeps_all_or_nothing() {
    use super::matcher::{ValueMatch, value_matches};
    for (m, expected) in [
        (r#"job="api""#, ValueMatch::Yes),
        (r#"job="web""#, ValueMatch::No),
        (r#"job!="api""#, ValueMatch::No),
        (r#"job=~"a.i|web""#, ValueMatch::Yes),
        (r#"job=~"ap""#, ValueMatch::No),
        (r#"job!~".+""#, ValueMatch::No),
        (r#"job=~"$job""#, ValueMatch::Maybe),
        (r#"job="${job}""#, ValueMatch::Maybe),
    ] {
        assert_eq!(value_matches("api", &matcher(m)), expected, "{m}");
    }
}

#[test]
fn bounds_combine_as_the_operators_do() {
    use super::flow::{at_most, smaller, sum};
    let est = |size: Size, upper_bound| Estimate {
        size,
        upper_bound,
        terms: Vec::new(),
        span: Span::DUMMY,
    };
    let unbounded = || Size::Unbounded { label: "u".into() };
    // `at_most`: the bound wins only when it is smaller.
    assert_eq!(
        at_most(
            est(Size::Count(10), false),
            Size::Count(3),
            vec![],
            Span::DUMMY
        )
        .size,
        Size::Count(3)
    );
    let kept = at_most(
        est(Size::Count(3), false),
        Size::Count(10),
        vec![],
        Span::DUMMY,
    );
    assert_eq!((kept.size, kept.upper_bound), (Size::Count(3), false));
    assert_eq!(
        at_most(est(unbounded(), true), Size::Count(7), vec![], Span::DUMMY).size,
        Size::Count(7)
    );
    assert_eq!(
        at_most(
            est(Size::Unknown, true),
            Size::Count(7),
            vec![],
            Span::DUMMY
        )
        .size,
        Size::Count(7)
    );
    assert_eq!(
        at_most(est(Size::Unknown, true), unbounded(), vec![], Span::DUMMY).size,
        Size::Unknown
    );
    // `smaller`: a known side bounds an unknown or unbounded one.
    assert_eq!(
        smaller(est(Size::Unknown, true), est(Size::Count(5), false)).size,
        Size::Count(5)
    );
    assert_eq!(
        smaller(est(unbounded(), true), est(Size::Count(5), false)).size,
        Size::Count(5)
    );
    assert_eq!(
        smaller(est(Size::Count(4), false), est(Size::Count(5), false)).size,
        Size::Count(4)
    );
    assert!(smaller(est(Size::Count(4), false), est(Size::Count(5), false)).upper_bound);
    // `sum`: no number if a part has none.
    let parts = |a, b| {
        vec![
            ("a".to_string(), est(a, false)),
            ("b".to_string(), est(b, false)),
        ]
    };
    assert_eq!(
        sum(parts(Size::Count(2), Size::Count(3)), Span::DUMMY).size,
        Size::Count(5)
    );
    assert_eq!(
        sum(parts(Size::Count(2), unbounded()), Span::DUMMY).size,
        unbounded()
    );
    assert_eq!(
        sum(parts(Size::Unknown, Size::Count(3)), Span::DUMMY).size,
        Size::Unknown
    );
    assert_eq!(
        sum(parts(Size::Count(u64::MAX), Size::Count(3)), Span::DUMMY).size,
        Size::Count(u64::MAX)
    );
}
