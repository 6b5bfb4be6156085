//! Running the real `dac` binary as a user does, and looking at what it left on disk.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cryptobot's sources, as `make dashboards` passes them.
pub const CRYPTOBOT: [&str; 3] = ["dashboards", "alerts", "catalog"];

pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One finished run of `dac`.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test, showing both outputs, unless the exit code is `code`.
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit code; {self}");
        self
    }

    /// The changes in words of `dac diff`'s text report: the lines indented by exactly
    /// two spaces (objects are not indented, their diffs and queries deeper).
    pub fn changes_in_words(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .collect()
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `dac ARGS` in `cwd`, without a terminal, so the output has no colors.
pub fn dac<S: AsRef<OsStr>>(cwd: &Path, args: impl IntoIterator<Item = S>) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_dac"))
        .args(args)
        .current_dir(cwd)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .output()
        .expect("dac starts");
    Run {
        code: output
            .status
            .code()
            .expect("dac exited, not killed by a signal"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `dac ARGS` in `cwd` that must fail as a refused build does: exit 2, no panic, and
/// nothing on standard output (the diagnostics are on standard error).
pub fn refused<S: AsRef<OsStr>>(cwd: &Path, args: impl IntoIterator<Item = S>) -> Run {
    let run = dac(cwd, args).expect(2);
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    run
}

/// `dac build dashboards alerts catalog -o OUT` from the crate root; must succeed.
pub fn build_cryptobot(out: &Path) -> Run {
    build_cryptobot_in_order(out, &CRYPTOBOT)
}

pub fn build_cryptobot_in_order(out: &Path, paths: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("build")];
    args.extend(paths.iter().map(OsStr::new));
    args.extend([OsStr::new("-o"), out.as_os_str()]);
    dac(&crate_root(), args).expect(0)
}

/// Everything under `dir`, recursively, hidden files included: each file's bytes under
/// its `/`-separated relative path; directories as `path/` with no bytes; symbolic
/// links as `path@` with their target. Two equal trees are byte for byte the same.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    walk(dir, "", &mut all);
    all
}

fn walk(dir: &Path, prefix: &str, all: &mut BTreeMap<String, Vec<u8>>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        let path = entry.path();
        let kind = fs::symlink_metadata(&path).unwrap().file_type();
        if kind.is_symlink() {
            let target = fs::read_link(&path).unwrap();
            all.insert(
                format!("{rel}@"),
                target.to_string_lossy().as_bytes().to_vec(),
            );
        } else if kind.is_dir() {
            all.insert(format!("{rel}/"), Vec::new());
            walk(&path, &format!("{rel}/"), all);
        } else {
            all.insert(rel, fs::read(&path).unwrap());
        }
    }
}

/// The files of `tree` (no directories, no links), by relative path.
pub fn files(tree: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    tree.keys()
        .map(String::as_str)
        .filter(|k| !k.ends_with('/') && !k.ends_with('@'))
        .collect()
}

/// The path of a program the test needs: `$ENV_VAR` if set, else `default` (looked up on
/// `PATH`). Missing means the test fails, saying how to install it: CI installs it.
pub fn program(env_var: &str, default: &str) -> PathBuf {
    let chosen = std::env::var_os(env_var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    let found = if chosen.components().count() > 1 {
        chosen.is_file().then(|| chosen.clone())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(&chosen))
                .find(|p| p.is_file())
        })
    };
    found.unwrap_or_else(|| {
        panic!(
            "`{}` is needed by this test and was not found. Install Debian's `prometheus` \
             package (`apt-get install prometheus`, which gives `prometheus` and \
             `promtool`; `scripts/install-test-deps` does it), or set ${env_var} to the \
             program's path.",
            chosen.display()
        )
    })
}

/// `git ARGS` in `dir` with a fixed author, for the tests that build a repository;
/// fails the test when git does.
pub fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=dac", "-c", "user.email=dac@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
