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
    let minus = "-".repeat(100_000) + "1";
    assert!(error(&minus).0.contains("nested too deeply"));
    let chain = vec!["1"; 100_000].join(" + ");
    assert!(error(&chain).0.contains("nested too deeply"));
    let pow = vec!["1"; 100_000].join(" ^ ");
    assert!(error(&pow).0.contains("nested too deeply"));
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
