use proptest::prelude::*;

use super::*;
use crate::compile::{CompileOptions, Retain, compile};
use crate::env::DiskEnv;

/// What a full read gives, or `None` when the file does not read.
fn read(path: &str, text: &str) -> Option<Vec<Identity>> {
    let docs = Document::read(path, text).ok()?;
    Some(docs.iter().map(Document::identity).collect())
}

#[test]
fn every_file_cryptobot_compiles_to_is_identified_as_a_full_read_identifies_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = CompileOptions {
        config: Some(root.join("dac.toml")),
        retain: Retain::Outputs,
        ..CompileOptions::default()
    };
    let outputs = compile(&DiskEnv, &options)
        .outputs
        .expect("Cryptobot compiles");
    let mut kinds = std::collections::BTreeSet::new();
    for file in &outputs {
        let text = std::str::from_utf8(&file.contents).unwrap();
        let full = read(&file.path, text).expect("dac's own output reads");
        let fast = identities(&file.path, text);
        assert_eq!(fast.as_ref(), Some(&full), "{}", file.path);
        kinds.extend(full.iter().map(|d| d.kind));
    }
    // Every kind of document dac writes was among them.
    assert!(kinds.len() >= 6, "{kinds:?}");
}

#[test]
fn yaml_documents_comments_and_line_endings() {
    let text = "# Generated\r\n---\r\nkind: ConfigMap # a comment\r\nmetadata:\r\n  # the name\r\n  name: 'a-1'\r\n  labels:\r\n    name: not-this\r\n  namespace: \"m\"\r\ndata:\r\n  x.json: |\r\n    {\r\n    kind: no\r\n---\r\n---\r\n# only a comment\r\n---\r\nkind: PrometheusRule\r\nmetadata:\r\n  name: r\r\n";
    let fast = identities("k/a.yaml", text).unwrap();
    assert_eq!(Some(&fast), read("k/a.yaml", text).as_ref());
    let keys: Vec<_> = fast.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, ["ConfigMap/m/a-1", "PrometheusRule/r"]);
}

#[test]
fn json_fields_are_kept_whatever_their_value() {
    for text in [
        r#"{"uid": null, "panels": null, "title": "T"}"#,
        r#"{"panels": [{"uid": "inner"}], "uid": "u", "x": {"kind": "no"}}"#,
        r#"{"groups": []}"#,
        r#"[1, 2]"#,
    ] {
        assert_eq!(
            identities("g/a.json", text),
            read("g/a.json", text),
            "{text}"
        );
    }
    assert_eq!(identities("g/a.json", "{"), None);
    assert_eq!(identities("x/.dac-manifest", "anything").unwrap(), []);
}

#[test]
fn shapes_it_does_not_read_are_left_to_a_full_read() {
    for text in [
        "metadata: {name: a}\nkind: ConfigMap\n",
        "  kind: ConfigMap\n",
        "kind: Config\n  Map\n",
        "kind: ConfigMap\nmetadata:\n  name: a\n    b\n",
        "\"kind\": ConfigMap\n",
        "kind: &k ConfigMap\n",
        "- kind: ConfigMap\n",
        "kind: ConfigMap\nkind: Secret\n",
        "kind: |\n  ConfigMap\n",
        "kind: ConfigMap\n\n  - item\n",
        "kind: ConfigMap\n\t\n  more\n",
        "kind: ConfigMap\nmetadata:\n  name: a\n\n    b\n",
        "kind: ConfigMap\nmetadata:\n    name: deep\n",
        "kind: ~\n",
        "...\n",
        "\u{feff}kind: ConfigMap\n",
    ] {
        assert_eq!(identities("k/a.yaml", text), None, "{text:?}");
    }
}

const LINES: &[&str] = &[
    "kind: ConfigMap",
    "kind: 'PrometheusRule'",
    "kind: 7",
    "kind:",
    "metadata:",
    "  name: a",
    "  name: \"b c\"",
    "  namespace: m",
    "    name: deep",
    " name: shallow",
    "  namespace: 'n''s'",
    "  labels:",
    "    name: deep",
    "   odd: 3",
    "  - item",
    "uid: u1",
    "uid: 'x: y'",
    "title: T # note",
    "title: \"multi",
    "  line\"",
    "panels: []",
    "panels:",
    "- p",
    "groups:",
    "tests: x",
    "data: |",
    "    {",
    "    }",
    "---",
    "# c",
    "  # c",
    "",
    "   ",
    "\t",
    "name: n",
    "a: {b: c}",
    "key: value",
    "'q': 1",
    "\tkind: tab",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// Of a file that reads (as dac's own output does), it says what a full read says,
    /// or declines.
    #[test]
    fn never_disagrees_with_a_full_read(picks in prop::collection::vec(0..LINES.len(), 0..14)) {
        let text: String = picks.iter().map(|&i| format!("{}\n", LINES[i])).collect();
        if let (Some(fast), Some(full)) = (identities("k/a.yaml", &text), read("k/a.yaml", &text)) {
            prop_assert_eq!(fast, full, "{:?}", text);
        }
    }
}
