//! `dac promql check` and `dac promql fmt`, run as a user runs them.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs dac with `args` and `stdin`; returns the exit code and both outputs, laid out
/// for a snapshot.
fn dac(args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dac"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dac starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("stdin written");
    let output = child.wait_with_output().expect("dac finishes");
    let code = output.status.code().expect("exit code");
    let report = format!(
        "exit: {code}\n--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (code, report)
}

fn check(args: &[&str]) -> (i32, String) {
    let mut all = vec!["promql", "check"];
    all.extend_from_slice(args);
    dac(&all, b"")
}

#[test]
fn valid_expressions_print_their_type_and_exit_0() {
    let (code, report) = check(&["rate(x[5m])", "sum by (job) (up) > bool 1", "time()"]);
    assert_eq!(code, 0, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn a_type_error_points_at_the_argument() {
    let (code, report) = check(&["sum(rate(http_requests_total{job=\"api\"}))"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn a_syntax_error_exits_1() {
    let (code, report) = check(&["sum(rate(x[5m])"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn an_unknown_function_gets_a_suggestion() {
    let (code, report) = check(&["rates(x[5m])"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn each_argument_is_its_own_file() {
    let (code, report) = check(&["up", "1 < 2", "{job=~\".*\"}"]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("<arg 2>:1:3"), "{report}");
    assert!(report.contains("<arg 3>:1:1"), "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn reads_one_expression_from_stdin() {
    let (code, report) = dac(
        &["promql", "check"],
        b"sum by (job) (\n  rate(x[5m])\n)\n/ on(job) group_left(le)\nsum by (job, le) (y[5m])\n",
    );
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("<stdin>:5:19"), "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn unreadable_stdin_is_a_tool_error() {
    let (code, report) = dac(&["promql", "check"], b"up\xff\xfe");
    assert_eq!(code, 2, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn grafana_variables_need_grafana_mode() {
    let query = "sum(rate(x{job=~\"$job\"}[$__rate_interval])) > $threshold";
    let (code, report) = check(&["--grafana", query]);
    assert_eq!(code, 0, "{report}");
    let (code, report) = check(&[query]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn experimental_functions_warn_but_pass() {
    let (code, report) = check(&["sort_by_label(up, \"instance\")"]);
    assert_eq!(code, 0, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn json_reports_type_labels_metrics_and_diagnostics() {
    let (code, report) = check(&[
        "--format",
        "json",
        "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / on(job) group_left(team) team_info",
        "rate(x)",
    ]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn fmt_prints_the_canonical_form() {
    let (code, report) = dac(
        &[
            "promql",
            "fmt",
            "sum(rate(x{a='b'}[5m]))by(job)",
            "x+on(a)group_left y",
        ],
        b"",
    );
    assert_eq!(code, 0, "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn fmt_reads_stdin_and_rejects_invalid_expressions() {
    let (code, report) = dac(&["promql", "fmt"], b"max by (a) (\n  x\n)\n");
    assert_eq!(code, 0, "{report}");
    insta::assert_snapshot!("fmt_stdin", report);
    let (code, report) = dac(&["promql", "fmt", "up", "sum((", "rate(x)"], b"");
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!("fmt_invalid", report);
}

#[test]
fn bad_flags_exit_2() {
    let (code, _) = check(&["--format", "xml", "up"]);
    assert_eq!(code, 2);
}
