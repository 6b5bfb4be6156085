//! `dac lint` run as a user runs it: exit codes, the formats, `--explain`, `--list`,
//! `[lint]` settings, and Cryptobot linting clean.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::dac_bin::{crate_root, dac};

const F: &str = "tests/fixtures/lint/";

#[test]
fn cryptobot_lints_clean() {
    let run = dac(&crate_root(), ["lint"]).expect(0);
    assert_eq!(run.stderr, "", "{run}");
    assert_eq!(run.stdout, "lint: 0 error(s), 0 warning(s), 0 info(s)\n");
}

#[test]
fn warnings_exit_0_and_an_error_exits_1() {
    let run = dac(&crate_root(), ["lint", &format!("{F}alert_for_bad.dac")]).expect(0);
    assert!(run.stdout.contains("0 error(s), 2 warning(s)"), "{run}");
    let run = dac(
        &crate_root(),
        ["lint", &format!("{F}alert_template_label_bad.dac")],
    );
    let run = run.expect(1);
    assert!(run.stdout.contains("2 error(s), 0 warning(s)"), "{run}");
}

#[test]
fn sources_that_do_not_compile_exit_2_as_build_reports_them() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("dac.toml"), "").unwrap();
    fs::write(tmp.path().join("a.dac"), "rules \"x\" {\n  group \"g\" {\n").unwrap();
    let run = dac(tmp.path(), ["lint"]).expect(2);
    assert!(run.stderr.contains("error[dac/syntax]"), "{run}");
    assert!(run.stderr.contains("a.dac:"), "{run}");
    assert!(
        run.stderr.ends_with(
            "error: lint failed with 1 error(s) in the sources or dac.toml; nothing was linted\n"
        ),
        "{run}"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn json_lists_the_findings_with_the_rule_as_code() {
    let file = format!("{F}alert_template_label_bad.dac");
    let run = dac(&crate_root(), ["lint", "--format", "json", &file]).expect(1);
    assert_eq!(run.stderr, "", "{run}");
    let doc: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(doc["command"], "lint");
    assert_eq!(doc["success"], false);
    assert_eq!(doc["summary"]["errors"], 2);
    let found = doc["diagnostics"].as_array().unwrap();
    assert_eq!(found.len(), 2);
    for d in found {
        assert_eq!(d["code"], "alert/template-label");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["file"], file.as_str());
    }
    assert_eq!(found[0]["line"], 7);
    assert_eq!(found[0]["column"], 47);
}

#[test]
fn github_annotations_name_the_rule() {
    let file = format!("{F}alert_for_bad.dac");
    let run = dac(&crate_root(), ["lint", "--format", "github", &file]).expect(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert!(
        lines[0].starts_with(&format!(
            "::warning file={file},line=3,col=11,endLine=3,endColumn=28,title=alert/for::"
        )),
        "{run}"
    );
}

#[test]
fn explain_prints_the_rules_own_documentation() {
    let run = dac(&crate_root(), ["lint", "--explain", "alert/template-label"]).expect(0);
    let source =
        fs::read_to_string(crate_root().join("src/lint/rules/template_label_dropped.rs")).unwrap();
    let doc: String = source
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
        .collect();
    assert!(
        run.stdout.starts_with("alert/template-label (error): "),
        "{run}"
    );
    assert!(run.stdout.ends_with(&doc), "{run}");
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        assert!(run.stdout.contains(section), "{run}");
    }
    // `dac explain` knows rules too.
    let explain = dac(&crate_root(), ["explain", "alert/template-label"]).expect(0);
    assert!(explain.stdout.contains("## Use instead"), "{explain}");
}

#[test]
fn explain_refuses_an_unknown_rule_with_the_nearest() {
    let run = dac(&crate_root(), ["lint", "--explain", "alert/runbok"]).expect(2);
    assert!(
        run.stderr
            .contains("`alert/runbok` is not a lint rule; did you mean `alert/runbook`?"),
        "{run}"
    );
    let run = dac(&crate_root(), ["lint", "--explain", "template-label"]).expect(2);
    assert!(
        run.stderr.contains("did you mean `alert/template-label`?"),
        "{run}"
    );
}

#[test]
fn list_names_every_rule_once() {
    let run = dac(&crate_root(), ["lint", "--list"]).expect(0);
    let names: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let doc = fs::read_to_string(crate_root().join("docs/rules.md")).unwrap();
    for name in &names {
        assert!(
            doc.contains(&format!("### `{name}`")),
            "{name} is not in docs/rules.md"
        );
    }
    assert!(names.contains(&"alert/template-label") && names.contains(&"record/name"));
    insta::assert_snapshot!(run.stdout);
}

/// A project in a temporary directory: dac.toml and one source.
fn project(toml: &str, source: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("dac.toml"), toml).unwrap();
    fs::copy(crate_root().join(F).join(source), tmp.path().join("a.dac")).unwrap();
    tmp
}

#[test]
fn config_disables_rules_and_changes_severities() {
    let toml = "[lint]\ndisable = [\"alert/for\"]\n[lint.severity]\n\"alert/template-label\" = \"warning\"\n";
    let tmp = project(toml, "alert_template_label_bad.dac");
    let run = dac(tmp.path(), ["lint"]).expect(0);
    assert!(
        run.stderr.contains("warning[alert/template-label]"),
        "{run}"
    );
    assert!(run.stdout.contains("0 error(s), 2 warning(s)"), "{run}");

    let tmp = project(toml, "alert_for_bad.dac");
    let run = dac(tmp.path(), ["lint"]).expect(0);
    assert_eq!(run.stderr, "", "{run}");

    let toml = "[lint.severity]\n\"alert/for\" = \"error\"\n";
    let tmp = project(toml, "alert_for_bad.dac");
    let run = dac(tmp.path(), ["lint"]).expect(1);
    assert!(run.stderr.contains("error[alert/for]"), "{run}");
    let toml = "[lint.severity]\n\"alert/for\" = \"off\"\n";
    let tmp = project(toml, "alert_for_bad.dac");
    assert_eq!(dac(tmp.path(), ["lint"]).expect(0).stderr, "");
}

#[test]
fn config_allows_other_severities() {
    let toml = "[lint]\nalert_severities = [\"critcal\", \"warning\"]\n";
    let tmp = project(toml, "alert_severity_bad.dac");
    let run = dac(tmp.path(), ["lint"]).expect(0);
    assert!(run.stderr.contains("has no severity"), "{run}");
    assert!(!run.stderr.contains("has severity `critcal`"), "{run}");
}

#[test]
fn unknown_rule_names_in_config_are_config_errors() {
    let toml = "[lint]\ndisable = [\"alert/fro\"]\n[lint.severity]\n\"record/nam\" = \"error\"\n\"alert/for\" = \"fatal\"\n";
    let tmp = project(toml, "alert_for_ok.dac");
    let run = dac(tmp.path(), ["lint"]).expect(2);
    assert!(run.stderr.contains("did you mean `alert/for`?"), "{run}");
    assert!(run.stderr.contains("did you mean `record/name`?"), "{run}");
    assert!(run.stderr.contains("`fatal` is not a severity"), "{run}");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn required_labels_and_annotations_come_from_config() {
    let run = dac(&crate_root(), ["lint", &format!("{F}alert_required")]).expect(0);
    assert_eq!(
        run.stderr.matches("warning[alert/required]").count(),
        2,
        "{run}"
    );
    assert!(run.stderr.contains("has no `team` label"), "{run}");
    assert!(
        run.stderr.contains("has no `dashboard` annotation"),
        "{run}"
    );
    assert!(!run.stderr.contains("PaymentsFailing"), "{run}");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn lint_writes_nothing() {
    let tmp = project("", "alert_template_label_bad.dac");
    let before = crate::dac_bin::tree(tmp.path());
    dac(tmp.path(), ["lint"]).expect(1);
    assert_eq!(crate::dac_bin::tree(tmp.path()), before);
    assert!(!Path::new(&tmp.path().join("out")).exists());
}
