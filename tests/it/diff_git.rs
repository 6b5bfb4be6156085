//! `dac diff --base GITREF` in a temporary git repository holding Cryptobot's sources:
//! the summary and the changes in words, the exit codes of `kubectl diff`, and the work
//! tree left as it was.

use std::fs;
use std::path::Path;

use crate::dac_bin::{crate_root, dac, git};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A repository whose one commit holds Cryptobot's sources (dac.toml, dashboards,
/// alerts, catalog, lib).
pub fn cryptobot_repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = crate_root();
    fs::copy(root.join("dac.toml"), tmp.path().join("dac.toml")).unwrap();
    for dir in ["dashboards", "alerts", "catalog", "lib"] {
        copy_dir(&root.join(dir), &tmp.path().join(dir));
    }
    fs::write(tmp.path().join(".gitignore"), "out/\n").unwrap();
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-qm", "cryptobot"]);
    tmp
}

/// Replaces `from` (which must be there) with `to` in the file at `path`.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Commits everything as the second commit; `main~1` is then the first.
pub fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", message]);
}

#[test]
fn no_change_exits_0_and_says_so() {
    let tmp = cryptobot_repository();
    let run = dac(tmp.path(), ["diff", "--base", "main"]).expect(0);
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 0 added, 0 removed, 52 unchanged\n"),
        "{run}"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn an_alerts_for_and_severity_are_named_exactly() {
    let tmp = cryptobot_repository();
    let file = tmp.path().join("alerts/trade-service.dac");
    edit(
        &file,
        "      for         = 10m\n      severity    = critical\n      summary     = \"{{ $value | humanizePercentage }} of the orders",
        "      for         = 15m\n      severity    = warning\n      summary     = \"{{ $value | humanizePercentage }} of the orders",
    );
    commit(tmp.path(), "orders alert: later, and a warning");
    let status = git(tmp.path(), &["status", "--porcelain"]);
    let run = dac(tmp.path(), ["diff", "--base", "main~1"]).expect(1);
    let line = "alert TradeOrderFailureRate: for 10m → 15m, severity critical → warning";
    // The rule file, the PrometheusRule and the rule files' ConfigMap: nothing else.
    let words = run.changes_in_words();
    assert_eq!(
        words,
        [
            &format!("  {line}"),
            &format!("  data trade-service.rules.yml: {line}"),
            &format!("  {line}"),
        ],
        "{run}"
    );
    assert!(
        run.stdout
            .ends_with("Summary: 3 changed, 0 added, 0 removed, 49 unchanged\n"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("-              \"for\": \"10m\",\n+              \"for\": \"15m\","),
        "{run}"
    );
    // Nothing of the repository changed: no checkout, no out/.
    assert_eq!(git(tmp.path(), &["status", "--porcelain"]), status);
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn a_reformatted_query_is_no_change() {
    let tmp = cryptobot_repository();
    let file = tmp.path().join("dashboards/trade-service.dac");
    edit(
        &file,
        "query `sum by (exchange, side) (rate(trade_executions_total[$__rate_interval]))`",
        "query `sum(\n        rate(trade_executions_total[$__rate_interval])\n      ) by (exchange,side)`",
    );
    commit(tmp.path(), "reformat a query");
    let run = dac(tmp.path(), ["diff", "--base", "main~1"]).expect(0);
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 0 added, 0 removed, 52 unchanged\n"),
        "{run}"
    );
}

#[test]
fn a_panel_added_at_the_top_is_the_only_panel_that_shows() {
    let tmp = cryptobot_repository();
    let file = tmp.path().join("dashboards/trade-service.dac");
    edit(
        &file,
        "  row \"HTTP\" {\n",
        "  row \"HTTP\" {\n    stat \"Open orders\" {\n      query `sum(open_orders)`\n    }\n",
    );
    commit(tmp.path(), "a panel at the top");
    let run = dac(tmp.path(), ["diff", "--base", "main~1"]).expect(1);
    assert!(
        run.stdout.contains(
            "changed dashboard \"Cryptobot / Trade Service\" (cryptobot-trade) (grafana/cryptobot/cryptobot-trade.json)\n  panel \"Open orders\" in row \"HTTP\" added\n---"
        ),
        "{run}"
    );
    assert!(
        run.stdout.contains(
            "  data cryptobot-trade.json: panel \"Open orders\" in row \"HTTP\" added\n---"
        ),
        "{run}"
    );
    assert!(
        run.stdout
            .ends_with("Summary: 2 changed, 0 added, 0 removed, 50 unchanged\n"),
        "{run}"
    );
}

#[test]
fn a_renamed_source_file_is_no_change_and_a_renamed_dashboard_is_named() {
    let tmp = cryptobot_repository();
    git(
        tmp.path(),
        &[
            "mv",
            "dashboards/trade-service.dac",
            "dashboards/trading.dac",
        ],
    );
    commit(tmp.path(), "rename the file");
    dac(tmp.path(), ["diff", "--base", "main~1"]).expect(0);

    let file = tmp.path().join("dashboards/trading.dac");
    edit(
        &file,
        "dashboard \"Cryptobot / Trade Service\"",
        "dashboard \"Cryptobot / Trading\"",
    );
    commit(tmp.path(), "rename the dashboard");
    let run = dac(tmp.path(), ["diff", "--base", "main~2"]).expect(1);
    assert!(
        run.stdout.contains("changed dashboard \"Cryptobot / Trading\" (cryptobot-trade) (grafana/cryptobot/cryptobot-trade.json)\n  setting title Cryptobot / Trade Service → Cryptobot / Trading\n"),
        "{run}"
    );
}

#[test]
fn a_new_dashboard_is_added_and_a_deleted_one_removed() {
    let tmp = cryptobot_repository();
    git(tmp.path(), &["rm", "-q", "dashboards/nodes.dac"]);
    commit(tmp.path(), "no nodes dashboard");
    let run = dac(tmp.path(), ["diff", "--base", "main~1"]).expect(1);
    assert!(
        run.stdout
            .contains("removed dashboard \"Cryptobot / Nodes\""),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("removed ConfigMap monitoring/grafana-dashboard-cryptobot-nodes"),
        "{run}"
    );
    let back = dac(tmp.path(), ["diff", "--base", "main~1", "--format", "json"]).expect(1);
    let json: serde_json::Value = serde_json::from_str(&back.stdout).unwrap();
    assert_eq!(json["summary"]["removed"], 2, "{back}");
}

#[test]
fn an_unknown_git_ref_is_one_line_and_exit_2() {
    let tmp = cryptobot_repository();
    let run = dac(tmp.path(), ["diff", "--base", "no-such-branch"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: `no-such-branch` is not a revision of this git repository (for `--base`)\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn old_sources_that_do_not_compile_say_which_side() {
    let tmp = cryptobot_repository();
    let file = tmp.path().join("dashboards/trade-service.dac");
    edit(
        &file,
        "  uid           = \"cryptobot-trade\"",
        "  uid           = ",
    );
    commit(tmp.path(), "broken");
    let run = dac(tmp.path(), ["diff", "--base", "main"]).expect(2);
    assert!(
        run.stderr
            .contains("error: the sources in the work tree do not compile"),
        "{run}"
    );
    assert!(
        run.stderr.contains("dashboards/trade-service.dac:7:"),
        "{run}"
    );
    edit(
        &file,
        "  uid           = ",
        "  uid           = \"cryptobot-trade\"",
    );
    let run = dac(tmp.path(), ["diff", "--base", "main"]).expect(2);
    assert!(
        run.stderr
            .contains("error: the sources at `main` (--base) do not compile"),
        "{run}"
    );
}

#[test]
fn a_missing_side_is_a_usage_error() {
    let tmp = cryptobot_repository();
    let run = dac(tmp.path(), ["diff"]).expect(2);
    assert!(run.stderr.contains("--base <GITREF>"), "{run}");
}

#[test]
fn global_flags_before_diff_are_diffs_own_and_json_is_one_document() {
    let tmp = cryptobot_repository();
    let run = dac(tmp.path(), ["--format", "json", "diff", "--base", "main"]).expect(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["changed"], false);
    assert_eq!(json["summary"]["unchanged"], 52);
    let run = dac(tmp.path(), ["diff", "--base", "main", "--format", "sarif"]).expect(2);
    assert!(
        run.stderr
            .contains("[possible values: text, markdown, json]"),
        "{run}"
    );
}
