//! `dac diff --against DIR`: the sources compared with an earlier output directory.

use std::fs;

use crate::dac_bin::{build_cryptobot, crate_root, dac};
use crate::diff_git::{cryptobot_repository, edit};

#[test]
fn an_earlier_out_dir_is_compared_and_its_manifest_ignored() {
    let old = tempfile::tempdir().unwrap();
    let out = old.path().join("out");
    build_cryptobot(&out);
    assert!(out.join(".dac-manifest").exists());
    let tmp = cryptobot_repository();
    dac(tmp.path(), ["diff", "--against", out.to_str().unwrap()]).expect(0);

    edit(
        &tmp.path().join("dashboards/trade-service.dac"),
        "unit  = \"ops\"\n      stack = normal",
        "unit  = \"reqps\"\n      stack = normal",
    );
    let run = dac(tmp.path(), ["diff", "--against", out.to_str().unwrap()]).expect(1);
    assert!(
        run.stdout.contains(
            "  panel \"Trade executions\" in row \"Trade executions\": unit ops → reqps\n"
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
fn a_file_removed_from_the_old_tree_shows_as_added() {
    let old = tempfile::tempdir().unwrap();
    let out = old.path().join("out");
    build_cryptobot(&out);
    fs::remove_file(out.join("kubernetes/servicemonitor-trade-service.yaml")).unwrap();
    let run = dac(&crate_root(), ["diff", "--against", out.to_str().unwrap()]).expect(1);
    assert!(
        run.stdout.contains("added ServiceMonitor monitoring/trade-service (kubernetes/servicemonitor-trade-service.yaml)\n"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("Summary: 0 changed, 1 added, 0 removed, 51 unchanged"),
        "{run}"
    );
}

#[test]
fn a_hand_edited_service_monitor_is_named_field_by_field() {
    let old = tempfile::tempdir().unwrap();
    let out = old.path().join("out");
    build_cryptobot(&out);
    edit(
        &out.join("kubernetes/servicemonitor-trade-service.yaml"),
        "interval: 15s",
        "interval: 30s",
    );
    let run = dac(&crate_root(), ["diff", "--against", out.to_str().unwrap()]).expect(1);
    assert!(
        run.stdout
            .contains("  spec.endpoints[0].interval 30s → 15s\n"),
        "{run}"
    );
}

#[test]
fn a_missing_directory_or_a_broken_file_is_exit_2_and_one_line() {
    let old = tempfile::tempdir().unwrap();
    let missing = old.path().join("nope");
    let run = dac(
        &crate_root(),
        ["diff", "--against", missing.to_str().unwrap()],
    )
    .expect(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: `{}` (for `--against`) is not a directory\n",
            missing.display()
        )
    );
    fs::write(old.path().join("broken.json"), "{").unwrap();
    let run = dac(
        &crate_root(),
        ["diff", "--against", old.path().to_str().unwrap()],
    )
    .expect(2);
    assert!(run.stderr.starts_with("error: in `"), "{run}");
    assert!(
        run.stderr.contains("`broken.json` is not valid JSON"),
        "{run}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
}
