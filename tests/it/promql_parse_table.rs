//! The parser's test table, restated from Prometheus' own `promql/parser/parse_test.go`
//! and `lex_test.go` (plus dac's Grafana mode): valid inputs with their canonical print,
//! invalid inputs with the message and the `1:COL` the error must point at.
//!
//! Where dac points somewhere better than Prometheus (an unclosed parenthesis at the
//! parenthesis, not at the end of input; an `offset` error at the `offset`), the column
//! here is dac's, and the case says so.

use dac::diagnostic::FileId;
use dac::promql::parser::parse_to_errors;
use dac::promql::{ParseOptions, parse, print};

/// Input, canonical print.
const VALID: &[(&str, &str)] = &[
    // Numbers (lex_test.go "numbers", parse_test.go "Scalars and scalar-to-scalar operations").
    ("1", "1"),
    ("+Inf", "+Inf"),
    ("-Inf", "-Inf"),
    ("Inf", "Inf"),
    ("inf", "inf"),
    ("NaN", "NaN"),
    ("nAN", "nAN"),
    (".5", ".5"),
    ("5.", "5."),
    ("123.4567", "123.4567"),
    ("5e-3", "5e-3"),
    ("5e3", "5e3"),
    ("5E3", "5E3"),
    ("0x123", "0x123"),
    ("0xc", "0xc"),
    ("0755", "0755"),
    ("1_000", "1_000"),
    ("+5.5e-3", "+5.5e-3"),
    ("-0755", "-0755"),
    ("1 + 1", "1 + 1"),
    ("1 - 1", "1 - 1"),
    ("1 * 1", "1 * 1"),
    ("1 % 1", "1 % 1"),
    ("1 / 1", "1 / 1"),
    ("1 ^ 1", "1 ^ 1"),
    ("1 atan2 1", "1 atan2 1"),
    ("1 == bool 1", "1 == bool 1"),
    ("1 != bool 1", "1 != bool 1"),
    ("1 > bool 1", "1 > bool 1"),
    ("1 >= bool 1", "1 >= bool 1"),
    ("1 < bool 1", "1 < bool 1"),
    ("1 <= bool 1", "1 <= bool 1"),
    ("-1^2", "-1 ^ 2"),
    ("-1*2", "-1 * 2"),
    ("-1+2", "-1 + 2"),
    ("-1^-2", "-1 ^ -2"),
    ("+1 + -2 * 1", "+1 + -2 * 1"),
    ("1 + 2/(3*1)", "1 + 2 / (3 * 1)"),
    ("1 < bool 2 - 1 * 2", "1 < bool 2 - 1 * 2"),
    ("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
    ("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2"),
    ("1 - - 1", "1 - -1"),
    ("--1", "--1"),
    ("-some_metric", "-some_metric"),
    ("+some_metric", "+some_metric"),
    (" +some_metric", "+some_metric"),
    ("-(1 + 2)", "-(1 + 2)"),
    // Numbers as durations, in seconds (Prometheus 3), printed as durations.
    ("foo offset 60", "foo offset 1m"),
    ("foo[300]", "foo[5m]"),
    ("foo[1.5]", "foo[1s500ms]"),
    ("foo[5m:30]", "foo[5m:30s]"),
    // Vector binary operations.
    ("foo * bar", "foo * bar"),
    ("foo * sum", "foo * sum"),
    ("foo == 1", "foo == 1"),
    ("foo == bool 1", "foo == bool 1"),
    ("2.5 / bar", "2.5 / bar"),
    ("foo and bar", "foo and bar"),
    ("foo or bar", "foo or bar"),
    ("foo unless bar", "foo unless bar"),
    ("foo AND bar", "foo and bar"),
    ("foo atan2 bar", "foo atan2 bar"),
    ("foo + bar or bla and blub", "foo + bar or bla and blub"),
    (
        "foo and bar unless baz or qux",
        "foo and bar unless baz or qux",
    ),
    (
        "bar + on(foo) bla / on(baz, buz) group_right(test) blub",
        "bar + on (foo) bla / on (baz, buz) group_right (test) blub",
    ),
    ("foo * on(test,blub) bar", "foo * on (test, blub) bar"),
    (
        "foo * on(test,blub) group_left bar",
        "foo * on (test, blub) group_left () bar",
    ),
    ("foo and on(test,blub) bar", "foo and on (test, blub) bar"),
    ("foo and on() bar", "foo and on () bar"),
    (
        "foo and ignoring(test,blub) bar",
        "foo and ignoring (test, blub) bar",
    ),
    ("foo and ignoring() bar", "foo and ignoring () bar"),
    ("foo unless on(bar) baz", "foo unless on (bar) baz"),
    (
        "foo / on(test,blub) group_left(bar) bar",
        "foo / on (test, blub) group_left (bar) bar",
    ),
    (
        "foo / ignoring(test,blub) group_left(blub) bar",
        "foo / ignoring (test, blub) group_left (blub) bar",
    ),
    (
        "foo / ignoring(test,blub) group_left(bar) bar",
        "foo / ignoring (test, blub) group_left (bar) bar",
    ),
    (
        "foo - on(test,blub) group_right(bar,foo) bar",
        "foo - on (test, blub) group_right (bar, foo) bar",
    ),
    (
        "foo - ignoring(test,blub) group_right(bar,foo) bar",
        "foo - ignoring (test, blub) group_right (bar, foo) bar",
    ),
    ("foo > bool on(a) bar", "foo > bool on (a) bar"),
    (
        "foo == bool ignoring(a) group_left(b) bar",
        "foo == bool ignoring (a) group_left (b) bar",
    ),
    ("foo + on(a,) bar", "foo + on (a) bar"),
    ("foo * on(\"a.b\") bar", "foo * on (\"a.b\") bar"),
    ("a + on(bool, on, by) b", "a + on (bool, on, by) b"),
    // Vector selectors.
    ("foo", "foo"),
    ("min", "min"),
    ("sum", "sum"),
    ("by", "by"),
    ("offset", "offset"),
    ("start", "start"),
    ("end", "end"),
    ("and", "and"),
    ("foo offset 5m", "foo offset 5m"),
    ("foo offset -7m", "foo offset -7m"),
    ("foo OFFSET 1h30m", "foo offset 1h30m"),
    ("foo OFFSET 1m30ms", "foo offset 1m30ms"),
    ("foo @ 1603774568", "foo @ 1603774568"),
    ("foo @ -100", "foo @ -100"),
    ("foo @ .3", "foo @ .3"),
    ("foo @ 3.", "foo @ 3."),
    ("foo @ 3.33", "foo @ 3.33"),
    ("foo @ 3e2", "foo @ 3e2"),
    ("foo @ 3e-1", "foo @ 3e-1"),
    ("foo @ 0xA", "foo @ 0xA"),
    ("foo @ -3.3e1", "foo @ -3.3e1"),
    ("foo @ + 5", "foo @ +5"),
    ("foo @ start()", "foo @ start()"),
    ("foo @ end()", "foo @ end()"),
    ("foo @ START ( )", "foo @ start()"),
    ("foo offset 5m @ 10", "foo @ 10 offset 5m"),
    ("foo @ 10 offset 5m", "foo @ 10 offset 5m"),
    ("foo:bar{a=\"bc\"}", "foo:bar{a=\"bc\"}"),
    ("foo::", "foo::"),
    (":foo", ":foo"),
    ("foo{NaN='bc'}", "foo{NaN=\"bc\"}"),
    ("foo{bar='}'}", "foo{bar=\"}\"}"),
    (
        "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\"}",
        "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\"}",
    ),
    (
        "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\",}",
        "foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\"}",
    ),
    (
        "foo{on=\"x\", by=\"y\", bool=\"z\"}",
        "foo{on=\"x\", by=\"y\", bool=\"z\"}",
    ),
    ("min{a=\"b\"}", "min{a=\"b\"}"),
    ("{__name__=\"foo\"}", "{__name__=\"foo\"}"),
    ("{__name__=~\"a.*\"}", "{__name__=~\"a.*\"}"),
    ("{\"foo\"}", "foo"),
    ("{\"foo\", a=\"b\"}", "foo{a=\"b\"}"),
    ("{a=\"b\", \"foo\"}", "foo{a=\"b\"}"),
    ("{\"my.metric\"}", "{\"my.metric\"}"),
    (
        "{\"my.metric\", \"a.b\"=\"x\"}",
        "{\"my.metric\", \"a.b\"=\"x\"}",
    ),
    ("foo{\"a\"=\"b\"}", "foo{a=\"b\"}"),
    ("{\"bool\"}", "{\"bool\"}"),
    ("{\"on\"}[5m]", "{\"on\"}[5m]"),
    ("foo{a=`b\\n`}", "foo{a=\"b\\\\n\"}"),
    ("foo{a=\"日本\"}", "foo{a=\"日本\"}"),
    ("start{end=\"foo\"}", "start{end=\"foo\"}"),
    ("end{start=\"foo\"}", "end{start=\"foo\"}"),
    ("foo unless on(start) bar", "foo unless on (start) bar"),
    ("foo unless on(end) bar", "foo unless on (end) bar"),
    ("test[5y] @ start()", "test[5y] @ start()"),
    ("foo[10m:6s] @ start()", "foo[10m:6s] @ start()"),
    (
        "some_metric[10m:5s] offset 1m @ 123",
        "some_metric[10m:5s] @ 123 offset 1m",
    ),
    ("a + sum", "a + sum"),
    ("foo{__name__=\"bar\"}", "foo{__name__=\"bar\"}"),
    // Quoted names that look like Grafana variables stay quoted (fuzzing regression).
    ("{\"$_\"}", "{\"$_\"}"),
    ("foo{\"$l\"=\"v\"}", "foo{\"$l\"=\"v\"}"),
    ("sum by (\"$l\") (x)", "sum by (\"$l\") (x)"),
    ("{\"[[x]]\"}", "{\"[[x]]\"}"),
    // lex_test.go.
    ("NaN123", "NaN123"),
    ("iNf", "iNf"),
    ("Infoo", "Infoo"),
    ("-Infoo", "-Infoo"),
    ("a:bc", "a:bc"),
    ("{NaN\t!= \"bar\" }", "{NaN!=\"bar\"}"),
    ("{alert=~\"bar\" }", "{alert=~\"bar\"}"),
    ("{on!~\"bar\"}", "{on!~\"bar\"}"),
    ("{foo=\"bar\\\"bar\"}", "{foo=\"bar\\\"bar\"}"),
    (
        "test:name{on!~\"b:ar\"}[4m:]",
        "test:name{on!~\"b:ar\"}[4m:]",
    ),
    (
        "test:name{on!~\"b:ar\"}[4m:4s] offset 10m",
        "test:name{on!~\"b:ar\"}[4m:4s] offset 10m",
    ),
    ("\"test\\tsequence\"", "\"test\\tsequence\""),
    ("\"test\\\\.expression\"", "\"test\\\\.expression\""),
    ("`test\\.expression`", "\"test\\\\.expression\""),
    ("x[  5m ]", "x[5m]"),
    ("\r\n1\r", "1"),
    // Matrix selectors.
    ("test[5s]", "test[5s]"),
    ("test[5m]", "test[5m]"),
    ("test[5m30s]", "test[5m30s]"),
    ("test[5h] OFFSET 5m", "test[5h] offset 5m"),
    ("test[5d] OFFSET 10s", "test[5d] offset 10s"),
    ("test[5w] offset 2w", "test[5w] offset 2w"),
    ("test{a=\"b\"}[5y] OFFSET 3d", "test{a=\"b\"}[5y] offset 3d"),
    (
        "test{a=\"b\"}[5m] OFFSET 3600",
        "test{a=\"b\"}[5m] offset 1h",
    ),
    ("foo[3ms] @ 2.345", "foo[3ms] @ 2.345"),
    ("foo[4s180ms] @ 2.345", "foo[4s180ms] @ 2.345"),
    ("foo[4.18] @ 2.345", "foo[4s180ms] @ 2.345"),
    ("foo[4s18ms] @ 2.345", "foo[4s18ms] @ 2.345"),
    ("foo[4.018] @ 2.345", "foo[4s18ms] @ 2.345"),
    ("test[5m] @ start()", "test[5m] @ start()"),
    ("test[5m] @ end()", "test[5m] @ end()"),
    ("foo[5m] offset 1m @ 1", "foo[5m] @ 1 offset 1m"),
    ("foo[ 5m ]", "foo[5m]"),
    ("foo[60m]", "foo[1h]"),
    ("foo[90s]", "foo[1m30s]"),
    ("foo[1000ms]", "foo[1s]"),
    ("foo[7d]", "foo[1w]"),
    ("foo[365d]", "foo[1y]"),
    ("foo[1y2w3d4h5m6s7ms]", "foo[1y2w3d4h5m6s7ms]"),
    // Aggregations.
    ("sum by (foo)(some_metric)", "sum by (foo) (some_metric)"),
    ("avg by (foo)(some_metric)", "avg by (foo) (some_metric)"),
    ("max by (foo)(some_metric)", "max by (foo) (some_metric)"),
    (
        "sum without (foo) (some_metric)",
        "sum without (foo) (some_metric)",
    ),
    (
        "sum (some_metric) without (foo)",
        "sum without (foo) (some_metric)",
    ),
    ("stddev(some_metric)", "stddev(some_metric)"),
    (
        "stdvar by (foo)(some_metric)",
        "stdvar by (foo) (some_metric)",
    ),
    ("sum by ()(some_metric)", "sum by () (some_metric)"),
    (
        "sum by (foo,bar,)(some_metric)",
        "sum by (foo, bar) (some_metric)",
    ),
    ("sum by (foo,)(some_metric)", "sum by (foo) (some_metric)"),
    ("topk(5, some_metric)", "topk(5, some_metric)"),
    (
        "count_values(\"value\", some_metric)",
        "count_values(\"value\", some_metric)",
    ),
    (
        "sum without(and, by, avg, count, alert, annotations)(some_metric)",
        "sum without (and, by, avg, count, alert, annotations) (some_metric)",
    ),
    ("sum(sum)", "sum(sum)"),
    ("group(foo)", "group(foo)"),
    ("group by (a) (foo)", "group by (a) (foo)"),
    ("quantile(0.9, foo)", "quantile(0.9, foo)"),
    ("bottomk(3, foo) by (x)", "bottomk by (x) (3, foo)"),
    ("limitk(2, foo)", "limitk(2, foo)"),
    ("limit_ratio(0.5, foo)", "limit_ratio(0.5, foo)"),
    ("sum by (\"foo.bar\") (x)", "sum by (\"foo.bar\") (x)"),
    ("SUM(foo)", "sum(foo)"),
    ("Sum BY (a) (foo)", "sum by (a) (foo)"),
    ("sum by (on, offset) (x)", "sum by (on, offset) (x)"),
    ("min(x) by (a)", "min by (a) (x)"),
    ("count(x) without ()", "count without () (x)"),
    ("sum(rate(x[5m])) by (job)", "sum by (job) (rate(x[5m]))"),
    (
        "sum(\n  rate(x[5m])\n) by (job)",
        "sum by (job) (rate(x[5m]))",
    ),
    ("avg(x) + sum(y)", "avg(x) + sum(y)"),
    // Functions.
    ("time()", "time()"),
    (
        "floor(some_metric{foo!=\"bar\"})",
        "floor(some_metric{foo!=\"bar\"})",
    ),
    ("rate(some_metric[5m])", "rate(some_metric[5m])"),
    ("round(some_metric)", "round(some_metric)"),
    ("round(some_metric, 5)", "round(some_metric, 5)"),
    ("absent(nonexistent)", "absent(nonexistent)"),
    ("vector(1)", "vector(1)"),
    ("sort_desc(x)", "sort_desc(x)"),
    (
        "histogram_quantile(0.9, rate(x[5m]))",
        "histogram_quantile(0.9, rate(x[5m]))",
    ),
    (
        "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")",
        "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")",
    ),
    (
        "label_join(x, 'a', ',', 'b', 'c')",
        "label_join(x, \"a\", \",\", \"b\", \"c\")",
    ),
    ("rate ( x [5m] )", "rate(x[5m])"),
    ("abs(-x)", "abs(-x)"),
    // Strings.
    (
        "\"double-quoted string \\\" with escaped quote\"",
        "\"double-quoted string \\\" with escaped quote\"",
    ),
    (
        "'single-quoted string \\' with escaped quote'",
        "\"single-quoted string ' with escaped quote\"",
    ),
    ("`backtick-quoted string`", "\"backtick-quoted string\""),
    (
        "\"\\a\\b\\f\\n\\r\\t\\v\\\\\"",
        "\"\\a\\b\\f\\n\\r\\t\\v\\\\\"",
    ),
    ("'\\u00e9\\U0001F600'", "\"é😀\""),
    ("\"\\101\\x41\"", "\"AA\""),
    ("`\\n`", "\"\\\\n\""),
    ("\"☺\"", "\"☺\""),
    ("''", "\"\""),
    // Subqueries.
    ("foo{bar=\"baz\"}[10m:6s]", "foo{bar=\"baz\"}[10m:6s]"),
    (
        "foo{bar=\"baz\"}[10m5s:1h6ms]",
        "foo{bar=\"baz\"}[10m5s:1h6ms]",
    ),
    ("foo[10m:]", "foo[10m:]"),
    (
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])",
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])",
    ),
    (
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]",
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]",
    ),
    (
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]",
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]",
    ),
    (
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ 1603775091)[4m:3s]",
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ 1603775091)[4m:3s]",
    ),
    (
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ -160377509)[4m:3s]",
        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ -160377509)[4m:3s]",
    ),
    (
        "sum without(and, by, avg, count, alert, annotations)(some_metric) [30m:10s]",
        "sum without (and, by, avg, count, alert, annotations) (some_metric)[30m:10s]",
    ),
    (
        "some_metric OFFSET 1m [10m:5s]",
        "some_metric offset 1m[10m:5s]",
    ),
    ("some_metric @ 123 [10m:5s]", "some_metric @ 123[10m:5s]"),
    (
        "some_metric @ 123 offset 1m [10m:5s]",
        "some_metric @ 123 offset 1m[10m:5s]",
    ),
    (
        "some_metric offset 1m @ 123 [10m:5s]",
        "some_metric @ 123 offset 1m[10m:5s]",
    ),
    (
        "(foo + bar{nm=\"val\"})[5m:]",
        "(foo + bar{nm=\"val\"})[5m:]",
    ),
    (
        "(foo + bar{nm=\"val\"})[5m:] offset 10m",
        "(foo + bar{nm=\"val\"})[5m:] offset 10m",
    ),
    (
        "(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019",
        "(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019",
    ),
    (
        "(foo + bar{nm=\"val\"})[5m:][10m:5s]",
        "(foo + bar{nm=\"val\"})[5m:][10m:5s]",
    ),
    ("foo[5m:1m] offset -5m", "foo[5m:1m] offset -5m"),
    ("foo[5m:1m] @ end()", "foo[5m:1m] @ end()"),
    ("rate(foo[5m])[1h:5m]", "rate(foo[5m])[1h:5m]"),
    ("1[5m:1m]", "1[5m:1m]"),
    // Comments and line breaks anywhere.
    ("foo # comment\n + bar", "foo + bar"),
    ("#comment\nfoo", "foo"),
    ("sum by (a) # why\n (x)", "sum by (a) (x)"),
    ("foo{a=\"b\", # c\n c=\"d\"}", "foo{a=\"b\", c=\"d\"}"),
    ("foo\n[\n5m\n]", "foo[5m]"),
    ("foo\r\n+\tbar", "foo + bar"),
    ("rate(\n  x[5m] # range\n)", "rate(x[5m])"),
    ("foo{a=\"#\"}", "foo{a=\"#\"}"),
    // Parentheses are kept as written.
    ("((foo))", "((foo))"),
    ("(foo)", "(foo)"),
    ("(1 + 2) * 3", "(1 + 2) * 3"),
    ("1 + (2 * 3)", "1 + (2 * 3)"),
    ("(sum(x))", "(sum(x))"),
];

/// Input, message (a part of it), `1:COL` of the primary label.
const INVALID: &[(&str, &str, &str)] = &[
    // Prometheus 3 reads a duration as seconds where a number goes, and a number as
    // seconds where a duration goes; promtool (and Prometheus 2) reject the first, and
    // a duration must be whole milliseconds and more than zero.
    (
        "1m",
        "unexpected duration \"1m\" where a number is required",
        "1:1",
    ),
    (
        "1h30m",
        "unexpected duration \"1h30m\" where a number is required",
        "1:1",
    ),
    ("some_metric[5m] @ 1m", "unexpected duration \"1m\"", "1:19"),
    ("foo offset -0", "duration must be greater than 0", "1:13"),
    ("foo[0]", "duration must be greater than 0", "1:5"),
    ("foo[5m:0]", "duration must be greater than 0", "1:8"),
    (
        "rate(x[0.0001])",
        "duration \"0.0001\" is not a whole number of milliseconds",
        "1:8",
    ),
    ("x[0.0015]", "is not a whole number of milliseconds", "1:3"),
    (
        "x[1s:0.0005]",
        "is not a whole number of milliseconds",
        "1:6",
    ),
    ("", "no expression found in input", "1:1"),
    (
        "# just a comment\n\n",
        "no expression found in input",
        "1:1",
    ),
    ("   ", "no expression found in input", "1:1"),
    ("1+", "unexpected end of input", "1:3"),
    (".", "unexpected character: '.'", "1:1"),
    ("2.5.", "unexpected character: '.'", "1:4"),
    ("100..4", "unexpected number \".4\"", "1:5"),
    ("0deadbeef", "bad number or duration syntax", "1:1"),
    ("1 /", "unexpected end of input", "1:4"),
    ("*1", "unexpected <op:*>", "1:1"),
    ("(1))", "unexpected right parenthesis ')'", "1:4"),
    // dac: at the parenthesis left open, not at the end of input.
    ("((1)", "unclosed left parenthesis", "1:1"),
    ("(", "unclosed left parenthesis", "1:1"),
    ("sum(rate(x[5m])", "unclosed left parenthesis", "1:4"),
    ("1 !~ 1", "unexpected character after '!': '~'", "1:3"),
    ("1 =~ 1", "unexpected character after '=': '~'", "1:3"),
    ("1 ! 1", "unexpected character after '!'", "1:3"),
    ("*test", "unexpected <op:*>", "1:1"),
    // dac: at the modifier, not at the number.
    (
        "1 offset 1d",
        "offset modifier must be preceded by an instant vector selector",
        "1:3",
    ),
    (
        "foo offset 1s offset 2s",
        "offset may not be set multiple times",
        "1:15",
    ),
    ("a - on(b) ignoring(c) d", "unexpected <ignoring>", "1:11"),
    ("-=", "unexpected \"=\"", "1:2"),
    ("++-++-+-+-<", "unexpected <op:<>", "1:11"),
    ("e-+=/(0)", "unexpected \"=\"", "1:4"),
    ("a>b()", "unknown function \"b\"", "1:3"),
    ("foo bar", "unexpected identifier \"bar\"", "1:5"),
    ("foo 1", "unexpected number \"1\"", "1:5"),
    (
        "1 + bool 1",
        "bool modifier can only be used on comparison operators",
        "1:5",
    ),
    (
        "foo and bool bar",
        "bool modifier can only be used on comparison operators",
        "1:9",
    ),
    ("foo == on(a) bool bar", "unexpected <bool>", "1:14"),
    ("foo == bool", "unexpected end of input", "1:12"),
    ("foo +", "unexpected end of input", "1:6"),
    (
        "foo * on",
        "unexpected end of input in grouping opts, expected \"(\"",
        "1:9",
    ),
    ("foo * on(a", "unclosed left parenthesis", "1:9"),
    (
        "foo * on(a b) bar",
        "unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"",
        "1:12",
    ),
    (
        "foo * on(1) bar",
        "unexpected number \"1\" in grouping opts, expected label",
        "1:10",
    ),
    ("foo * group_left(a) bar", "unexpected <group_left>", "1:7"),
    ("on", "unexpected <on>", "1:1"),
    ("bool", "unexpected <bool>", "1:1"),
    ("ignoring", "unexpected <ignoring>", "1:1"),
    ("group_left", "unexpected <group_left>", "1:1"),
    ("atan2", "unexpected <op:atan2>", "1:1"),
    // Selectors (parse_test.go "Test Vector selector").
    ("foo{", "unexpected end of input inside braces", "1:4"),
    ("{", "unexpected end of input inside braces", "1:1"),
    ("}", "unexpected character: '}'", "1:1"),
    ("some}", "unexpected character: '}'", "1:5"),
    (
        "some_metric{a=b}",
        "unexpected identifier \"b\" in label matching, expected string",
        "1:15",
    ),
    (
        "some_metric{a:b=\"b\"}",
        "unexpected character inside braces: ':'",
        "1:14",
    ),
    (
        "foo{a*\"b\"}",
        "unexpected character inside braces: '*'",
        "1:6",
    ),
    (
        "foo{a>=\"b\"}",
        "unexpected character inside braces: '>'",
        "1:6",
    ),
    (
        "foo{gibberish}",
        "unexpected \"}\" in label matching, expected label matching operator",
        "1:14",
    ),
    ("foo{1}", "unexpected character inside braces: '1'", "1:5"),
    (
        "foo{a=\"b\" c=\"d\"}",
        "unexpected identifier \"c\" in label matching, expected \",\" or \"}\"",
        "1:11",
    ),
    (
        "foo{,}",
        "unexpected \",\" in label matching, expected identifier or \"}\"",
        "1:5",
    ),
    (
        "foo{a=\"b\",,}",
        "unexpected \",\" in label matching, expected identifier or \"}\"",
        "1:11",
    ),
    (
        "foo{a!\"b\"}",
        "unexpected character after '!' inside braces: '\"'",
        "1:6",
    ),
    ("foo{a={}", "unexpected left brace '{'", "1:7"),
    ("foo{a=1}", "unexpected character inside braces: '1'", "1:7"),
    (
        "foo{a=}",
        "unexpected \"}\" in label matching, expected string",
        "1:7",
    ),
    (
        "foo{\"bar\"}",
        "metric name must not be set twice: \"foo\" or \"bar\"",
        "1:5",
    ),
    (
        "{\"foo\", \"bar\"}",
        "metric name must not be set twice: \"foo\" or \"bar\"",
        "1:9",
    ),
    ("foo{a=\"b\"}{c=\"d\"}", "unexpected \"{\"", "1:11"),
    (
        "foo{a=\"\\q\"}",
        "unknown escape sequence U+0071 'q'",
        "1:8",
    ),
    ("'a", "unterminated quoted string", "1:1"),
    ("\"a", "unterminated quoted string", "1:1"),
    ("`a", "unterminated raw string", "1:1"),
    ("\"a\nb\"", "unterminated quoted string", "1:1"),
    (
        "\"\\xZZ\"",
        "illegal character U+005A 'Z' in escape sequence",
        "1:2",
    ),
    (
        "\"\\uD800\"",
        "escape sequence is an invalid Unicode code point",
        "1:2",
    ),
    ("\"\\u12\"", "escape sequence not terminated", "1:2"),
    (
        "\"\\400\"",
        "escape sequence is an invalid Unicode code point",
        "1:2",
    ),
    (
        "foo{__name__= =}",
        "unexpected \"=\" in label matching, expected string",
        "1:15",
    ),
    (
        "foo{__name__ == \"bar\"}",
        "unexpected \"=\" in label matching, expected string",
        "1:15",
    ),
    (
        "foo{__name__=\"bar\" lol}",
        "unexpected identifier \"lol\" in label matching, expected \",\" or \"}\"",
        "1:20",
    ),
    ("start()", "unexpected \"(\"", "1:6"),
    ("end()", "unexpected \"(\"", "1:4"),
    ("`\\``", "unterminated raw string", "1:4"),
    ("\"\\", "escape sequence not terminated", "1:2"),
    ("\"\\c\"", "unknown escape sequence U+0063 'c'", "1:2"),
    (
        "\"\\x.\"",
        "illegal character U+002E '.' in escape sequence",
        "1:2",
    ),
    (
        "some_metric[5m] @",
        "unexpected end of input in @, expected timestamp",
        "1:18",
    ),
    ("1e999", "number out of range", "1:1"),
    // lex_test.go.
    ("NaN 123", "unexpected number \"123\"", "1:5"),
    ("abc d", "unexpected identifier \"d\"", "1:5"),
    ("5 # 1+1\n5", "unexpected number \"5\"", "2:1"),
    (
        "\"test\\.expression\"",
        "unknown escape sequence U+002E '.'",
        "1:6",
    ),
    (".٩", "unexpected character: '.'", "1:1"),
    ("0a:bc", "bad number or duration syntax: \"0a\"", "1:1"),
    ("台北", "unexpected character: '台'", "1:1"),
    (
        "{台北='a'}",
        "unexpected character inside braces: '台'",
        "1:2",
    ),
    ("{0a='a'}", "unexpected character inside braces: '0'", "1:2"),
    (
        "{alert!#\"bar\"}",
        "unexpected character after '!' inside braces: '#'",
        "1:7",
    ),
    (
        "{foo:a=\"bar\"}",
        "unexpected character inside braces: ':'",
        "1:5",
    ),
    ("=~", "unexpected character after '=': '~'", "1:1"),
    ("!~", "unexpected character after '!': '~'", "1:1"),
    ("!(", "unexpected character after '!': '('", "1:1"),
    ("1a", "bad number or duration syntax: \"1a\"", "1:1"),
    ("())", "unexpected right parenthesis ')'", "1:3"),
    ("(()", "unclosed left parenthesis", "1:1"),
    ("{{", "unexpected left brace '{'", "1:2"),
    ("{{}}", "unexpected left brace '{'", "1:2"),
    ("[", "unclosed left bracket", "1:1"),
    ("[[", "unexpected left bracket '['", "1:2"),
    ("[]]", "unexpected right bracket ']'", "1:3"),
    ("[[]]", "unexpected left bracket '['", "1:2"),
    ("]", "unexpected right bracket ']'", "1:1"),
    ("()", "unexpected \")\"", "1:2"),
    // Ranges and modifiers.
    ("foo[5mm]", "duration", "1:5"),
    ("foo[5m1]", "duration", "1:5"),
    (
        "foo[5y1hs]",
        "not a valid duration string: \"5y1hs\"",
        "1:5",
    ),
    ("foo[5m1h]", "not a valid duration string: \"5m1h\"", "1:5"),
    ("foo[5m1m]", "not a valid duration string: \"5m1m\"", "1:5"),
    ("foo[1ms1s]", "not a valid duration string", "1:5"),
    ("foo[0m]", "duration must be greater than 0", "1:5"),
    (
        "foo[\"5m\"]",
        "in subquery selector, expected number or duration",
        "1:5",
    ),
    (
        "foo[]",
        "unexpected \"]\" in subquery selector, expected number or duration",
        "1:5",
    ),
    ("foo[5m", "unclosed left bracket", "1:4"),
    ("foo]", "unexpected right bracket ']'", "1:4"),
    ("foo[[5m]]", "unexpected left bracket '['", "1:5"),
    (
        "foo[5m:1m:1m]",
        "unexpected \":\" in subquery selector, expected \"]\"",
        "1:10",
    ),
    (
        "foo[5m 1m]",
        "unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\"",
        "1:8",
    ),
    (
        "foo[5m:1m 1m]",
        "unexpected duration \"1m\" in subquery selector, expected \"]\"",
        "1:11",
    ),
    (
        "foo[5m:x]",
        "in subquery selector, expected number or duration or \"]\"",
        "1:8",
    ),
    (
        "foo[-5m]",
        "unexpected <op:-> in subquery selector, expected number or duration",
        "1:5",
    ),
    ("some_metric[5m] OFFSET 1mm", "duration", "1:24"),
    (
        "some_metric[5m] OFFSET",
        "unexpected end of input in offset, expected number or duration",
        "1:23",
    ),
    (
        "some_metric OFFSET -",
        "unexpected end of input in offset, expected number or duration",
        "1:21",
    ),
    (
        "some_metric OFFSET foo",
        "unexpected identifier \"foo\" in offset, expected number or duration",
        "1:20",
    ),
    (
        "some_metric OFFSET 1m[5m]",
        "no offset modifiers allowed before range",
        "1:22",
    ),
    (
        "some_metric @ 123 [5m]",
        "no @ modifiers allowed before range",
        "1:19",
    ),
    (
        "some_metric @ 123 offset 1m [5m]",
        "no offset modifiers allowed before range",
        "1:29",
    ),
    (
        "(foo + bar)[5m]",
        "ranges only allowed for vector selectors",
        "1:12",
    ),
    (
        "rate(food[1m])[1h] offset 1h",
        "ranges only allowed for vector selectors",
        "1:15",
    ),
    (
        "rate(food[1m])[1h] @ 100",
        "ranges only allowed for vector selectors",
        "1:15",
    ),
    (
        "foo[5m][5m]",
        "ranges only allowed for vector selectors",
        "1:8",
    ),
    ("1[5m]", "ranges only allowed for vector selectors", "1:2"),
    (
        "\"x\"[5m]",
        "ranges only allowed for vector selectors",
        "1:4",
    ),
    (
        "foo @",
        "unexpected end of input in @, expected timestamp",
        "1:6",
    ),
    (
        "foo @ bar",
        "unexpected identifier \"bar\" in @, expected timestamp",
        "1:7",
    ),
    (
        "foo @ Inf",
        "timestamp out of bounds for @ modifier: Inf",
        "1:5",
    ),
    (
        "foo @ -Inf",
        "timestamp out of bounds for @ modifier: -Inf",
        "1:5",
    ),
    (
        "foo @ NaN",
        "timestamp out of bounds for @ modifier: NaN",
        "1:5",
    ),
    (
        "foo @ 1e400",
        "timestamp out of bounds for @ modifier",
        "1:5",
    ),
    (
        "foo @ 1 @ 2",
        "@ <timestamp> may not be set multiple times",
        "1:9",
    ),
    (
        "foo @ start() @ end()",
        "@ <timestamp> may not be set multiple times",
        "1:15",
    ),
    ("foo @ end(", "unclosed left parenthesis", "1:10"),
    ("foo @ start", "unexpected end of input", "1:12"),
    (
        "rate(foo[5m]) @ 1",
        "@ modifier must be preceded by an instant vector selector",
        "1:15",
    ),
    (
        "(foo) offset 5m",
        "offset modifier must be preceded by an instant vector selector",
        "1:7",
    ),
    (
        "sum(foo) offset 5m",
        "offset modifier must be preceded by an instant vector selector",
        "1:10",
    ),
    (
        "foo offset 5m offset 5m[1m:]",
        "offset may not be set multiple times",
        "1:15",
    ),
    // Aggregations.
    (
        "sum without(==)(some_metric)",
        "unexpected <op:==> in grouping opts, expected label",
        "1:13",
    ),
    (
        "sum without(,)(some_metric)",
        "unexpected \",\" in grouping opts, expected label",
        "1:13",
    ),
    (
        "sum without(foo,,)(some_metric)",
        "unexpected \",\" in grouping opts, expected label",
        "1:17",
    ),
    (
        "sum by (a:b) (x)",
        "unexpected identifier \"a:b\" in grouping opts, expected label",
        "1:9",
    ),
    (
        "sum some_metric by (test)",
        "unexpected identifier \"some_metric\"",
        "1:5",
    ),
    (
        "sum (some_metric) by test",
        "unexpected identifier \"test\" in grouping opts, expected \"(\"",
        "1:22",
    ),
    (
        "sum (some_metric) by test)",
        "unexpected right parenthesis ')'",
        "1:26",
    ),
    (
        "sum (some_metric) by ()x",
        "unexpected identifier \"x\"",
        "1:24",
    ),
    (
        "sum () by (test)",
        "no arguments for aggregate expression provided",
        "1:1",
    ),
    (
        "MIN keep_common (some_metric)",
        "unexpected identifier \"keep_common\"",
        "1:5",
    ),
    (
        "MIN (some_metric) keep_common",
        "unexpected identifier \"keep_common\"",
        "1:19",
    ),
    (
        "sum (some_metric) without (test) by (test)",
        "unexpected <by>",
        "1:34",
    ),
    (
        "sum without (test) (some_metric) by (test)",
        "unexpected <by>",
        "1:34",
    ),
    (
        "topk(some_metric)",
        "wrong number of arguments for aggregate expression provided, expected 2, got 1",
        "1:1",
    ),
    (
        "sum(a, b)",
        "wrong number of arguments for aggregate expression provided, expected 1, got 2",
        "1:1",
    ),
    ("quantile(0.5, a, b)", "expected 2, got 3", "1:1"),
    (
        "topk(some_metric,)",
        "trailing commas not allowed in function call args",
        "1:17",
    ),
    ("sum by(job)", "unexpected end of input", "1:12"),
    ("sum(x", "unclosed left parenthesis", "1:4"),
    ("sum(,)", "unexpected \",\"", "1:5"),
    // Functions.
    (
        "non_existent_function_far_bar()",
        "unknown function \"non_existent_function_far_bar\"",
        "1:1",
    ),
    ("rates(x[5m])", "unknown function \"rates\"", "1:1"),
    (
        "rate(x[5m],)",
        "trailing commas not allowed in function call args",
        "1:11",
    ),
    ("rate(x[5m], , y)", "unexpected \",\"", "1:13"),
    ("rate(,)", "unexpected \",\"", "1:6"),
    ("foo:bar()", "unexpected \"(\"", "1:8"),
    ("by(x)", "unexpected \"(\"", "1:3"),
    // Grafana variables outside Grafana mode: at the variable.
    (
        "rate(x[$__rate_interval])",
        "unexpected Grafana variable \"$__rate_interval\"",
        "1:8",
    ),
    (
        "foo{a=\"b\"} offset $off",
        "unexpected Grafana variable \"$off\"",
        "1:19",
    ),
    ("topk($n, x)", "unexpected Grafana variable \"$n\"", "1:6"),
    (
        "sum by (${label}) (x)",
        "unexpected Grafana variable \"${label}\"",
        "1:9",
    ),
    (
        "node_${x}_bytes",
        "unexpected Grafana variable \"${x}\"",
        "1:6",
    ),
    ("$", "unexpected character: '$'", "1:1"),
    // Lexer oddities.
    ("foo \u{1}", "unexpected character: '\\u{1}'", "1:5"),
    ("foo ; bar", "unexpected character: ';'", "1:5"),
    ("a ~ b", "unexpected character: '~'", "1:3"),
    ("日本", "unexpected character: '日'", "1:1"),
    ("foo{a=\"b\"} 日", "unexpected character: '日'", "1:12"),
    ("1e", "bad number or duration syntax: \"1e\"", "1:1"),
    ("0x", "bad number or duration syntax: \"0x\"", "1:1"),
    ("1.5m", "not a valid duration string: \"1.5m\"", "1:1"),
    ("1M", "bad number or duration syntax: \"1M\"", "1:1"),
    ("0s", "duration must be greater than 0", "1:1"),
    ("Inf{a=\"b\"}", "unexpected \"{\"", "1:4"),
];

/// Grafana mode: input, canonical print.
const GRAFANA: &[(&str, &str)] = &[
    (
        "rate(x{job=~\"$job\"}[$__rate_interval])",
        "rate(x{job=~\"$job\"}[$__rate_interval])",
    ),
    ("rate(x[${__interval}])", "rate(x[${__interval}])"),
    ("rate(x[[[interval]]])", "rate(x[[[interval]]])"),
    ("rate(x[ [[interval]] ])", "rate(x[[[interval]]])"),
    ("topk($n, x)", "topk($n, x)"),
    ("topk(${n}, x)", "topk(${n}, x)"),
    ("sum by ($label) (x)", "sum by ($label) (x)"),
    ("sum by (${label}, job) (x)", "sum by (${label}, job) (x)"),
    ("sum(x) without ([[label]])", "sum without ([[label]]) (x)"),
    ("$metric", "$metric"),
    ("${metric}_total{a=\"b\"}", "${metric}_total{a=\"b\"}"),
    ("node_${x}_bytes", "node_${x}_bytes"),
    ("node_$x", "node_$x"),
    ("rate($metric[5m])", "rate($metric[5m])"),
    ("$metric offset 5m", "$metric offset 5m"),
    ("x offset $__range", "x offset $__range"),
    ("x offset -$off", "x offset -$off"),
    ("x[5m:$__interval]", "x[5m:$__interval]"),
    ("x[$__range:]", "x[$__range:]"),
    (
        "max_over_time(x[$__range_s])",
        "max_over_time(x[$__range_s])",
    ),
    (
        "x * on ($l) group_left ($m) y",
        "x * on ($l) group_left ($m) y",
    ),
    ("x{$label=\"a\"}", "x{$label=\"a\"}"),
    ("${var:csv}", "${var:csv}"),
    ("${var:regex}", "${var:regex}"),
    ("x > $threshold", "x > $threshold"),
    (
        "histogram_quantile($q, rate(x_bucket[$__rate_interval]))",
        "histogram_quantile($q, rate(x_bucket[$__rate_interval]))",
    ),
    (
        "sum(rate(x{instance=~\"${instance:pipe}\"}[$__interval_ms]))",
        "sum(rate(x{instance=~\"${instance:pipe}\"}[$__interval_ms]))",
    ),
    ("x / $__range_ms", "x / $__range_ms"),
    ("increase(x[$__range])", "increase(x[$__range])"),
];

fn options(grafana: bool) -> ParseOptions {
    ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana,
    }
}

fn column(src: &str, byte: usize) -> String {
    let before = &src[..byte.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{line}:{col}")
}

fn check_valid(cases: &[(&str, &str)], grafana: bool) -> Vec<String> {
    let mut failures = Vec::new();
    for (input, canonical) in cases {
        match parse(input, &options(grafana)) {
            Err(d) => failures.push(format!("{input:?}: should parse, got {:?}", d[0].message)),
            Ok(tree) => {
                let printed = print(&tree);
                if printed != *canonical {
                    failures.push(format!(
                        "{input:?}: printed {printed:?}, want {canonical:?}"
                    ));
                }
                match parse(&printed, &options(grafana)) {
                    Ok(again)
                        if format!("{:?}", again.without_spans())
                            == format!("{:?}", tree.without_spans()) => {}
                    Ok(_) => failures.push(format!("{input:?}: print does not round-trip")),
                    Err(d) => failures.push(format!(
                        "{input:?}: print {printed:?} fails: {:?}",
                        d[0].message
                    )),
                }
            }
        }
    }
    failures
}

/// Fails with every failing case listed, not only the first.
fn assert_all_valid(cases: &[(&str, &str)], grafana: bool) {
    let failures = check_valid(cases, grafana);
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn valid_cases_print_canonically_and_round_trip() {
    assert_all_valid(VALID, false);
}

#[test]
fn valid_cases_parse_the_same_in_grafana_mode() {
    assert_all_valid(VALID, true);
}

#[test]
fn grafana_cases_keep_their_variables() {
    assert_all_valid(GRAFANA, true);
}

#[test]
fn invalid_cases_report_the_message_at_the_place() {
    let mut failures = Vec::new();
    for (input, message, place) in INVALID {
        match parse_to_errors(input, &options(false)) {
            Ok(tree) => failures.push(format!(
                "{input:?}: should fail, parsed as {:?}",
                print(&tree)
            )),
            Err(errors) => {
                let e = &errors[0];
                let got = e.to_string();
                let at = column(input, e.span.start as usize);
                if !got.contains(message) || (!place.is_empty() && at != *place) {
                    failures.push(format!(
                        "{input:?}: got {got:?} at {at}, want {message:?} at {place}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        INVALID.len(),
        failures.join("\n")
    );
}

/// Prometheus' fuzzing regression (parse_test.go): 20,000 operators in one chain and 1,000
/// nested subqueries. Prometheus reports the empty selector; dac refuses a chain longer
/// than its trees may be tall before looking at selectors, so every later pass can
/// recurse safely.
#[test]
fn a_huge_chain_is_refused_quickly() {
    let input = format!("({}){}", "-{}-1".repeat(10_000), "[1m:]".repeat(1000));
    let start = std::time::Instant::now();
    let errors = parse_to_errors(&input, &options(false))
        .err()
        .unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("too many binary operators")),
        "{errors:?}"
    );
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn the_table_is_big_enough() {
    assert!(VALID.len() + INVALID.len() + GRAFANA.len() >= 250);
}
