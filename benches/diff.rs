//! `dac diff` through the library, on the generated project (1,000 dashboards of 22
//! panels, 10,000 rules; benches/support):
//!
//! - `against`: the project compiled once, its output tree held in memory as the
//!   "earlier out/" with one panel's query changed; each iteration reads that tree and
//!   compares it with the new outputs as `dac diff --against` does (`diff::diff_files`:
//!   a file the same on both sides is not parsed), and renders the text report.
//!   Compiling the sources is `benches/build.rs`'s figure.
//! - `base`: what `dac diff --base` does once git has read the revision: each iteration
//!   compiles the sources, then the revision (one panel's query differs) taking what
//!   the first compilation offers, compares them and renders the report.
//!
//! `cargo bench --bench diff`.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use dac::compile::{self, CompileOptions, Retain};
use dac::diff::side::{Compiled, Directory, Files};
use dac::env::{MemoryEnv, MemoryFs};
use dac::resolve::Reuse;

fn benches(c: &mut Criterion) {
    let files = generate::generate(1000, 22, 10_000);
    let env = MemoryEnv::new(files.iter().map(|f| (f.path.as_str(), f.text.as_str())));
    let options = CompileOptions {
        paths: ["dashboards", "alerts", "catalog"]
            .map(PathBuf::from)
            .to_vec(),
        retain: Retain::Outputs,
        ..CompileOptions::default()
    };
    let compiled = compile::compile(&env, &options);
    let outputs = compiled.outputs.unwrap_or_else(|| {
        panic!(
            "benchmark sources do not compile: {:?}",
            compiled.diagnostics
        )
    });
    // The earlier tree: the same files, one dashboard's first query edited.
    let mut changed = false;
    let old = MemoryFs {
        files: outputs
            .iter()
            .map(|f| {
                let mut text = String::from_utf8_lossy(&f.contents).into_owned();
                if !changed && f.path.ends_with(".json") && text.contains("\"expr\": \"") {
                    text = text.replacen("\"expr\": \"", "\"expr\": \"2 * ", 1);
                    changed = true;
                }
                (PathBuf::from("out").join(&f.path), text)
            })
            .collect(),
        ..MemoryFs::default()
    };
    assert!(changed, "no dashboard query to change");
    let against = Directory {
        fs: &old,
        dir: PathBuf::from("out"),
    };

    let new = Files::from_outputs("the sources".to_string(), outputs);
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    group.bench_function("against_generated_1000x22_one_panel", |b| {
        b.iter(|| {
            let old = against.files().expect("the old tree reads");
            let report = dac::diff::diff_files(&old, &new).expect("both sides read");
            assert_eq!(
                report.summary().changed,
                1,
                "the dashboard's JSON (its ConfigMap in the old tree is left as built)"
            );
            black_box(dac::diff::render_text::render(&report, false))
        })
    });
    // The revision: the first query of the first dashboard differs.
    let revised: Vec<(&str, String)> = files
        .iter()
        .map(|f| match f.path.as_str() {
            "dashboards/d0000.dac" => (
                f.path.as_str(),
                f.text.replacen("query `", "query `2 * ", 1),
            ),
            path => (path, f.text.clone()),
        })
        .collect();
    let revision = MemoryEnv::new(revised.iter().map(|(p, t)| (*p, t.as_str())));
    let side = |env| Compiled {
        env,
        paths: options.paths.clone(),
        config: None,
        label: String::new(),
    };
    group.bench_function("base_generated_1000x22_one_panel", |b| {
        b.iter(|| {
            let (new, mut offered) = side(&env).files_reusing(&mut Reuse::default()).unwrap();
            let (old, _) = side(&revision).files_reusing(&mut offered).unwrap();
            let report = dac::diff::diff_files(&old, &new).expect("both sides read");
            assert_eq!(
                report.summary().changed,
                2,
                "the dashboard's JSON and ConfigMap"
            );
            black_box(dac::diff::render_text::render(&report, false))
        })
    });
    group.finish();
}

criterion_group!(diff_benches, benches);
criterion_main!(diff_benches);
