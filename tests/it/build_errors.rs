//! Bad input to `dac build`, run as a user runs it over the output of an earlier good
//! build: exit 2, the message and its `file:line:col` (snapshot of stderr), and the
//! output directory byte for byte as it was. Each case also names what its stderr must
//! contain, so a snapshot cannot drift silently.

use crate::dac_bin;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use dac_bin::{build_cryptobot, crate_root, dac, files, tree};

const F: &str = "tests/fixtures/build/";

/// Runs `dac build ARGS -o TMP/out` in `cwd` (the crate root unless given) where
/// `TMP/out` holds Cryptobot's build; checks exit 2, an empty stdout and an untouched
/// temporary directory; returns stderr with the temporary path as `[TMP]`.
fn failing_build(tmp: &Path, cwd: Option<&Path>, args: &[&str]) -> String {
    let out = tmp.join("out");
    build_cryptobot(&out);
    let before: BTreeMap<String, Vec<u8>> = tree(tmp);

    let mut all: Vec<&OsStr> = vec![OsStr::new("build")];
    all.extend(args.iter().map(OsStr::new));
    all.extend([OsStr::new("-o"), out.as_os_str()]);
    let run = dac_bin::refused(cwd.unwrap_or(&crate_root()), all);

    assert!(
        run.stderr
            .trim_end()
            .ends_with("error(s); nothing was written"),
        "{run}"
    );
    let after = tree(tmp);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert!(
        after == before,
        "a failed build changed the output directory"
    );
    run.stderr.replace(&tmp.display().to_string(), "[TMP]")
}

macro_rules! case {
    ($name:ident, [$($arg:expr),+ $(,)?], [$(($message:expr, $at:expr)),+ $(,)?]) => {
        #[test]
        fn $name() {
            let tmp = tempfile::tempdir().unwrap();
            let args: Vec<String> = vec![$($arg.to_string()),+];
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let stderr = failing_build(tmp.path(), None, &args);
            $(
                assert!(stderr.contains($message), "missing {:?} in:\n{stderr}", $message);
                assert!(stderr.contains($at), "missing {:?} in:\n{stderr}", $at);
            )+
            insta::assert_snapshot!(stringify!($name), stderr);
        }
    };
}

case!(
    promql_syntax_error_on_the_second_line_of_a_dashboard_query,
    [format!("{F}promql_syntax_in_dashboard.dac")],
    [(
        "unexpected \"=\" in label matching",
        "promql_syntax_in_dashboard.dac:6:36"
    )]
);

case!(
    promql_type_error_in_a_rule,
    [format!("{F}promql_type_in_rule.dac")],
    [(
        "expected range vector in call to function \"rate\", got instant vector",
        "promql_type_in_rule.dac:5:28"
    )]
);

case!(
    grafana_variable_in_a_rule_expression,
    [format!("{F}grafana_variable_in_rule.dac")],
    [(
        "Grafana variable `$__rate_interval` in a rule expression",
        "grafana_variable_in_rule.dac:3:79"
    )]
);

case!(
    unknown_template,
    [format!("{F}unknown_template.dac")],
    [
        ("unknown template `up_stats`", "unknown_template.dac:10:7"),
        ("did you mean `up_status`?", "unknown_template.dac")
    ]
);

case!(
    wrong_template_parameter,
    [format!("{F}wrong_template_parameter.dac")],
    [
        (
            "template `up_status` has no parameter `colour`",
            "wrong_template_parameter.dac:11:40"
        ),
        (
            "template `up_status` defined here",
            "1 | template panel up_status"
        )
    ]
);

// Found on the resolved project, before anything is emitted: both places named.
case!(
    names_that_give_one_output_file,
    [format!("{F}output_path_collision.dac")],
    [
        (
            "dashboard `Cryptobot_Trade` and dashboard `cryptobot-trade` would both be written to `grafana/cryptobot/cryptobot-trade.json`",
            "output_path_collision.dac:8:9"
        ),
        (
            "rule set `trade.api` and rule set `trade-api` would both be written to `prometheus/trade-api.rules.yml`",
            "output_path_collision.dac:20:7"
        )
    ]
);

// Two files: the message names both places.
case!(
    duplicate_uid_across_two_files,
    [format!("{F}duplicate_uid")],
    [
        (
            "duplicate dashboard uid `cryptobot-trade`",
            "duplicate_uid/trade.dac:2:9"
        ),
        ("first defined here", "duplicate_uid/trade-copy.dac:3:9")
    ]
);

case!(
    duplicate_alert_name,
    [format!("{F}duplicate_alert.dac")],
    [
        ("duplicate alert `TradeDown`", "duplicate_alert.dac:7:11"),
        ("first defined here", "3 |     alert \"TradeDown\"")
    ]
);

// `5min` is the classic slip for `5m`: the caret belongs under it (column 14).
case!(
    bad_duration,
    [format!("{F}bad_duration.dac")],
    [("`5min`", "bad_duration.dac:5:14")]
);

case!(
    unknown_unit,
    [format!("{F}unknown_unit.dac")],
    [("unknown Grafana unit `dollars`", "unknown_unit.dac:5:12")]
);

case!(
    uid_longer_than_grafana_allows,
    [format!("{F}uid_too_long.dac")],
    [(
        "is 46 characters long; Grafana allows at most 40",
        "uid_too_long.dac:2:9"
    )]
);

case!(
    cyclic_import,
    [format!("{F}import_cycle")],
    [
        ("import cycle", "import_cycle/panels.dac:1:8"),
        ("which is imported here", "import_cycle/main.dac:1:8")
    ]
);

case!(
    dac_syntax_error,
    [format!("{F}syntax_error.dac")],
    [(
        "expected `=` after attribute name `unit`",
        "syntax_error.dac:5:10"
    )]
);

case!(
    several_errors_are_all_reported,
    [format!("{F}several_errors.dac")],
    [
        ("`refresh` must be a duration", "several_errors.dac:4:13"),
        ("unclosed left parenthesis", "several_errors.dac:6:15"),
        ("unknown Grafana unit `reqsp`", "several_errors.dac:7:12"),
        (
            "Grafana variable `$instance` in a rule expression",
            "several_errors.dac:14:27"
        ),
        ("build failed with 4 error(s)", "nothing was written")
    ]
);

// One broken file among Cryptobot's good sources stops the whole build.
case!(
    one_bad_file_among_good_sources,
    [
        "dashboards",
        "alerts",
        "catalog",
        format!("{F}unknown_unit.dac")
    ],
    [
        ("unknown Grafana unit `dollars`", "unknown_unit.dac:5:12"),
        ("build failed with 1 error(s)", "nothing was written")
    ]
);

case!(
    empty_input,
    [format!("{F}empty.dac")],
    [(
        "nothing to build: the sources define no dashboard, rule set or service",
        "error[build/nothing-to-build]"
    )]
);

case!(
    invalid_utf8,
    [format!("{F}invalid_utf8.dac")],
    [("UTF-8", "invalid_utf8.dac")]
);

case!(
    binary_garbage,
    [format!("{F}binary_garbage.dac")],
    [("UTF-8", "binary_garbage.dac")]
);

case!(
    a_directory_without_dac_files,
    [format!("{F}no_dac_files")],
    [(
        "no `.dac` files in `tests/fixtures/build/no_dac_files`",
        "error[build/nothing-to-build]"
    )]
);

case!(
    a_path_that_does_not_exist,
    [format!("{F}nowhere")],
    [("tests/fixtures/build/nowhere", "error[")]
);

/// `dac.toml` is read from the current directory: run there, with a valid source.
#[test]
fn bad_dac_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    fs::create_dir(&project).unwrap();
    fs::copy(
        crate_root().join(F).join("dac_toml.toml"),
        project.join("dac.toml"),
    )
    .unwrap();
    fs::write(
        project.join("trade.dac"),
        "dashboard \"Trade\" {\n  uid = \"trade\"\n}\n",
    )
    .unwrap();
    let stderr = failing_build(tmp.path(), Some(&project), &["."]);
    for (message, at) in [
        (
            "namespace `Monitoring` is not a DNS-1123 label",
            "dac.toml:2:13",
        ),
        (
            "`grafana dashboard` is not a valid Kubernetes label key",
            "dac.toml:5:12",
        ),
    ] {
        assert!(
            stderr.contains(message),
            "missing {message:?} in:\n{stderr}"
        );
        assert!(stderr.contains(at), "missing {at:?} in:\n{stderr}");
    }
    insta::assert_snapshot!(stderr);
}

// `--check` on bad sources is an error (2), not "stale" (1).
#[test]
fn check_with_bad_sources_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr = failing_build(
        tmp.path(),
        None,
        &["--check", &format!("{F}unknown_unit.dac")],
    );
    assert!(stderr.contains("unknown_unit.dac:5:12"), "{stderr}");
}

/// `dac build dashboards alerts catalog -o OUT` in the crate root.
fn build_into(out: &Path) -> dac_bin::Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("build")];
    args.extend(dac_bin::CRYPTOBOT.iter().map(OsStr::new));
    args.extend([OsStr::new("-o"), out.as_os_str()]);
    dac(&crate_root(), args)
}

#[test]
fn an_output_path_that_is_a_file_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::write(&out, "a file, not a directory\n").unwrap();
    let before = tree(tmp.path());
    let run = build_into(&out).expect(2);
    assert!(run.stderr.contains("is not a directory"), "{run}");
    assert_eq!(tree(tmp.path()), before);
}

/// One file cannot be written (a directory is in its place): no other file is written
/// either, and nothing is left behind.
#[test]
fn a_build_that_cannot_write_one_file_writes_none() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("grafana/cryptobot/cryptobot-trade.json")).unwrap();
    let before = tree(tmp.path());
    let run = build_into(&out).expect(2);
    assert!(
        run.stderr.contains("cryptobot-trade.json` is in the way"),
        "{run}"
    );
    assert_eq!(tree(tmp.path()), before);

    // Over an earlier good build, too.
    fs::remove_dir(out.join("grafana/cryptobot/cryptobot-trade.json")).unwrap();
    build_cryptobot(&out);
    fs::remove_file(out.join("grafana/cryptobot/cryptobot-trade.json")).unwrap();
    fs::create_dir(out.join("grafana/cryptobot/cryptobot-trade.json")).unwrap();
    fs::write(out.join("kubernetes/kustomization.yaml"), "stale\n").unwrap();
    let before = tree(tmp.path());
    build_into(&out).expect(2);
    assert_eq!(tree(tmp.path()), before);
}

/// A symbolic link inside `out/` would let a build write elsewhere: refused, and the
/// place it points to is untouched.
#[test]
fn a_symlink_inside_the_output_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("keep.txt"), "mine\n").unwrap();
    fs::rename(out.join("kubernetes"), tmp.path().join("kubernetes-moved")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("kubernetes")).unwrap();
    let before = tree(tmp.path());
    let run = build_into(&out).expect(2);
    assert!(run.stderr.contains("symbolic link"), "{run}");
    assert_eq!(tree(tmp.path()), before);
    assert_eq!(files(&tree(&elsewhere)), ["keep.txt"]);
}

// Errors of different stages in different files: each is reported.
case!(
    errors_in_several_files_are_all_reported,
    [
        format!("{F}syntax_error.dac"),
        format!("{F}promql_type_in_rule.dac"),
        format!("{F}uid_too_long.dac")
    ],
    [
        (
            "expected `=` after attribute name `unit`",
            "syntax_error.dac:5:10"
        ),
        ("expected range vector", "promql_type_in_rule.dac:5:28"),
        ("Grafana allows at most 40", "uid_too_long.dac:2:9"),
        ("build failed with 3 error(s)", "nothing was written")
    ]
);

/// The check runs on the resolved project, so a command that does not emit finds it too.
#[test]
fn lint_reports_names_that_give_one_output_file() {
    let fixture = format!("{F}output_path_collision.dac");
    let run = dac(&crate_root(), ["lint", fixture.as_str()]).expect(2);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(
        all.matches("[dac/output-path-collision]").count(),
        2,
        "{run}"
    );
}
