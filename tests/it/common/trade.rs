//! A dashboard touching every panel type, variable type, row kind and display option.

use dac::diagnostic::Span;
use dac::model::*;

use super::*;

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
            matches: SpecialValue::NullOrNaN,
            text: "n/a".to_string(),
            color: None,
        },
    ];
    let mut up = panel(
        PanelKind::Stat,
        "Up",
        vec![target("A", "min(up{job=\"trade-service\"})", None)],
    );
    up.display.reduce = Some(Reducer::Last);
    up.display.graph_mode = Some(GraphMode::None);
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
                t.interval = Some(Step::Duration(Millis(60_000)));
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
        mode: LegendMode::Table,
        placement: LegendPlacement::Right,
        calcs: vec![Reducer::Mean, Reducer::Max],
    });
    rate.overrides = vec![
        Override {
            matcher: OverrideMatcher::Name("total".to_string()),
            properties: vec![OverrideProperty::FillOpacity(0)],
            span: Span::DUMMY,
        },
        Override {
            matcher: OverrideMatcher::Regex("binance.*".to_string()),
            properties: vec![OverrideProperty::Color(ColorMode::Fixed(
                "yellow".to_string(),
            ))],
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
    latency.display.min_interval = Some(Step::Duration(Millis(30_000)));
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
    bars.display.orientation = Some(Orientation::Vertical);
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
    table.display.color_mode = Some(ColorMode::Scheme(ColorScheme::ContinuousGrYlRd));
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
    d.refresh = Some(Millis(30_000));
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
            values: vec![
                Step::Duration(Millis(60_000)),
                Step::Duration(Millis(300_000)),
                Step::Text("1h".to_string()),
            ],
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
