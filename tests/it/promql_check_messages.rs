//! How every kind of type error reads, rendered as a user sees it: one snapshot to
//! review the wording, the underlined characters and the advice together.

use dac::promql::check::check;
use dac::promql::parser::{ParseOptions, parse};
use dac::report::human::render;
use dac::source::SourceMap;

const CASES: &[(&str, bool)] = &[
    ("rate(http_requests_total)", false),
    ("abs(x[5m])", false),
    ("vector(up)", false),
    ("histogram_quantile(x, y)", false),
    ("label_replace(x, 1, \"$1\", \"src\", \"(.*)\")", false),
    ("rate()", false),
    ("round(x, 1, 2)", false),
    ("label_join(x, \"a\")", false),
    ("holt_winters(x[5m], 0.5, 0.5)", false),
    ("sort_by_label(x, \"job\")", false),
    ("limitk(5, x)", false),
    ("info(x, target_info)", false),
    ("sum(x[5m])", false),
    ("topk(\"5\", x)", false),
    ("quantile(y, x)", false),
    ("count_values(1, x)", false),
    ("1 < 2", false),
    ("x[5m] * 2", false),
    ("1 and x", false),
    ("x and on(job) group_left y", false),
    ("x * on(job) group_left(job) y", false),
    ("1 + on(job) x", false),
    ("-x[5m]", false),
    ("x[5m][1h:]", false),
    ("{job=~\".*\"}", false),
    ("up{job=~\"api(\"}", false),
    ("up{job=~\"a**\"}", false),
    (
        "sum(rate(x{job=~\"$job\"}[$__rate_interval])) by (le) > bool $n",
        true,
    ),
];

#[test]
fn every_error_kind_rendered() {
    let mut sources = SourceMap::new();
    let mut out = String::new();
    for (i, (query, grafana)) in CASES.iter().enumerate() {
        let file = sources.add(format!("<case {}>", i + 1), *query);
        let options = ParseOptions {
            file,
            offset: 0,
            grafana: *grafana,
        };
        let expr = parse(query, &options).unwrap_or_else(|e| panic!("{query}: {e:?}"));
        let diagnostics = check(&expr, *grafana);
        if diagnostics.is_empty() {
            out += &format!("<case {}> {query}: ok\n\n", i + 1);
        }
        for d in diagnostics {
            out += &render(&d, &sources);
            out += "\n";
        }
    }
    insta::assert_snapshot!(out);
}
