//! Hand-built models for the emitter tests: small, but touching every construct.
#![allow(dead_code)]

use dac::diagnostic::Span;
use dac::model::*;
use dac::promql::ast::{Expr, ExprKind};

pub mod alertmanager;
pub mod grafana_standin;
pub mod prometheus;
mod rules;
mod trade;
pub mod validate;

pub use rules::rule_set;
pub use trade::trade_dashboard;

/// The project's copies of third-party test data (`tests/data/NOTICE.md` names each
/// file's origin, version and licence).
pub fn data() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
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
        legend_span: None,
        kind: QueryKind::Range,
        interval: None,
        format: TargetFormat::TimeSeries,
        hide: false,
        span: Span::DUMMY,
    }
}

pub fn panel(kind: PanelKind, title: &str, targets: Vec<Target>) -> Panel {
    Panel {
        targets,
        ..Panel::new(kind, title, Span::DUMMY)
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
        sort: VariableSort::AlphabeticalAsc,
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
        time: TimeRange::default(),
        timezone: String::new(),
        graph_tooltip: GraphTooltip::Default,
        links: Vec::new(),
        datasource: DatasourceRef::default(),
        variables: Vec::new(),
        items,
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
        replicas: None,
        metrics: Vec::new(),
        span: Span::DUMMY,
        job_span: None,
        port_span: None,
        discovery: dac::model::Discovery::Endpoints,
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
        ..Project::default()
    }
}
