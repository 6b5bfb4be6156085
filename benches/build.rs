//! Compile time of whole projects, sources in memory to output files in memory:
//! - `cryptobot`: this repository's own dashboards, alerts and catalog;
//! - `generated`: 1,000 dashboards of 22 panels and 10,000 rules (benches/support).
//!
//! `cargo bench --bench build`. The process-level figures (wall time and peak memory of
//! `dac build`, writing included) are taken with the release binary; see the README.

#[path = "support/generate.rs"]
mod generate;

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use dac::config::Config;
use dac::resolve::{MemoryFs, load_project_from};
use dac::source::SourceMap;

/// Parses, resolves, checks and emits every file of `fs` under `roots`; panics on an error
/// so a broken benchmark input cannot pass for a fast one.
fn build(fs: &MemoryFs, roots: &[PathBuf]) -> usize {
    let mut sources = SourceMap::new();
    let (project, diagnostics) = load_project_from(roots, fs, &mut sources);
    let project =
        project.unwrap_or_else(|| panic!("benchmark sources do not compile: {diagnostics:?}"));
    let collisions = dac::resolve::output_paths::check(&project, &Config::default());
    assert!(collisions.is_empty(), "{collisions:?}");
    let files = dac::emit::emit(&project, &Config::default());
    files.len()
}

fn cryptobot_sources() -> MemoryFs {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut fs = MemoryFs::default();
    for dir in ["dashboards", "alerts", "catalog", "lib"] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir)
                .expect("a Cryptobot source folder")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "dac") {
                    let rel = path
                        .strip_prefix(root)
                        .expect("under the crate")
                        .to_path_buf();
                    fs.files
                        .insert(rel, fs::read_to_string(&path).expect("readable source"));
                }
            }
        }
    }
    fs
}

fn benches(c: &mut Criterion) {
    let cryptobot = cryptobot_sources();
    let roots: Vec<PathBuf> = ["dashboards", "alerts", "catalog"]
        .map(PathBuf::from)
        .into();
    c.bench_function("build/cryptobot", |b| {
        b.iter(|| black_box(build(&cryptobot, &roots)))
    });

    let generated = MemoryFs {
        files: generate::generate(1000, 22, 10_000)
            .into_iter()
            .map(|f| (PathBuf::from(f.path), f.text))
            .collect(),
        ..MemoryFs::default()
    };
    let roots = ["dashboards", "alerts", "catalog"]
        .map(PathBuf::from)
        .to_vec();
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("generated_1000x22_10000_rules", |b| {
        b.iter(|| black_box(build(&generated, &roots)))
    });
    group.finish();
}

criterion_group!(build_benches, benches);
criterion_main!(build_benches);
