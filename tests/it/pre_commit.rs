//! The repository's `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI;
//! `scripts/install-test-deps` installs it) as a user's project runs it: a temporary git
//! repository holding a tiny dac project, whose `.pre-commit-config.yaml` (the README's)
//! pins a clone of this repository; `pre-commit run` passes, then fails on a stale
//! output, then passes again.
//!
//! Cost: pre-commit builds dac with `cargo install --path .` (the hooks' `language:
//! rust`), once for the whole test. It builds in this run's target directory, whose
//! `release/` already holds the dependencies after `make dashboards` (CI) or any release
//! build, so only dac itself compiles: about 45 s of CPU, 1-3 minutes on a busy 2-core
//! machine. A cold target directory costs a full release build (about 3.5 minutes of CPU).

use crate::dac_bin;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dac_bin::{crate_root, dac};

/// `pre-commit`: `$DAC_PRE_COMMIT`, else where `scripts/install-test-deps` puts it, else
/// on `PATH`.
fn pre_commit() -> PathBuf {
    if let Some(path) = std::env::var_os("DAC_PRE_COMMIT") {
        return PathBuf::from(path);
    }
    let deps = std::env::var_os("DAC_TEST_DEPS")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME").map(|c| PathBuf::from(c).join("dac-test-deps"))
        })
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/dac-test-deps"))
        });
    let installed = deps
        .map(|d| d.join("bin/pre-commit"))
        .filter(|p| p.is_file());
    let on_path = || {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join("pre-commit"))
                .find(|p| p.is_file())
        })
    };
    installed.or_else(on_path).unwrap_or_else(|| {
        panic!(
            "`pre-commit` is needed by this test and was not found: run \
             `scripts/install-test-deps` (which `make test` runs), or set $DAC_PRE_COMMIT"
        )
    })
}

/// The target directory this test binary was built in: pre-commit's `cargo install`
/// shares it, so the dependencies compile once.
fn target_dir() -> PathBuf {
    let dac = PathBuf::from(env!("CARGO_BIN_EXE_dac"));
    // `<target>/<profile>/dac`
    dac.ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git starts");
    assert!(status.success(), "git {args:?} failed");
}

/// A git repository holding a tiny dac project, built, everything staged.
fn tiny_project(dir: &Path) {
    fs::write(
        dir.join("dac.toml"),
        "[build]\nsources = [\"dashboards\"]\nout_dir = \"out\"\n",
    )
    .unwrap();
    fs::create_dir(dir.join("dashboards")).unwrap();
    fs::write(dir.join("dashboards/app.dac"), APP).unwrap();
    git(dir, &["init", "--quiet"]);
    dac(dir, ["build"]).expect(0);
    git(dir, &["add", "--all"]);
}

const APP: &str = r#"dashboard "App" {
  uid = "app"
  timeseries "Requests" {
    query `sum by (job) (rate(http_requests_total[$__rate_interval]))`
    unit = "reqps"
  }
}
"#;

const IDENTITY: [(&str, &str); 4] = [
    ("GIT_AUTHOR_NAME", "dac tests"),
    ("GIT_AUTHOR_EMAIL", "tests@dac.invalid"),
    ("GIT_COMMITTER_NAME", "dac tests"),
    ("GIT_COMMITTER_EMAIL", "tests@dac.invalid"),
];

/// This repository as a user's pinned `rev` sees it: a clone of HEAD, with the work
/// tree's changes to tracked files committed on top (as `try-repo` does, but once, so
/// that pre-commit builds dac once for every run). Returns the clone and the commit.
fn snapshot(dir: &Path) -> (PathBuf, String) {
    let repo = dir.join("dac");
    let root = crate_root();
    git(
        dir,
        &["clone", "--quiet", root.to_str().unwrap_or_default(), "dac"],
    );
    let diff = Command::new("git")
        .args(["diff", "HEAD", "--binary"])
        .current_dir(&root)
        .output()
        .expect("git starts");
    assert!(diff.status.success(), "git diff failed");
    if !diff.stdout.is_empty() {
        let patch = dir.join("uncommitted.patch");
        fs::write(&patch, &diff.stdout).unwrap();
        git(
            &repo,
            &["apply", "--index", patch.to_str().unwrap_or_default()],
        );
        let status = Command::new("git")
            .args(["commit", "--quiet", "--message", "uncommitted changes"])
            .current_dir(&repo)
            .envs(IDENTITY)
            .status()
            .expect("git starts");
        assert!(status.success(), "git commit failed");
    }
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(&repo)
        .output()
        .expect("git starts");
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();
    (repo, rev)
}

/// The `.pre-commit-config.yaml` of the README, pointing at `repo` and `rev`.
fn config(repo: &Path, rev: &str, hooks: &[&str]) -> String {
    let mut text = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n",
        repo.display()
    );
    for hook in hooks {
        text.push_str(&format!("      - id: {hook}\n"));
    }
    text
}

/// `pre-commit run HOOK --all-files` in `project`; its exit code and output.
fn run_hook(project: &Path, home: &Path, hook: &str) -> (i32, String) {
    let output = Command::new(pre_commit())
        .args(["run", hook, "--all-files"])
        .current_dir(project)
        .env("PRE_COMMIT_HOME", home)
        .env("PRE_COMMIT_COLOR", "never")
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("SKIP")
        .output()
        .expect("pre-commit starts");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// Whether the dac under test has `dac lint` yet (issue 8's other half).
fn has_lint() -> bool {
    dac(&crate_root(), ["lint", "--help"]).code == 0
}

#[test]
fn the_hooks_pass_on_a_clean_project_and_fail_on_a_stale_or_broken_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (project, home) = (tmp.path().join("project"), tmp.path().join("pre-commit"));
    let (repo, rev) = snapshot(tmp.path());
    let lint = has_lint();
    let hooks: &[&str] = if lint {
        &["dac-lint", "dac-build-check"]
    } else {
        &["dac-build-check"]
    };
    fs::create_dir(&project).unwrap();
    fs::write(
        project.join(".pre-commit-config.yaml"),
        config(&repo, &rev, hooks),
    )
    .unwrap();
    tiny_project(&project);

    let (code, out) = run_hook(&project, &home, "dac-build-check");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("dac build --check....") && out.contains("Passed"),
        "{out}"
    );

    // A source changed and the output not rebuilt: the commit is refused, saying why.
    let changed = APP.replace("\"Requests\"", "\"Requests per second\"");
    fs::write(project.join("dashboards/app.dac"), changed).unwrap();
    git(&project, &["add", "--all"]);
    let (code, out) = run_hook(&project, &home, "dac-build-check");
    assert_eq!(code, 1, "{out}");
    for needle in [
        "Failed",
        "exit code: 1",
        "out is stale",
        "grafana/general/app.json",
    ] {
        assert!(out.contains(needle), "missing {needle:?}:\n{out}");
    }

    // `dac build` again, and the commit goes through.
    dac(&project, ["build"]).expect(0);
    git(&project, &["add", "--all"]);
    assert_eq!(run_hook(&project, &home, "dac-build-check").0, 0);

    if !lint {
        eprintln!("`dac lint` does not exist yet: the dac-lint hook is not tried");
        return;
    }
    let (code, out) = run_hook(&project, &home, "dac-lint");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("dac lint....") && out.contains("Passed"),
        "{out}"
    );
    fs::write(project.join("dashboards/broken.dac"), "dashboard \"B\" {\n").unwrap();
    git(&project, &["add", "--all"]);
    let (code, out) = run_hook(&project, &home, "dac-lint");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Failed") && out.contains("broken.dac:"),
        "{out}"
    );
}

#[test]
fn the_hooks_file_offers_both_hooks_on_the_whole_project() {
    let path = crate_root().join(".pre-commit-hooks.yaml");
    let hooks: serde_json::Value =
        yaml_serde::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let hooks = hooks.as_array().cloned().unwrap_or_default();
    let entry = |id: &str| {
        let hook = hooks.iter().find(|h| h["id"] == id);
        let hook = hook.unwrap_or_else(|| panic!("no hook {id}: {hooks:?}"));
        assert_eq!(hook["language"], "rust", "{hook}");
        // dac reads the whole project through dac.toml and the imports, never a file list.
        assert_eq!(hook["pass_filenames"], false, "{hook}");
        hook["entry"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(entry("dac-lint"), "dac lint");
    assert_eq!(entry("dac-build-check"), "dac build --check");
    assert_eq!(hooks.len(), 2);
}
