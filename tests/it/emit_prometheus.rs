//! Rule files and promtool unit tests, checked by the real promtool.

use crate::common;

use std::path::Path;
use std::process::Command;

use dac::config::Config;
use dac::emit::{OutputFile, emit};

/// promtool from `$PROMTOOL` or `PATH`. Missing promtool fails the test: CI installs it.
fn promtool(args: &[&str], dir: &Path) -> (bool, String) {
    let program = std::env::var("PROMTOOL").unwrap_or_else(|_| "promtool".to_string());
    let out = Command::new(&program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{program}` ({e}): install promtool (Debian: `apt-get install \
                 prometheus`) or point $PROMTOOL at it"
            )
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn write_prometheus_files(files: &[OutputFile], dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for f in files.iter().filter(|f| f.path.starts_with("prometheus/")) {
        let name = f.path.trim_start_matches("prometheus/").to_string();
        std::fs::write(dir.join(&name), &f.contents).unwrap();
        names.push(name);
    }
    names
}

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&f.contents).unwrap()
}

#[test]
fn rule_files_pass_promtool_check_rules() {
    let files = emit(&common::project(), &Config::default());
    let dir = tempfile::tempdir().unwrap();
    let names = write_prometheus_files(&files, dir.path());
    let rules: Vec<&str> = names
        .iter()
        .filter(|n| n.ends_with(".rules.yml"))
        .map(String::as_str)
        .collect();
    assert_eq!(rules, ["trade-service.rules.yml"]);
    let mut args = vec!["check", "rules"];
    args.extend(&rules);
    let (ok, out) = promtool(&args, dir.path());
    assert!(ok, "promtool check rules failed:\n{out}");
}

#[test]
fn promtool_check_rules_can_fail() {
    let mut project = common::project();
    if let dac::model::Rule::Alert(a) = &mut project.rule_sets[0].groups[1].rules[0] {
        a.expr = common::query("up{job=");
    }
    let files = emit(&project, &Config::default());
    let dir = tempfile::tempdir().unwrap();
    write_prometheus_files(&files, dir.path());
    let (ok, _) = promtool(&["check", "rules", "trade-service.rules.yml"], dir.path());
    assert!(!ok);
}

#[test]
fn generated_unit_tests_pass_promtool_test_rules() {
    let files = emit(&common::project(), &Config::default());
    let dir = tempfile::tempdir().unwrap();
    write_prometheus_files(&files, dir.path());
    let (ok, out) = promtool(&["test", "rules", "trade-service.test.yml"], dir.path());
    assert!(ok, "promtool test rules failed:\n{out}");
}

#[test]
fn a_wrong_expectation_fails_promtool_test_rules() {
    let mut project = common::project();
    project.rule_sets[0].groups[0].tests[0].alerts[1].alerts[0].labels[0].value =
        "page".to_string();
    let files = emit(&project, &Config::default());
    let dir = tempfile::tempdir().unwrap();
    write_prometheus_files(&files, dir.path());
    let (ok, _) = promtool(&["test", "rules", "trade-service.test.yml"], dir.path());
    assert!(!ok);
}

#[test]
fn no_test_file_without_tests() {
    let mut project = common::project();
    for g in &mut project.rule_sets[0].groups {
        g.tests.clear();
    }
    let files = emit(&project, &Config::default());
    assert!(!files.iter().any(|f| f.path.ends_with(".test.yml")));
}

#[test]
fn query_offset_is_written_only_when_set() {
    let mut project = common::project();
    let files = emit(&project, &Config::default());
    assert!(!file(&files, "prometheus/trade-service.rules.yml").contains("query_offset"));
    project.rule_sets[0].groups[0].query_offset = Some(dac::model::Millis(30_000));
    let files = emit(&project, &Config::default());
    assert!(file(&files, "prometheus/trade-service.rules.yml").contains("    query_offset: 30s\n"));
}

#[test]
fn rules_file_snapshot() {
    let files = emit(&common::project(), &Config::default());
    insta::assert_snapshot!(file(&files, "prometheus/trade-service.rules.yml"));
}

#[test]
fn unit_test_file_snapshot() {
    let files = emit(&common::project(), &Config::default());
    insta::assert_snapshot!(file(&files, "prometheus/trade-service.test.yml"));
}
