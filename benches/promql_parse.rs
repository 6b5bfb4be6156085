//! Expressions parsed per second on the kube-prometheus corpus: dac's PromQL front end
//! against the `promql-parser` crate, in the same run, on the same expressions.
//!
//! `cargo bench --bench promql_parse`

use std::fs;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dac::diagnostic::FileId;
use dac::promql::{ParseOptions, parse};

/// Every rule expression of the corpus's PromQL rule files.
fn rule_expressions() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kube-prometheus");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("the corpus beside the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("-prometheusRule.yaml"))
        .collect();
    paths.sort();
    let mut exprs = Vec::new();
    for path in paths {
        let text = fs::read_to_string(&path).expect("readable rule file");
        let doc: yaml_serde::Value = yaml_serde::from_str(&text).expect("valid YAML");
        for group in doc["spec"]["groups"].as_sequence().into_iter().flatten() {
            for rule in group["rules"].as_sequence().into_iter().flatten() {
                if let Some(expr) = rule["expr"].as_str() {
                    exprs.push(expr.to_string());
                }
            }
        }
    }
    exprs
}

fn bench(c: &mut Criterion) {
    let exprs = rule_expressions();
    let opts = ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana: false,
    };
    // Both parsers must accept the whole input, or the comparison means nothing.
    assert!(exprs.iter().all(|e| parse(e, &opts).is_ok()));
    assert!(
        exprs
            .iter()
            .all(|e| promql_parser::parser::parse(e).is_ok())
    );

    let mut group = c.benchmark_group("promql_parse_corpus");
    group.throughput(Throughput::Elements(exprs.len() as u64));
    group.bench_function("dac", |b| {
        b.iter(|| {
            for e in &exprs {
                std::hint::black_box(parse(e, &opts).is_ok());
            }
        })
    });
    group.bench_function("promql-parser", |b| {
        b.iter(|| {
            for e in &exprs {
                std::hint::black_box(promql_parser::parser::parse(e).is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
