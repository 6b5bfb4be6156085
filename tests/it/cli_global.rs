//! What every command shares: `--version`, the exit codes in `--help`, and the report
//! flags (`--format`, `--color`, `-q`, `-v`) wherever they are written.

use crate::dac_bin;

use std::path::Path;
use std::process::Command;

use dac_bin::{crate_root, dac};

/// The short commit of the crate's own git checkout, as `build.rs` reads it; `None`
/// when the crate is not one (a tarball) or git is missing.
fn own_commit() -> Option<String> {
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(crate_root())
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        out.status.success().then(|| text.trim().to_string())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let same = Path::new(&top).canonicalize().ok()? == crate_root().canonicalize().ok()?;
    same.then(|| git(&["rev-parse", "--short", "HEAD"]))
        .flatten()
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let run = dac(&crate_root(), ["--version"]).expect(0);
    let version = env!("CARGO_PKG_VERSION");
    match own_commit() {
        Some(commit) => assert_eq!(run.stdout, format!("dac {version} ({commit})\n")),
        None => assert_eq!(run.stdout, format!("dac {version}\n")),
    }
    let shape =
        regex::Regex::new(r"^dac \d+\.\d+\.\d+(-[0-9A-Za-z.]+)?( \([0-9a-f]{4,40}\))?\n$").unwrap();
    assert!(shape.is_match(&run.stdout), "{run}");
    assert!(run.stderr.is_empty(), "{run}");
    let short = dac(&crate_root(), ["-V"]).expect(0);
    assert_eq!(short.stdout, run.stdout);
}

#[test]
fn build_help_lists_exit_codes_and_the_report_flags() {
    let run = dac(&crate_root(), ["build", "--help"]).expect(0);
    for needle in [
        "Exit codes:",
        "  0  the build succeeded",
        "  1  with --check: the output directory is stale",
        "  2  errors in the sources or dac.toml",
        "--format <FORMAT>",
        "- github:",
        "--color <WHEN>",
        "-q, --quiet",
        "-v, --verbose",
    ] {
        assert!(run.stdout.contains(needle), "missing {needle:?}: {run}");
    }
    let short = dac(&crate_root(), ["build", "-h"]).expect(0);
    assert!(short.stdout.contains("Exit codes:"), "{short}");
}

#[test]
fn report_flags_go_before_or_after_the_command() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["--format", "json", "promql", "check", "rate(x)"][..],
        &["promql", "--format", "json", "check", "rate(x)"],
        &["promql", "check", "rate(x)", "--format=json"],
    ] {
        let run = dac(tmp.path(), args).expect(1);
        assert!(run.stdout.starts_with('{'), "{args:?}: {run}");
    }
}

#[test]
fn bad_report_flags_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (
            &["build", "--format", "xml"][..],
            "invalid value 'xml' for '--format <FORMAT>'",
        ),
        (
            &["build", "--color", "sometimes"],
            "invalid value 'sometimes'",
        ),
        (&["build", "-q", "-v"], "cannot be used with"),
    ] {
        let run = dac(tmp.path(), args).expect(2);
        assert!(run.stderr.contains(needle), "{args:?}: {run}");
        assert!(run.stdout.is_empty(), "{run}");
    }
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}
