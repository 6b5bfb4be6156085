//! `dac diff --grafana URL`: Cryptobot's compiled dashboards compared with what a
//! Grafana (the loopback stand-in, `common::grafana_standin`) holds: no change through
//! Grafana's noise, drift from an edit in the UI, orphans, a dashboard missing live, and
//! every failure as one line with exit 2; the token is never printed.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::grafana_standin::{Fault, GrafanaStandin};
use crate::dac_bin::{Run, build_cryptobot, crate_root, files};

/// Recognisable, so a leak anywhere is found.
const TOKEN: &str = "glsa_SECRET_TOKEN_do_not_print";

/// A Grafana holding exactly what `dac build` wrote for Cryptobot, saved the way
/// Grafana saves (its noise added).
fn cryptobot_grafana() -> GrafanaStandin {
    let grafana = GrafanaStandin::start(TOKEN);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let tree = crate::dac_bin::tree(&out);
    for path in files(&tree) {
        if path.starts_with("grafana/cryptobot/") {
            let dashboard: Value = serde_json::from_slice(&tree[path]).unwrap();
            grafana.save(Some("Cryptobot"), dashboard);
        }
    }
    grafana
}

/// `dac diff --grafana URL ARGS` from the crate root, the token in `GRAFANA_TOKEN`
/// unless `env` says otherwise; fails the test if the token shows anywhere.
fn diff<S: AsRef<OsStr>>(
    grafana: &GrafanaStandin,
    args: impl IntoIterator<Item = S>,
    env: &[(&str, &str)],
) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dac"));
    command
        .args(["diff", "--grafana", &grafana.url()])
        .args(args)
        .current_dir(crate_root())
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GRAFANA_USER")
        .env_remove("GRAFANA_PASSWORD")
        .env("NO_COLOR", "1")
        .env("GRAFANA_TOKEN", TOKEN);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("dac starts");
    let run = Run {
        code: output.status.code().expect("dac exited"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN),
        "the token was printed: {run}"
    );
    run
}

/// The output with the stand-in's port, which changes each run, made fixed.
fn fixed(text: &str, grafana: &GrafanaStandin) -> String {
    text.replace(&grafana.url(), "http://127.0.0.1:PORT")
}

#[test]
fn what_dac_built_is_no_change_through_grafanas_noise() {
    let grafana = cryptobot_grafana();
    let run = diff(&grafana, ["-v"], &[]).expect(0);
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 0 added, 0 removed, 8 unchanged\n"),
        "{run}"
    );
    let requests = grafana.requests();
    assert!(requests.iter().all(|r| r.authorized), "{requests:?}");
    assert_eq!(
        requests[0].target,
        "/api/search?type=dash-db&limit=5000&page=1"
    );
    assert!(
        requests
            .iter()
            .any(|r| r.target == "/api/dashboards/uid/cryptobot-trade")
    );
    assert!(
        run.stderr.contains(&format!(
            "Reading Grafana at {} (dashboards only)\n",
            grafana.url()
        )),
        "{run}"
    );
}

/// Someone edits two panels of the trade dashboard in Grafana's UI.
fn edit_in_the_ui(grafana: &GrafanaStandin) {
    grafana.edit("cryptobot-trade", |d| {
        let panels = d["panels"].as_array_mut().unwrap();
        let traffic = panels.iter_mut().find(|p| p["title"] == "Traffic").unwrap();
        let expr = traffic["targets"][0]["expr"].as_str().unwrap();
        traffic["targets"][0]["expr"] = expr
            .replace("sum by (method)", "sum by (method, status)")
            .into();
        let saturation = panels
            .iter_mut()
            .find(|p| p["title"] == "Saturation")
            .unwrap();
        saturation["title"] = "Resource saturation".into();
    });
}

#[test]
fn a_panel_edited_in_the_ui_is_drift_named_in_words() {
    let grafana = cryptobot_grafana();
    edit_in_the_ui(&grafana);
    let run = diff(&grafana, None::<&str>, &[]).expect(1);
    assert!(
        run.stdout.contains(
            "changed dashboard \"Cryptobot / Trade Service\" (cryptobot-trade) (grafana/cryptobot/cryptobot-trade.json)\n"
        ),
        "{run}"
    );
    assert!(run.stdout.contains("panel \"Traffic\""), "{run}");
    assert!(run.stdout.contains("query changed"), "{run}");
    assert!(run.stdout.contains("\"Resource saturation\""), "{run}");
    assert!(
        run.stdout
            .ends_with("Summary: 1 changed, 0 added, 0 removed, 7 unchanged\n"),
        "{run}"
    );
    insta::assert_snapshot!("drift_text", fixed(&run.stdout, &grafana));
    let markdown = diff(&grafana, ["--format", "markdown"], &[]).expect(1);
    insta::assert_snapshot!("drift_markdown", fixed(&markdown.stdout, &grafana));
}

#[test]
fn orphans_in_dacs_folder_or_with_its_tag_show_as_removed() {
    let grafana = cryptobot_grafana();
    let old = |uid: &str, title: &str, tags: &[&str]| serde_json::json!({"uid": uid, "title": title, "tags": tags, "panels": []});
    grafana.save(Some("Cryptobot"), old("cryptobot-legacy", "Legacy", &[]));
    grafana.save(Some("Team X"), old("team-x", "Team X board", &[]));
    grafana.save(
        None,
        old("tagged", "Tagged at the root", &["cryptobot-managed"]),
    );
    let run = diff(&grafana, None::<&str>, &[]).expect(1);
    assert!(
        run.stdout.contains(
            "removed dashboard \"Legacy\" (cryptobot-legacy) (grafana/cryptobot/cryptobot-legacy.json)\n"
        ),
        "{run}"
    );
    assert!(
        !run.stdout.contains("team-x") && !run.stdout.contains("tagged"),
        "{run}"
    );
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 0 added, 1 removed, 8 unchanged\n"),
        "{run}"
    );
    let tagged = diff(&grafana, ["--grafana-tag", "cryptobot-managed"], &[]).expect(1);
    assert!(
        tagged.stdout.contains(
            "removed dashboard \"Tagged at the root\" (tagged) (grafana/general/tagged.json)\n"
        ),
        "{tagged}"
    );
    assert!(!tagged.stdout.contains("team-x"), "{tagged}");
}

#[test]
fn a_dashboard_missing_live_shows_as_added() {
    let grafana = cryptobot_grafana();
    grafana.delete("cryptobot-nodes");
    let run = diff(&grafana, None::<&str>, &[]).expect(1);
    assert!(run.stdout.starts_with("added dashboard "), "{run}");
    assert!(run.stdout.contains("(cryptobot-nodes)"), "{run}");
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 1 added, 0 removed, 7 unchanged\n"),
        "{run}"
    );
}

#[test]
fn a_moved_dashboard_says_which_folder_it_is_in() {
    let grafana = cryptobot_grafana();
    grafana.edit("cryptobot-data", |_| {});
    let dashboard = {
        let run = diff(&grafana, ["--format", "json"], &[]).expect(0);
        serde_json::from_str::<Value>(&run.stdout).unwrap()
    };
    assert_eq!(dashboard["changed"], false);
    // Saved again in another folder.
    let tmp = tempfile::tempdir().unwrap();
    build_cryptobot(&tmp.path().join("out"));
    let text = std::fs::read(tmp.path().join("out/grafana/cryptobot/cryptobot-data.json")).unwrap();
    grafana.save(Some("Scratch"), serde_json::from_slice(&text).unwrap());
    let run = diff(&grafana, None::<&str>, &[]).expect(1);
    assert!(
        run.stdout
            .contains("  file renamed from grafana/scratch/cryptobot-data.json\n"),
        "{run}"
    );
}

/// The one line of a failure (after what `-v` says it reads), its exit 2, and nothing
/// on standard output.
fn failure(run: Run) -> String {
    let run = run.expect(2);
    assert_eq!(run.stdout, "", "{run}");
    let (errors, others): (Vec<&str>, Vec<&str>) =
        run.stderr.lines().partition(|l| l.starts_with("error: "));
    assert_eq!(errors.len(), 1, "{run}");
    assert!(
        others.iter().all(|l| l.starts_with("     Reading ")),
        "{run}"
    );
    fixed_line(&format!("{}\n", errors[0]))
}

fn fixed_line(text: &str) -> String {
    // The port is the only part that changes between runs.
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("127.0.0.1:") {
        out.push_str(&rest[..at + 10]);
        rest = rest[at + 10..].trim_start_matches(|c: char| c.is_ascii_digit());
        out.push_str("PORT");
    }
    out.push_str(rest);
    out
}

#[test]
fn a_refused_token_is_one_line_naming_where_it_came_from() {
    let grafana = cryptobot_grafana();
    let wrong = [("GRAFANA_TOKEN", "glsa_wrong")];
    assert_eq!(
        failure(diff(&grafana, ["-v"], &wrong)),
        "error: Grafana at http://127.0.0.1:PORT/api/search answered 401 Unauthorized: the token in `GRAFANA_TOKEN` was refused; set it to a valid service account token\n"
    );
    // A token that Grafana refuses is never printed either.
    let grafana = GrafanaStandin::start("glsa_other");
    let line = failure(diff(&grafana, ["-v"], &[]));
    assert!(line.contains("401 Unauthorized"), "{line}");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    let line = failure(diff(
        &grafana,
        [OsStr::new("--grafana-token-file"), file.as_os_str()],
        &[],
    ));
    assert!(
        line.contains(&format!(
            "the token in `{}` (`--grafana-token-file`) was refused",
            file.display()
        )),
        "{line}"
    );
}

#[test]
fn the_token_file_basic_auth_and_the_organisation_are_sent() {
    let grafana = cryptobot_grafana();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    let args = [
        OsStr::new("--grafana-token-file"),
        file.as_os_str(),
        OsStr::new("--grafana-org"),
        OsStr::new("3"),
    ];
    diff(&grafana, args, &[("GRAFANA_TOKEN", "")]).expect(0);
    assert!(
        grafana
            .requests()
            .iter()
            .all(|r| r.authorized && r.org.as_deref() == Some("3"))
    );
    grafana.accept_basic("viewer", "pa:ss");
    let basic = [
        ("GRAFANA_TOKEN", ""),
        ("GRAFANA_USER", "viewer"),
        ("GRAFANA_PASSWORD", "pa:ss"),
    ];
    diff(&grafana, None::<&str>, &basic).expect(0);
    let line = failure(diff(
        &grafana,
        None::<&str>,
        &[
            ("GRAFANA_TOKEN", ""),
            ("GRAFANA_USER", "viewer"),
            ("GRAFANA_PASSWORD", "no"),
        ],
    ));
    assert!(
        line.contains("`GRAFANA_USER` and `GRAFANA_PASSWORD` were refused"),
        "{line}"
    );
}

#[test]
fn a_failing_grafana_is_one_line_and_exit_2() {
    let grafana = cryptobot_grafana();
    grafana.fault(Fault::ServerError);
    assert_eq!(
        failure(diff(&grafana, ["-v"], &[])),
        "error: Grafana at http://127.0.0.1:PORT/api/search answered 500 Internal Server Error: Grafana failed; its log says why\n"
    );
    grafana.fault(Fault::Forbidden);
    assert_eq!(
        failure(diff(&grafana, ["--grafana-org", "4"], &[])),
        "error: Grafana at http://127.0.0.1:PORT/api/search answered 403 Forbidden: the token in `GRAFANA_TOKEN` may not read dashboards in organisation 4; give it the Viewer role there\n"
    );
    grafana.fault(Fault::NotJson);
    let line = failure(diff(&grafana, None::<&str>, &[]));
    assert!(
        line.starts_with("error: Grafana at http://127.0.0.1:PORT/api/search gave an answer dac cannot read: it is not JSON"),
        "{line}"
    );
}

#[test]
fn a_hanging_grafana_times_out() {
    let grafana = cryptobot_grafana();
    grafana.fault(Fault::Hang);
    let started = std::time::Instant::now();
    assert_eq!(
        failure(diff(&grafana, ["--timeout", "1s", "-v"], &[])),
        "error: Grafana at http://127.0.0.1:PORT/api/search did not answer within 1 s; is it overloaded? `--timeout` gives it longer\n"
    );
    // A generous bound: the timeout was kept, not the stand-in's 30 s.
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_refused_connection_names_the_url_without_credentials() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://admin:{TOKEN}@127.0.0.1:{port}/grafana");
    let run = Command::new(env!("CARGO_BIN_EXE_dac"))
        .args(["diff", "--grafana", &url])
        .current_dir(crate_root())
        .env_remove("GRAFANA_TOKEN")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2));
    assert!(!stderr.contains(TOKEN), "{stderr}");
    assert_eq!(
        fixed_line(&stderr),
        "error: cannot reach http://127.0.0.1:PORT/grafana/api/search: connection refused; is `--grafana` the URL of a running Grafana?\n"
    );
}

#[test]
fn grafana_cannot_be_combined_with_another_side() {
    let run = crate::dac_bin::dac(
        Path::new(&crate_root()),
        [
            "diff",
            "--grafana",
            "http://127.0.0.1:1",
            "--against",
            "out",
        ],
    )
    .expect(2);
    assert!(run.stderr.contains("cannot be used with"), "{run}");
}
