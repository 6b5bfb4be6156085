use super::*;
use crate::diagnostic::Span;

fn log_of(diagnostics: &[Diagnostic], sources: &SourceMap) -> Value {
    let mut log = Log::new();
    log.extend(diagnostics, sources);
    log.finish(2, &[])
}

#[test]
fn a_result_has_its_rule_level_message_and_region() {
    let mut sources = SourceMap::new();
    let file = sources.add("dashboards/a.dac", "x = 1\nquery `sum(x`\n");
    let d = Diagnostic::error(Code::PromqlSyntax, "unclosed")
        .with_primary(Span::new(file, 16, 17), "opened here")
        .with_secondary(Span::new(file, 0, 1), "see")
        .with_note("a note")
        .with_help("add a `)`");
    let log = log_of(&[d], &sources);
    let run = &log["runs"][0];
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "promql/syntax");
    assert_eq!(result["ruleIndex"], 0);
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["message"]["text"],
        "unclosed: opened here\nnote: a note\nhelp: add a `)`"
    );
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"],
        json!({ "uri": "dashboards/a.dac", "uriBaseId": "%SRCROOT%" })
    );
    assert_eq!(
        physical["region"],
        json!({ "startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 12 })
    );
    let related = &result["relatedLocations"][0];
    assert_eq!(related["id"], 0);
    assert_eq!(related["message"]["text"], "see");
    assert_eq!(related["physicalLocation"]["region"]["startColumn"], 1);
    assert_eq!(run["tool"]["driver"]["name"], "dac");
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "promql/syntax");
    assert_eq!(
        run["tool"]["driver"]["rules"][0]["shortDescription"]["text"],
        Code::PromqlSyntax.info().summary
    );
    assert_eq!(run["invocations"][0]["exitCode"], 2);
}

#[test]
fn rules_are_the_codes_used_once_each_in_registry_order() {
    let mut sources = SourceMap::new();
    let file = sources.add("a.dac", "abc\n");
    let at = |i: usize| Span::new(file, i, i + 1);
    let ds = [
        Diagnostic::warning(Code::PromqlExperimental, "b").with_primary(at(0), ""),
        Diagnostic::error(Code::DuplicateUid, "a").with_primary(at(1), ""),
        Diagnostic::warning(Code::PromqlExperimental, "c").with_primary(at(2), ""),
    ];
    let log = log_of(&ds, &sources);
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    assert_eq!(rules.as_array().map(Vec::len), Some(2));
    assert_eq!(rules[0]["id"], "dac/duplicate-uid");
    assert_eq!(rules[1]["id"], "promql/experimental");
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "warning");
    let results = &log["runs"][0]["results"];
    let indexes: Vec<_> = (0..3).map(|i| results[i]["ruleIndex"].clone()).collect();
    assert_eq!(indexes, [json!(1), json!(0), json!(1)]);
}

#[test]
fn a_diagnostic_of_no_file_is_a_notification_not_a_result() {
    let mut sources = SourceMap::new();
    let arg = sources.add("<arg 1>", "rate(up)");
    let ds = [
        Diagnostic::error(Code::NothingToBuild, "no sources").with_help("add some"),
        Diagnostic::error(Code::PromqlType, "bad").with_primary(Span::new(arg, 5, 7), "here"),
    ];
    let log = log_of(&ds, &sources);
    let run = &log["runs"][0];
    assert_eq!(run["results"], json!([]));
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes[0],
        json!({
            "associatedRule": { "id": "build/nothing-to-build" },
            "level": "error",
            "message": { "text": "no sources\nhelp: add some" },
        })
    );
    assert_eq!(notes[1]["associatedRule"]["id"], "promql/type");
    assert_eq!(
        notes[1]["locations"][0]["physicalLocation"]["artifactLocation"],
        json!({ "description": { "text": "<arg 1>" } })
    );
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn columns_count_utf16_code_units() {
    // `é` is one unit, `𝄞` (outside the Basic Multilingual Plane) two.
    assert_eq!(utf16_column("é𝄞x", 1), 1);
    assert_eq!(utf16_column("é𝄞x", 2), 2);
    assert_eq!(utf16_column("é𝄞x", 3), 4);
    assert_eq!(utf16_column("é𝄞x", 4), 5);
    // Past the text: the line break (and a `\r` before it) count one each.
    assert_eq!(utf16_column("é𝄞x", 5), 6);

    let mut sources = SourceMap::new();
    let file = sources.add("a.dac", "t = \"𝄞\" x\n");
    let d = Diagnostic::error(Code::Type, "bad").with_primary(Span::new(file, 10, 11), "here");
    let log = log_of(&[d], &sources);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 9);
    assert_eq!(region["endColumn"], 10);
}

#[test]
fn paths_become_uri_references() {
    assert_eq!(encode("dash boards/a:b%.dac"), "dash%20boards/a%3Ab%25.dac");
    assert_eq!(encode("é.dac"), "%C3%A9.dac");
    let mut sources = SourceMap::new();
    let names = ["./a.dac", "/tmp/x y.dac", "dir\\b.dac"];
    let ds: Vec<Diagnostic> = names
        .iter()
        .map(|name| {
            let file = sources.add(*name, "x\n");
            Diagnostic::error(Code::Syntax, "bad").with_primary(Span::new(file, 0, 1), "")
        })
        .collect();
    let log = log_of(&ds, &sources);
    let artifact = |i: usize| {
        log["runs"][0]["results"][i]["locations"][0]["physicalLocation"]["artifactLocation"].clone()
    };
    assert_eq!(
        artifact(0),
        json!({ "uri": "a.dac", "uriBaseId": "%SRCROOT%" })
    );
    assert_eq!(artifact(1), json!({ "uri": "file:///tmp/x%20y.dac" }));
    assert_eq!(
        artifact(2),
        json!({ "uri": "dir/b.dac", "uriBaseId": "%SRCROOT%" })
    );
}

#[test]
fn fingerprints_ignore_the_line_and_tell_equal_findings_apart() {
    let fingerprint = |text: &str, start: usize| {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", text);
        let d = Diagnostic::error(Code::Uid, "uid too long")
            .with_primary(Span::new(file, start, start + 1), "");
        let log = log_of(&[d.clone(), d], &sources);
        let results = &log["runs"][0]["results"];
        (
            results[0]["partialFingerprints"][FINGERPRINT].clone(),
            results[1]["partialFingerprints"][FINGERPRINT].clone(),
        )
    };
    let (first, second) = fingerprint("uid\n", 0);
    let (moved, _) = fingerprint("\n\n\nuid\n", 3);
    assert_eq!(first, moved);
    assert_ne!(first, second);
    let first = first.as_str().unwrap_or_default();
    assert!(first.ends_with(":1"), "{first}");
    assert_eq!(first.len(), 18, "{first}");
}

#[test]
fn help_uri_points_at_the_codes_explanation() {
    assert_eq!(
        help_uri("https://example.org/dac/", "dac/uid"),
        "https://example.org/dac/blob/main/src/codes/dac/uid.md"
    );
}

#[test]
fn notifications_and_the_exit_code_go_in_the_invocation() {
    let log = Log::new().finish(1, &[(Severity::Error, "out/a.json is stale".into())]);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["exitCode"], 1);
    assert_eq!(
        invocation["toolExecutionNotifications"][0],
        json!({ "level": "error", "message": { "text": "out/a.json is stale" } })
    );
    assert_eq!(log["runs"][0]["results"], json!([]));
    assert_eq!(log["version"], "2.1.0");
}
