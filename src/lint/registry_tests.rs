use std::collections::BTreeSet;

use super::*;

#[test]
fn names_are_unique_path_like_sorted_and_no_diagnostic_code_but_the_shared() {
    let names: Vec<&str> = RuleId::ALL.iter().map(|r| r.name()).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name is used twice: {names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "keep the table sorted by name");
    for name in names {
        let (area, rest) = name.split_once('/').expect("`area/name`");
        assert!(!area.is_empty() && !rest.is_empty(), "{name}");
        assert!(
            name.chars()
                // Digits for `k8s/`.
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/'),
            "{name}"
        );
        // A rule and a code of the same name would make `dac explain` ambiguous, except
        // where they are documented as one fault found in two places.
        let is_code = crate::codes::Code::ALL.iter().any(|c| c.name() == name);
        assert_eq!(
            is_code,
            SHARED_WITH_CODE.contains(&name),
            "`{name}`: a rule may share its name with a diagnostic code only when \
             SHARED_WITH_CODE lists it"
        );
        assert_eq!(RuleId::from_name(name).map(RuleId::name), Some(name));
    }
}

#[test]
fn every_rule_is_documented_in_four_sections() {
    for rule in RuleId::ALL {
        let doc = rule.doc();
        let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead"
            ],
            "{}: the `//!` comment of its file needs these four sections",
            rule.name()
        );
        let summary = rule.info().summary;
        assert!(
            !summary.is_empty() && !summary.contains(['\n', '|']),
            "{summary}"
        );
    }
}

#[test]
fn the_doc_is_the_files_own_comment() {
    let doc = RuleId::AlertFor.doc();
    assert!(
        doc.starts_with("## What it does\nFlags an alert without `for`."),
        "{doc}"
    );
    assert!(
        !doc.contains("//!") && !doc.contains("pub fn check"),
        "{doc}"
    );
}

const BEGIN: &str = "<!-- rules:begin -->\n";
const END: &str = "<!-- rules:end -->";

/// docs/rules.md is generated from the registry between its markers. When it differs,
/// `UPDATE_DOCS=1 cargo test --lib rules_doc` rewrites it.
#[test]
fn rules_doc_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let doc = std::fs::read_to_string(&path).expect("docs/rules.md is readable");
    let start = doc
        .find(BEGIN)
        .expect("docs/rules.md has <!-- rules:begin -->")
        + BEGIN.len();
    let end = start
        + doc[start..]
            .find(END)
            .expect("and <!-- rules:end --> after it");
    let expected = RuleId::markdown();
    if doc[start..end] == expected {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{expected}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, updated).expect("docs/rules.md is writable");
        return;
    }
    panic!(
        "docs/rules.md is out of date; run `UPDATE_DOCS=1 cargo test --lib rules_doc` \
         to regenerate it"
    );
}

#[test]
fn a_shared_name_is_both_a_rule_and_a_code_and_its_doc_says_so() {
    for name in SHARED_WITH_CODE {
        let rule = RuleId::from_name(name).expect("a rule");
        let code = crate::codes::Code::ALL
            .iter()
            .find(|c| c.name() == *name)
            .expect("a code");
        assert!(
            rule.doc().contains("front end refuses"),
            "{name}: the rule's doc must cover the code's fault too"
        );
        assert!(
            code.info().explanation.contains("lint rule"),
            "{name}: the code's explanation must point at the rule"
        );
    }
}
