//! `dac build --verify`: promtool checks the rule files of the staged tree before the
//! switch, so rules it rejects are never written. (Cryptobot's build passes it:
//! `build_cryptobot::promtool_*`.)

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::dac_bin::{Run, tree};
use crate::output_project::{build, build_with, names, write_project};

/// A group's `query_offset` (Prometheus 2.53 and later): dac accepts it, and Debian
/// bookworm's promtool 2.42, the one the tests run, does not know the field. dac checks
/// everything else promtool checks itself, so this version gap is the one real rejection
/// at hand; [`promtool_is_older_than_query_offset`] fails loudly once it closes.
const REJECTED: &str = "rules \"bad\" {\n  group \"bad.rules\" {\n    query_offset = 30s\n    \
    alert \"Down\" {\n      expr = `up == 0`\n      for = 5m\n      summary = \"down\"\n    }\n  }\n}\n";

/// The premise of [`rules_promtool_rejects_are_never_written`].
fn promtool_is_older_than_query_offset() {
    let version = std::process::Command::new("promtool")
        .arg("--version")
        .output()
        .expect("promtool is needed by this test: apt-get install prometheus");
    let text = String::from_utf8_lossy(&version.stdout).into_owned()
        + &String::from_utf8_lossy(&version.stderr);
    let minor: u32 = text
        .split("version 2.")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .and_then(|m| m.parse().ok())
        .unwrap_or(u32::MAX);
    assert!(
        minor < 53,
        "promtool now knows `query_offset` ({text}): give this test another rule promtool rejects"
    );
}

/// `dac build --verify a -o out` in `dir`, with `path` as `PATH`.
fn verify_here(dir: &Path, path: &std::ffi::OsStr) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dac"))
        .args(["build", "--verify", "a", "-o", "out"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PATH", path)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn system_path() -> std::ffi::OsString {
    std::env::var_os("PATH").unwrap_or_default()
}

#[test]
fn rules_promtool_rejects_are_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    write_project(&a, "a", 1);
    verify_here(tmp.path(), &system_path()).expect(0);
    fs::write(a.join("bad.dac"), REJECTED).unwrap();
    promtool_is_older_than_query_offset();
    let before = tree(tmp.path());
    let run = verify_here(tmp.path(), &system_path()).expect(2);
    assert!(
        run.stderr
            .contains("`promtool check rules` rejected the new build"),
        "{run}"
    );
    assert!(
        run.stderr.contains("out/prometheus/bad.rules.yml"),
        "promtool's report, naming the file as the user knows it: {run}"
    );
    assert!(run.stderr.contains("query_offset"), "{run}");
    assert!(
        run.stderr.trim_end().ends_with("nothing was written"),
        "{run}"
    );
    assert!(
        tree(tmp.path()) == before,
        "the rejected build changed the tree"
    );
    // Without `--verify` the same sources build: the check is promtool's.
    build(&a, &tmp.path().join("out")).expect(0);
}

#[test]
fn promtool_runs_on_the_staged_tree_before_the_switch() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 1);
    let bin = tmp.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let seen = tmp.path().join("seen");
    let fake = bin.join("promtool");
    fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"${{PWD##*/}}\" > '{seen}'\necho \"$@\" >> '{seen}'\n\
             echo 'prometheus/shared.rules.yml: rejected by a stand-in' >&2\nexit 1\n",
            seen = seen.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let run = verify_here(tmp.path(), bin.as_os_str()).expect(2);
    assert!(
        run.stderr
            .contains("out/prometheus/shared.rules.yml: rejected by a stand-in"),
        "{run}"
    );
    let seen = fs::read_to_string(&seen).unwrap();
    let (cwd, args) = seen.split_once('\n').unwrap();
    assert!(
        cwd.starts_with(".out.dac-staging-"),
        "promtool ran in {cwd}"
    );
    assert_eq!(
        args.trim(),
        "check rules prometheus/only-a.rules.yml prometheus/shared.rules.yml"
    );
    assert_eq!(names(tmp.path()), ["a", "bin", "seen"], "nothing written");
}

#[test]
fn verify_without_promtool_says_how_to_install_it() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 1);
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let run = verify_here(tmp.path(), empty.as_os_str()).expect(2);
    assert!(
        run.stderr
            .contains("`--verify` needs `promtool`, and it is not on the PATH"),
        "{run}"
    );
    assert!(run.stderr.contains("apt-get install prometheus"), "{run}");
    insta::assert_snapshot!(run.stderr);
    assert_eq!(names(tmp.path()), ["a", "empty"]);
    // `--check --verify` runs it on the tree in place.
    build_with(&tmp.path().join("a"), &tmp.path().join("out"), &[]).expect(0);
}
