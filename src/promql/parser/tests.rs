use super::*;
use crate::promql::print;

fn opts() -> ParseOptions {
    ParseOptions::new(FileId(0))
}

fn round(src: &str) -> String {
    match parse(src, &opts()) {
        Ok(e) => print(&e),
        Err(d) => panic!("{src}: {:?}", d),
    }
}

#[test]
fn common_subset_prints_canonically() {
    assert_eq!(
        round("sum(rate(x[5m])) by (job)"),
        "sum by (job) (rate(x[5m]))"
    );
    assert_eq!(round("foo{a=\"b\",c=~'d'}"), "foo{a=\"b\", c=~\"d\"}");
    assert_eq!(round("1 + 2 * 3"), "1 + 2 * 3");
    assert_eq!(round("-1^2"), "-1 ^ 2");
    assert_eq!(round("a offset 5m @ 10"), "a @ 10 offset 5m");
    assert_eq!(round("rate(x[90s])"), "rate(x[1m30s])");
}

fn error(src: &str) -> (String, usize, usize) {
    match parse_to_errors(src, &opts()) {
        Ok(e) => panic!("{src}: parsed as {}", print(&e)),
        Err(errors) => {
            let e = &errors[0];
            (e.to_string(), e.span.start as usize, e.span.end as usize)
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "(".repeat(100_000) + "1" + &")".repeat(100_000);
    assert!(error(&deep).0.contains("nested too deeply"));
    let ok = "(".repeat(MAX_DEPTH - 1) + "1" + &")".repeat(MAX_DEPTH - 1);
    assert!(parse(&ok, &opts()).is_ok());
    let calls = "abs(".repeat(MAX_DEPTH - 1) + "x" + &")".repeat(MAX_DEPTH - 1);
    assert!(parse(&calls, &opts()).is_ok());
    let minus = "-".repeat(10_000) + "1";
    assert!(error(&minus).0.contains("nested too deeply"));
    let chain = vec!["1"; 100_000].join(" + ");
    assert!(error(&chain).0.contains("query too long"));
    let chain = vec!["1"; 5_000].join(" + ");
    assert!(error(&chain).0.contains("too many binary operators"));
    let pow = vec!["1"; 1_000].join(" ^ ");
    assert!(error(&pow).0.contains("nested too deeply"));
}

#[test]
fn a_flat_chain_is_no_nesting() {
    // Prometheus accepts it; the climber builds it in a loop.
    let chain = vec!["up"; 1_000].join(" + ");
    let expr = parse(&chain, &opts()).expect("a 1,000-term chain parses");
    assert_eq!(print(&expr), chain);
    let tallest = vec!["1"; MAX_HEIGHT].join(" - ");
    assert!(parse(&tallest, &opts()).is_ok());
    let over = vec!["1"; MAX_HEIGHT + 1].join(" - ");
    assert_eq!(
        error(&over).0,
        format!("too many binary operators in a row (limit {MAX_HEIGHT})")
    );
    // Nesting inside the chain still counts as nesting.
    let nested = "(".repeat(MAX_DEPTH + 1) + &chain + &")".repeat(MAX_DEPTH + 1);
    assert!(error(&nested).0.contains("nested too deeply"));
}

#[test]
fn durations_are_what_promtool_reads() {
    assert_eq!(
        error("rate(x[0.0001])"),
        (
            "duration \"0.0001\" is not a whole number of milliseconds".into(),
            7,
            13
        )
    );
    assert!(
        error("x[0.0015]")
            .0
            .contains("not a whole number of milliseconds")
    );
    assert!(error("x[5m:0.0005]").0.contains("not a whole number"));
    assert_eq!(error("x[0]").0, "duration must be greater than 0");
    assert_eq!(error("x offset 0").0, "duration must be greater than 0");
    assert_eq!(
        error("x > 5m"),
        (
            "unexpected duration \"5m\" where a number is required".into(),
            4,
            6
        )
    );
    assert!(
        error("topk(1h, x)")
            .0
            .contains("unexpected duration \"1h\"")
    );
    assert!(error("x @ 1m").0.contains("unexpected duration \"1m\""));
    let ok = |src: &str| print(&parse(src, &opts()).unwrap());
    assert_eq!(ok("x[0.007]"), "x[7ms]");
    assert_eq!(ok("x[300]"), "x[5m]");
    assert_eq!(ok("x[292y]"), "x[292y]");
    assert!(error("x[293y]").0.contains("out of range"));
}

#[test]
fn errors_point_at_the_fault() {
    assert_eq!(error("sum(x"), ("unclosed left parenthesis".into(), 3, 4));
    assert_eq!(error("x}"), ("unexpected character: '}'".into(), 1, 2));
    assert_eq!(error("rates(x[5m])").0, "unknown function \"rates\"");
    assert_eq!(error("x[5m"), ("unclosed left bracket".into(), 1, 2));
    assert_eq!(
        error("x offset"),
        (
            "unexpected end of input in offset, expected number or duration".into(),
            8,
            8
        )
    );
    assert_eq!(
        error("x[$__rate_interval]"),
        (
            "unexpected Grafana variable \"$__rate_interval\"".into(),
            2,
            18
        )
    );
}

/// The text a span covers in `file`, where the query starts at byte `offset`.
fn text(file: &str, span: crate::diagnostic::Span) -> &str {
    &file[span.start as usize..span.end as usize]
}

#[test]
fn spans_cover_exactly_their_node_in_the_enclosing_file() {
    use crate::promql::ast::{Duration, ExprKind};
    let file = "expr = `sum by (job) (\n  rate(x{a=\"b\"}[5m] offset 1h)  # c\n) > 0.5`";
    let start = file.find('`').unwrap() + 1;
    let end = file.rfind('`').unwrap();
    let opts = ParseOptions {
        file: FileId(7),
        offset: start,
        grafana: false,
    };
    let tree = parse(&file[start..end], &opts).unwrap();
    assert_eq!(tree.span.file, FileId(7));
    assert_eq!(text(file, tree.span), &file[start..end]);
    let ExprKind::Binary(b) = &tree.kind else {
        panic!()
    };
    assert_eq!(text(file, b.op_span), ">");
    assert_eq!(text(file, b.rhs.span), "0.5");
    let ExprKind::Aggregate(a) = &b.lhs.kind else {
        panic!()
    };
    assert_eq!(
        text(file, b.lhs.span),
        "sum by (job) (\n  rate(x{a=\"b\"}[5m] offset 1h)  # c\n)"
    );
    assert_eq!(text(file, a.op_span), "sum");
    let grouping = a.grouping.as_ref().unwrap();
    assert_eq!(text(file, grouping.span), "by (job)");
    assert_eq!(text(file, grouping.labels[0].span), "job");
    let ExprKind::Call { func, args } = &a.expr.kind else {
        panic!()
    };
    assert_eq!(text(file, a.expr.span), "rate(x{a=\"b\"}[5m] offset 1h)");
    assert_eq!(text(file, func.span), "rate");
    let ExprKind::Matrix {
        selector,
        range,
        range_span,
        modifiers,
    } = &args[0].kind
    else {
        panic!()
    };
    assert_eq!(text(file, args[0].span), "x{a=\"b\"}[5m] offset 1h");
    assert_eq!(text(file, *range_span), "[5m]");
    let Duration::Literal { span, millis } = range else {
        panic!()
    };
    assert_eq!((text(file, *span), *millis), ("5m", 300_000));
    assert_eq!(
        text(file, modifiers.offset.as_ref().unwrap().span),
        "offset 1h"
    );
    assert_eq!(text(file, selector.name.as_ref().unwrap().span), "x");
    let m = &selector.matchers[0];
    assert_eq!(text(file, m.span), "a=\"b\"");
    assert_eq!(text(file, m.label.span), "a");
    assert_eq!(text(file, m.value_span), "\"b\"");
}

#[test]
fn error_spans_are_in_the_enclosing_file() {
    let file = "q: 'rate(x[5m]'";
    let opts = ParseOptions {
        file: FileId(2),
        offset: 4,
        grafana: false,
    };
    let errors = parse_to_errors(&file[4..14], &opts).unwrap_err();
    assert_eq!(errors[0].span.file, FileId(2));
    assert_eq!(text(file, errors[0].span), "(");
    assert_eq!(errors[0].span.start, 8);
}

#[test]
fn likely_intents_get_help() {
    let help = |src: &str| {
        parse(src, &opts()).unwrap_err()[0]
            .help
            .clone()
            .unwrap_or_default()
    };
    assert!(help("foo = 1").contains("`==`"));
    assert!(help("rate(x[5m]) by (job)").contains("aggregation"));
    assert!(help("a * group_left b").contains("on (...)"));
    assert!(help("foo bar").contains("operator"));
    assert!(help("sum(x) 1").contains("operator"));
}

#[test]
fn a_lone_grafana_variable_is_a_value_or_a_metric_by_where_it_stands() {
    use crate::promql::ast::ExprKind;
    let grafana = ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana: true,
    };
    let is_metric = |e: &crate::promql::ast::Expr| match &e.kind {
        ExprKind::Vector(s) => s.name.is_some(),
        ExprKind::Paren(inner) => matches!(inner.kind, ExprKind::Vector(_)),
        _ => false,
    };
    let is_value = |e: &crate::promql::ast::Expr| matches!(e.kind, ExprKind::Variable(_));
    let tree = |src: &str| parse(src, &grafana).unwrap();
    // Alone, it could be either; the checker treats it as a value.
    assert!(is_value(&tree("$metric")));
    let ExprKind::Aggregate(a) = tree("sum(${metric:raw})").kind else {
        panic!()
    };
    assert!(is_metric(&a.expr));
    let ExprKind::Aggregate(a) = tree("topk($n, ($metric))").kind else {
        panic!()
    };
    assert!(is_value(a.param.as_ref().unwrap()));
    assert!(is_metric(&a.expr));
    let ExprKind::Binary(b) = tree("x > $threshold").kind else {
        panic!()
    };
    assert!(is_value(&b.rhs));
    let ExprKind::Call { args, .. } = tree("histogram_quantile($q, $buckets)").kind else {
        panic!()
    };
    assert!(is_value(&args[0]));
    assert!(is_metric(&args[1]));
    let ExprKind::Call { args, .. } = tree("round($m, $to)").kind else {
        panic!()
    };
    assert!(is_metric(&args[0]));
    assert!(is_value(&args[1]));
    assert_eq!(print(&tree("sum(${m}) / $d")), "sum(${m}) / $d");
}
