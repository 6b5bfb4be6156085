//! dac's Go template parser against the real `promtool check rules`: a table of good and
//! bad alert templates goes through both, as one `.dac` file through `dac build` and as
//! one rule file through promtool. Every template promtool rejects, dac rejects with the
//! same Go message, and every template promtool accepts, dac accepts.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use crate::dac_bin::{self, dac};

const TEMPLATES: &[&str] = &[
    // Good.
    "plain text",
    "{{ $value }}",
    "{{ $value | humanize }} {{ $value | humanize1024 }} {{ $value | humanizeDuration }}",
    "{{ $value | humanizePercentage }} {{ $value | humanizeTimestamp }} {{ $value | toTime }}",
    "{{ $labels.instance }} of {{ $labels.job }}",
    "{{ .Labels.instance }} {{ .Value }} {{ .ExternalURL }} {{ $externalLabels.cluster }}",
    "{{ $externalURL }}/graph",
    "{{ title \"a\" }} {{ toUpper \"a\" }} {{ toLower \"A\" }}",
    "{{ if match \"^a\" $labels.x }}yes{{ end }}",
    "{{ reReplaceAll \"(a)\" \"$1\" $labels.x }}",
    "{{ with query \"up\" }}{{ . | first | label \"job\" }} {{ . | first | value }}{{ end }}",
    "{{ range query \"up\" | sortByLabel \"job\" }}{{ .Labels.job }}{{ end }}",
    "{{ args 1 2 }} {{ safeHtml \"<b>\" }} {{ stripPort \"a:1\" }} {{ stripDomain \"a.b\" }}",
    "{{ graphLink \"up\" }} {{ tableLink \"up\" }} {{ externalURL }} {{ pathPrefix }}",
    "{{ parseDuration \"1m\" }} {{ strvalue $value }}",
    "{{ and 1 0 }} {{ or 1 0 }} {{ not true }} {{ len \"ab\" }} {{ index $labels \"x\" }}",
    "{{ slice \"abc\" 1 2 }} {{ print 1 }} {{ printf \"%.2f\" $value }} {{ println }}",
    "{{ html \"<\" }} {{ js \"'\" }} {{ urlquery \"a b\" }} {{ call $labels }}",
    "{{ eq 1 1 }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 1 1 }} {{ gt 2 1 }} {{ ge 1 1 }}",
    "{{ if gt $value 0.5 }}high{{ else if gt $value 0.2 }}mid{{ else }}low{{ end }}",
    "{{ range $i, $e := query \"up\" }}{{ $i }}:{{ $e.Value }}{{ end }}",
    "{{ range $e := query \"up\" }}{{ if $e }}{{ break }}{{ end }}{{ continue }}{{ end }}",
    "{{ range . }}{{ else }}none{{ end }}",
    "{{ with $labels.pod }}{{ . }}{{ else }}no pod{{ end }}",
    "{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" $labels.pod }}",
    "{{ template \"undefined-is-fine-until-run\" }}",
    "{{ block \"b\" $value }}{{ . }}{{ end }}",
    "{{/* a comment */}}text",
    "a {{- /* trimmed */ -}} b",
    "{{- $value -}}",
    "x {{- $value }} {{ $value -}} y",
    "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
    "{{ $undeclared = 2 }}",
    "{{ 'a' }} {{ '\\n' }} {{ 1 }} {{ -1 }} {{ +1 }} {{ 1.5 }} {{ .5 }} {{ 1e3 }}",
    "{{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }} {{ 0x1p-2 }} {{ 1i }} {{ 1+2i }}",
    "{{ `raw \"string\"` }} {{ \"tab\\tnew\\nline\\u00e9\\x41\\101\" }}",
    "{{ nil | print }}",
    "{{ (printf \"%s\" \"a\") }} {{ (1) }} {{ (query \"up\" | first).Labels.job }}",
    "{{ $labels.instance.x }} {{ $.Labels.job }}",
    "{{ 1 | }}",
    "{{\n  $value\n}}",
    "{{ \"}}\" }}",
    "}} {{ $value }} {",
    "{{ true }} {{ false }}",
    // Bad.
    "{{ $value payments",
    "{{ $value ",
    "{{ $value }",
    "{{ $value | humanizePercent }}",
    "{{ tmpl \"x\" . }}",
    "{{ now }}",
    "{{ $lables.instance }}",
    "{{ $x }}",
    "{{ end }}",
    "{{ else }}",
    "{{ if 1 }}",
    "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
    "{{ range . }}",
    "{{ with 1 }}{{ else with 2 }}{{ end }}",
    "{{ with 1 }}{{ else if 2 }}{{ end }}",
    "{{ break }}",
    "{{ continue }}",
    "{{ if 1 }}{{ break }}{{ end }}",
    "{{ range . }}{{ break 1 }}{{ end }}",
    "{{ 1 | 2 }}",
    "{{ $value | \"a\" }}",
    "{{ $value | . }}",
    "{{ \"a\".b }}",
    "{{ 1.x }}",
    "{{ /* c */ }}",
    "{{/* c */ }}",
    "{{/* unclosed",
    "{{ 089 }}",
    "{{ 99999999999999999999 }}",
    "{{ 1e999 }}",
    "{{ 1__0 }}",
    "{{ 0x }}",
    "{{ 1a }}",
    "{{ \"abc }}",
    "{{ `abc }}",
    "{{ 'ab' }}",
    "{{ '' }}",
    "{{ 'a }}",
    "{{ \"\\q\" }}",
    "{{ $x, $y := 1 }}",
    "{{ range $a, $b, $c := . }}{{ end }}",
    "{{ range $a, 1 }}{{ end }}",
    "{{ $a-b }}",
    "{{ ) }}",
    "{{ (1)) }}",
    "{{ (1 }}",
    "{{ () }}",
    "{{ }}",
    "{{ $x : 1 }}",
    "{{ define \"x\" }}{{ $labels }}{{ end }}",
    "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}",
    "{{ define \"__alert_T95\" }}a{{ end }}",
    "{{ define x }}{{ end }}",
    "{{ define \"x\" }}{{ else }}{{ end }}",
    "{{ template x }}",
    "{{ block \"b\" }}{{ end }}",
    "{{ if }}{{ end }}",
    "{{ ¤ }}",
    "{{ $value #",
    "{{ define \"x\" }}{{ if 1 }}{{ end }}",
    "{{ range $i, $e := . }}{{ end }}{{ $e }}",
    // Edge cases of trim markers, scopes, definitions and literals.
    "{{-3}}",
    "{{ 3 -}}x",
    "{{-\t$value\t-}}",
    "{{- $value -}}\n",
    "{{-\n$value\n-}}",
    "{{ $x := 1 }}{{ range $x }}{{ end }}",
    "{{ if 1 }}{{ else if }}{{ end }}",
    "{{ if 1 }}{{ else if 2 }}{{ else }}{{ end }}",
    "{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}",
    "{{ $labels.x | printf \"%s\" }} {{ index .Labels \"a\" }}",
    "{{ $ñ := 1 }}{{ $ñ }} é {{ \"é\" }}",
    "{{ template \"x\" . }}{{ define \"x\" }}{{ end }}",
    "{{ block \"b\" . }}{{ end }}{{ define \"b\" }}x{{ end }}",
    "{{ block \"b\" . }}x{{ end }}{{ define \"b\" }}y{{ end }}",
    "{{ . }} {{ $ }} {{ $.x }} {{ .x.y }}",
    "{{ .. }}",
    "{{ nil }}",
    "{{ $x := }}",
    "{{ range $i, $e := . }}{{ $i }}{{ end }}{{ $i }}",
    "{{ range $i, $e, := . }}{{ end }}",
    "{{ if 1 }}{{ end }}{{ end }}",
    "{{ define \"x\" }}",
    "{{ \"\\x4\" }}",
    "{{ '\\u00e9' }} {{ '\\x41' }} {{ '\\101' }}",
    "{{ 0x1.8p1 }} {{ 1_0.5 }} {{ 0b2 }}",
    "{{ 1e }}",
    "{{ 1+i }}",
    "{{ 1e+2i }} {{ -1-2.5i }} {{ 0x1p2+1i }}",
    "{{ 1+2e+3i }}",
    "{{ 1_+2i }}",
    "{{ print 1|print }}",
    "{{ print (1) (2) }}",
    "{{ (1 2) }}",
    "{{ print 1 2 | len }}",
    "{{ true.x }}",
    "{{ $value.x.y }}",
    "{{ printf \"%d\" 1 | printf \"%s\" }}",
];

/// Runs promtool on one rule file with an alert per template; the message of each
/// rejected template, by index.
fn promtool_verdicts(dir: &std::path::Path) -> BTreeMap<usize, String> {
    let mut yaml = String::from("groups:\n- name: g\n  rules:\n");
    for (i, t) in TEMPLATES.iter().enumerate() {
        let quoted = serde_json::to_string(t).unwrap();
        yaml.push_str(&format!(
            "  - alert: T{i}\n    expr: up\n    annotations:\n      a: {quoted}\n"
        ));
    }
    let file = dir.join("templates.rules.yml");
    fs::write(&file, yaml).unwrap();
    let out = Command::new(dac_bin::program("PROMTOOL", "promtool"))
        .args(["check", "rules"])
        .arg(&file)
        .output()
        .expect("promtool runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let mut verdicts = BTreeMap::new();
    for line in text.lines() {
        // `... rule 3, "T2": annotation "a": template: __alert_T2:1: MESSAGE`
        let Some((_, rest)) = line.split_once("template: __alert_T") else {
            continue;
        };
        let (index, rest) = rest.split_once(':').unwrap();
        let (_line, message) = rest.split_once(": ").unwrap();
        let message = match message.find(" in action started at ") {
            Some(i) => message[..i].to_string(),
            None => message.to_string(),
        };
        verdicts.insert(index.parse().unwrap(), message);
    }
    assert!(
        verdicts.is_empty() == out.status.success(),
        "promtool's exit status and its report disagree:\n{text}"
    );
    verdicts
}

/// Runs `dac build` on one `.dac` file with an alert per template, one alert a line;
/// the message of each rejected template, by index.
fn dac_verdicts(dir: &std::path::Path) -> BTreeMap<usize, String> {
    const FIRST_LINE: usize = 3;
    let mut src = String::from("rules \"templates\" {\n  group \"g\" {\n");
    for (i, t) in TEMPLATES.iter().enumerate() {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
            .replace('\t', "\\t");
        src.push_str(&format!(
            "    alert \"T{i}\" {{ expr = `up`, annotations = {{ a = \"{escaped}\" }} }}\n"
        ));
    }
    src.push_str("  }\n}\n");
    fs::write(dir.join("templates.dac"), src).unwrap();
    let run = dac(dir, ["build", "templates.dac", "-o", "out"]);
    assert!(!run.stderr.contains("panicked"), "{run}");
    let mut verdicts = BTreeMap::new();
    let mut message = None;
    for line in run.stderr.lines() {
        if let Some(m) = line.strip_prefix(
            "error[dac/alert-template]: the template in annotation `a` does not parse: ",
        ) {
            message = Some(m.to_string());
        } else if let Some(at) = line.trim().strip_prefix("--> templates.dac:") {
            let line_no: usize = at.split(':').next().unwrap().parse().unwrap();
            let m = message
                .take()
                .unwrap_or_else(|| panic!("not a template error:\n{run}"));
            verdicts.insert(line_no - FIRST_LINE, m);
        }
    }
    assert_eq!(
        run.code,
        if verdicts.is_empty() { 0 } else { 2 },
        "only template errors expected:\n{run}"
    );
    verdicts
}

#[test]
fn dac_rejects_exactly_the_templates_promtool_rejects_with_the_same_message() {
    let dir = tempfile::tempdir().unwrap();
    let promtool = promtool_verdicts(dir.path());
    let dac = dac_verdicts(dir.path());
    let mut differences = Vec::new();
    for (i, t) in TEMPLATES.iter().enumerate() {
        if promtool.get(&i) != dac.get(&i) {
            differences.push(format!(
                "{t:?}\n  promtool: {:?}\n  dac:      {:?}",
                promtool.get(&i),
                dac.get(&i)
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // The table holds both kinds, so the comparison can fail either way.
    assert!(promtool.len() > 50 && promtool.len() < TEMPLATES.len() - 50);
}
