//! A property: for generated inputs of up to 1 MB, of shapes that stress each stage
//! (many blocks, long queries, templates that multiply, long names, repeated names,
//! token soup), `dac build` stays within a fixed multiple of the input size in memory
//! and CPU time, plus a fixed base. The binary runs under `prlimit` with limits computed
//! from the input's size, so going over is a failed run rather than a stalled machine.

use std::fmt::Write as _;
use std::fs;
use std::process::{Command, Stdio};

use proptest::prelude::*;

use crate::dac_bin::program;

/// Address space any run may have: the binary, its thread stacks and allocator arenas.
const BASE_BYTES: u64 = 400 << 20;
/// Address space each byte of input may add.
const BYTES_PER_INPUT_BYTE: u64 = 200;
/// CPU seconds any run may take (a debug build, two threads), and per megabyte of input.
const BASE_CPU_SECONDS: u64 = 4;
const CPU_SECONDS_PER_MB: u64 = 30;

/// One input of about `size` bytes, of the given shape.
fn generate(shape: u8, size: usize, seed: u64) -> String {
    let mut src = String::new();
    let mut i = seed;
    match shape {
        // Many dashboards of a few panels each.
        0 => {
            while src.len() < size {
                i += 1;
                writeln!(
                    src,
                    "dashboard \"d{i}\" {{\n  uid = \"u{i}\"\n  timeseries \"t\" {{\n    query `sum by (job) (rate(http_requests_total{{code=\"{i}\"}}[5m]))`\n    unit = \"reqps\"\n  }}\n  stat \"s\" {{ query `up` }}\n}}"
                )
                .unwrap();
            }
        }
        // Rule expressions that are long flat chains (up to the token limit each).
        1 => {
            src.push_str("rules \"r\" {\n  group \"g\" {\n");
            while src.len() < size {
                i += 1;
                let terms = 1 + (i as usize * 7919) % 1400;
                let chain = vec!["up"; terms].join(" + ");
                writeln!(src, "    record \"r{i}\" = `{chain}`").unwrap();
            }
            src.push_str("  }\n}\n");
        }
        // Templates using templates, each used twice: the budget stops the doubling.
        2 => {
            src.push_str("template panel t0() {\n  stat \"s\" { query `up` }\n}\n");
            let mut level = 0;
            while src.len() < size {
                level += 1;
                let below = level - 1;
                writeln!(
                    src,
                    "template panel t{level}() {{\n  use t{below}\n  use t{below}\n}}"
                )
                .unwrap();
            }
            writeln!(src, "dashboard \"d\" {{\n  uid = \"d\"\n  use t{level}\n}}").unwrap();
        }
        // Long unknown names next to similar known ones.
        3 => {
            let name = "n".repeat(size / 4);
            writeln!(
                src,
                "template panel {name}x() {{\n  stat \"s\" {{ query `up` }}\n}}\ndashboard \"d\" {{\n  uid = \"d\"\n  use {name}\n  {name} = 1\n}}"
            )
            .unwrap();
        }
        // Alerts repeating a few names, some with the same labels.
        4 => {
            src.push_str("rules \"r\" {\n  group \"g\" {\n");
            while src.len() < size {
                i += 1;
                let severity = ["warning", "critical"][(i % 2) as usize];
                writeln!(
                    src,
                    "    alert \"A{}\" {{ expr = `up == 0`, severity = {severity} }}",
                    i % 97
                )
                .unwrap();
            }
            src.push_str("  }\n}\n");
        }
        // Token soup: brackets, keywords and strings in a deterministic jumble.
        _ => {
            const TOKENS: &[&str] = &[
                "dashboard",
                "\"x\"",
                "{",
                "}",
                "[",
                "]",
                "(",
                ")",
                "use",
                "template",
                "panel",
                "`up + up`",
                "=",
                "5m",
                "\n",
                "rules",
                "group",
                "alert",
                "@p",
                ",",
                "1e9",
            ];
            while src.len() < size {
                i = i
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                src.push_str(TOKENS[(i >> 33) as usize % TOKENS.len()]);
                src.push(' ');
            }
        }
    }
    src
}

/// Runs `dac build` on `src` under limits proportional to its size; `Err` says which
/// limit it went over.
fn build_within_limits(src: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("in.dac"), src).unwrap();
    let size = src.len() as u64;
    let memory = BASE_BYTES + BYTES_PER_INPUT_BYTE * size;
    let cpu = BASE_CPU_SECONDS + CPU_SECONDS_PER_MB * size / (1 << 20);
    let out = Command::new(program("PRLIMIT", "prlimit"))
        .arg(format!("--as={memory}"))
        .arg(format!("--cpu={cpu}"))
        .args([env!("CARGO_BIN_EXE_dac"), "build", "in.dac", "-o", "out"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail = stderr.char_indices().rev().nth(2000).map_or(0, |(i, _)| i);
    match out.status.code() {
        Some(0 | 2) if !stderr.contains("panicked") => Ok(()),
        code => Err(format!(
            "exit {code:?} for {size} bytes (limits {memory} bytes, {cpu} s CPU): {}",
            &stderr[tail..]
        )),
    }
}

proptest! {
    // Each case runs the binary on up to a megabyte: few cases, every shape covered by
    // the sizes below, and no regression files.
    #![proptest_config(ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn time_and_memory_grow_with_the_input(
        shape in 0u8..6,
        kib in prop::sample::select(vec![16usize, 128, 1024]),
        seed in 0u64..1_000,
    ) {
        let src = generate(shape, kib << 10, seed);
        prop_assert!(src.len() <= (kib << 10) + 100_000);
        if let Err(e) = build_within_limits(&src) {
            prop_assert!(false, "shape {}: {}", shape, e);
        }
    }
}

/// Every shape at the largest size, so each is covered whatever proptest picks.
#[test]
fn every_shape_at_a_megabyte() {
    for shape in 0..6 {
        let src = generate(shape, 1 << 20, 7);
        if let Err(e) = build_within_limits(&src) {
            panic!("shape {shape}: {e}");
        }
    }
}
