//! The catalog's fleet figures, `series = N` on a metric and `replicas`/`targets` on a
//! service: bad ones are errors at their value, good ones reach the model and the
//! cardinality estimate, and never the emitted files.

use crate::dac_bin::{CRYPTOBOT, crate_root, dac, tree};

use std::fs;
use std::path::PathBuf;

use dac::lint::cardinality::{CatalogIndex, Size, estimate};
use dac::model::{Item, Project, Rule};
use dac::promql::visit::selectors;
use dac::report::human::render_all;
use dac::resolve::load_project;
use dac::source::SourceMap;

const F: &str = "tests/fixtures/catalog/";

#[test]
fn bad_figures_are_errors_at_their_value_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = dac(
        &crate_root(),
        [
            "build".as_ref(),
            format!("{F}bad_figures.dac").as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    )
    .expect(2);
    assert!(!out.exists(), "a failed build wrote {}", out.display());
    for (message, at) in [
        ("`1.5` is not a valid `replicas`", "bad_figures.dac:4:14"),
        ("`0` is not a valid `series`", "bad_figures.dac:7:14"),
        (
            "`replicas` or `targets` is set twice",
            "bad_figures.dac:13:3",
        ),
        ("`-3` is not a valid `series`", "bad_figures.dac:15:14"),
        ("first set here", "12 |   targets  = 10"),
    ] {
        assert!(
            run.stderr.contains(message),
            "missing {message:?} in:\n{run}"
        );
        assert!(run.stderr.contains(at), "missing {at:?} in:\n{run}");
    }
    insta::assert_snapshot!("bad_figures", run.stderr);
}

/// Builds `source` (written to `file` in a fresh directory) and returns the output tree.
fn build(source: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("api.dac"), source).unwrap();
    dac(tmp.path(), ["build", "api.dac", "-o", "out"]).expect(0);
    tree(&tmp.path().join("out"))
}

#[test]
fn figures_never_reach_the_emitted_files() {
    let with = fs::read_to_string(crate_root().join(F).join("figures.dac")).unwrap();
    let without: String = with
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("series") && !l.trim_start().starts_with("replicas")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(with.lines().count(), without.lines().count() + 3);
    let (a, b) = (build(&with), build(&without));
    assert!(
        a.keys().any(|k| k.contains("servicemonitor-api")),
        "{:?}",
        a.keys()
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs with the figures");
    }
}

fn cryptobot() -> Project {
    let roots: Vec<PathBuf> = CRYPTOBOT.iter().map(|r| crate_root().join(r)).collect();
    let mut sources = SourceMap::new();
    let (project, diagnostics) = load_project(&roots, &mut sources);
    assert!(
        diagnostics.is_empty(),
        "{}",
        render_all(&diagnostics, &sources)
    );
    project.expect("Cryptobot resolves")
}

fn index(project: &Project) -> CatalogIndex {
    let mut index = CatalogIndex::new(&project.services);
    let records = project
        .rule_sets
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.rules)
        .filter_map(|r| match r {
            Rule::Record(r) => Some(r),
            Rule::Alert(_) => None,
        });
    index.add_recording_rules(records);
    index
}

fn query(text: &str) -> dac::promql::ast::Expr {
    let opts = dac::promql::ParseOptions::new(dac::diagnostic::FileId(0));
    dac::promql::parse(text, &opts).unwrap()
}

#[test]
fn cryptobot_figures_reach_the_estimate() {
    let project = cryptobot();
    let index = index(&project);
    let service = |name: &str| project.services.iter().find(|s| s.name == name).unwrap();
    assert_eq!(service("data-service").replicas, Some(2));
    assert_eq!(service("cadvisor").replicas, Some(10));
    for (q, shown) in [
        ("kube_pod_info", "kube_pod_info (400) = 400 series"),
        (
            "count by (namespace) (kube_pod_info)",
            "namespace (40) = 40 series",
        ),
        (
            r#"http_requests_total{job="data-service"}"#,
            "endpoint (15) × instance (2) × method (5) × status (10) = 1,500 series",
        ),
        (
            "node_filesystem_avail_bytes",
            "node_filesystem_avail_bytes (60) = 60 series",
        ),
    ] {
        assert_eq!(estimate(&query(q), &index).to_string(), shown, "{q}");
    }
}

/// Every query Cryptobot has, estimated: no estimate is "unknown" unless a metric the
/// query reads is missing from the catalog and the rules.
#[test]
fn every_cryptobot_query_is_estimated_or_reads_an_unknown_metric() {
    let project = cryptobot();
    let index = index(&project);
    let mut queries = Vec::new();
    for d in &project.dashboards {
        for item in &d.items {
            let panels = match item {
                Item::Panel(p) => std::slice::from_ref(p),
                Item::Row(r) => r.panels.as_slice(),
            };
            queries.extend(panels.iter().flat_map(|p| &p.targets).map(|t| &t.query));
        }
    }
    for rule in project
        .rule_sets
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.rules)
    {
        queries.push(match rule {
            Rule::Alert(a) => &a.expr,
            Rule::Record(r) => &r.expr,
        });
    }
    assert!(queries.len() > 50, "{}", queries.len());
    let mut counted = 0;
    for q in queries {
        let e = estimate(&q.expr, &index);
        match e.size {
            Size::Count(_) => counted += 1,
            Size::Unbounded { .. } => {}
            Size::Unknown => {
                let missing = selectors(&q.expr)
                    .iter()
                    .any(|s| s.name.as_ref().is_none_or(|n| !index.contains(&n.name)));
                assert!(missing, "no estimate for {}", q.text);
            }
        }
    }
    assert!(counted > 50, "{counted}");
}
