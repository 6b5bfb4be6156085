//! dac's canonical printer against the `promql-parser` crate: on every rule expression of
//! the kube-prometheus corpus, and on generated queries both accept, the two parsers
//! must agree on what the expression is. The check: promql-parser reads dac's printed
//! form back to the same tree as the original (compared through promql-parser's own
//! printer), and dac's printed form equals promql-parser's wherever the known style
//! differences listed in `normalise` are set aside.

use std::fs;
use std::path::Path;

use dac::diagnostic::FileId;
use dac::promql::parser::{ParseOptions, parse};
use dac::promql::print;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::support;

fn corpus_rule_expressions() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kube-prometheus");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("the corpus beside the repository")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with("-prometheusRule.yaml"))
        .collect();
    paths.sort();
    let mut exprs = Vec::new();
    for path in paths {
        let doc: yaml_serde::Value =
            yaml_serde::from_str(&fs::read_to_string(&path).expect("readable")).expect("YAML");
        for group in doc["spec"]["groups"].as_sequence().expect("groups") {
            for rule in group["rules"].as_sequence().expect("rules") {
                exprs.push(rule["expr"].as_str().expect("expr").to_string());
            }
        }
    }
    exprs
}

/// How the two printers differ in style only, each a choice both read back the same way:
/// promql-parser writes no space after the commas between matchers and labels.
///
/// The cases counted as "printed differently but read back alike" are the two known
/// divergences of text, both on promql-parser's side of Prometheus:
/// - promql-parser sorts a selector's matchers by label name; dac keeps them in source
///   order, as Prometheus' own printer does (`{job="a", container="b"}`);
/// - promql-parser folds unary minus into number literals (`--1` prints as `1`); dac
///   keeps the operators as written, as Prometheus does.
fn normalise(text: &str) -> String {
    text.replace(", ", ",")
}

enum Outcome {
    /// Both print the same text (style aside) and promql-parser reads ours back as its own.
    Same,
    /// The texts differ, yet promql-parser reads ours back to the same tree.
    EquivalentText,
    /// promql-parser reads dac's printed form as another expression, or not at all.
    Disagree(String),
}

fn compare(src: &str) -> Option<Outcome> {
    let ours = parse(src, &ParseOptions::new(FileId(0))).ok()?;
    let theirs = promql_parser::parser::parse(src).ok()?;
    let printed = print(&ours);
    let their_print = theirs.to_string();
    let reread = match promql_parser::parser::parse(&printed) {
        Ok(t) => t.to_string(),
        Err(e) => {
            return Some(Outcome::Disagree(format!(
                "{src}\n  dac printed {printed}\n  which promql-parser rejects: {e}"
            )));
        }
    };
    if reread != their_print {
        return Some(Outcome::Disagree(format!(
            "{src}\n  dac printed    {printed}\n  promql-parser: {their_print}\n  reread as      {reread}"
        )));
    }
    Some(if normalise(&printed) == normalise(&their_print) {
        Outcome::Same
    } else {
        Outcome::EquivalentText
    })
}

fn run(sources: impl IntoIterator<Item = String>) -> (usize, usize, usize, Vec<String>) {
    let (mut compared, mut same, mut equivalent, mut disagreements) = (0, 0, 0, Vec::new());
    for src in sources {
        match compare(&src) {
            None => {}
            Some(outcome) => {
                compared += 1;
                match outcome {
                    Outcome::Same => same += 1,
                    Outcome::EquivalentText => equivalent += 1,
                    Outcome::Disagree(d) => disagreements.push(d),
                }
            }
        }
    }
    (compared, same, equivalent, disagreements)
}

#[test]
fn printed_corpus_expressions_agree_with_promql_parser() {
    let exprs = corpus_rule_expressions();
    let total = exprs.len();
    let (compared, same, equivalent, disagreements) = run(exprs);
    println!(
        "corpus: {total} expressions, {compared} parsed by both, {same} printed alike, \
         {equivalent} printed differently but read back alike, {} disagreements",
        disagreements.len()
    );
    assert_eq!(
        compared, total,
        "both parsers accept every corpus expression"
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn printed_generated_expressions_agree_with_promql_parser() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = support::query();
    let sources: Vec<String> = (0..20_000)
        .filter_map(|_| strategy.new_tree(&mut runner).ok().map(|t| t.current()))
        .collect();
    let (compared, same, equivalent, disagreements) = run(sources);
    println!(
        "generated: {compared} accepted by both, {same} printed alike, {equivalent} printed \
         differently but read back alike, {} disagreements",
        disagreements.len()
    );
    assert!(
        compared > 1_000,
        "too few generated queries both accept: {compared}"
    );
    assert!(
        disagreements.is_empty(),
        "{}",
        disagreements
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
