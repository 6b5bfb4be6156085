//! Build script: puts the git commit into `dac --version`.
//!
//! `DAC_VERSION` is `0.1.0 (1a2b3c4)` when the crate is built from a git checkout and
//! `git` runs; from a tarball, or without git, it is the version alone. It never fails
//! the build.

use std::path::Path;
use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    match commit(Path::new(&manifest_dir)) {
        Some(commit) => println!("cargo:rustc-env=DAC_VERSION={version} ({commit})"),
        None => {
            println!("cargo:rustc-env=DAC_VERSION={version}");
            println!("cargo:rerun-if-changed=build.rs");
        }
    }
}

/// The short commit of HEAD, and the `rerun-if-changed` lines that rebuild when it
/// moves: on `HEAD` (a checkout, a new branch) and on the ref it points to (a commit).
fn commit(dir: &Path) -> Option<String> {
    // Only this crate's own repository: a tarball unpacked inside another repository
    // must not report that repository's commit.
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(Path::new(&top), dir) {
        return None;
    }
    let commit = git(dir, &["rev-parse", "--short", "HEAD"])?;
    // `--git-path` resolves worktrees and a `.git` file; a packed ref lives in
    // `packed-refs`.
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(head_ref) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(head_ref);
    }
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
    Some(commit)
}

/// `git ARGS` in `dir`: its first line of output, or `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let line = text.lines().next()?.trim().to_string();
    (!line.is_empty()).then_some(line)
}
