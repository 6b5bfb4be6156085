//! `promql/regex` is one name for two findings of one kind (src/lint/registry.rs,
//! `SHARED_WITH_CODE`): the front end's error for a regex that is not RE2, which no
//! setting turns off, and the lint rule's warning for a valid regex that says less than
//! it seems. Run as a user runs dac: the explanations, the refusal, and SARIF's rules.

use std::fs;

use crate::dac_bin::{crate_root, dac};

const F: &str = "tests/fixtures/lint/";

#[test]
fn explain_prints_the_code_and_the_rule() {
    let run = dac(&crate_root(), ["explain", "promql/regex"]).expect(0);
    assert!(
        run.stdout
            .starts_with("promql/regex (error): a label matcher regex that is not valid RE2"),
        "{run}"
    );
    let rule = run
        .stdout
        .find("The lint rule promql/regex (warning):")
        .expect("the rule's explanation follows the code's");
    assert!(run.stdout[rule..].contains("## What it does"), "{run}");
    assert!(run.stdout[rule..].contains("matches everything"), "{run}");
}

#[test]
fn the_rules_documentation_covers_the_invalid_case() {
    let run = dac(&crate_root(), ["lint", "--explain", "promql/regex"]).expect(0);
    assert!(run.stdout.starts_with("promql/regex (warning): "), "{run}");
    assert!(run.stdout.contains("not valid RE2"), "{run}");
    assert!(run.stdout.contains("front end refuses it"), "{run}");
}

/// With the rule turned off in dac.toml, an invalid regex is still an error of lint
/// (exit 2, nothing linted) and of build (exit 2, nothing written).
#[test]
fn an_invalid_regex_is_refused_whatever_lint_says() {
    let tmp = tempfile::tempdir().unwrap();
    let toml = "[lint]\ndisable = [\"promql/regex\"]\n";
    fs::write(tmp.path().join("dac.toml"), toml).unwrap();
    let source = crate_root().join(F).join("regex_invalid.dac");
    fs::copy(source, tmp.path().join("payments.dac")).unwrap();

    let run = dac(tmp.path(), ["lint"]).expect(2);
    assert!(run.stderr.contains("error[promql/regex]: "), "{run}");
    assert!(run.stderr.contains("payments.dac:5:"), "{run}");
    insta::assert_snapshot!(run.stderr);

    let run = dac(tmp.path(), ["build"]).expect(2);
    assert!(run.stderr.contains("error[promql/regex]: "), "{run}");
    let mut left: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["dac.toml", "payments.dac"],
        "the build wrote something"
    );
}

/// In SARIF, a lint finding of `promql/regex` points at the rule's descriptor (a
/// warning), not at the front end's code of the same name.
#[test]
fn sarif_results_point_at_the_rule() {
    let file = format!("{F}regex_bad.dac");
    let run = dac(&crate_root(), ["lint", "--format", "sarif", &file]).expect(0);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 6, "{run}");
    for result in results {
        assert_eq!(result["ruleId"], "promql/regex");
        let index = result["ruleIndex"].as_u64().expect("a ruleIndex") as usize;
        assert_eq!(rules[index]["id"], "promql/regex");
        assert_eq!(
            rules[index]["defaultConfiguration"]["level"], "warning",
            "{}",
            rules[index]
        );
    }
}
