//! A rule set with alerts, a recording rule and promtool tests.

use dac::diagnostic::Span;
use dac::model::*;

use super::*;

pub fn rule_set() -> RuleSet {
    let alert = AlertRule {
        name: "TradeServiceHighErrorRate".to_string(),
        name_span: Span::DUMMY,
        expr: query(
            "sum(service:http_requests:rate5m{status=~\"5..\"}) / sum(service:http_requests:rate5m) > 0.05",
        ),
        for_: Some(Millis(600_000)),
        keep_firing_for: Some(Millis(300_000)),
        labels: vec![pair("severity", "critical"), pair("team", "on")],
        annotations: vec![
            pair(
                "summary",
                "Trade service fails {{ $value | humanizePercentage }} of requests",
            ),
            pair(
                "description",
                "More than 5% of requests fail.\nCheck the logs of the trade service.\n",
            ),
            pair(
                "runbook_url",
                "https://runbooks.cryptobot.example/trade/high-error-rate",
            ),
        ],
        label_refs: Vec::new(),
        span: Span::DUMMY,
    };
    let record = RecordingRule {
        record: "service:http_requests:rate5m".to_string(),
        record_span: Span::DUMMY,
        expr: query("sum by (service, status) (rate(http_requests_total[5m]))"),
        labels: vec![pair("aggregation", "yes")],
        span: Span::DUMMY,
    };
    let test = RuleTest {
        name: "fires when a tenth of requests fail".to_string(),
        interval: Some(Millis(60_000)),
        series: vec![
            TestSeries {
                series: "http_requests_total{service=\"trade-service\",status=\"500\"}".to_string(),
                values: "0+10x30".to_string(),
                span: Span::DUMMY,
            },
            TestSeries {
                series: "http_requests_total{service=\"trade-service\",status=\"200\"}".to_string(),
                values: "0+90x30".to_string(),
                span: Span::DUMMY,
            },
        ],
        alerts: vec![
            AlertExpectation {
                alert: "TradeServiceHighErrorRate".to_string(),
                eval_time: Millis(5 * 60_000),
                alerts: Vec::new(),
                span: Span::DUMMY,
            },
            AlertExpectation {
                alert: "TradeServiceHighErrorRate".to_string(),
                eval_time: Millis(20 * 60_000),
                alerts: vec![ExpectedAlert {
                    labels: vec![pair("severity", "critical"), pair("team", "on")],
                    annotations: vec![
                        pair("summary", "Trade service fails 10% of requests"),
                        pair("description", "More than 5% of requests fail.\nCheck the logs of the trade service.\n"),
                        pair("runbook_url", "https://runbooks.cryptobot.example/trade/high-error-rate"),
                    ],
                }],
                span: Span::DUMMY,
            },
        ],
        queries: vec![QueryExpectation {
            expr: "service:http_requests:rate5m{status=\"500\"}".to_string(),
            eval_time: Millis(10 * 60_000),
            samples: vec![ExpectedSample {
                labels: "service:http_requests:rate5m{aggregation=\"yes\",service=\"trade-service\",status=\"500\"}".to_string(),
                value: 0.16666666666666669,
            }],
            span: Span::DUMMY,
        }],
        span: Span::DUMMY,
    };
    RuleSet {
        name: "trade-service".to_string(),
        name_span: Span::DUMMY,
        labels: vec![pair("team", "trading")],
        groups: vec![
            RuleGroup {
                name: "trade-service.rules".to_string(),
                interval: Some(Millis(60_000)),
                limit: Some(100),
                query_offset: None,
                rules: vec![Rule::Record(record), Rule::Alert(alert)],
                tests: vec![test],
                span: Span::DUMMY,
            },
            RuleGroup {
                name: "trade-service.slow".to_string(),
                interval: None,
                limit: None,
                query_offset: None,
                rules: vec![Rule::Alert(AlertRule {
                    name: "TradeServiceDown".to_string(),
                    name_span: Span::DUMMY,
                    expr: query("up{job=\"trade-service\"} == 0"),
                    for_: Some(Millis(120_000)),
                    keep_firing_for: None,
                    labels: vec![pair("severity", "warning")],
                    annotations: vec![pair("summary", "{{ $labels.instance }} is down")],
                    label_refs: Vec::new(),
                    span: Span::DUMMY,
                })],
                tests: Vec::new(),
                span: Span::DUMMY,
            },
        ],
        span: Span::DUMMY,
    }
}
