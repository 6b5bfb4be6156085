//! Properties of the PromQL parser and printer: no input makes them panic or hang, and
//! the canonical print of any tree parses back to the same tree.

use dac::diagnostic::FileId;
use dac::promql::{ParseOptions, parse, print};
use proptest::prelude::*;

fn options(grafana: bool) -> ParseOptions {
    ParseOptions {
        file: FileId(3),
        offset: 7,
        grafana,
    }
}

/// Pieces of PromQL, so that random strings reach deep into the grammar.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "sum",
        "rate",
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
        "bool",
        "offset",
        "@",
        "start()",
        "end()",
        "and",
        "or",
        "unless",
        "atan2",
        "topk",
        "count_values",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "=",
        "!=",
        "=~",
        "!~",
        "==",
        "<=",
        ">",
        "+",
        "-",
        "*",
        "/",
        "^",
        "%",
        " ",
        "\n",
        "# c\n",
        "foo",
        "a",
        "\"x\"",
        "'y'",
        "`z`",
        "1",
        "0x1f",
        "1e3",
        ".5",
        "Inf",
        "NaN",
        "5m",
        "1h30m",
        "$x",
        "${x}",
        "[[x]]",
        "$__rate_interval",
        "\"\\",
        "\\",
        "日",
        "__name__",
        "\"a.b\"",
    ])
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_][a-z0-9_:]{0,6}".prop_filter("keyword", |s| !is_keyword(s)),
        "[a-z_][a-z0-9_]{0,4}\\{[a-z_]{1,3}(=|!=|=~|!~)\"[a-z.*]{0,3}\"(, [a-z]{1,2}=\"v\"){0,2}\\}",
        "\\{\"[a-z.]{1,5}\"(, \"[a-z.]{1,3}\"=\"v\")?\\}",
        "[0-9]{1,4}(\\.[0-9]{1,2})?",
        "0x[0-9a-f]{1,3}",
        "[1-9][0-9]?(ms|s|m|h|d|w|y)",
        "\"[a-z\\\\ ]{0,4}\"".prop_filter("escape", |s| !s.contains("\\ ") && !s.ends_with("\\\"")),
        Just("Inf".to_string()),
        Just("NaN".to_string()),
    ]
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "sum"
            | "avg"
            | "count"
            | "min"
            | "max"
            | "group"
            | "stddev"
            | "stdvar"
            | "topk"
            | "bottomk"
            | "count_values"
            | "quantile"
            | "limitk"
            | "limit_ratio"
            | "and"
            | "or"
            | "unless"
            | "atan2"
            | "by"
            | "without"
            | "on"
            | "ignoring"
            | "group_left"
            | "group_right"
            | "bool"
            | "offset"
            | "start"
            | "end"
            | "inf"
            | "nan"
    )
}

fn duration() -> impl Strategy<Value = String> {
    prop_oneof!["[1-9][0-9]?(ms|s|m|h|d|w)", "[0-9]{1,3}(\\.[0-9]{1,3})?"]
}

fn modifiers() -> impl Strategy<Value = String> {
    (
        prop::option::of((any::<bool>(), duration())),
        prop::option::of(prop_oneof![
            Just("start()".to_string()),
            Just("end()".to_string()),
            "-?[0-9]{1,6}(\\.[0-9]{1,3})?"
        ]),
        any::<bool>(),
    )
        .prop_map(|(offset, at, at_first)| {
            let offset =
                offset.map(|(neg, d)| format!(" offset {}{d}", if neg { "-" } else { "" }));
            let at = at.map(|a| format!(" @ {a}"));
            let (a, b) = if at_first { (at, offset) } else { (offset, at) };
            format!("{}{}", a.unwrap_or_default(), b.unwrap_or_default())
        })
}

fn labels() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z_][a-z0-9_]{0,3}",
            Just("\"a.b\"".to_string()),
            Just("on".to_string())
        ],
        0..3,
    )
    .prop_map(|l| format!("({})", l.join(", ")))
}

/// PromQL source text, mostly valid, from the whole language.
fn expression() -> impl Strategy<Value = String> {
    leaf().prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| format!("({e})")),
            inner.clone().prop_map(|e| format!("-{e}")),
            (inner.clone(), modifiers()).prop_map(|(e, m)| format!("{e}{m}")),
            ("[a-z]{1,3}", duration(), modifiers())
                .prop_map(|(m, d, mods)| format!("rate({m}[{d}]{mods})")),
            (
                inner.clone(),
                duration(),
                prop::option::of(duration()),
                modifiers()
            )
                .prop_map(|(e, r, s, m)| format!("({e})[{r}:{}]{m}", s.unwrap_or_default())),
            (
                inner.clone(),
                prop::sample::select(vec![
                    "+", "-", "*", "/", "%", "^", "atan2", "==", "!=", ">", "<", ">=", "<=", "and",
                    "or", "unless", "== bool", "> bool",
                ]),
                prop::option::of((
                    any::<bool>(),
                    labels(),
                    prop::option::of((any::<bool>(), labels()))
                )),
                inner.clone(),
            )
                .prop_map(|(l, op, matching, r)| {
                    let matching = matching.map_or(String::new(), |(on, ls, group)| {
                        let group = group.map_or(String::new(), |(left, gl)| {
                            format!(" group_{}{gl}", if left { "left" } else { "right" })
                        });
                        format!(" {}{ls}{group}", if on { "on" } else { "ignoring" })
                    });
                    format!("{l} {op}{matching} {r}")
                }),
            (
                prop::sample::select(vec!["sum", "avg", "max", "count", "group", "stddev"]),
                prop::option::of((any::<bool>(), labels(), any::<bool>())),
                inner.clone(),
            )
                .prop_map(|(op, grouping, e)| match grouping {
                    None => format!("{op}({e})"),
                    Some((without, ls, before)) => {
                        let g = format!("{} {ls}", if without { "without" } else { "by" });
                        if before {
                            format!("{op} {g} ({e})")
                        } else {
                            format!("{op}({e}) {g}")
                        }
                    }
                }),
            (
                prop::sample::select(vec!["topk", "bottomk", "quantile", "limitk", "limit_ratio"]),
                inner.clone(),
                inner.clone(),
            )
                .prop_map(|(op, p, e)| format!("{op}({p}, {e})")),
            (
                prop::sample::select(vec!["abs", "clamp_min", "label_replace", "vector", "time"]),
                prop::collection::vec(inner.clone(), 0..3),
            )
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
        ]
    })
}

fn assert_round_trip(src: &str, grafana: bool) -> Result<(), TestCaseError> {
    let Ok(tree) = parse(src, &options(grafana)) else {
        return Ok(());
    };
    let printed = print(&tree);
    let again = parse(&printed, &options(grafana));
    prop_assert!(
        again.is_ok(),
        "{src:?} printed as {printed:?}, which fails: {:?}",
        again.err()
    );
    if let Ok(again) = again {
        prop_assert_eq!(
            format!("{:?}", again.without_spans()),
            format!("{:?}", tree.without_spans()),
            "{:?} printed as {:?}",
            src,
            printed
        );
        prop_assert_eq!(print(&again), printed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(src in ".{0,64}") {
        let _ = parse(&src, &options(false));
        let _ = parse(&src, &options(true));
    }

    #[test]
    fn arbitrary_fragments_never_panic_and_round_trip(parts in prop::collection::vec(fragment(), 0..24)) {
        let src = parts.concat();
        assert_round_trip(&src, false)?;
        assert_round_trip(&src, true)?;
    }

    #[test]
    fn generated_expressions_round_trip(src in expression()) {
        assert_round_trip(&src, false)?;
    }

    #[test]
    fn spans_stay_inside_the_query(src in expression()) {
        if let Err(diagnostics) = parse(&src, &options(false)) {
            for d in diagnostics {
                for label in d.labels {
                    prop_assert_eq!(label.span.file, FileId(3));
                    prop_assert!(label.span.start as usize >= 7);
                    prop_assert!(label.span.end as usize <= 7 + src.len());
                }
            }
        }
    }
}

#[test]
fn most_generated_expressions_parse() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = expression();
    let mut parsed = 0;
    for _ in 0..500 {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        let src = tree.current();
        if std::env::var("SHOW").is_ok() {
            eprintln!(
                "{src} => {:?}",
                parse(&src, &options(false))
                    .map(|t| print(&t))
                    .map_err(|d| d[0].message.clone())
            );
        }
        if parse(&src, &options(false)).is_ok() {
            parsed += 1;
        }
    }
    eprintln!("{parsed} of 500 generated expressions parse");
    assert!(
        parsed > 250,
        "only {parsed} of 500 generated expressions parse"
    );
}
