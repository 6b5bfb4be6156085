//! `dac build` runs the lint rules: an error-level finding fails the build and nothing
//! is written; warnings do not; `[lint] in_build = false` turns it off.

use std::fs;

use crate::dac_bin::{crate_root, dac, tree};

const F: &str = "tests/fixtures/lint/";

fn project(toml: &str, source: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("dac.toml"), toml).unwrap();
    fs::copy(crate_root().join(F).join(source), tmp.path().join("a.dac")).unwrap();
    tmp
}

#[test]
fn an_error_level_finding_fails_the_build_and_nothing_is_written() {
    let tmp = project("", "alert_template_label_bad.dac");
    let before = tree(tmp.path());
    let run = dac(tmp.path(), ["build"]).expect(2);
    assert!(run.stderr.contains("error[alert/template-label]"), "{run}");
    assert!(
        run.stderr
            .trim_end()
            .ends_with("build failed with 2 error(s); nothing was written"),
        "{run}"
    );
    assert_eq!(tree(tmp.path()), before, "a failed build wrote something");
}

#[test]
fn warnings_do_not_fail_the_build_and_are_not_shown_by_it() {
    let tmp = project("", "alert_for_bad.dac");
    let run = dac(tmp.path(), ["build"]).expect(0);
    assert!(!run.stderr.contains("alert/for"), "{run}");
    assert!(tmp.path().join("out").is_dir());
}

#[test]
fn in_build_false_turns_the_rules_off_in_the_build() {
    let tmp = project("[lint]\nin_build = false\n", "alert_template_label_bad.dac");
    let run = dac(tmp.path(), ["build"]).expect(0);
    assert!(!run.stderr.contains("alert/template-label"), "{run}");
    assert!(tmp.path().join("out").is_dir());
    // `dac lint` still reports it.
    dac(tmp.path(), ["lint"]).expect(1);
}

#[test]
fn a_suppressed_error_does_not_fail_the_build() {
    let tmp = project("", "alert_template_label_bad.dac");
    let path = tmp.path().join("a.dac");
    let text = fs::read_to_string(&path).unwrap().replace(
        "    alert \"PaymentsFailing\"",
        "    # dac: disable alert/template-label -- the fixture shows a suppressed error\n    alert \"PaymentsFailing\"",
    );
    fs::write(&path, text).unwrap();
    dac(tmp.path(), ["build"]).expect(0);
    let run = dac(tmp.path(), ["lint"]).expect(0);
    assert_eq!(run.stderr, "", "{run}");
}
