//! The offline cardinality estimate over a whole project: the catalog index (recording
//! rules included) and one estimate per query, for the generated project of 1,000
//! dashboards of 22 panels and 10,000 rules (benches/support).
//!
//! `cargo bench --bench cardinality`.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use dac::lint::cardinality::{CatalogIndex, Size, estimate};
use dac::model::{Item, Project, Query, Rule};
use dac::resolve::{MemoryFs, load_project_from};
use dac::source::SourceMap;

fn project() -> Project {
    let fs = MemoryFs {
        files: generate::generate(1000, 22, 10_000)
            .into_iter()
            .map(|f| (PathBuf::from(f.path), f.text))
            .collect(),
        ..MemoryFs::default()
    };
    let roots = ["dashboards", "alerts", "catalog"].map(PathBuf::from);
    let mut sources = SourceMap::new();
    let (project, diagnostics) = load_project_from(&roots, &fs, &mut sources);
    project.unwrap_or_else(|| panic!("benchmark sources do not compile: {diagnostics:?}"))
}

fn queries(project: &Project) -> Vec<&Query> {
    let mut out = Vec::new();
    for d in &project.dashboards {
        for item in &d.items {
            let panels = match item {
                Item::Panel(p) => std::slice::from_ref(p),
                Item::Row(r) => r.panels.as_slice(),
            };
            out.extend(panels.iter().flat_map(|p| &p.targets).map(|t| &t.query));
        }
    }
    for rule in project
        .rule_sets
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.rules)
    {
        out.push(match rule {
            Rule::Alert(a) => &a.expr,
            Rule::Record(r) => &r.expr,
        });
    }
    out
}

/// Builds the index and estimates every query; returns how many got a number, so a
/// catalog the estimate cannot read fails loudly instead of measuring nothing.
fn estimate_all(project: &Project, queries: &[&Query]) -> usize {
    let mut index = CatalogIndex::new(&project.services);
    index.add_recording_rules(
        project
            .rule_sets
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.rules)
            .filter_map(|r| match r {
                Rule::Record(r) => Some(r),
                Rule::Alert(_) => None,
            }),
    );
    queries
        .iter()
        .filter(|q| matches!(estimate(&q.expr, &index).size, Size::Count(_)))
        .count()
}

fn benches(c: &mut Criterion) {
    let project = project();
    let queries = queries(&project);
    let counted = estimate_all(&project, &queries);
    assert!(
        counted * 2 > queries.len(),
        "{counted} of {} estimated",
        queries.len()
    );
    let mut group = c.benchmark_group("cardinality");
    group.sample_size(10);
    group.bench_function("generated_1000x22_10000_rules", |b| {
        b.iter(|| black_box(estimate_all(&project, &queries)))
    });
    group.finish();
}

criterion_group!(cardinality_benches, benches);
criterion_main!(cardinality_benches);
