//! `dac lint --base GITREF` in a temporary git repository: only the findings new since
//! the revision are reported, matched by rule, file and message (not by line), and the
//! old sources are read from git's objects without touching the work tree.

use std::fs;

use crate::dac_bin::{crate_root, dac, git, tree};

/// A repository whose one commit holds a project with two `alert/for` warnings, in a
/// subdirectory, so the revision's paths are not the work tree's root.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("monitoring");
    fs::create_dir(&project).unwrap();
    fs::write(
        project.join("dac.toml"),
        "[build]\nsources = [\"alerts\"]\n",
    )
    .unwrap();
    fs::create_dir(project.join("alerts")).unwrap();
    fs::copy(
        crate_root().join("tests/fixtures/lint/alert_for_bad.dac"),
        project.join("alerts/payments.dac"),
    )
    .unwrap();
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-qm", "two alerts without for"]);
    tmp
}

#[test]
fn only_new_findings_are_reported_and_the_work_tree_is_untouched() {
    let tmp = repository();
    let project = tmp.path().join("monitoring");
    let file = project.join("alerts/payments.dac");
    // Lines move (a comment above), and a third alert without `for` comes.
    let text = fs::read_to_string(&file).unwrap();
    let text = format!("# Payments.\n# More lines above the old findings.\n{text}")
        .replace(
            "    alert \"PaymentsSlow\"",
            "    alert \"PaymentsStuck\" {\n      expr     = `sum(payments_pending) > 100`\n      severity = warning\n      summary  = \"Payments are stuck\"\n      runbook  = \"https://runbooks.example.com/payments\"\n    }\n    alert \"PaymentsSlow\"",
        );
    fs::write(&file, &text).unwrap();
    let status = git(tmp.path(), &["status", "--porcelain"]);
    let before = tree(tmp.path());

    let all = dac(&project, ["lint"]).expect(0);
    assert_eq!(all.stderr.matches("warning[alert/for]").count(), 3, "{all}");

    let new = dac(&project, ["lint", "--base", "main"]).expect(0);
    assert_eq!(new.stderr.matches("warning[alert/for]").count(), 1, "{new}");
    assert!(new.stderr.contains("`PaymentsStuck` has no `for`"), "{new}");
    assert!(new.stderr.contains("alerts/payments.dac:11:11"), "{new}");
    assert_eq!(new.stdout, "lint: 0 error(s), 1 warning(s), 0 info(s)\n");

    assert_eq!(tree(tmp.path()), before, "--base changed the work tree");
    assert_eq!(git(tmp.path(), &["status", "--porcelain"]), status);
}

#[test]
fn a_fixed_finding_is_not_reported_and_a_new_error_still_fails() {
    let tmp = repository();
    let project = tmp.path().join("monitoring");
    fs::copy(
        crate_root().join("tests/fixtures/lint/alert_template_label_bad.dac"),
        project.join("alerts/payments.dac"),
    )
    .unwrap();
    let run = dac(&project, ["lint", "--base", "HEAD", "--format", "json"]).expect(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["alert/template-label", "alert/template-label"],
        "{run}"
    );
}

#[test]
fn a_revision_git_does_not_know_exits_2() {
    let tmp = repository();
    let run = dac(
        &tmp.path().join("monitoring"),
        ["lint", "--base", "no-such-branch"],
    );
    let run = run.expect(2);
    assert!(
        run.stderr
            .contains("`no-such-branch` is not a revision of this git repository"),
        "{run}"
    );
}
