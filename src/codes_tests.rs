use std::collections::BTreeSet;

use super::*;

#[test]
fn names_are_unique_path_like_and_sorted() {
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name is used twice: {names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "keep the table sorted by name");
    for name in names {
        let (area, rest) = name
            .split_once('/')
            .unwrap_or_else(|| panic!("`{name}` is not `area/name`"));
        assert!(
            ["build", "config", "dac", "emit", "output", "promql"].contains(&area),
            "`{name}` is in no known area"
        );
        assert!(
            !rest.is_empty()
                && !rest.starts_with('-')
                && !rest.ends_with('-')
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "`{name}` is not lowercase letters, digits and `-`"
        );
    }
}

#[test]
fn every_code_is_explained_and_summarised_on_one_line() {
    for code in Code::ALL {
        let info = code.info();
        assert!(!info.summary.is_empty() && !info.summary.contains('\n'));
        assert!(
            !info.summary.contains('|'),
            "`|` would break the docs table"
        );
        assert!(
            info.explanation.trim().len() > 40 && info.explanation.ends_with('\n'),
            "{code}: explain what it means, an example and the fix"
        );
        assert!(
            info.explanation.contains("Fix"),
            "{code}: say how to fix it"
        );
    }
}

#[test]
fn names_read_back() {
    for &code in Code::ALL {
        assert_eq!(Code::from_name(code.name()), Some(code));
        assert_eq!(code.to_string(), code.name());
    }
    assert_eq!(Code::from_name("dac/duplicate-ui"), None);
    assert_eq!(Code::from_name("promql/grafana-variable"), None);
}

#[test]
fn a_renamed_code_is_not_a_code_again() {
    for (old, code) in RENAMED {
        assert_eq!(
            Code::from_name(old),
            None,
            "`{old}` is both retired and in use"
        );
        assert_eq!(Code::renamed(old), Some(*code));
    }
    assert_eq!(Code::renamed("dac/duplicate-uid"), None);
}

const BEGIN: &str = "<!-- codes:begin -->\n";
const END: &str = "<!-- codes:end -->";

/// The table in docs/language.md is generated from the registry. When it differs, the
/// test prints the expected table; `UPDATE_DOCS=1 cargo test codes_table` rewrites it.
#[test]
fn codes_table_in_the_docs_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md");
    let doc = std::fs::read_to_string(&path).expect("docs/language.md is readable");
    let start = doc
        .find(BEGIN)
        .expect("docs/language.md has <!-- codes:begin -->")
        + BEGIN.len();
    let end = start
        + doc[start..]
            .find(END)
            .expect("and <!-- codes:end --> after it");
    let expected = Code::markdown_table();
    if doc[start..end] == expected {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{expected}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, updated).expect("docs/language.md is writable");
        return;
    }
    panic!(
        "the code table in docs/language.md is out of date; run \
         `UPDATE_DOCS=1 cargo test codes_table` or paste:\n\n{expected}"
    );
}
