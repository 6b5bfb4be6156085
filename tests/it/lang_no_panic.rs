//! No input makes the front end panic: random token soup and random bytes give a project
//! or diagnostics.

use std::path::PathBuf;

use dac::resolve::{MemoryFs, load_project_from};
use dac::source::SourceMap;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "dashboard",
    "rules",
    "group",
    "alert",
    "record",
    "row",
    "timeseries",
    "stat",
    "query",
    "template",
    "panel",
    "use",
    "import",
    "variable",
    "scope",
    "service",
    "counter",
    "labels",
    "expect",
    "test",
    "series",
    "mapping",
    "override",
    "\"x\"",
    "\"a.dac\"",
    "`up`",
    "`sum(rate(x[5m]))`",
    "`$__rate_interval`",
    "``x``",
    "\"\"\"t\"\"\"",
    "uid",
    "unit",
    "expr",
    "=",
    "=~",
    "!=",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ",",
    ";",
    ":",
    "+",
    "@p",
    "5m",
    "1h30m",
    "80",
    "-1.5",
    "true",
    "red",
    "#c",
    "\n",
    " ",
    "\"",
    "`",
    "\\",
    "é",
    "at",
    "legend",
    "for",
];

fn run(text: &str) {
    let fs = MemoryFs::new([("p/a.dac", text), ("p/b.dac", "import \"a.dac\"\n")]);
    let mut sources = SourceMap::new();
    let _ = load_project_from(&[PathBuf::from("p")], &fs, &mut sources);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn token_soup_does_not_panic(tokens in prop::collection::vec(0..TOKENS.len(), 0..60)) {
        let text: String = tokens.iter().map(|&i| TOKENS[i]).collect::<Vec<_>>().join(" ");
        run(&text);
    }

    #[test]
    fn arbitrary_text_does_not_panic(text in "\\PC*") {
        run(&text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    run(&format!("a = {}", "[".repeat(200_000)));
    run(&format!("a = {}{}", "{".repeat(50_000), "}".repeat(50_000)));
}

#[test]
fn exponential_templates_stop() {
    let mut text = String::from("template panel t0 { stat \"s\" { query `up` } }\n");
    for i in 1..40 {
        text.push_str(&format!(
            "template panel t{i} {{\n  use t{}\n  use t{}\n}}\n",
            i - 1,
            i - 1
        ));
    }
    text.push_str("dashboard \"d\" {\n  uid = \"d\"\n  use t39\n}\n");
    run(&text);
}
