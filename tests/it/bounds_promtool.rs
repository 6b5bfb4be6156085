//! What promtool accepts at the edges, and dac with it (issue 7 section 4, issue 6
//! section 4): durations past Go's 292 years, sub-millisecond durations and durations
//! where a number goes are build errors at their place; the longest durations and the
//! same alert name with other labels build, and promtool accepts what is written; the
//! same name with the same labels is the duplicate promtool reports.

use std::path::Path;
use std::process::Command;

use crate::dac_bin::{crate_root, dac, program, tree};

const F: &str = "tests/fixtures/bounds/";

/// `dac build FIXTURE -o TMP/out` must fail with exit 2 and write nothing; returns stderr.
fn failing(fixture: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = dac(
        &crate_root(),
        [
            "build",
            &format!("{F}{fixture}"),
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .expect(2);
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(tree(tmp.path()).is_empty(), "a failed build wrote files");
    run.stderr
}

/// `dac build FIXTURE` must succeed; `promtool check rules` must pass the rule file,
/// without reporting duplicate rules. Returns the rule file.
fn building(fixture: &str, rules: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    dac(
        &crate_root(),
        [
            "build",
            &format!("{F}{fixture}"),
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .expect(0);
    let file = out.join("prometheus").join(rules);
    let check = promtool_check(&file);
    assert!(check.0, "promtool rejects {}:\n{}", file.display(), check.1);
    assert!(!check.1.contains("duplicate"), "{}", check.1);
    std::fs::read_to_string(file).unwrap()
}

/// `promtool check rules --lint-fatal FILE`: success, and what it printed.
fn promtool_check(file: &Path) -> (bool, String) {
    let out = Command::new(program("PROMTOOL", "promtool"))
        .args(["check", "rules", "--lint-fatal"])
        .arg(file)
        .output()
        .expect("promtool runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn durations_promtool_rejects_are_errors_at_their_place() {
    let stderr = failing("durations.dac");
    for (message, at) in [
        ("292 years", "durations.dac:6:14"),
        ("292 years", "durations.dac:10:14"),
        (
            "duration \"0.0001\" is not a whole number of milliseconds",
            "durations.dac:12:49",
        ),
        (
            "duration \"0.0015\" is not a whole number of milliseconds",
            "durations.dac:13:49",
        ),
        (
            "unexpected duration \"5m\" where a number is required",
            "durations.dac:14:32",
        ),
    ] {
        assert!(stderr.contains(message), "no {message:?} in:\n{stderr}");
        assert!(stderr.contains(at), "no {at:?} in:\n{stderr}");
    }
    insta::assert_snapshot!("durations", stderr);
}

#[test]
fn durations_at_promtools_limit_build() {
    let rules = building("durations_at_the_limit.dac", "edges.rules.yml");
    assert!(rules.contains("for: 292y24w3d23h47m16s854ms"), "{rules}");
    assert!(rules.contains("[7ms]"), "{rules}");
}

#[test]
fn the_same_name_with_other_labels_is_no_duplicate() {
    let rules = building("same_name_other_labels.dac", "node.rules.yml");
    assert_eq!(
        rules.matches("alert: NodeFilesystemSpaceFillingUp").count(),
        2
    );
    assert_eq!(rules.matches("alert: KubeAPIErrorBudgetBurn").count(), 2);
    assert_eq!(rules.matches("record: instance:up:sum").count(), 2);
}

#[test]
fn the_same_name_with_the_same_labels_is_a_duplicate() {
    let stderr = failing("same_name_same_labels.dac");
    for (message, at) in [
        ("duplicate alert `Down`", "same_name_same_labels.dac:10:11"),
        (
            "duplicate recording rule `job:up:sum`",
            "same_name_same_labels.dac:18:12",
        ),
    ] {
        assert!(stderr.contains(message), "no {message:?} in:\n{stderr}");
        assert!(stderr.contains(at), "no {at:?} in:\n{stderr}");
    }
    insta::assert_snapshot!("same_name_same_labels", stderr);
}

/// The rule above is promtool's: the same file written by hand is reported by it.
#[test]
fn promtool_reports_the_same_name_with_the_same_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("dups.rules.yml");
    std::fs::write(
        &file,
        "groups:\n- name: a\n  rules:\n  - alert: Down\n    expr: up == 0\n    labels: {team: x}\n  - alert: Down\n    expr: up == 1\n    labels: {team: x}\n",
    )
    .unwrap();
    let (ok, out) = promtool_check(&file);
    assert!(!ok && out.contains("duplicate rule"), "{out}");
    std::fs::write(
        &file,
        "groups:\n- name: a\n  rules:\n  - alert: Down\n    expr: up == 0\n    labels: {severity: warning}\n  - alert: Down\n    expr: up == 1\n    labels: {severity: critical}\n",
    )
    .unwrap();
    let (ok, out) = promtool_check(&file);
    assert!(ok, "{out}");
}
