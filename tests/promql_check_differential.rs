//! The type checker against the `promql-parser` crate, which also type-checks: over every
//! function applied to every kind of argument, every aggregation, operator and modifier,
//! both must accept and reject the same queries, except for the divergences listed
//! below, each with its reason.

use dac::diagnostic::FileId;
use dac::promql::check::check;
use dac::promql::functions;
use dac::promql::parser::{ParseOptions, parse};

/// One expression of each value type.
const OPERANDS: [&str; 4] = ["1", "\"s\"", "x", "x[5m]"];

fn ours(src: &str) -> bool {
    match parse(src, &ParseOptions::new(FileId(0))) {
        Ok(expr) => !check(&expr, false).iter().any(|d| d.is_error()),
        Err(_) => false,
    }
}

fn theirs(src: &str) -> bool {
    promql_parser::parser::parse(src).is_ok()
}

/// Every argument list of `arity` operands.
fn argument_lists(arity: usize) -> Vec<Vec<&'static str>> {
    let mut lists = vec![Vec::new()];
    for _ in 0..arity {
        lists = lists
            .into_iter()
            .flat_map(|list| {
                OPERANDS.iter().map(move |op| {
                    let mut longer = list.clone();
                    longer.push(*op);
                    longer
                })
            })
            .collect();
    }
    lists
}

fn cases() -> Vec<String> {
    let mut cases = Vec::new();
    for f in functions::all() {
        let most = f.max_args().unwrap_or(f.args.len() + 1).min(4) + 1;
        for arity in 0..=most {
            for args in argument_lists(arity) {
                cases.push(format!("{}({})", f.name, args.join(", ")));
            }
        }
    }
    for op in [
        "sum",
        "avg",
        "count",
        "group",
        "stddev",
        "topk",
        "quantile",
        "count_values",
        "limitk",
    ] {
        for operand in OPERANDS {
            cases.push(format!("{op}({operand})"));
            for param in OPERANDS {
                cases.push(format!("{op}({param}, {operand})"));
            }
        }
    }
    let modifiers = [
        "",
        "bool",
        "on(a)",
        "ignoring(a)",
        "on()",
        "on(a) group_left",
        "on(a) group_left(b)",
        "on(a) group_left(a)",
        "ignoring(a) group_right(a)",
        "bool on(a)",
    ];
    for op in ["+", "^", "==", "<", "and", "or", "unless", "atan2"] {
        for modifier in modifiers {
            for lhs in OPERANDS {
                for rhs in OPERANDS {
                    cases.push(format!("{lhs} {op} {modifier} {rhs}"));
                }
            }
        }
    }
    for operand in OPERANDS {
        cases.push(format!("-{operand}"));
        cases.push(format!("({operand})[5m:1m]"));
    }
    for selector in [
        "{}",
        "{a=\"\"}",
        "{a=\"b\"}",
        "{a=~\".*\"}",
        "{a=~\".+\"}",
        "{a!=\"\"}",
        "{a!~\".*\"}",
        "{a=~\"a|\"}",
        "{a=~\"(\"}",
        "{a=~\"[[:alpha:]]+\"}",
        "{a=~\"\\\\d+\"}",
        "{__name__=~\"x.*\"}",
        "x{a=~\"(\"}",
        "x{a!~\"[\"}",
        "{a=\"\", b=~\"x?\"}",
    ] {
        cases.push(selector.to_string());
    }
    cases
}

/// Where we differ from promql-parser on purpose, and why.
fn known_divergence(src: &str) -> Option<&'static str> {
    match src {
        // Prometheus' checkAST requires a scalar parameter for limitk and limit_ratio as
        // for topk; promql-parser checks only topk, bottomk and quantile.
        _ if src.starts_with("limitk(") || src.starts_with("limit_ratio(") => {
            Some("promql-parser does not type-check the parameter of limitk/limit_ratio")
        }
        // Prometheus: "expected label selectors only, got vector selector instead".
        "info(x, x)" => Some("promql-parser accepts a metric name in info's selector"),
        // `start` and `end` are read as the `@` preprocessors; Prometheus' newest
        // experimental start()/end() functions are not parsed as calls (parser's choice).
        "start()" | "end()" => Some("start()/end() are parsed as @ modifiers only"),
        _ => None,
    }
}

#[test]
fn checker_agrees_with_promql_parser() {
    let cases = cases();
    let mut disagreements = Vec::new();
    let mut divergences = 0;
    for src in &cases {
        let (ours, theirs) = (ours(src), theirs(src));
        if ours == theirs {
            continue;
        }
        if known_divergence(src).is_some() {
            divergences += 1;
            continue;
        }
        disagreements.push(format!("{src}: dac {ours}, promql-parser {theirs}"));
    }
    println!(
        "{} cases, {} known divergences, {} disagreements",
        cases.len(),
        divergences,
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
