//! The valid fixtures of `tests/fixtures/lang` resolve to the model they describe.

use std::path::{Path, PathBuf};

use dac::codes::Code;
use dac::model::{
    ColorMode, Item, Millis, OverrideMatcher, OverrideProperty, Panel, PanelKind, Project,
    PropertyValue, QueryKind, Reducer, Rule, Stacking, Step, TargetFormat, TimePoint, TimeRange,
    ValueMapping, VariableKind, VariableSort,
};
use dac::report::human::render_all;
use dac::resolve::{MemoryFs, load_project, load_project_from};
use dac::source::SourceMap;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lang")
        .join(name)
}

/// The project, which must resolve without a diagnostic but the warning for the
/// `auto` of `valid_project.dac`'s interval variable (`dashboard_attributes_and_variables`
/// checks that one).
fn resolve(roots: &[PathBuf]) -> Project {
    let mut sources = SourceMap::new();
    let (project, mut diagnostics) = load_project(roots, &mut sources);
    diagnostics.retain(|d| d.code != Code::IntervalAuto || d.is_error());
    assert!(
        diagnostics.is_empty(),
        "{}",
        render_all(&diagnostics, &sources)
    );
    project.expect("a project")
}

fn panels(project: &Project) -> Vec<&Panel> {
    project.dashboards[0]
        .items
        .iter()
        .flat_map(|item| match item {
            Item::Panel(p) => vec![p],
            Item::Row(r) => r.panels.iter().collect(),
        })
        .collect()
}

#[test]
fn dashboard_attributes_and_variables() {
    let mut sources = SourceMap::new();
    let (_, diagnostics) = load_project(&[fixture("valid_project.dac")], &mut sources);
    let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::IntervalAuto], "the `auto` of `resolution`");
    assert!(!diagnostics[0].is_error());
    let p = resolve(&[fixture("valid_project.dac")]);
    let d = &p.dashboards[0];
    assert_eq!(d.uid, "cryptobot-trade");
    assert_eq!(d.title, "Trade Service");
    assert_eq!(d.refresh, Some(Millis(30_000)));
    assert_eq!(
        d.time,
        TimeRange {
            from: TimePoint::Ago(Millis(6 * 3_600_000)),
            to: TimePoint::Now
        }
    );
    assert_eq!(d.links.len(), 2);
    let kinds: Vec<&VariableKind> = d.variables.iter().map(|v| &v.kind).collect();
    assert!(matches!(kinds[0], VariableKind::Query { query }
        if query == "label_values(up{job=\"trade\", service=\"trade-service\"}, instance)"));
    assert!(matches!(kinds[1], VariableKind::Custom { values } if values == &["prod", "staging"]));
    assert!(
        matches!(kinds[2], VariableKind::Interval { values, auto: true } if values == &[60_000, 300_000, 3_600_000].map(|ms| Step::Duration(Millis(ms))))
    );
    assert!(matches!(kinds[3], VariableKind::Constant { value } if value == "eu-1"));
    assert!(matches!(kinds[4], VariableKind::Textbox { default } if default == ".*"));
    assert!(
        matches!(kinds[5], VariableKind::Datasource { plugin, regex: Some(r) } if plugin == "prometheus" && r == "prom-.*")
    );
    assert_eq!(d.variables[0].sort, VariableSort::AlphabeticalAsc);
}

#[test]
fn panels_scopes_queries_and_display() {
    let p = resolve(&[fixture("valid_project.dac")]);
    let panels = panels(&p);
    let kinds: Vec<PanelKind> = panels.iter().map(|p| p.kind).collect();
    use PanelKind::*;
    assert_eq!(
        kinds,
        [
            Stat, Timeseries, Timeseries, Timeseries, Gauge, BarGauge, Table, Heatmap, Text, Logs,
            Stat, Timeseries, Timeseries
        ]
    );
    // A query passed to a template, scoped by the dashboard.
    assert_eq!(panels[10].title, "Open orders");
    assert_eq!(
        panels[10].targets[0].query.text,
        "sum(orders_open{service=\"trade-service\"})"
    );
    assert_eq!(panels[10].display.unit.as_deref(), Some("none"));
    // A row template whose panels come from another template: the inner scope wins.
    assert_eq!(
        panels[11].targets[0].query.text,
        "sum by (status) (rate(http_requests_total{service=\"trade-api\"}[$__rate_interval]))"
    );
    // Dashboard scope, and a template's own scope from its parameter.
    assert_eq!(
        panels[0].targets[0].query.text,
        "up{instance=~\"$instance\", service=\"trade-service\"}"
    );
    assert_eq!(panels[1].title, "HTTP rate");
    // Row scope adds to the dashboard's; a selector's own matcher wins.
    let trades = panels[3];
    assert_eq!(
        trades.targets[0].query.text,
        "sum by (side) (rate(trade_executions_total{status=~\"ok|filled\", service=\"trade-service\", exchange=\"binance\"}[$__rate_interval]))"
    );
    assert_eq!(trades.targets[0].legend.as_deref(), Some("{{side}}"));
    assert_eq!(trades.targets[1].ref_id, "B");
    assert_eq!(
        trades.targets[1].interval,
        Some(Step::Duration(Millis(60_000)))
    );
    assert!(trades.targets[1].hide);
    assert_eq!(trades.display.unit.as_deref(), Some("ops"));
    assert_eq!(trades.display.stacking, Some(Stacking::Normal));
    assert_eq!(
        trades.display.legend.as_ref().map(|l| l.calcs.clone()),
        Some(vec![Reducer::Mean, Reducer::Max])
    );
    assert_eq!(
        trades.overrides[0].matcher,
        OverrideMatcher::Name("all".into())
    );
    assert_eq!(
        trades.overrides[1].properties,
        [
            OverrideProperty::FillOpacity(0),
            OverrideProperty::Hidden(false),
            OverrideProperty::Custom {
                id: "custom.lineStyle".into(),
                value: PropertyValue::Map(vec![(
                    "fill".into(),
                    PropertyValue::String("dash".into())
                )]),
            },
        ]
    );
    let stat = panels[0];
    assert_eq!(stat.targets[0].kind, QueryKind::Instant);
    assert_eq!(stat.mappings.len(), 5);
    assert!(
        matches!(&stat.mappings[2], ValueMapping::Range { from: Some(f), to: None, .. } if *f == 2.0)
    );
    assert_eq!(stat.display.color_mode, Some(ColorMode::Thresholds));
    let steps = &stat.display.thresholds.as_ref().unwrap().steps;
    assert_eq!((steps[0].value, steps[1].value), (None, Some(1.0)));
    assert_eq!((stat.layout.width, stat.layout.height), (Some(6), Some(4)));
    let gauge = panels[4];
    assert!(gauge.display.thresholds.as_ref().unwrap().percentage);
    assert_eq!(panels[5].targets[0].kind, QueryKind::Both);
    assert_eq!(panels[6].targets[0].format, TargetFormat::Table);
    assert_eq!(
        panels[8].content.as_ref().map(|c| c.text.as_str()),
        Some("## Trade service\nExecutes orders on the exchanges.\n")
    );
}

#[test]
fn rules_templates_and_tests() {
    let p = resolve(&[fixture("valid_project.dac")]);
    let set = &p.rule_sets[0];
    assert_eq!(set.name, "trade-service");
    // A group template, itself using an alert template.
    let a = &set.groups[0];
    assert_eq!(a.name, "trade-service.availability");
    let Rule::Alert(down) = &a.rules[0] else {
        panic!()
    };
    assert_eq!(down.expr.text, "up{job=\"trade-service\"} == 0");
    assert_eq!(down.for_.map(|m| m.0), Some(120_000));
    let g = &set.groups[1];
    assert_eq!(g.limit, Some(100));
    assert_eq!(g.rules.len(), 5);
    let Rule::Record(r) = &g.rules[0] else {
        panic!()
    };
    assert_eq!(
        r.expr.text,
        "sum by (service, status) (rate(http_requests_total{service=\"trade-service\"}[5m]))"
    );
    let Rule::Alert(a) = &g.rules[1] else {
        panic!()
    };
    let labels: Vec<(&str, &str)> = a
        .labels
        .iter()
        .map(|l| (l.key.as_str(), l.value.as_str()))
        .collect();
    assert_eq!(labels, [("severity", "critical"), ("team", "trading")]);
    let keys: Vec<&str> = a.annotations.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(keys, ["summary", "description", "runbook_url", "dashboard"]);
    // From the `target_down` template, with the group's scope and the default severity.
    let Rule::Alert(t) = &g.rules[2] else {
        panic!()
    };
    assert_eq!(t.name, "TargetDown");
    assert_eq!(t.expr.text, "up{service=\"trade-service\"} == 0");
    assert_eq!(t.for_.map(|m| m.0), Some(300_000));
    assert_eq!(
        t.annotations[0].value,
        "{{ $labels.instance }} of job trade-service is down"
    );
    // Comparisons after a query join its tree, parenthesised where precedence needs it.
    let Rule::Alert(e) = &g.rules[3] else {
        panic!()
    };
    assert_eq!(
        e.expr.text,
        "sum(rate(http_requests_total{status=~\"5..\", service=\"trade-service\"}[5m])) / sum(rate(http_requests_total{service=\"trade-service\"}[5m])) > 0.1"
    );
    let Rule::Alert(b) = &g.rules[4] else {
        panic!()
    };
    assert_eq!(
        b.expr.text,
        "(job:latency:p99{service=\"trade-service\"} > 1 and job:rate5m{service=\"trade-service\"} > 10) >= 2"
    );
    let test = &g.tests[0];
    assert_eq!(
        test.series[0].series,
        "http_requests_total{service=\"trade-service\", status=\"500\"}"
    );
    assert_eq!(test.alerts.len(), 2);
    assert!(test.alerts[1].alerts.is_empty());
    assert_eq!(test.queries[0].samples[0].value, 1.6666666666666667);
}

#[test]
fn catalog() {
    let p = resolve(&[fixture("valid_project.dac")]);
    let trade = &p.services[0];
    assert!(trade.monitor);
    assert_eq!(
        (trade.job.as_str(), trade.port.as_str(), trade.path.as_str()),
        ("trade-service", "http-metrics", "/metrics")
    );
    assert_eq!(trade.metrics.len(), 4);
    assert_eq!(trade.metrics[1].buckets, Some(12));
    assert!(!p.services[1].monitor);
}

#[test]
fn any_file_order_gives_the_same_model() {
    let files = [
        (
            "p/b.dac",
            "dashboard \"B\" {\n  uid = \"b\"\n  use shared\n}\n",
        ),
        (
            "p/a.dac",
            "import \"lib/t.dac\"\ndashboard \"A\" {\n  uid = \"a\"\n  use shared\n}\n",
        ),
        (
            "p/lib/t.dac",
            "template panel shared {\n  stat \"S\" { query `up` }\n}\n",
        ),
        (
            "p/c.dac",
            "import \"lib/t.dac\"\nrules \"c\" { group \"g\" { alert \"A\" { expr = `up == 0` } } }\n",
        ),
    ];
    let run = |order: &[usize], roots: &[&str]| {
        let fs = MemoryFs::new(order.iter().map(|&i| files[i]));
        let mut sources = SourceMap::new();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        let (project, diagnostics) = load_project_from(&roots, &fs, &mut sources);
        (format!("{project:?}"), render_all(&diagnostics, &sources))
    };
    // b.dac uses a template it does not import: an error, the same each time.
    let first = run(&[0, 1, 2, 3], &["p"]);
    assert!(
        first
            .1
            .contains("defined here, in a file this one does not import"),
        "{}",
        first.1
    );
    for (order, roots) in [
        (vec![3, 2, 1, 0], vec!["p"]),
        (
            vec![2, 0, 3, 1],
            vec!["p/c.dac", "p/b.dac", "p/a.dac", "p/lib"],
        ),
        (
            vec![1, 3, 0, 2],
            vec!["p/lib/t.dac", "p/a.dac", "p/c.dac", "p/b.dac"],
        ),
    ] {
        assert_eq!(run(&order, &roots), first);
    }
    let ok = |order: &[usize], roots: &[&str]| {
        let fs = MemoryFs::new(order.iter().map(|&i| files[i]));
        let mut sources = SourceMap::new();
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        let (project, diagnostics) = load_project_from(&roots, &fs, &mut sources);
        assert!(
            diagnostics.is_empty(),
            "{}",
            render_all(&diagnostics, &sources)
        );
        format!("{project:?}")
    };
    let a = ok(&[0, 1, 2, 3], &["p/a.dac", "p/c.dac"]);
    assert_eq!(a, ok(&[3, 2, 1, 0], &["p/c.dac", "p/a.dac"]));
    // The imported file joins the project without being a root.
    assert!(a.contains("title: \"S\""));
}
