//! `dac explain CODE` run as a user runs it: the explanation of a code on stdout (exit 0),
//! an unknown code refused with the nearest known one (exit 2), and `--list` agreeing
//! with the table in docs/language.md.

use std::fs;

use crate::dac_bin::{crate_root, dac};

fn explain(args: &[&str]) -> crate::dac_bin::Run {
    let mut all = vec!["explain"];
    all.extend(args);
    dac(&crate_root(), all)
}

#[test]
fn explains_a_code() {
    let run = explain(&["dac/duplicate-uid"]).expect(0);
    assert!(run.stderr.is_empty(), "{run}");
    assert!(
        run.stdout
            .starts_with("dac/duplicate-uid (error): two dashboards with one uid\n\n"),
        "{run}"
    );
    assert!(run.stdout.contains("Example:"), "{run}");
    assert!(run.stdout.contains("Fix:"), "{run}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn every_listed_code_is_explained() {
    let list = explain(&["--list"]).expect(0);
    let codes: Vec<&str> = list
        .stdout
        .lines()
        .skip(2)
        .filter_map(|line| line.strip_prefix("| `")?.split_once('`').map(|(c, _)| c))
        .collect();
    assert!(codes.len() > 40, "{list}");
    assert!(codes.contains(&"dac/grafana-variable-in-rule"), "{list}");
    assert!(!codes.contains(&"promql/grafana-variable"), "{list}");
    for code in codes {
        let run = explain(&[code]).expect(0);
        assert!(run.stdout.starts_with(&format!("{code} (")), "{run}");
        assert!(run.stdout.contains("Fix"), "{run}");
    }
}

#[test]
fn unknown_code_exits_2_with_a_suggestion() {
    let run = explain(&["dac/duplicate-ui"]).expect(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains("did you mean `dac/duplicate-uid`?"),
        "{run}"
    );
    insta::assert_snapshot!(run.stderr);

    let bare = explain(&["no-query"]).expect(2);
    assert!(
        bare.stderr.contains("did you mean `dac/no-query`?"),
        "{bare}"
    );

    let far = explain(&["E0308"]).expect(2);
    assert!(!far.stderr.contains("did you mean"), "{far}");
    assert!(far.stderr.contains("`dac explain --list`"), "{far}");
}

/// Reports of an older dac named a Grafana variable in a rule `promql/grafana-variable`
/// when the PromQL checker found it; that fault has one code now.
#[test]
fn a_merged_code_explains_the_code_it_became() {
    let run = explain(&["promql/grafana-variable"]).expect(0);
    assert!(
        run.stdout.starts_with(
            "`promql/grafana-variable` is now `dac/grafana-variable-in-rule`.\n\n\
             dac/grafana-variable-in-rule (error): "
        ),
        "{run}"
    );
}

#[test]
fn a_code_or_list_is_required() {
    let run = explain(&[]).expect(2);
    assert!(run.stderr.contains("CODE"), "{run}");
}

#[test]
fn list_is_the_table_of_the_language_docs() {
    let list = explain(&["--list"]).expect(0);
    let doc = fs::read_to_string(crate_root().join("docs/language.md")).unwrap();
    let begin = "<!-- codes:begin -->\n";
    let start = doc.find(begin).unwrap() + begin.len();
    let end = start + doc[start..].find("<!-- codes:end -->").unwrap();
    assert_eq!(list.stdout, doc[start..end]);
}
