use super::*;
use proptest::prelude::*;

/// Strings a YAML 1.1 reader takes for booleans, nulls, numbers, dates or merge keys.
const NOT_STRINGS_IN_YAML_1_1: &[&str] = &[
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "y",
    "Y",
    "n",
    "N",
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "FALSE",
    "null",
    "Null",
    "NULL",
    "~",
    "",
    "1.10",
    "1",
    "0",
    "-1",
    "+1",
    "0x1F",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "1,000",
    "2026-11-24",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "12:30:00",
    "190:20:30",
    "-12:30",
    ".inf",
    "-.inf",
    "+.inf",
    ".Inf",
    ".NaN",
    ".nan",
    "-.nan",
    "1e3",
    "0.5e-3",
    "1.",
    ".5",
    "+.5",
    "-0",
    "<<",
    "=",
    "-",
    "- x",
    "? x",
    ": x",
    "a: b",
    "#x",
    "x #y",
    "@x",
    "`x",
    "!x",
    "&x",
    "*x",
    "%x",
    "|",
    ">",
    "'x",
    "\"x",
    "{x}",
    "[x]",
    ",x",
    " lead",
    "trail ",
    "a\tb",
    "x\r",
    "\u{85}",
    "\u{2028}",
];

#[test]
fn every_string_yaml_1_1_would_misread_is_quoted() {
    for s in NOT_STRINGS_IN_YAML_1_1 {
        let out = to_string(&Node::map([("k", Node::str(*s))]));
        let value = out.strip_prefix("k: ").unwrap_or("");
        assert!(
            value.starts_with('\'') || value.starts_with('"'),
            "{s:?} was written unquoted: {out:?}"
        );
        let back: yaml_serde::Value = yaml_serde::from_str(&out).unwrap();
        assert_eq!(back["k"], yaml_serde::Value::String(s.to_string()), "{out}");
    }
}

#[test]
fn keys_are_quoted_by_the_same_rule() {
    let out = to_string(&Node::map([("on", Node::str("x")), ("1", Node::str("y"))]));
    assert_eq!(out, "'on': x\n'1': 'y'\n");
}

#[test]
fn ordinary_words_stay_plain() {
    for s in [
        "trade-service",
        "app.kubernetes.io/managed-by",
        "service:http_requests:rate5m",
        "Total HTTP requests",
        "/metrics",
        "monitoring.coreos.com/v1",
        "_x",
        "1m",
        "1h30m",
        "500ms",
    ] {
        assert_eq!(to_string(&Node::str(s)), format!("{s}\n"));
    }
}

#[test]
fn promql_is_single_quoted_without_escapes() {
    let out = to_string(&Node::str(r#"sum(rate(x{a="b"}[5m])) > 0.05"#));
    assert_eq!(out, "'sum(rate(x{a=\"b\"}[5m])) > 0.05'\n");
}

#[test]
fn nested_collections_render_in_block_style() {
    let doc = Node::map([
        ("apiVersion", Node::str("v1")),
        (
            "items",
            Node::Seq(vec![
                Node::map([
                    ("a", Node::Int(1)),
                    ("b", Node::Seq(vec![Node::Bool(true)])),
                ]),
                Node::Seq(vec![Node::Float(0.5), Node::Null]),
                Node::str("plain"),
            ]),
        ),
        ("empty", Node::Map(vec![])),
        ("none", Node::Seq(vec![])),
        ("f", Node::Float(2.0)),
    ]);
    let out = to_string(&doc);
    assert_eq!(
        out,
        "apiVersion: v1\nitems:\n  - a: 1\n    b:\n      - true\n  -\n    - 0.5\n    - null\n  - plain\nempty: {}\nnone: []\nf: 2.0\n"
    );
    let back: yaml_serde::Value = yaml_serde::from_str(&out).unwrap();
    assert_eq!(back["items"][0]["b"][0], yaml_serde::Value::Bool(true));
    assert_eq!(back["f"].as_f64(), Some(2.0));
}

#[test]
fn floats_stay_floats() {
    for (f, want) in [
        (2.0, "2.0"),
        (0.1, "0.1"),
        (1e20, "100000000000000000000.0"),
        (-1e-7, "-0.0000001"),
        (f64::NAN, ".nan"),
        (f64::NEG_INFINITY, "-.inf"),
    ] {
        let out = to_string(&Node::Float(f));
        assert_eq!(out, format!("{want}\n"));
        let back: yaml_serde::Value = yaml_serde::from_str(&out).unwrap();
        assert!(back.is_f64(), "{out}");
    }
}

#[test]
fn multi_line_strings_become_literal_blocks() {
    let out = to_string(&Node::map([("data", Node::str("{\n  \"a\": 1\n}\n"))]));
    assert_eq!(out, "data: |\n  {\n    \"a\": 1\n  }\n");
    let out = to_string(&Node::map([("d", Node::str("a\n\nb"))]));
    assert_eq!(out, "d: |-\n  a\n\n  b\n");
}

fn round_trip(s: &str) {
    for doc in [
        Node::map([("k", Node::str(s))]),
        Node::map([("outer", Node::map([("k", Node::str(s))]))]),
        Node::Seq(vec![Node::str(s), Node::map([("k", Node::str(s))])]),
    ] {
        let out = to_string(&doc);
        let back: yaml_serde::Value = yaml_serde::from_str(&out)
            .unwrap_or_else(|e| panic!("{s:?} gave unparsable YAML {out:?}: {e}"));
        let got = match &back {
            yaml_serde::Value::Sequence(items) => {
                assert_eq!(items[1]["k"].as_str(), Some(s), "{out:?}");
                items[0].clone()
            }
            v if v.get("outer").is_some() => v["outer"]["k"].clone(),
            v => v["k"].clone(),
        };
        assert_eq!(got.as_str(), Some(s), "{out:?}");
    }
}

#[test]
fn tricky_block_strings_round_trip() {
    for s in [
        "\n",
        "\n\n",
        "a\n",
        "a\n\n",
        "a\n\n\n",
        " a\nb",
        "\na",
        "\n a\n",
        "a\n b\n  c",
        "a \nb",
        "a\tb\nc",
        "- a\n- b\n",
        "# x\n",
        "a\r\nb",
    ] {
        round_trip(s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn any_string_round_trips(s in "\\PC{0,12}|[ a-z0-9:#'\"\\n\\t.-]{0,16}") {
        round_trip(&s);
    }
}

fn expected(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Int(i) => Value::from(*i),
        Node::Float(f) => Value::from(*f),
        Node::Str(s) => Value::String(s.clone()),
        Node::Seq(items) => Value::Array(items.iter().map(expected).collect()),
        Node::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), expected(v)))
                .collect(),
        ),
    }
}

fn any_node() -> impl Strategy<Value = Node> {
    let text = "\\PC{0,8}|[ a-z0-9:#'\"\\n\\t.-]{0,10}";
    let leaf = prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<i64>().prop_map(Node::Int),
        (-1e12f64..1e12).prop_map(Node::Float),
        text.prop_map(Node::Str),
    ];
    leaf.prop_recursive(4, 32, 5, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Node::Seq),
            proptest::collection::btree_map(text, inner, 0..5)
                .prop_map(|m| Node::Map(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn any_document_round_trips(node in any_node()) {
        let out = to_string(&node);
        let back: yaml_serde::Value = yaml_serde::from_str(&out)
            .map_err(|e| TestCaseError::fail(format!("{out:?}: {e}")))?;
        let back = serde_json::to_value(back).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, expected(&node), "{}", out);
    }
}
