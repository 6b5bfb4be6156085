//! Parse errors as users see them: rendered rustc-style against the file the query is
//! embedded in, so line and column are the file's, not the query's.

use dac::promql::{ParseOptions, parse};
use dac::report::human;
use dac::source::SourceMap;

/// Parses the text between the first pair of backticks of `file` as a query embedded
/// there, and renders its errors.
fn render_embedded(name: &str, file: &str, grafana: bool) -> String {
    let mut sources = SourceMap::new();
    let start = file.find('`').map_or(0, |i| i + 1);
    let end = file[start..].find('`').map_or(file.len(), |i| start + i);
    let id = sources.add(name, file);
    let opts = ParseOptions {
        file: id,
        offset: start,
        grafana,
    };
    match parse(&file[start..end], &opts) {
        Ok(_) => "parsed".to_string(),
        Err(diagnostics) => human::render_all(&diagnostics, &sources),
    }
}

#[test]
fn an_unclosed_parenthesis_in_a_multi_line_query() {
    let file = "alert \"HighErrors\" {\n  expr = `sum by (job) (\n    rate(http_requests_total{code=~\"5..\"}[5m]\n  ) > 0.1`\n}\n";
    insta::assert_snapshot!(render_embedded("alerts/api.dac", file, false));
}

#[test]
fn an_unknown_function_with_a_suggestion() {
    let file = "panel {\n  query `sum(rates(x[5m]))`\n}\n";
    insta::assert_snapshot!(render_embedded("dashboards/a.dac", file, true));
}

#[test]
fn a_grafana_variable_in_a_rule() {
    let file = "record \"x\" = `rate(x[$__rate_interval])`\n";
    insta::assert_snapshot!(render_embedded("alerts/b.dac", file, false));
}

#[test]
fn a_bad_matcher_on_the_second_line() {
    let file = "query `foo{\n  a=b}`\n";
    insta::assert_snapshot!(render_embedded("c.dac", file, false));
}

#[test]
fn a_range_on_an_expression() {
    let file = "x = `(a + b)[5m]`";
    insta::assert_snapshot!(render_embedded("d.dac", file, false));
}
