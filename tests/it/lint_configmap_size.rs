//! `k8s/configmap-size`, run as a user runs it on a dashboard too large for Kubernetes:
//! `dac lint` reads the files the build would emit and reports the dashboard at its
//! uid; `dac build` runs the rule after emitting and writes nothing when it is an
//! error; a suppression before the dashboard is honoured by both. The emitter itself
//! no longer reports sizes, and the codes it used still explain.

use std::fs;
use std::path::Path;

use crate::dac_bin::{crate_root, dac, tree};

/// A project in `dir` of one dashboard of `panels` panels, each with a query and a
/// description, preceded by `comment`.
fn project(dir: &Path, panels: usize, comment: &str) {
    let mut text = format!("{comment}dashboard \"Big\" {{\n  uid = \"big\"\n");
    for i in 0..panels {
        text.push_str(&format!(
            "  timeseries \"Panel {i}\" {{\n    description = \"Requests served by the \
             handlers of group {i}, per second.\"\n    query \
             `sum by (method) (rate(http_requests_total{{group=\"{i}\"}}[$__rate_interval]))` \
             legend \"{{{{method}}}}\"\n    unit = \"reqps\"\n  }}\n"
        ));
    }
    text.push_str("}\n");
    fs::write(dir.join("dac.toml"), "").unwrap();
    fs::write(dir.join("big.dac"), text).unwrap();
}

#[test]
fn lint_warns_over_the_apply_annotation_limit() {
    let tmp = tempfile::tempdir().unwrap();
    project(tmp.path(), 250, "");
    let run = dac(tmp.path(), ["lint", "big.dac"]).expect(0);
    assert!(
        run.stdout.starts_with("lint: 0 error(s), 1 warning(s)"),
        "{run}"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn build_refuses_a_dashboard_over_the_config_map_limit_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    project(tmp.path(), 450, "");
    let out = tmp.path().join("out");
    let run = dac(tmp.path(), ["build", "big.dac", "-o", "out"]).expect(2);
    assert!(!out.exists(), "a refused build wrote {out:?}");
    assert!(
        run.stderr
            .contains("error[k8s/configmap-size]: dashboard `big` is 1"),
        "{run}"
    );
    assert!(run.stderr.contains("big.dac:2:9"), "{run}");
    assert!(!run.stderr.contains("emit/"), "{run}");

    let run = dac(tmp.path(), ["lint", "big.dac"]).expect(1);
    assert!(run.stderr.contains("error[k8s/configmap-size]"), "{run}");
}

#[test]
fn build_writes_a_large_dashboard_the_rule_only_warns_about() {
    let tmp = tempfile::tempdir().unwrap();
    project(tmp.path(), 250, "");
    dac(tmp.path(), ["build", "big.dac", "-o", "out"]).expect(0);
    let written = tree(&tmp.path().join("out"));
    let json = written.iter().find(|(path, _)| path.ends_with("/big.json"));
    let Some((_, json)) = json else {
        panic!("no dashboard JSON among {:?}", written.keys());
    };
    assert!(json.len() > 256 * 1024 && json.len() < 1024 * 1024);
}

#[test]
fn a_suppression_before_the_dashboard_lets_build_and_lint_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let reason = "# dac: disable k8s/configmap-size -- applied server-side by our GitOps tool\n";
    project(tmp.path(), 450, reason);
    dac(tmp.path(), ["build", "big.dac", "-o", "out"]).expect(0);
    let run = dac(tmp.path(), ["lint", "big.dac"]).expect(0);
    assert!(
        run.stdout.starts_with("lint: 0 error(s), 0 warning(s)"),
        "{run}"
    );
}

#[test]
fn the_emitters_old_size_codes_explain_as_the_rule() {
    for old in [
        "emit/dashboard-large",
        "emit/dashboard-too-large",
        "emit/config-map-too-large",
    ] {
        let run = dac(&crate_root(), ["explain", old]).expect(0);
        assert!(run.stdout.contains("k8s/configmap-size"), "{old}: {run}");
    }
}
