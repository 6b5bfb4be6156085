//! `dac build --format human|json|github`, `-q`, `-v` and `--color`, run as a user runs
//! them: the same build (three errors and a warning) in every format.

use crate::dac_bin;

use std::path::Path;
use std::process::Command;

use dac_bin::{Run, crate_root, dac, tree};
use serde_json::Value;

const ERRORS_AND_WARNINGS: &str = "tests/fixtures/report/errors_and_warnings.dac";
const WARNINGS_ONLY: &str = "tests/fixtures/report/warnings_only.dac";

/// `dac build ARGS -o TMP/out` from the crate root; a failed build leaves `TMP` as it
/// was.
fn build(tmp: &Path, args: &[&str]) -> Run {
    let out = tmp.join("out");
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend(["-o", out.to_str().unwrap_or_default()]);
    let before = tree(tmp);
    let run = dac(&crate_root(), all);
    assert!(!run.stderr.contains("panicked"), "{run}");
    if run.code == 2 {
        assert!(
            tree(tmp) == before,
            "a failed build wrote to {}",
            out.display()
        );
    }
    run
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"))
}

#[test]
fn human_report_of_errors_and_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &[ERRORS_AND_WARNINGS]).expect(2);
    assert!(run.stdout.is_empty(), "{run}");
    for needle in [
        "warning[promql/experimental]: function \"sort_by_label\" is experimental",
        "--> tests/fixtures/report/errors_and_warnings.dac:7:12",
        "error[promql/type]",
        "errors_and_warnings.dac:10:21",
        "error[promql/syntax]: unexpected end of input",
        "error[dac/duplicate-uid]",
        "first defined here",
        "error: build failed with 3 error(s); nothing was written",
    ] {
        assert!(run.stderr.contains(needle), "missing {needle:?}: {run}");
    }
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn json_report_of_errors_and_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &["--format", "json", ERRORS_AND_WARNINGS]).expect(2);
    assert!(run.stderr.is_empty(), "{run}");
    let doc = parse(&run.stdout);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["command"], "build");
    assert_eq!(doc["success"], false);
    assert_eq!(doc["output"], Value::Null);
    assert_eq!(
        doc["summary"],
        serde_json::json!({ "errors": 3, "warnings": 1, "infos": 0 })
    );
    let diagnostics = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(diagnostics.len(), 4);
    for d in &diagnostics {
        for key in [
            "file", "line", "column", "end", "code", "severity", "message", "labels", "help",
            "notes",
        ] {
            assert!(d.get(key).is_some(), "no {key} in {d}");
        }
        assert_eq!(d["file"], ERRORS_AND_WARNINGS);
    }
    let type_error = &diagnostics[1];
    assert_eq!(type_error["code"], "promql/type");
    assert_eq!(
        (type_error["line"].as_u64(), type_error["column"].as_u64()),
        (Some(10), Some(21))
    );
    assert_eq!(
        type_error["end"],
        serde_json::json!({ "line": 10, "column": 53 })
    );
    let duplicate = &diagnostics[3];
    assert_eq!(duplicate["labels"].as_array().map(Vec::len), Some(2));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_report_of_errors_and_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &["--format", "github", ERRORS_AND_WARNINGS]).expect(2);
    assert!(run.stdout.is_empty(), "{run}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{run}");
    assert!(lines[0].starts_with(
        "::warning file=tests/fixtures/report/errors_and_warnings.dac,line=7,col=12,\
         endLine=7,endColumn=25,title=promql/experimental::"
    ));
    assert!(lines[1].starts_with(
        "::error file=tests/fixtures/report/errors_and_warnings.dac,line=10,col=21,\
         endLine=10,endColumn=53,title=promql/type::"
    ));
    assert!(
        lines[3]
            .contains("%0Atests/fixtures/report/errors_and_warnings.dac:4:9: first defined here")
    );
    assert_eq!(
        lines[4],
        "error: build failed with 3 error(s); nothing was written"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn promql_check_shares_the_formats() {
    let exprs = ["sum(rate(x))", "sort_by_label(up, \"a\")", "up"];
    let run = dac(
        &crate_root(),
        ["promql", "check", "--format", "github"]
            .iter()
            .chain(&exprs),
    )
    .expect(1);
    assert_eq!(
        run.stderr,
        "::error file=<arg 1>,line=1,col=10,endLine=1,endColumn=11,title=promql/type::\
         expected range vector in call to function \"rate\", got instant vector: this is an \
         instant vector%0Ahelp: add a range to the selector, such as `[5m]`\n\
         ::warning file=<arg 2>,line=1,col=1,endLine=1,endColumn=14,\
         title=promql/experimental::function \"sort_by_label\" is experimental: needs a \
         feature flag%0Ahelp: Prometheus only accepts it with \
         --enable-feature=promql-experimental-functions\n"
    );
    assert_eq!(
        run.stdout,
        "<arg 2>: instant vector with the input's labels\n<arg 3>: instant vector with the input's labels\n"
    );

    let run = dac(
        &crate_root(),
        ["promql", "check", "--format", "json"].iter().chain(&exprs),
    )
    .expect(1);
    let doc = parse(&run.stdout);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["command"], "promql check");
    assert_eq!(doc["success"], false);
    assert_eq!(doc["diagnostics"][0]["file"], "<arg 1>");
    assert_eq!(doc["diagnostics"][1]["severity"], "warning");
    assert_eq!(doc["expressions"][2]["valid"], true);
}

#[test]
fn quiet_reports_errors_only() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &["-q", WARNINGS_ONLY]).expect(0);
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run}");
    assert!(tmp.path().join("out/grafana").is_dir());
    let run = build(tmp.path(), &[WARNINGS_ONLY]).expect(0);
    assert!(run.stderr.contains("warning[promql/experimental]"), "{run}");
    assert!(run.stdout.contains("3 files"), "{run}");

    let run = build(tmp.path(), &["--quiet", ERRORS_AND_WARNINGS]).expect(2);
    assert!(!run.stderr.contains("warning["), "{run}");
    assert_eq!(run.stderr.matches("error[").count(), 3, "{run}");

    let run = build(
        tmp.path(),
        &["-q", "--format", "github", ERRORS_AND_WARNINGS],
    )
    .expect(2);
    assert!(!run.stderr.contains("::warning"), "{run}");
    assert_eq!(run.stderr.matches("::error").count(), 3, "{run}");
    let run = build(tmp.path(), &["-q", "--format", "json", ERRORS_AND_WARNINGS]).expect(2);
    let doc = parse(&run.stdout);
    assert_eq!(doc["summary"]["warnings"], 0);
    assert_eq!(doc["summary"]["errors"], 3);
    assert!(!run.stdout.contains("\"severity\": \"warning\""), "{run}");

    let run = dac(
        &crate_root(),
        ["promql", "check", "-q", "up", "sort_by_label(up, \"a\")"],
    );
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn verbose_lists_the_files_read_and_times_each_stage() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &["-v", WARNINGS_ONLY]).expect(0);
    let time = regex::Regex::new(r" in \d+\.\d\d ms$").unwrap();
    let lines: Vec<&str> = run.stderr.lines().collect();
    let find = |prefix: &str| lines.iter().find(|l| l.trim_start().starts_with(prefix));
    assert!(
        find("Read dac.toml").is_some() || find("Read ./dac.toml").is_some(),
        "{run}"
    );
    assert!(find(&format!("Read {WARNINGS_ONLY}")).is_some(), "{run}");
    for stage in ["Resolved 2 files", "Emitted 3 files", "Wrote "] {
        let line = find(stage).unwrap_or_else(|| panic!("no {stage:?} stage: {run}"));
        assert!(time.is_match(line), "{line:?} has no time");
    }
    assert!(run.stderr.contains("warning[promql/experimental]"), "{run}");
    assert!(run.stdout.contains("3 files"), "{run}");

    let run = build(tmp.path(), &["-v", "--check", WARNINGS_ONLY]).expect(0);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.trim_start().starts_with("Checked ")),
        "{run}"
    );
    // Without -v, none of it.
    let run = build(tmp.path(), &[WARNINGS_ONLY]).expect(0);
    assert!(!run.stderr.contains("Read "), "{run}");

    // A failed build still says what it read.
    let run = build(tmp.path(), &["--verbose", ERRORS_AND_WARNINGS]).expect(2);
    assert!(
        run.stderr.contains(&format!("Read {ERRORS_AND_WARNINGS}")),
        "{run}"
    );
}

/// Runs `dac build` on the failing fixture with `args` and exactly the colour
/// variables in `env` set; returns stderr.
fn colored_build(args: &[&str], env: &[(&str, &str)]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut command = Command::new(env!("CARGO_BIN_EXE_dac"));
    command
        .arg("build")
        .args(args)
        .args([ERRORS_AND_WARNINGS, "-o"])
        .arg(&out)
        .current_dir(crate_root());
    for var in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("dac starts");
    assert_eq!(output.status.code(), Some(2));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Flags, environment, and whether the report is coloured.
type Case = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    bool,
);

#[test]
fn color_follows_the_flag_and_the_environment() {
    let plain = colored_build(&[], &[]);
    assert!(
        !plain.contains('\u{1b}'),
        "not a terminal: no colour\n{plain}"
    );
    let cases: [Case; 7] = [
        (&["--color", "always"], &[], true),
        (&["--color", "never"], &[], false),
        (&[], &[("CLICOLOR_FORCE", "1")], true),
        (&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], false),
        (&["--color", "always"], &[("NO_COLOR", "1")], true),
        (&["--color", "never"], &[("CLICOLOR_FORCE", "1")], false),
        (&["--color", "auto"], &[("NO_COLOR", "1")], false),
    ];
    for (args, env, colored) in cases {
        let stderr = colored_build(args, env);
        assert_eq!(
            stderr.contains("\u{1b}["),
            colored,
            "{args:?} {env:?}:\n{stderr}"
        );
        // Colour changes how it looks, never what it says.
        assert_eq!(anstream::adapter::strip_str(&stderr).to_string(), plain);
    }
    let colored = colored_build(&["--color", "always"], &[]);
    insta::assert_snapshot!(colored.replace('\u{1b}', "␛"));
    // Machine formats are never coloured.
    for format in ["json", "github"] {
        let stderr = colored_build(&["--color", "always", "--format", format], &[]);
        assert!(!stderr.contains('\u{1b}'), "{format}: {stderr}");
    }
}

#[test]
fn json_report_of_a_build_and_of_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &["--format", "json", WARNINGS_ONLY]).expect(0);
    assert!(run.stderr.is_empty(), "{run}");
    let doc = parse(&run.stdout);
    assert_eq!(doc["success"], true);
    assert_eq!(doc["summary"]["warnings"], 1);
    let output = &doc["output"];
    assert_eq!(output["files"], 3);
    assert_eq!(output["written"].as_array().map(Vec::len), Some(3));
    assert_eq!(output["unchanged"], 0);
    assert_eq!(output["removed"], serde_json::json!([]));

    let run = build(tmp.path(), &["--format", "json", "--check", WARNINGS_ONLY]).expect(0);
    let doc = parse(&run.stdout);
    assert_eq!(
        (&doc["success"], &doc["output"]["stale"]),
        (&Value::Bool(true), &serde_json::json!([]))
    );

    std::fs::remove_file(tmp.path().join("out/kubernetes/kustomization.yaml")).unwrap();
    let run = build(tmp.path(), &["--format", "json", "--check", WARNINGS_ONLY]).expect(1);
    let doc = parse(&run.stdout);
    assert_eq!(doc["success"], false);
    assert_eq!(
        doc["output"]["stale"],
        serde_json::json!([{ "path": "kubernetes/kustomization.yaml", "state": "missing" }])
    );
}
