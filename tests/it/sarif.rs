//! `--format sarif`, run as a user runs it: every log validates against the SARIF 2.1.0
//! JSON schema (`tests/data/sarif/`, origin in `tests/data/NOTICE.md`), with its
//! formats checked, and puts each finding at the right place.

use crate::dac_bin;

use std::path::Path;

use dac_bin::{Run, crate_root, dac, tree};
use serde_json::{Value, json};

const ERRORS_AND_WARNINGS: &str = "tests/fixtures/report/errors_and_warnings.dac";
const WARNINGS_ONLY: &str = "tests/fixtures/report/warnings_only.dac";
const UTF16: &str = "tests/fixtures/sarif/utf16_columns.dac";

fn validator() -> jsonschema::Validator {
    let path = crate_root().join("tests/data/sarif/sarif-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// The log on standard output, after checking that it is valid SARIF and that nothing
/// else was printed.
fn sarif(run: &Run) -> Value {
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(
        run.stderr.is_empty(),
        "a SARIF report prints only its log: {run}"
    );
    let log: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "invalid SARIF: {errors:#?}\n{}",
        run.stdout
    );
    log
}

/// `dac build --format sarif ARGS -o TMP/out` from the crate root.
fn build(tmp: &Path, args: &[&str]) -> Run {
    let out = tmp.join("out");
    let mut all = vec!["build", "--format", "sarif"];
    all.extend_from_slice(args);
    all.extend(["-o", out.to_str().unwrap_or_default()]);
    dac(&crate_root(), all)
}

/// `(ruleId, level, startLine, startColumn, endLine, endColumn)` of each result.
fn places(log: &Value) -> Vec<(String, String, Value, Value, Value, Value)> {
    let results = log["runs"][0]["results"].as_array().cloned().unwrap();
    results
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                r["ruleId"].as_str().unwrap_or_default().to_string(),
                r["level"].as_str().unwrap_or_default().to_string(),
                region["startLine"].clone(),
                region["startColumn"].clone(),
                region["endLine"].clone(),
                region["endColumn"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_failed_build_is_a_valid_log_with_each_finding_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &[ERRORS_AND_WARNINGS]).expect(2);
    assert!(tree(tmp.path()).is_empty(), "a failed build wrote files");
    let log = sarif(&run);
    let s = |x: &str| x.to_string();
    assert_eq!(
        places(&log),
        [
            (
                s("promql/experimental"),
                s("warning"),
                json!(7),
                json!(12),
                json!(7),
                json!(25)
            ),
            (
                s("promql/type"),
                s("error"),
                json!(10),
                json!(21),
                json!(10),
                json!(53)
            ),
            (
                s("promql/syntax"),
                s("error"),
                json!(16),
                json!(47),
                json!(16),
                json!(47)
            ),
            (
                s("dac/duplicate-uid"),
                s("error"),
                json!(21),
                json!(9),
                json!(21),
                json!(23)
            ),
        ]
    );
    let run0 = &log["runs"][0];
    let uri = &run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        uri,
        &json!({ "uri": ERRORS_AND_WARNINGS, "uriBaseId": "%SRCROOT%" })
    );
    // The first definition of the duplicate uid is a related location.
    let related = &run0["results"][3]["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 4);
    assert_eq!(related["message"]["text"], "first defined here");
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        rules,
        [
            "dac/duplicate-uid",
            "promql/experimental",
            "promql/syntax",
            "promql/type"
        ]
    );
    assert_eq!(run0["invocations"][0]["exitCode"], 2);

    // The schema is strict enough to fail: a level SARIF does not have, a `uri` that is
    // no URI reference.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator().is_valid(&bad));
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        json!("a b\\c");
    assert!(!validator().is_valid(&bad));

    // Same sources, same bytes.
    let again = build(tmp.path(), &[ERRORS_AND_WARNINGS]).expect(2);
    assert_eq!(again.stdout, run.stdout);

    let mut shown = log.clone();
    let driver = &mut shown["runs"][0]["tool"]["driver"];
    driver["version"] = json!("[version]");
    driver["semanticVersion"] = json!("[version]");
    insta::assert_json_snapshot!(shown);
}

#[test]
fn a_build_with_warnings_only_succeeds_and_prints_only_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &[WARNINGS_ONLY]).expect(0);
    let log = sarif(&run);
    let s = |x: &str| x.to_string();
    assert_eq!(
        places(&log),
        [(
            s("promql/experimental"),
            s("warning"),
            json!(5),
            json!(12),
            json!(5),
            json!(25)
        )]
    );
    assert_eq!(log["runs"][0]["invocations"][0]["exitCode"], 0);
    assert!(tmp.path().join("out/grafana").is_dir());

    // `-q` reports errors only: no result is left.
    let quiet = build(tmp.path(), &[WARNINGS_ONLY, "-q"]).expect(0);
    assert_eq!(sarif(&quiet)["runs"][0]["results"], json!([]));
}

#[test]
fn a_stale_output_directory_is_a_notification() {
    let tmp = tempfile::tempdir().unwrap();
    build(tmp.path(), &[WARNINGS_ONLY]).expect(0);
    std::fs::write(tmp.path().join("out/grafana/cryptobot/sorted.json"), "{}").unwrap();
    let run = build(tmp.path(), &[WARNINGS_ONLY, "--check"]).expect(1);
    let log = sarif(&run);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["exitCode"], 1);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{invocation}");
    assert_eq!(notes[0]["level"], "error");
    let text = notes[0]["message"]["text"].as_str().unwrap_or_default();
    assert!(
        text.ends_with(
            "out/grafana/cryptobot/sorted.json: out of date; run `dac build` to update it"
        ),
        "{text}"
    );
}

#[test]
fn columns_count_utf16_code_units_where_the_human_report_counts_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let log = sarif(&build(tmp.path(), &[UTF16]).expect(2));
    let s = |x: &str| x.to_string();
    // `📈` is one character and two UTF-16 code units.
    assert_eq!(
        places(&log),
        [(
            s("promql/type"),
            s("error"),
            json!(5),
            json!(32),
            json!(5),
            json!(51)
        )]
    );
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    let human = dac(
        &crate_root(),
        [
            "build",
            UTF16,
            "-o",
            tmp.path().join("out").to_str().unwrap(),
        ],
    )
    .expect(2);
    assert!(human.stderr.contains("utf16_columns.dac:5:31"), "{human}");
}

#[test]
fn promql_check_shares_the_format() {
    let run = dac(
        &crate_root(),
        [
            "--format", "sarif", "promql", "check", "sum(up)", "rate(up)",
        ],
    )
    .expect(1);
    let log = sarif(&run);
    // An expression given on the command line is no file of the repository: code
    // scanning would reject it as a result, so it is a notification, with its place.
    assert_eq!(log["runs"][0]["results"], json!([]));
    let note = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["associatedRule"]["id"], "promql/type");
    let physical = &note["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"],
        json!({ "description": { "text": "<arg 2>" } })
    );
    assert_eq!(physical["region"]["startColumn"], 6);
}

#[test]
fn a_diagnostic_of_no_place_is_a_notification_so_code_scanning_takes_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let log = sarif(&build(tmp.path(), &["tests/fixtures/build/no_dac_files"]).expect(2));
    assert_eq!(log["runs"][0]["results"], json!([]));
    let note = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["associatedRule"]["id"], "build/nothing-to-build");
    assert_eq!(note["level"], "error");
    let text = note["message"]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("no `.dac` files in"), "{text}");
}
