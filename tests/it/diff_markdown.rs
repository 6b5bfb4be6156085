//! `dac diff --format markdown`: the pull-request comment for a realistic change to
//! Cryptobot, and a huge change cut under GitHub's comment limit, never its summary.

use crate::dac_bin::dac;
use crate::diff_git::{commit, cryptobot_repository, edit};

#[test]
fn a_realistic_change_to_cryptobot_as_a_pull_request_comment() {
    let tmp = cryptobot_repository();
    let dashboards = tmp.path().join("dashboards/trade-service.dac");
    // A query changed, a legend renamed, a panel added at the top of a row.
    edit(
        &dashboards,
        "histogram_quantile(0.99, sum by (le) (rate(trade_execution_duration_seconds_bucket[$__rate_interval])))` legend \"p99\"",
        "histogram_quantile(0.999, sum by (le) (rate(trade_execution_duration_seconds_bucket[$__rate_interval])))` legend \"p99.9\"",
    );
    edit(
        &dashboards,
        "  row \"HTTP\" {\n",
        "  row \"HTTP\" {\n    stat \"Open orders\" {\n      query `sum(open_orders)`\n    }\n",
    );
    // An alert made stricter.
    edit(
        &tmp.path().join("alerts/trade-service.dac"),
        "      for         = 5m\n      severity    = critical\n      summary     = \"The portfolio fell",
        "      for         = 2m\n      severity    = critical\n      summary     = \"The portfolio fell",
    );
    commit(
        tmp.path(),
        "trade service: p99.9, open orders, faster portfolio alert",
    );
    let run = dac(
        tmp.path(),
        ["diff", "--base", "main~1", "--format", "markdown"],
    )
    .expect(1);
    assert!(run.stdout.chars().count() < 65_536);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_huge_change_is_cut_under_githubs_limit_and_says_so() {
    let tmp = cryptobot_repository();
    let empty = tempfile::tempdir().unwrap();
    // Against an empty directory everything is added: about a megabyte of diff.
    let run = dac(
        tmp.path(),
        [
            "diff",
            "--against",
            empty.path().to_str().unwrap(),
            "--format",
            "markdown",
        ],
    )
    .expect(1);
    let length = run.stdout.chars().count();
    assert!(length < 65_536, "{length} characters");
    assert!(
        length > 50_000,
        "the diffs fill the room: {length} characters"
    );
    assert!(
        run.stdout
            .contains("| added | 52 |\n| removed | 0 |\n| unchanged | 0 |\n")
    );
    // Every object has its section: only diffs were cut, and the comment says so.
    assert_eq!(
        run.stdout.matches("\n### Added: ").count(),
        52,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "diff(s) were truncated to stay under GitHub's 65536-character comment limit"
        )
    );
    assert!(run.stdout.contains("_Diff truncated: ") || run.stdout.contains("_Diff not shown ("));
}

#[test]
fn no_change_is_a_short_comment_and_exit_0() {
    let tmp = cryptobot_repository();
    let run = dac(
        tmp.path(),
        ["diff", "--base", "main", "--format", "markdown"],
    )
    .expect(0);
    assert!(
        run.stdout
            .starts_with("<!-- dac-diff -->\n## dac diff against `main`\n")
    );
    assert!(
        run.stdout.ends_with("| unchanged | 52 |\n\nNo changes.\n"),
        "{run}"
    );
}

/// `examples/github-actions/diff.yml`: YAML, run on pull requests, posting the markdown
/// of `dac diff --base` and finding its old comment by the marker dac writes.
#[test]
fn the_workflow_posts_and_updates_the_comment() {
    let path = crate::dac_bin::crate_root().join("examples/github-actions/diff.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let workflow: serde_json::Value = yaml_serde::from_str(&text).unwrap();
    assert!(workflow["on"].get("pull_request").is_some(), "{workflow:#}");
    let job = &workflow["jobs"]["diff"];
    assert_eq!(job["permissions"]["pull-requests"], "write");
    let scripts: Vec<&str> = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    let scripts = scripts.join("\n");
    assert!(
        scripts.contains("dac diff --base \"origin/$GITHUB_BASE_REF\" --format markdown"),
        "{scripts}"
    );
    assert!(
        scripts.contains("startswith(\"<!-- dac-diff -->\")"),
        "{scripts}"
    );
    assert!(scripts.contains("--method PATCH") && scripts.contains("--method POST"));
}
