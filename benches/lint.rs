//! Lint time of the generated project of 1,000 dashboards of 22 panels and 10,000 rules
//! (benches/support), through the library API, sources in memory:
//! - `lint/generated_1000x22_10000_rules`: what `dac lint` does, the whole pipeline
//!   (find the project, read, parse, resolve, emit) and then every offline rule;
//! - `lint/rules_only_1000x22_10000_rules`: the rules alone, over the resolved project,
//!   so a slower rule shows up apart from the front end it shares with `dac build`.
//!
//! `cargo bench --bench lint`. The process-level figure, and promtool's time on the same
//! project's rule files, come from `scripts/bench-lint-vs-promtool`; see the README.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dac::diagnostic::Diagnostic;
use dac::env::MemoryEnv;
use dac::lint::context::LintInput;
use dac::lint::settings::LintSettings;
use dac::{Compilation, CompileOptions, Retain, compile};

/// Where the generated project lies in the in-memory file system (never on disk).
const ROOT: &str = "generated";

fn generated() -> MemoryEnv {
    let files: Vec<(String, String)> = generate::generate(1000, 22, 10_000)
        .into_iter()
        .map(|f| (format!("{ROOT}/{}", f.path), f.text))
        .collect();
    let mut env = MemoryEnv::new(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    env.fs = env.fs.in_dir(ROOT);
    env
}

/// The front end as `dac lint` runs it (emitting only the files its rules read);
/// panics on an error so a broken benchmark input cannot pass for a fast one.
fn front_end(env: &MemoryEnv) -> Compilation {
    let options = CompileOptions {
        retain: Retain::Checked,
        ..CompileOptions::default()
    };
    let compilation = compile(env, &options);
    assert!(
        compilation.found.is_some() && !compilation.has_errors(),
        "benchmark sources do not compile: {:?}",
        compilation.diagnostics
    );
    compilation
}

/// Every offline rule with the project's settings: the findings.
fn rules(compilation: &Compilation) -> Vec<Diagnostic> {
    let default = LintSettings::default();
    let settings = compilation
        .found
        .as_ref()
        .map_or(&default, |found| &found.config.lint);
    let input = LintInput::new(&compilation.project, &compilation.sources)
        .with_outputs(compilation.outputs.as_deref());
    dac::lint::lint(&input, settings)
}

fn benches(c: &mut Criterion) {
    let env = generated();
    let resolved = front_end(&env);
    // The generated project lints clean but for `service/golden-signals`: its services
    // have no saturation panel, and not each has alerts on its errors and its latency
    // (25 warnings). Any other finding would mean the rules did work that real projects
    // do not ask of them (rendering, suggestions).
    let found = rules(&resolved);
    let other: Vec<&str> = found
        .iter()
        .map(|d| d.code.name())
        .filter(|&name| name != "service/golden-signals")
        .collect();
    assert!(other.is_empty(), "unexpected findings: {other:?}");
    assert_eq!(found.len(), 25, "the golden signals the project leaves out");
    assert!(resolved.project.dashboards.len() == 1000);

    let mut group = c.benchmark_group("lint");
    group.sample_size(10);
    group.bench_function("generated_1000x22_10000_rules", |b| {
        b.iter(|| black_box(rules(&front_end(&env)).len()))
    });
    group.bench_function("rules_only_1000x22_10000_rules", |b| {
        b.iter(|| black_box(rules(&resolved).len()))
    });
    group.finish();
}

criterion_group!(lint_benches, benches);
criterion_main!(lint_benches);
