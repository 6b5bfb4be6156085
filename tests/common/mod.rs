//! Hand-built models for the emitter tests: small, but touching every construct.
#![allow(dead_code)]

use dac::diagnostic::Span;
use dac::model::*;
use dac::promql::ast::{Expr, ExprKind};

pub fn shared() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

pub fn query(text: &str) -> Query {
    // Emitters write `text`; the tree only matters to the checks.
    Query {
        expr: Expr {
            kind: ExprKind::Number {
                value: 1.0,
                raw: "1".to_string(),
            },
            span: Span::DUMMY,
        },
        text: text.to_string(),
        span: Span::DUMMY,
    }
}

pub fn pair(k: &str, v: &str) -> Pair {
    Pair {
        key: k.to_string(),
        value: v.to_string(),
        span: Span::DUMMY,
    }
}

pub fn target(ref_id: &str, expr: &str, legend: Option<&str>) -> Target {
    Target {
        ref_id: ref_id.to_string(),
        query: query(expr),
        legend: legend.map(str::to_string),
        kind: QueryKind::Range,
        interval: None,
        format: TargetFormat::TimeSeries,
        hide: false,
        span: Span::DUMMY,
    }
}

pub fn panel(kind: PanelKind, title: &str, targets: Vec<Target>) -> Panel {
    Panel {
        kind,
        title: title.to_string(),
        description: None,
        targets,
        content: None,
        display: Display::default(),
        links: Vec::new(),
        mappings: Vec::new(),
        overrides: Vec::new(),
        repeat: None,
        layout: LayoutHint::default(),
        span: Span::DUMMY,
    }
}

pub fn variable(name: &str, kind: VariableKind) -> Variable {
    Variable {
        name: name.to_string(),
        label: None,
        description: None,
        kind,
        multi: false,
        include_all: false,
        all_value: None,
        regex: None,
        refresh: Refresh::OnTimeRangeChange,
        hide: Hide::Nothing,
        sort: 1,
        current: None,
        span: Span::DUMMY,
    }
}

pub fn dashboard(uid: &str, title: &str, items: Vec<Item>) -> Dashboard {
    Dashboard {
        uid: uid.to_string(),
        uid_span: Span::DUMMY,
        title: title.to_string(),
        folder: None,
        tags: Vec::new(),
        description: None,
        refresh: None,
        time_from: "now-6h".to_string(),
        time_to: "now".to_string(),
        timezone: String::new(),
        graph_tooltip: GraphTooltip::Default,
        links: Vec::new(),
        datasource: DatasourceRef::default(),
        variables: Vec::new(),
        items,
        span: Span::DUMMY,
    }
}

/// A dashboard using every panel type, variable type, row kind and display option.
pub fn trade_dashboard() -> Dashboard {
    let mut stat = panel(
        PanelKind::Stat,
        "Portfolio value",
        vec![target("A", "sum(portfolio_value_usd)", None)],
    );
    stat.display.unit = Some("currencyUSD".to_string());
    stat.display.decimals = Some(2);
    stat.display.thresholds = Some(Thresholds {
        percentage: false,
        steps: vec![
            ThresholdStep {
                value: None,
                color: "red".to_string(),
            },
            ThresholdStep {
                value: Some(0.0),
                color: "green".to_string(),
            },
        ],
    });
    stat.mappings = vec![
        ValueMapping::Value {
            value: "0".to_string(),
            text: "empty".to_string(),
            color: Some("orange".to_string()),
        },
        ValueMapping::Range {
            from: Some(1.0),
            to: None,
            text: "funded".to_string(),
            color: None,
        },
        ValueMapping::Regex {
            pattern: "^x.*".to_string(),
            text: "x".to_string(),
            color: None,
        },
        ValueMapping::Special {
            matches: "null+nan".to_string(),
            text: "n/a".to_string(),
            color: None,
        },
    ];
    let mut up = panel(
        PanelKind::Stat,
        "Up",
        vec![target("A", "min(up{job=\"trade-service\"})", None)],
    );
    up.display.reduce = Some("last".to_string());
    up.display.graph_mode = Some("none".to_string());
    let mut gauge = panel(
        PanelKind::Gauge,
        "Error ratio",
        vec![target(
            "A",
            "sum(rate(http_requests_total{status=~\"5..\"}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))",
            None,
        )],
    );
    gauge.display.unit = Some("percentunit".to_string());
    gauge.display.min = Some(0.0);
    gauge.display.max = Some(1.0);
    gauge.display.color_mode = Some(ColorMode::Fixed("blue".to_string()));

    let mut rate = panel(
        PanelKind::Timeseries,
        "Trades executed",
        vec![
            target(
                "A",
                "sum by (exchange, side) (rate(trade_executions_total{instance=~\"$instance\"}[$__rate_interval]))",
                Some("{{exchange}} {{side}}"),
            ),
            {
                let mut t = target("B", "sum(rate(trade_executions_total[5m]))", Some("total"));
                t.interval = Some("1m".to_string());
                t.hide = true;
                t
            },
        ],
    );
    rate.description = Some("Trades per second by exchange and side.".to_string());
    rate.display.unit = Some("ops".to_string());
    rate.display.stacking = Some(Stacking::Normal);
    rate.display.fill = Some(20);
    rate.display.legend = Some(LegendDisplay {
        mode: "table".to_string(),
        placement: "right".to_string(),
        calcs: vec!["mean".to_string(), "max".to_string()],
    });
    rate.overrides = vec![
        Override {
            matcher: OverrideMatcher::Name("total".to_string()),
            properties: vec![OverrideProperty {
                id: "custom.fillOpacity".to_string(),
                value: serde_json::json!(0),
            }],
            span: Span::DUMMY,
        },
        Override {
            matcher: OverrideMatcher::Regex("binance.*".to_string()),
            properties: vec![OverrideProperty {
                id: "color".to_string(),
                value: serde_json::json!({"fixedColor": "yellow", "mode": "fixed"}),
            }],
            span: Span::DUMMY,
        },
    ];
    rate.links = vec![PanelLink {
        title: "Runbook".to_string(),
        url: "https://runbooks.cryptobot.example/trade".to_string(),
        target_blank: true,
        span: Span::DUMMY,
    }];
    let mut latency = panel(
        PanelKind::Timeseries,
        "Execution latency p99",
        vec![target(
            "A",
            "histogram_quantile(0.99, sum by (le) (rate(trade_execution_duration_seconds_bucket[$__rate_interval])))",
            Some("p99"),
        )],
    );
    latency.display.unit = Some("s".to_string());
    latency.display.time_from = Some(Millis(3_600_000));
    latency.display.min_interval = Some("30s".to_string());
    latency.display.max_data_points = Some(500);
    latency.repeat = Some("instance".to_string());
    let mut bars = panel(
        PanelKind::BarGauge,
        "Orders by exchange",
        vec![target(
            "A",
            "sum by (exchange) (increase(orders_total[1h]))",
            Some("{{exchange}}"),
        )],
    );
    bars.display.orientation = Some("vertical".to_string());
    let mut heatmap = panel(
        PanelKind::Heatmap,
        "Latency distribution",
        vec![{
            let mut t = target(
                "A",
                "sum by (le) (increase(http_request_duration_seconds_bucket[$__rate_interval]))",
                Some("{{le}}"),
            );
            t.format = TargetFormat::Heatmap;
            t
        }],
    );
    heatmap.display.unit = Some("s".to_string());
    let mut table = panel(
        PanelKind::Table,
        "Open positions",
        vec![
            {
                let mut t = target("A", "sum by (symbol) (position_size)", None);
                t.kind = QueryKind::Instant;
                t.format = TargetFormat::Table;
                t
            },
            {
                let mut t = target("B", "sum by (symbol) (position_value_usd)", None);
                t.kind = QueryKind::Both;
                t.format = TargetFormat::Table;
                t
            },
        ],
    );
    table.display.color_mode = Some(ColorMode::Scheme("continuous-GrYlRd".to_string()));
    let mut text = panel(PanelKind::Text, "About", Vec::new());
    text.content = Some(TextContent {
        markdown: true,
        text: "# Trade service\n\nOrders, executions and the portfolio.\n".to_string(),
    });
    let mut logs = panel(PanelKind::Logs, "Events", vec![target("A", "ALERTS", None)]);
    logs.layout.height = Some(6);
    let mut pinned = panel(
        PanelKind::Timeseries,
        "Pinned",
        vec![target("A", "up", None)],
    );
    pinned.layout = LayoutHint {
        width: Some(8),
        height: Some(5),
        x: Some(16),
        y: None,
    };

    let mut d = dashboard(
        "cryptobot-trade",
        "Trade Service",
        vec![
            Item::Panel(text),
            Item::Row(Row {
                title: "Overview".to_string(),
                collapsed: false,
                repeat: None,
                panels: vec![stat, up, gauge, bars],
                span: Span::DUMMY,
            }),
            Item::Row(Row {
                title: "Trading".to_string(),
                collapsed: false,
                repeat: None,
                panels: vec![rate, latency, heatmap, pinned],
                span: Span::DUMMY,
            }),
            Item::Row(Row {
                title: "Details".to_string(),
                collapsed: true,
                repeat: Some("instance".to_string()),
                panels: vec![table, logs],
                span: Span::DUMMY,
            }),
        ],
    );
    d.folder = Some("Cryptobot".to_string());
    d.tags = vec!["cryptobot".to_string(), "trade".to_string()];
    d.description = Some("Orders, executions and the portfolio of the trade service.".to_string());
    d.refresh = Some("30s".to_string());
    d.timezone = "utc".to_string();
    d.graph_tooltip = GraphTooltip::SharedCrosshair;
    d.links = vec![
        DashboardLink {
            title: "Cryptobot".to_string(),
            kind: DashboardLinkKind::Dashboards {
                tags: vec!["cryptobot".to_string()],
            },
            tooltip: None,
            icon: None,
            target_blank: false,
            include_vars: true,
            keep_time: true,
            as_dropdown: true,
            span: Span::DUMMY,
        },
        DashboardLink {
            title: "Runbooks".to_string(),
            kind: DashboardLinkKind::Url("https://runbooks.cryptobot.example".to_string()),
            tooltip: Some("How to fix things".to_string()),
            icon: Some("doc".to_string()),
            target_blank: true,
            include_vars: false,
            keep_time: false,
            as_dropdown: false,
            span: Span::DUMMY,
        },
    ];
    let mut instance = variable(
        "instance",
        VariableKind::Query {
            query: "label_values(up{job=\"trade-service\"}, instance)".to_string(),
        },
    );
    instance.multi = true;
    instance.include_all = true;
    instance.all_value = Some(".*".to_string());
    let mut exchange = variable(
        "exchange",
        VariableKind::Custom {
            values: vec![
                "binance".to_string(),
                "kraken".to_string(),
                "a,b".to_string(),
            ],
        },
    );
    exchange.current = Some("kraken".to_string());
    let mut window = variable(
        "window",
        VariableKind::Interval {
            values: vec!["1m".to_string(), "5m".to_string(), "1h".to_string()],
            auto: false,
        },
    );
    window.label = Some("Window".to_string());
    let mut env = variable(
        "env",
        VariableKind::Constant {
            value: "production".to_string(),
        },
    );
    env.hide = Hide::Variable;
    let mut filter = variable(
        "filter",
        VariableKind::Textbox {
            default: ".*".to_string(),
        },
    );
    filter.description = Some("Regex on symbols".to_string());
    let logs_ds = variable(
        "logs",
        VariableKind::Datasource {
            plugin: "loki".to_string(),
            regex: Some("/prod-.*/".to_string()),
        },
    );
    d.variables = vec![instance, exchange, window, env, filter, logs_ds];
    d
}

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
                    span: Span::DUMMY,
                })],
                tests: Vec::new(),
                span: Span::DUMMY,
            },
        ],
        span: Span::DUMMY,
    }
}

pub fn service(name: &str, monitor: bool) -> Service {
    Service {
        name: name.to_string(),
        name_span: Span::DUMMY,
        job: name.to_string(),
        monitor,
        port: "metrics".to_string(),
        path: "/metrics".to_string(),
        interval: Some(Millis(30_000)),
        scrape_timeout: None,
        namespace: Some("cryptobot".to_string()),
        selector: Vec::new(),
        metrics: Vec::new(),
        span: Span::DUMMY,
    }
}

pub fn project() -> Project {
    let mut plain = dashboard(
        "cryptobot-overview",
        "Overview",
        vec![Item::Panel(panel(
            PanelKind::Timeseries,
            "Up",
            vec![target("A", "up", None)],
        ))],
    );
    plain.datasource = DatasourceRef::Uid("prometheus-main".to_string());
    let mut data = service("data-service", true);
    data.job = "cryptobot-data".to_string();
    data.selector = vec![pair("app", "data")];
    data.scrape_timeout = Some(Millis(10_000));
    data.namespace = None;
    Project {
        dashboards: vec![trade_dashboard(), plain],
        rule_sets: vec![rule_set()],
        services: vec![
            service("trade-service", true),
            data,
            service("node-exporter", false),
        ],
    }
}
