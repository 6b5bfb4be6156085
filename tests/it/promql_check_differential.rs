//! The type checker against the `promql-parser` crate, which also type-checks: over every
//! function applied to every kind of argument, every aggregation, operator and modifier,
//! both must accept and reject the same queries, except for the divergences listed
//! below, each with its reason.

use dac::diagnostic::FileId;
use dac::promql::check::check;
use dac::promql::functions;
use dac::promql::parser::{ParseOptions, parse};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};

use crate::support;

/// One expression of each value type.
const OPERANDS: [&str; 4] = ["1", "\"s\"", "x", "x[5m]"];

/// Whether dac accepts `src`; otherwise the messages of its errors.
fn ours(src: &str) -> Result<(), Vec<String>> {
    let errors: Vec<String> = match parse(src, &ParseOptions::new(FileId(0))) {
        Ok(expr) => check(&expr, false)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.message)
            .collect(),
        Err(diagnostics) => diagnostics.into_iter().map(|d| d.message).collect(),
    };
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Whether promql-parser accepts `src`; otherwise its error.
fn theirs(src: &str) -> Result<(), String> {
    promql_parser::parser::parse(src).map(|_| ())
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

/// Where we differ from promql-parser on purpose, and why: `Some(reason)` when every
/// error dac reports (or, when dac accepts, the query itself) is a known divergence.
fn known_divergence(
    src: &str,
    ours: &Result<(), Vec<String>>,
    theirs: &Result<(), String>,
) -> Option<&'static str> {
    let Err(errors) = ours else {
        let their_error = theirs.as_ref().err().map_or("", String::as_str);
        if src.contains("info(") && their_error.contains("non-empty matcher") {
            // Prometheus lets info's label selector match everything
            // (`BypassEmptyMatcherCheck`); promql-parser does not.
            return Some("promql-parser applies the non-empty matcher rule to info's selector");
        }
        // Prometheus' grammar reads `(` after group_left/group_right as the start of
        // the label list, so `x / ignoring(a) group_right (y)` is a syntax error there
        // and in promql-parser; dac's parser reads `(y)` as the right-hand side.
        return (src.contains("group_right (") || src.contains("group_left ("))
            .then_some("dac's parser accepts a parenthesised operand right after group_x");
    };
    let mut reason = None;
    for error in errors {
        reason = Some(if error.contains("parameter of aggregation \"limit") {
            // Prometheus' checkAST wants a scalar for limitk and limit_ratio as for topk;
            // promql-parser checks only topk, bottomk and quantile.
            "promql-parser does not type-check the parameter of limitk/limit_ratio"
        } else if error.starts_with("expected label selectors only in call to function \"info\"") {
            // Prometheus: "expected label selectors only, got vector selector instead".
            "promql-parser accepts any expression as info's label selector"
        } else if ["exp", "ln", "log2", "log10"].iter().any(|f| {
            error == &format!("expected instant vector in call to function \"{f}\", got scalar")
        }) {
            // promql-parser skips the type check when the argument is a number such as
            // `-1`, `NaN` or `Inf`; Prometheus does not.
            "promql-parser accepts exp/ln/log2/log10 of a special number"
        } else if src.contains("end()") || src.replace("@ start()", "").contains("start()") {
            // `start` and `end` are read as the `@` preprocessors; Prometheus' newest
            // experimental start()/end() functions are not parsed as calls.
            "start()/end() are parsed as @ modifiers only"
        } else {
            return None;
        });
    }
    reason
}

#[test]
fn checker_agrees_with_promql_parser() {
    let cases = cases();
    let mut disagreements = Vec::new();
    let mut divergences = 0;
    for src in &cases {
        let (ours, theirs) = (ours(src), theirs(src));
        if ours.is_ok() == theirs.is_ok() {
            continue;
        }
        if known_divergence(src, &ours, &theirs).is_some() {
            divergences += 1;
            continue;
        }
        disagreements.push(format!("{src}: dac {ours:?}, promql-parser {theirs:?}"));
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

/// The same comparison over generated queries of every shape. The generator is seeded
/// so that a run is repeatable: a new divergence shows up when the generator or either
/// side changes, not at random.
#[test]
fn checker_agrees_with_promql_parser_on_generated_queries() {
    let mut runner = TestRunner::new_with_rng(
        ProptestConfig::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = support::query();
    let mut disagreements = Vec::new();
    let mut divergences = 0;
    let cases = 20_000;
    for _ in 0..cases {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        let src = tree.current();
        let (ours, theirs) = (ours(&src), theirs(&src));
        if ours.is_ok() == theirs.is_ok() {
            continue;
        }
        if known_divergence(&src, &ours, &theirs).is_some() {
            divergences += 1;
        } else {
            disagreements.push(format!("{src}: dac {ours:?}, promql-parser {theirs:?}"));
        }
    }
    println!(
        "{cases} generated queries, {divergences} known divergences, {} disagreements",
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
