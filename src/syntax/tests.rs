use super::*;
use crate::ast::{AssignOpKind, ValueKind};
use crate::report::human::render_all;
use crate::source::SourceMap;

fn parse_ok(text: &str) -> File {
    let (file, diags) = parse(FileId(0), text);
    assert!(diags.is_empty(), "{diags:?}");
    file.unwrap()
}

fn first_error(text: &str) -> String {
    let mut sources = SourceMap::new();
    let file = sources.add("t.dac", text);
    let (_, diags) = parse(file, text);
    assert!(!diags.is_empty(), "expected an error for {text:?}");
    render_all(&diags[..1], &sources)
}

#[test]
fn parses_the_statement_shape() {
    let f = parse_ok("variable instance = `label_values(up, instance)` { multi = true }\n");
    let s = &f.stmts[0];
    assert_eq!(s.key.text, "variable");
    assert_eq!(s.headers.len(), 1);
    assert_eq!(s.op.map(|o| o.kind), Some(AssignOpKind::Eq));
    let Some(ValueKind::Query(q)) = s.value.as_ref().map(|v| &v.kind) else {
        panic!("not a query: {s:?}");
    };
    assert_eq!(q.text, "label_values(up, instance)");
    // The query's span starts after the backtick.
    assert_eq!(q.text_span.start, 21);
    assert_eq!(s.body.as_ref().unwrap().stmts[0].key.text, "multi");
}

/// Words after a body on its line are headers too: `expect route { ... } to "x"`. A
/// statement on the next line is a statement of its own.
#[test]
fn headers_may_follow_a_body_on_its_line() {
    let f = parse_ok("expect route { severity = \"critical\" } to \"pager\"\nnext {}\n");
    assert_eq!(f.stmts.len(), 2);
    let s = &f.stmts[0];
    let words: Vec<&ValueKind> = s.headers.iter().map(|h| &h.kind).collect();
    assert!(
        matches!(words[0], ValueKind::Name(n) if n == "route"),
        "{words:?}"
    );
    assert!(
        matches!(words[1], ValueKind::Name(n) if n == "to"),
        "{words:?}"
    );
    assert!(matches!(words[2], ValueKind::String { text, .. } if text == "pager"));
    assert_eq!(s.body.as_ref().unwrap().stmts[0].key.text, "severity");
    assert_eq!(f.stmts[1].key.text, "next");
}

#[test]
fn parses_values() {
    let f = parse_ok(
        "a = [green, 80: orange, -1.5: red]\nb = 1h30m\nc = \"x\" + @p\nd = { s =~ \"5..\" }\ne = ``x{a=`b`}``\n",
    );
    let kinds: Vec<&ValueKind> = f
        .stmts
        .iter()
        .map(|s| &s.value.as_ref().unwrap().kind)
        .collect();
    let ValueKind::List(items) = kinds[0] else {
        panic!()
    };
    assert_eq!(items.len(), 3);
    assert!(
        matches!(items[2].key.as_ref().unwrap().kind, ValueKind::Number { value, .. } if value == -1.5)
    );
    assert!(matches!(
        kinds[1],
        ValueKind::Duration {
            millis: 5_400_000,
            ..
        }
    ));
    let ValueKind::Join(parts) = kinds[2] else {
        panic!()
    };
    assert!(matches!(&parts[1].kind, ValueKind::Param(p) if p == "p"));
    let ValueKind::Map(body) = kinds[3] else {
        panic!()
    };
    assert_eq!(body.stmts[0].op.map(|o| o.kind), Some(AssignOpKind::Regex));
    let ValueKind::Query(q) = kinds[4] else {
        panic!()
    };
    assert_eq!(q.text, "x{a=`b`}");
}

#[test]
fn value_may_continue_on_the_next_line() {
    let f = parse_ok("record \"a\" =\n  `sum(x)`\n");
    assert!(f.stmts[0].value.is_some());
}

#[test]
fn raw_strings_are_dedented() {
    let f = parse_ok("content = \"\"\"\n    ## A\n    b\n    \"\"\"\n");
    let ValueKind::String { text, raw } = &f.stmts[0].value.as_ref().unwrap().kind else {
        panic!()
    };
    assert!(raw);
    assert_eq!(text, "## A\nb\n");
}

#[test]
fn comments_are_attached() {
    let f = parse_ok(
        "# leads a\na = 1 # trails a\nb {\n  c = [\n    1, # inner\n  ]\n  # dangles in b\n}\n# end\n",
    );
    let a = &f.stmts[0];
    assert_eq!(a.comments.leading[0].text, " leads a");
    assert_eq!(a.comments.trailing.as_ref().unwrap().text, " trails a");
    // The span of `a = 1` does not include its comment.
    assert_eq!(a.span.end, 15);
    let b = &f.stmts[1];
    let body = b.body.as_ref().unwrap();
    assert_eq!(body.stmts[0].comments.inner[0].text, " inner");
    assert_eq!(body.dangling[0].text, " dangles in b");
    assert_eq!(f.dangling[0].text, " end");
}

#[test]
fn syntax_errors_are_worded() {
    let cases = [
        (
            "a = \n",
            "expected a value after `=`, found end of file",
            "1:4",
        ),
        (
            "a = 1 b = 2\n",
            "expected a line break or `;`, found `b`",
            "1:7",
        ),
        ("a {\n b = 1\n", "unclosed `{`", "1:3"),
        ("a = \"x\n", "unterminated string", "1:5"),
        ("a = `sum(x)\nb = 1", "unterminated PromQL query", "1:5"),
        ("a = 1h1h\n", "invalid duration `1h1h`", "1:5"),
        ("a = \"\\q\"\n", "unknown escape `\\q` in a string", "1:6"),
        ("a = ` `\n", "empty PromQL query", "1:5"),
        (
            "template x(a b) {}\n",
            "expected `)` or `,`, found `b`",
            "1:14",
        ),
        ("a = [1 2]\n", "expected `,` or `]`, found `2`", "1:8"),
        ("a = {b = 1}}\n", "unexpected `}`", "1:12"),
        ("a x\" {\n}\n", "unterminated string", "1:4"),
        (
            "x {\n  a = `up` >\n}\n",
            "expected a value after `>`",
            "2:13",
        ),
        (
            "a = [1,, 2]\n",
            "expected `]` or a list item, found `,`",
            "1:8",
        ),
        ("a = \"x\" +\n", "expected a value after `+`", "1:10"),
        ("a = 1.\n", "expected a line break or `;`, found `.`", "1:6"),
    ];
    for (text, message, at) in cases {
        let out = first_error(text);
        assert!(out.contains(message), "{text:?}: {out}");
        assert!(out.contains(&format!("t.dac:{at}")), "{text:?}: {out}");
    }
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "\u{FEFF}",
        "`",
        "\"\"\"",
        "@",
        "a(",
        "{",
        "}",
        "a = ``` ``",
        "a = ````",
        "a = ``` `` ` ````",
        "a {\n  q `x\n",
        "a {\n\t\tb {\n  }\n",
        "\n  \n}\n",
        "a = 15 min",
        "a = 1.5 ms",
        "x at 99999999999999999999 years {}",
        "é = 1",
        "a = 1e999",
    ] {
        let _ = parse(FileId(0), text);
    }
}

#[test]
fn queries_fenced_with_two_backticks() {
    let f = parse_ok("a = ``x{a=`b`}``\nb = `y`\n");
    let texts: Vec<String> = f
        .stmts
        .iter()
        .map(|s| match &s.value.as_ref().unwrap().kind {
            ValueKind::Query(q) => q.text.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(texts, ["x{a=`b`}", "y"]);
}

#[test]
fn a_fence_is_closed_by_the_next_run_of_its_length() {
    let cases = [
        ("a = ```x{a!~``}```\n", "x{a!~``}"),
        ("a = ``x{a=`b`}``\n", "x{a=`b`}"),
        ("a = ```x{a=````}```\n", "x{a=````}"),
        ("a = `` `x` ``\n", " `x` "),
        ("a = ```\n  sum(x)\n```\n", "\n  sum(x)\n"),
    ];
    for (text, query) in cases {
        let f = parse_ok(text);
        let Some(ValueKind::Query(q)) = f.stmts[0].value.as_ref().map(|v| &v.kind) else {
            panic!("not a query: {text:?}");
        };
        assert_eq!(q.text, query, "{text:?}");
        // The text starts right after the opening run, so PromQL offsets stay exact.
        let fence = text[4..].bytes().take_while(|&b| b == b'`').count();
        assert_eq!(q.text_span.start as usize, 4 + fence, "{text:?}");
    }
}

#[test]
fn fence_and_layout_errors_are_where_the_fix_goes() {
    let cases = [
        ("a = ```x{a!~``}``\n", "unterminated PromQL query", "1:5"),
        ("a {\n  q = `x\n}\n", "unterminated PromQL query", "2:7"),
        // Brackets balance and the parse fails after the query that swallowed the next
        // one's opening backtick: that query is the error.
        (
            "a {\n  q = `sum(x)\n}\nb {\n  q = `up{a=\"b\"}\n}\n",
            "unterminated PromQL query",
            "2:7",
        ),
        (
            "a {\n  b {\n    c = 1\n  d = 2\n}\n",
            "probably the one not closed",
            "2:5",
        ),
        // A backslash does not carry a string over its line break.
        (
            "a {\n  b = \"x\\\n  c = \"y\"\n}\n",
            "unterminated string",
            "2:7",
        ),
        (
            "a = 15 min\n",
            "a duration is written `15m`, not `15 min`",
            "1:5",
        ),
        (
            "a = [1 m, 5 m]\n",
            "a duration is written `1m`, not `1 m`",
            "1:6",
        ),
    ];
    for (text, message, at) in cases {
        let out = first_error(text);
        assert!(out.contains(message), "{text:?}: {out}");
        assert!(out.contains(&format!("t.dac:{at}")), "{text:?}: {out}");
    }
}

#[test]
fn a_header_duration_written_with_a_space_is_read_as_meant() {
    let (file, diags) = parse(FileId(0), "expect alert \"A\" at 5 min { x = 1 }\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].message, "a duration is written `5m`, not `5 min`");
    let headers = &file.unwrap().stmts[0].headers;
    assert_eq!(headers.len(), 4);
    assert!(matches!(
        &headers[3].kind,
        ValueKind::Duration { millis: 300_000, text } if text == "5m"
    ));
    assert_eq!((headers[3].span.start, headers[3].span.end), (20, 25));
    // A number and a name that is no unit stay as written.
    let f = parse_ok("mapping value 1 ok\n");
    assert_eq!(f.stmts[0].headers.len(), 3);
}

/// pest is pinned below the version that guards the native stack on every rule call
/// (Cargo.toml says why): the bracket scan is the guard. Nesting up to its limit
/// must parse on a stack smaller than any dac parses on (8 MiB), and one more level is
/// the scan's error, never a stack overflow.
#[test]
fn nesting_up_to_the_limit_parses_on_a_small_stack() {
    let depth = limits::MAX_DEPTH;
    let lists = format!("a = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
    let bodies = format!("a {}{}\n", "{ b ".repeat(depth), "}".repeat(depth));
    let mixed = format!(
        "a = {}1{}\n",
        "[{ b = ".repeat(depth / 2),
        "}]".repeat(depth / 2)
    );
    let too_deep = format!("a = {}1{}\n", "[".repeat(depth + 1), "]".repeat(depth + 1));
    let parsed = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let ok = [lists, bodies, mixed].map(|t| parse(FileId(0), &t).1.is_empty());
            (ok, parse(FileId(0), &too_deep).1)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(parsed.0, [true; 3]);
    assert!(
        parsed.1.iter().any(|d| d.message.contains("nested")),
        "{:?}",
        parsed.1
    );
}
