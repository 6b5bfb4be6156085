use super::*;

fn err(text: &str) -> (String, String) {
    let e = parse(text, "__alert_A").expect_err(text);
    (e.kind.to_string(), text[e.range].to_string())
}

fn ok(text: &str) {
    if let Err(e) = parse(text, "__alert_A") {
        panic!("{text:?}: {} at {:?}", e.kind, e.range);
    }
}

#[test]
fn accepts_what_prometheus_accepts() {
    for t in [
        "plain text, no action",
        "{{ $value | humanizePercentage }} of requests fail",
        "{{ $labels.instance }} on {{ .Labels.job }}",
        "{{- /* a comment */ -}} {{/* another */}}",
        "{{ if gt $value 0.5 }}high{{ else if gt $value 0.2 }}mid{{ else }}low{{ end }}",
        "{{ range $i, $e := query \"up\" }}{{ $i }}{{ $e.Labels.job }}{{ break }}{{ end }}",
        "{{ with $labels.pod }}{{ . }}{{ end }}",
        "{{ define \"x\" }}{{ . }}{{ end }}{{ template \"x\" $labels }}",
        "{{ block \"b\" . }}{{ $ }}{{ end }}",
        "{{ printf \"%.2f\" $value }} {{ 'a' }} {{ 0x1F }} {{ 1e3 }} {{ `raw` }}",
        "{{ (query \"up\" | first | value) }}",
        "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
        "{{ reReplaceAll \"(.*)\" \"$1\" $labels.x | toUpper }}",
        "{{\n  $value\n}}",
    ] {
        ok(t);
    }
}

#[test]
fn rejects_what_prometheus_rejects_and_points_at_it() {
    let cases = [
        (
            "{{ $value payments",
            "function \"payments\" not defined",
            "payments",
        ),
        ("{{ $value }", "unexpected \"}\" in operand", "}"),
        ("{{ $value ", "unclosed action", "{{"),
        (
            "{{ $value | humanizePercent }}",
            "function \"humanizePercent\" not defined",
            "humanizePercent",
        ),
        (
            "{{ $lables.x }}",
            "undefined variable \"$lables\"",
            "$lables",
        ),
        ("{{ end }}", "unexpected {{end}}", "{{ end }}"),
        (
            "{{ if 1 }}{{ range . }}{{ end }}",
            "unexpected EOF",
            "{{ if 1 }}",
        ),
        ("{{ break }}", "{{break}} outside {{range}}", "{{ break }}"),
        (
            "{{ 1 | 2 }}",
            "non executable command in pipeline stage 2",
            "2",
        ),
        (
            "{{ \"a\".b }}",
            "unexpected . after term \"\\\"a\\\"\"",
            "\"a\".b",
        ),
        ("{{ /* c */ }}", "unexpected \"/\" in command", "/"),
        ("{{ 089 }}", "integer overflow: \"089\"", "089"),
        ("{{ \"abc }}", "unterminated quoted string", "\"abc }}"),
        (
            "{{ with 1 }}{{ else with 2 }}{{ end }}",
            "unexpected <with> in else",
            "with",
        ),
        (
            "{{ define \"x\" }}{{ $labels }}{{ end }}",
            "undefined variable \"$labels\"",
            "$labels",
        ),
        (
            "{{ $x, $y := 1 }}",
            "too many declarations in command",
            "$x,",
        ),
        (
            "{{ tmpl \"x\" . }}",
            "function \"tmpl\" not defined",
            "tmpl",
        ),
        ("{{ $a-b }}", "bad character U+002D '-'", "-"),
        ("{{ ) }}", "unexpected \")\" in command", ")"),
        ("{{ (1)) }}", "unexpected \")\" in command", ")"),
        ("{{ (1 }}", "unclosed left paren", ""),
    ];
    for (text, message, at) in cases {
        assert_eq!(err(text), (message.to_string(), at.to_string()), "{text}");
    }
}

#[test]
fn suggests_the_function_meant() {
    let e = parse("{{ $value | humanizePercent }}", "a").unwrap_err();
    assert!(matches!(
        e.kind,
        ErrorKind::FunctionNotDefined { suggestion: Some(s), .. } if s == "humanizePercentage"
    ));
    let e = parse("{{ $lables.x }}", "a").unwrap_err();
    assert!(matches!(
        e.kind,
        ErrorKind::UndefinedVariable { suggestion: Some(s), .. } if s == "$labels"
    ));
}

#[test]
fn keeps_label_references_with_their_place() {
    let text = "{{ $labels.pod }} {{ .Labels.job }} {{ with .X }}{{ .Labels.no }}{{ end }}";
    let t = parse(text, "a").unwrap();
    let found: Vec<(&str, &str)> = t
        .label_refs
        .iter()
        .map(|r| (r.name.as_str(), &text[r.range.clone()]))
        .collect();
    assert_eq!(found, [("pod", "pod"), ("job", "job")]);
}

#[test]
fn a_definition_may_not_take_the_alerts_own_name() {
    assert_eq!(
        err("{{ define \"__alert_A\" }}a{{ end }}").0,
        "template: multiple definition of template \"__alert_A\""
    );
    ok("{{ define \"x\" }} {{ end }}{{ define \"x\" }}b{{ end }}");
    assert!(
        parse(
            "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}",
            "a"
        )
        .is_err()
    );
}

/// Every sequence of three fragments parses or fails without panicking, and a fault's
/// range lies inside the text, on character boundaries.
#[test]
fn never_panics_and_points_inside_the_text() {
    const FRAGMENTS: &[&str] = &[
        "{{", "}}", "{{- ", " -}}", "/*", "*/", "$", "$x", ".", ".A", "é", "\"", "'", "`", "(",
        ")", "|", ",", ":=", "=", "1", "0x", "-", "+", "i", "\\", "if", "end", "else", "range",
        "define", "\n", " ", "x",
    ];
    let n = FRAGMENTS.len();
    for i in 0..n * n * n {
        let text = [FRAGMENTS[i % n], FRAGMENTS[i / n % n], FRAGMENTS[i / n / n]].concat();
        if let Err(e) = parse(&text, "a") {
            assert!(
                e.range.start <= e.range.end && e.range.end <= text.len(),
                "{text:?}"
            );
            assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
        }
    }
}
