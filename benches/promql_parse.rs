//! Expressions per second: dac's PromQL parser and the `promql-parser` crate on the same
//! inputs, every rule expression of the kube-prometheus corpus.
//!
//! `cargo bench --bench promql_parse`; criterion prints the time per pass over the corpus
//! for each parser, and the bench prints the expression count to turn that into a rate.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dac::diagnostic::FileId;
use dac::promql::{ParseOptions, parse};
use yaml_serde::Value;

fn rule_expressions() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kube-prometheus");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut exprs = Vec::new();
    for path in paths {
        let is_rules = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with("-prometheusRule.yaml"));
        let Some(text) = is_rules.then(|| fs::read_to_string(&path).ok()).flatten() else {
            continue;
        };
        let Ok(doc) = yaml_serde::from_str::<Value>(&text) else {
            continue;
        };
        let groups = doc["spec"]["groups"]
            .as_sequence()
            .cloned()
            .unwrap_or_default();
        for group in groups {
            for rule in group["rules"].as_sequence().cloned().unwrap_or_default() {
                if let Some(expr) = rule["expr"].as_str() {
                    exprs.push(expr.to_string());
                }
            }
        }
    }
    exprs
}

fn parsers(c: &mut Criterion) {
    let exprs = rule_expressions();
    assert!(!exprs.is_empty(), "no rule expressions found in the corpus");
    println!("{} rule expressions", exprs.len());
    let opts = ParseOptions::new(FileId(0));
    let mut group = c.benchmark_group("corpus rule expressions");
    group.throughput(Throughput::Elements(exprs.len() as u64));
    group.bench_function("dac", |b| {
        b.iter(|| {
            for e in &exprs {
                let _ = black_box(parse(black_box(e), &opts));
            }
        })
    });
    group.bench_function("promql-parser", |b| {
        b.iter(|| {
            for e in &exprs {
                let _ = black_box(promql_parser::parser::parse(black_box(e)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parsers);
criterion_main!(benches);
