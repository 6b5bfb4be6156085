//! `examples/github-actions/lint.yml`, the workflow a user copies: it is YAML, it runs on
//! pull requests, it annotates with `--format github` and uploads the SARIF file it
//! writes, and the dac commands it runs are ones this dac accepts, run here on a tiny
//! project.

use crate::dac_bin;

use std::fs;

use dac_bin::{crate_root, dac};
use serde_json::Value;

fn workflow() -> Value {
    let path = crate_root().join("examples/github-actions/lint.yml");
    let text = fs::read_to_string(&path).unwrap();
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()))
}

/// Every `run` script of the lint job, in order.
fn scripts(workflow: &Value) -> Vec<String> {
    let steps = workflow["jobs"]["lint"]["steps"].as_array().cloned();
    steps
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_workflow_annotates_pull_requests_and_uploads_the_sarif_it_writes() {
    let workflow = workflow();
    assert!(workflow["on"].get("pull_request").is_some(), "{workflow:#}");
    let job = &workflow["jobs"]["lint"];
    assert_eq!(job["permissions"]["security-events"], "write");
    let scripts = scripts(&workflow).join("\n");
    assert!(scripts.contains("dac lint --format github"), "{scripts}");
    assert!(
        scripts.contains("dac build --check --format github"),
        "{scripts}"
    );
    assert!(
        scripts.contains("dac lint --format sarif > dac.sarif"),
        "{scripts}"
    );

    let steps = job["steps"].as_array().cloned().unwrap_or_default();
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .unwrap_or_else(|| panic!("no upload-sarif step: {workflow:#}"));
    assert_eq!(upload["with"]["sarif_file"], "dac.sarif");
}

#[test]
fn the_workflows_dac_commands_run_clean_on_a_clean_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("dac.toml"),
        "[build]\nsources = [\"dashboards\"]\nout_dir = \"out\"\n",
    )
    .unwrap();
    fs::create_dir(dir.join("dashboards")).unwrap();
    fs::write(
        dir.join("dashboards/app.dac"),
        "dashboard \"App\" {\n  uid = \"app\"\n  stat \"Up\" { query `sum(up)` }\n}\n",
    )
    .unwrap();
    dac(dir, ["build"]).expect(0);
    let has_lint = dac(dir, ["lint", "--help"]).code == 0;

    let commands: Vec<Vec<String>> = scripts(&workflow())
        .iter()
        .flat_map(|s| {
            s.lines()
                .map(str::trim)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter_map(|line| {
            // `dac ARGS`, up to a redirection or `||`.
            let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            (words.first().map(String::as_str) == Some("dac")).then(|| {
                words[1..]
                    .iter()
                    .take_while(|w| !w.starts_with('>') && *w != "||")
                    .cloned()
                    .collect()
            })
        })
        .collect();
    assert!(commands.len() >= 3, "{commands:?}");
    let mut ran = 0;
    for args in &commands {
        if args[0] == "lint" && !has_lint {
            continue;
        }
        let run = dac(dir, args).expect(0);
        assert!(!run.stderr.contains("error"), "dac {args:?}: {run}");
        ran += 1;
    }
    assert!(ran >= 1, "no command of the workflow ran");
}
