//! Shared by the PromQL integration tests.

#![allow(dead_code)]

use proptest::prelude::*;

/// Queries built from PromQL's grammar, of every type and often ill-typed, so the
/// checker sees valid and invalid queries alike.
pub fn query() -> impl Strategy<Value = String> {
    let leaf = proptest::sample::select(
        &[
            "x",
            "up{job=\"a\"}",
            "{a=~\".*\"}",
            "{a=~\"(\"}",
            "y[5m]",
            "z{b!=\"\"}[1h] offset 5m",
            "1",
            "0.5",
            "\"s\"",
            "time()",
            "w @ start()",
        ][..],
    )
    .prop_map(str::to_string);
    let names: Vec<&'static str> = dac::promql::functions::names().collect();
    leaf.prop_recursive(4, 24, 4, move |inner| {
        prop_oneof![
            (
                proptest::sample::select(names.clone()),
                proptest::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            (
                proptest::sample::select(
                    &["sum", "avg", "topk", "quantile", "count_values", "limitk"][..]
                ),
                proptest::option::of(inner.clone()),
                inner.clone(),
                proptest::sample::select(&["", " by (a)", " without (a, b)", " by (__name__)"][..]),
            )
                .prop_map(|(op, param, e, grouping)| match param {
                    Some(p) => format!("{op}{grouping} ({p}, {e})"),
                    None => format!("{op}{grouping} ({e})"),
                }),
            (
                inner.clone(),
                proptest::sample::select(
                    &[
                        "+",
                        "*",
                        "^",
                        "/",
                        "==",
                        ">",
                        "> bool",
                        "and",
                        "or",
                        "unless",
                        "+ on(a)",
                        "* on(a) group_left(b)",
                        "/ ignoring(a) group_right",
                        "and on(a) group_left",
                        "< on(a) group_left(a)",
                    ][..]
                ),
                inner.clone(),
            )
                .prop_map(|(l, op, r)| format!("{l} {op} {r}")),
            inner.clone().prop_map(|e| format!("({e})")),
            inner.clone().prop_map(|e| format!("-{e}")),
            inner.clone().prop_map(|e| format!("({e})[5m:1m]")),
        ]
    })
}
