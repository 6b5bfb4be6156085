//! The checker against the cases of Prometheus' parser tests that are type errors, and
//! the constructs every dashboard uses that must pass.

use super::*;
use crate::diagnostic::{FileId, Severity};
use crate::promql::parser::{ParseOptions, parse};

fn parse_ok(src: &str, grafana: bool) -> Expr {
    let options = ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana,
    };
    match parse(src, &options) {
        Ok(expr) => expr,
        Err(e) => panic!("{src}: {e:?}"),
    }
}

/// `(message, the source text under the error)` for each error and warning.
fn findings(src: &str, grafana: bool) -> Vec<(String, String)> {
    let expr = parse_ok(src, grafana);
    check_errors(&expr, grafana)
        .into_iter()
        .map(|e| {
            let at = src
                .get(e.span.start as usize..e.span.end as usize)
                .unwrap_or("<bad span>");
            (e.kind.to_string(), at.to_string())
        })
        .collect()
}

fn assert_valid(src: &str, grafana: bool) {
    assert_eq!(findings(src, grafana), [], "{src}");
}

fn assert_error(src: &str, message: &str, at: &str) {
    let found = findings(src, false);
    assert!(
        found.iter().any(|(m, a)| m == message && a == at),
        "{src}: expected `{message}` at `{at}`, got {found:?}"
    );
}

#[test]
fn accepts_well_typed_queries() {
    for src in [
        "1",
        "(1)",
        "\"text\"",
        "x",
        "x[5m]",
        "rate(x[5m])",
        "sum by (job) (rate(x[5m]))",
        "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))",
        "histogram_fraction(0, 0.2, rate(x[5m]))",
        "topk(5, x)",
        "bottomk(5, x) by (job)",
        "quantile(0.9, x)",
        "count_values(\"version\", build_info)",
        "1 < bool 2",
        "x > 1",
        "1 > x",
        "x > bool y",
        "x and y",
        "x or on(a) y",
        "x unless ignoring(a) y",
        "x + on(a) group_left(b) y",
        "x / ignoring(a) group_right y",
        "1 + on() 2",
        "label_join(x, \"dst\", \",\", \"a\", \"b\")",
        "label_join(x, \"dst\", \",\")",
        "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")",
        "hour()",
        "hour(x)",
        "round(x)",
        "round(x, 5)",
        "time()",
        "pi()",
        "vector(1)",
        "scalar(x) + 1",
        "-x",
        "-1",
        "x[5m:1m]",
        "rate(x[5m])[30m:]",
        "max_over_time(rate(x[5m])[30m:1m])",
        "quantile_over_time(0.5, x[5m])",
        "predict_linear(x[1h], 3600)",
        "clamp(x, 0, 1)",
        "absent(x{job=\"a\"})",
        "absent_over_time(x[5m])",
        "{__name__=\"x\"}",
        "{__name__=~\"x.*\"}",
        "{job=~\".+\"}",
        "{job!=\"\"}",
        "{job!~\".*\"}",
        "{job=\"a\", other=\"\"}",
        "x{job=~\"a|b\", path=~\"/api/.*$\"}",
        "x offset -5m",
        "x @ start()",
        "x @ 1609746000 offset 5m",
        "sum(x) by (job) / on(job) group_left sum(y) by (job)",
    ] {
        assert_valid(src, false);
    }
}

#[test]
fn reports_function_argument_types_at_the_argument() {
    assert_error(
        "rate(x)",
        "expected range vector in call to function \"rate\", got instant vector",
        "x",
    );
    assert_error(
        "abs(x[5m])",
        "expected instant vector in call to function \"abs\", got range vector",
        "x[5m]",
    );
    assert_error(
        "label_replace(x, 1, \"a\", \"b\", \"c\")",
        "expected string in call to function \"label_replace\", got scalar",
        "1",
    );
    assert_error(
        "histogram_quantile(x, y)",
        "expected scalar in call to function \"histogram_quantile\", got instant vector",
        "x",
    );
    assert_error(
        "vector(x)",
        "expected scalar in call to function \"vector\", got instant vector",
        "x",
    );
    assert_error(
        "label_join(x, \"d\", \",\", \"a\", 1)",
        "expected string in call to function \"label_join\", got scalar",
        "1",
    );
    assert_error(
        "rate(sum(x))",
        "expected range vector in call to function \"rate\", got instant vector",
        "sum(x)",
    );
}

#[test]
fn reports_function_argument_counts() {
    assert_error(
        "rate()",
        "expected 1 argument in call to function \"rate\", got 0",
        "rate()",
    );
    assert_error(
        "rate(x[5m], 1, 2)",
        "expected 1 argument in call to function \"rate\", got 3",
        "1, 2",
    );
    assert_error(
        "round(x, 1, 2)",
        "expected at most 2 arguments in call to function \"round\", got 3",
        "2",
    );
    assert_error(
        "label_join(x, \"a\")",
        "expected at least 3 arguments in call to function \"label_join\", got 2",
        "label_join(x, \"a\")",
    );
    assert_error(
        "time(1)",
        "expected 0 arguments in call to function \"time\", got 1",
        "1",
    );
    assert_error(
        "clamp(x, 1)",
        "expected 3 arguments in call to function \"clamp\", got 2",
        "clamp(x, 1)",
    );
}

#[test]
fn reports_aggregation_operands_and_parameters() {
    assert_error(
        "sum(x[5m])",
        "expected instant vector in aggregation \"sum\", got range vector",
        "x[5m]",
    );
    assert_error(
        "avg(1)",
        "expected instant vector in aggregation \"avg\", got scalar",
        "1",
    );
    assert_error(
        "topk(\"a\", x)",
        "expected scalar as the parameter of aggregation \"topk\", got string",
        "\"a\"",
    );
    assert_error(
        "quantile(y, x)",
        "expected scalar as the parameter of aggregation \"quantile\", got instant vector",
        "y",
    );
    assert_error(
        "count_values(1, x)",
        "expected string as the parameter of aggregation \"count_values\", got scalar",
        "1",
    );
}

#[test]
fn reports_binary_operator_misuse() {
    assert_error(
        "1 < 2",
        "comparisons between scalars must use the bool modifier",
        "<",
    );
    assert_error(
        "(1) == (2)",
        "comparisons between scalars must use the bool modifier",
        "==",
    );
    assert_error(
        "x[5m] + 1",
        "binary operator \"+\" needs scalars and instant vectors, got range vector",
        "x[5m]",
    );
    assert_error(
        "1 * \"a\"",
        "binary operator \"*\" needs scalars and instant vectors, got string",
        "\"a\"",
    );
    assert_error(
        "1 and x",
        "set operator \"and\" not allowed in binary scalar expression",
        "and",
    );
    assert_error(
        "x or 1",
        "set operator \"or\" not allowed in binary scalar expression",
        "or",
    );
    assert_error(
        "x and on(a) group_left y",
        "no grouping allowed for \"and\" operation",
        "group_left",
    );
    assert_error(
        "x + on(a) group_left(a) y",
        "label \"a\" must not occur in ON and GROUP clause at once",
        "a",
    );
    assert_error(
        "1 + on(a) x",
        "vector matching only allowed between instant vectors",
        "on(a)",
    );
}

#[test]
fn reports_unary_and_subquery_operands() {
    assert_error(
        "-x[5m]",
        "unary expression only allowed on expressions of type scalar or instant vector, got range vector",
        "x[5m]",
    );
    assert_error(
        "-\"a\"",
        "unary expression only allowed on expressions of type scalar or instant vector, got string",
        "\"a\"",
    );
    assert_error(
        "x[5m][10m:]",
        "subquery is only allowed on instant vector, got range vector",
        "x[5m]",
    );
    assert_error(
        "(1)[5m:]",
        "subquery is only allowed on instant vector, got scalar",
        "(1)",
    );
}

#[test]
fn requires_a_selective_matcher() {
    for src in [
        "{job=\"\"}",
        "{job=~\".*\"}",
        "{job!~\".+\"}",
        "{a=\"\", b=~\"x?\"}",
    ] {
        let found = findings(src, false);
        assert_eq!(
            found,
            [(
                "vector selector must contain at least one non-empty matcher".to_string(),
                src.to_string()
            )],
            "{src}"
        );
    }
    assert_error(
        "rate({a=~\".*\"}[5m])",
        "vector selector must contain at least one non-empty matcher",
        "{a=~\".*\"}",
    );
}

#[test]
fn compiles_regexes_anchored_and_points_at_the_value() {
    let found = findings("x{job=~\"a(\"}", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].0.starts_with("invalid regular expression: "),
        "{found:?}"
    );
    assert_eq!(found[0].1, "\"a(\"");
    assert_error(
        "x{job!~\"[z-a]\"}",
        "invalid regular expression: invalid character class range, the start must be <= the end",
        "\"[z-a]\"",
    );
    // Anchoring makes `a|` match the empty string as a whole, not just a prefix.
    assert!(!findings("{job=~\"a|\"}", false).is_empty());
    assert_valid("{job=~\"a|b\"}", false);
    // `.` matches a newline, as with Prometheus' `(?s:...)`.
    assert!(compile_anchored("a.b").unwrap().is_match("a\nb"));
    assert!(!compile_anchored("ab").unwrap().is_match("xab"));
}

#[test]
fn flags_removed_and_experimental_functions() {
    let expr = parse_ok("holt_winters(x[5m], 0.5, 0.5)", false);
    let errors = check_errors(&expr, false);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].kind.to_string(),
        "function \"holt_winters\" was renamed to \"double_exponential_smoothing\" in Prometheus 3.0"
    );

    for (src, at) in [
        ("sort_by_label(x, \"a\")", "sort_by_label"),
        ("limitk(2, x)", "limitk"),
        ("limit_ratio(0.5, x)", "limit_ratio"),
        ("mad_over_time(x[5m])", "mad_over_time"),
    ] {
        let expr = parse_ok(src, false);
        let diagnostics = check(&expr, false);
        assert_eq!(diagnostics.len(), 1, "{src}: {diagnostics:?}");
        assert_eq!(diagnostics[0].severity, Severity::Warning);
        assert_eq!(diagnostics[0].code, crate::codes::Code::PromqlExperimental);
        let span = diagnostics[0].primary_span().unwrap();
        assert_eq!(&src[span.start as usize..span.end as usize], at);
    }
}

#[test]
fn info_takes_label_matchers_only() {
    let found = findings("info(x, {k8s_cluster_name=~\".*\"})", false);
    assert_eq!(
        found,
        [(
            "function \"info\" is experimental".to_string(),
            "info".to_string()
        )]
    );
    assert!(
        findings("info(x, target_info)", false)
            .iter()
            .any(|(m, a)| m.contains("got a metric name") && a == "target_info")
    );
    assert!(
        findings("info(x, sum(y))", false)
            .iter()
            .any(|(m, a)| m.contains("got an expression") && a == "sum(y)")
    );
}

#[test]
fn grafana_variables_are_scalars_and_uncompiled_regexes() {
    for src in [
        "rate(x{job=~\"$job\"}[$__rate_interval])",
        "topk($n, x)",
        "x > $threshold",
        "histogram_quantile($q, sum by (le) (rate(x[$__interval])))",
        "x{job=~\"${job:regex}(\"}",
        "{job=~\"$job\"}",
        "{instance=~\"[[instance]]\"}",
        "sum by ($label) (x)",
        "x offset $offset",
        "max_over_time(x[$__range:$__interval])",
    ] {
        assert_valid(src, true);
    }
    // A `$` that is an anchor is still a regex, compiled and checked.
    assert!(!findings("x{a=~\"(b$\"}", true).is_empty());
    assert_valid("x{a=~\"b$\"}", false);
}

#[test]
fn value_types() {
    for (src, expected) in [
        ("1", ValueType::Scalar),
        ("\"a\"", ValueType::String),
        ("x", ValueType::Vector),
        ("x[5m]", ValueType::Matrix),
        ("x[5m:]", ValueType::Matrix),
        ("rate(x[5m])", ValueType::Vector),
        ("1 + 2", ValueType::Scalar),
        ("1 + x", ValueType::Vector),
        ("(x)", ValueType::Vector),
        ("-(1)", ValueType::Scalar),
        ("time()", ValueType::Scalar),
        ("scalar(x)", ValueType::Scalar),
        ("sum(x)", ValueType::Vector),
    ] {
        assert_eq!(value_type(&parse_ok(src, false)), expected, "{src}");
    }
    assert_eq!(value_type(&parse_ok("$n", true)), ValueType::Scalar);
}

#[test]
fn checks_every_error_in_one_pass() {
    let found = findings("sum(x[5m]) + rate(y)", false);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, "x[5m]");
    assert_eq!(found[1].1, "y");
}

#[test]
fn spans_carry_the_file_and_offset() {
    let options = ParseOptions {
        file: FileId(3),
        offset: 100,
        grafana: false,
    };
    let expr = parse("rate(x)", &options).unwrap();
    let diagnostics = check(&expr, false);
    assert_eq!(diagnostics.len(), 1);
    let span = diagnostics[0].primary_span().unwrap();
    assert_eq!((span.file, span.start, span.end), (FileId(3), 105, 106));
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("add a range to the selector, such as `[5m]`")
    );
}

#[test]
fn regexes_follow_go_syntax() {
    // Valid in Go (Prometheus), though the regex crate reads them differently.
    for src in [
        r#"x{a=~"a{,3}"}"#,
        r#"x{a=~"\\Qa.b\\E"}"#,
        r#"x{a=~"[[]"}"#,
        r#"x{a=~"[a&&b]"}"#,
    ] {
        assert_valid(src, false);
    }
    // Rejected by Go, accepted by the regex crate.
    assert_error(
        r#"x{a=~"a**"}"#,
        "invalid regular expression: invalid nested repetition operator: `**`",
        r#""a**""#,
    );
    assert_error(
        r#"x{a=~"a{1001}"}"#,
        "invalid regular expression: invalid repeat count: `{1001}`",
        r#""a{1001}""#,
    );
    // `{,3}` is literal text in Go: it matches itself, not up to three `a`s.
    let re = compile_anchored("a{,3}").unwrap();
    assert!(re.is_match("a{,3}"));
    assert!(!re.is_match("aa"));
}

#[test]
fn label_replace_regex_is_compiled_like_prometheus_does_at_evaluation() {
    assert_error(
        r#"label_replace(x, "dst", "$1", "src", "a(")"#,
        "invalid regular expression: unclosed group",
        r#""a(""#,
    );
    assert_valid(
        r#"label_replace(x, "dst", "$1", "src", "(.*):\\d+")"#,
        false,
    );
    assert_valid(r#"label_replace(x, "dst", "$1", "src", "${re}(")"#, true);
}

/// A Grafana variable in a query checked as a rule is one fault with one code, whether
/// the resolver or the checker finds it.
#[test]
fn grafana_variable_outside_grafana_mode_has_the_rule_code() {
    let expr = parse_ok("rate(x[$__rate_interval])", true);
    let diagnostics = check(&expr, false);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].code,
        crate::codes::Code::GrafanaVariableInRule
    );
    assert_eq!(diagnostics[0].code.name(), "dac/grafana-variable-in-rule");
}
