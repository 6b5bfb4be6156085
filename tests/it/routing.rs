//! The routing block as a user meets it: `dac build` writes an alertmanager.yml that
//! `amtool check-config` accepts, `dac routes` agrees with `amtool config routes test`
//! for every Cryptobot alert, no secret value reaches any output, and faults are errors
//! at their place with nothing written.

use crate::dac_bin;

use std::fs;
use std::path::Path;
use std::process::Command;

use dac_bin::{build_cryptobot, crate_root, dac, program, tree};

const F: &str = "tests/fixtures/routing/";

fn amtool() -> std::path::PathBuf {
    program("AMTOOL", "amtool")
}

fn run_amtool(args: &[String]) -> std::process::Output {
    Command::new(amtool())
        .args(args)
        .output()
        .expect("amtool starts")
}

#[test]
fn amtool_accepts_cryptobot_alertmanager_config() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let file = out.join("alertmanager/alertmanager.yml");
    let check = run_amtool(&["check-config".into(), file.display().to_string()]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "amtool check-config failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout.contains("SUCCESS"), "{stdout}");
    assert!(stdout.contains(" - 1 inhibit rules"), "{stdout}");
    assert!(stdout.contains(" - 12 receivers"), "{stdout}");

    // The ConfigMap holds the same file; the AlertmanagerConfig names the Secret's keys.
    let cm = fs::read_to_string(out.join("kubernetes/alertmanager-config.yaml")).unwrap();
    let cm: serde_json::Value = yaml_serde::from_str(&cm).unwrap();
    assert_eq!(cm["kind"], "ConfigMap");
    assert_eq!(
        cm["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "dac"
    );
    assert_eq!(
        cm["data"]["alertmanager.yml"].as_str().unwrap(),
        fs::read_to_string(&file).unwrap()
    );
    let crd = fs::read_to_string(out.join("kubernetes/alertmanagerconfig.yaml")).unwrap();
    let crd: serde_json::Value = yaml_serde::from_str(&crd).unwrap();
    assert_eq!(crd["apiVersion"], "monitoring.coreos.com/v1alpha1");
    assert_eq!(crd["kind"], "AlertmanagerConfig");
    assert_eq!(crd["metadata"]["name"], "cryptobot");
    let slack = crd["spec"]["receivers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "slack-trading")
        .unwrap();
    assert_eq!(
        slack["slackConfigs"][0]["apiURL"],
        serde_json::json!({ "name": "alertmanager-secrets", "key": "slack-trading.url" })
    );
    let kustomization = fs::read_to_string(out.join("kubernetes/kustomization.yaml")).unwrap();
    assert!(kustomization.contains("- alertmanager-config.yaml"));
    assert!(kustomization.contains("- alertmanagerconfig.yaml"));
}

/// `dac routes --format json` on Cryptobot, and for each alert `amtool config routes
/// test` on the emitted config with the same labels: the same receivers.
#[test]
fn dac_routes_agrees_with_amtool_for_every_cryptobot_alert() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let config = out.join("alertmanager/alertmanager.yml");
    let run = dac(&crate_root(), ["--format", "json", "routes"]).expect(0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (doc["command"].as_str(), doc["success"].as_bool()),
        (Some("routes"), Some(true))
    );
    assert_eq!(doc["routing"], "cryptobot");
    let alerts = doc["alerts"].as_array().unwrap();
    assert!(alerts.len() > 40, "{}", run.stdout);
    let mut reached = std::collections::BTreeSet::new();
    for alert in alerts {
        let mut args = vec![
            "config".to_string(),
            "routes".into(),
            "test".into(),
            format!("--config.file={}", config.display()),
        ];
        for (k, v) in alert["labels"].as_object().unwrap() {
            args.push(format!("{k}={}", v.as_str().unwrap()));
        }
        let answer = run_amtool(&args);
        assert!(answer.status.success(), "{args:?}: {answer:?}");
        let amtool: Vec<String> = String::from_utf8_lossy(&answer.stdout)
            .trim()
            .split(',')
            .map(str::to_string)
            .collect();
        let ours: Vec<String> = alert["receivers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        assert_eq!(ours, amtool, "{}", alert["alert"]);
        reached.extend(ours);
    }
    // The loop saw every kind of route: the heartbeat, pages and Slack messages.
    for r in [
        "heartbeat",
        "pagerduty-trading",
        "slack-data",
        "slack-platform",
    ] {
        assert!(reached.contains(r), "no alert reaches {r}: {reached:?}");
    }
    assert!(!reached.contains("null"), "an alert reaches only null");
}

#[test]
fn dac_routes_prints_a_table() {
    let run = dac(&crate_root(), ["routes"]).expect(0);
    let mut lines = run.stdout.lines();
    let head = lines.next().unwrap();
    assert!(
        head.starts_with("ALERT") && head.contains("RECEIVERS"),
        "{run}"
    );
    let watchdog = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Watchdog "))
        .unwrap();
    assert!(watchdog.contains("root/1"), "{watchdog}");
    assert!(watchdog.trim_end().ends_with("heartbeat"), "{watchdog}");
    let down = run
        .stdout
        .lines()
        .find(|l| l.starts_with("TradeServiceTargetDown "))
        .unwrap();
    assert!(down.contains("root/2/1"), "{down}");
    assert!(down.trim_end().ends_with("pagerduty-trading"), "{down}");
}

#[test]
fn dac_routes_without_a_routing_block_says_so() {
    let run = dac(
        &crate_root(),
        ["routes", "tests/fixtures/lint/alert_for_ok.dac"],
    )
    .expect(2);
    assert!(run.stderr.contains("no `routing` block"), "{run}");
}

/// A secret file with a recognisable value: the build writes its name, and the value
/// appears in no output file and in nothing dac prints.
#[test]
fn no_secret_value_reaches_any_output() {
    const SECRET: &str = "xoxb-SECRET-do-not-print";
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path();
    fs::write(project.join("dac.toml"), "").unwrap();
    fs::create_dir(project.join("secrets")).unwrap();
    for name in [
        "slack.url",
        "pd.key",
        "smtp.password",
        "opsgenie.key",
        "hook.token",
    ] {
        fs::write(
            project.join("secrets").join(name),
            format!("{SECRET}-{name}\n"),
        )
        .unwrap();
    }
    fs::write(
        project.join("routing.dac"),
        r#"
routing "team" {
  receiver "all" {
    slack     { api_url_file = "secrets/slack.url" }
    pagerduty { routing_key_file = "secrets/pd.key" }
    email {
      to = "a@example.com", from = "b@example.com", smarthost = "smtp.example.com:587"
      auth_username = "b", password_file = "secrets/smtp.password"
    }
    opsgenie { api_key_file = "secrets/opsgenie.key" }
    webhook  { url = "https://hook.example.com/", credentials_file = "secrets/hook.token" }
  }
  route { receiver = "all" }
}
"#,
    )
    .unwrap();
    let run = dac(project, ["build", "-o", "out"]).expect(0);
    assert!(!run.stdout.contains("SECRET") && !run.stderr.contains("SECRET"));
    let files = tree(&project.join("out"));
    assert!(
        files.contains_key("alertmanager/alertmanager.yml"),
        "{files:?}"
    );
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("SECRET"), "{path} holds a secret:\n{text}");
    }
    let am = String::from_utf8_lossy(&files["alertmanager/alertmanager.yml"]).into_owned();
    for name in [
        "slack.url",
        "pd.key",
        "smtp.password",
        "opsgenie.key",
        "hook.token",
    ] {
        assert!(
            am.contains(&format!("/etc/alertmanager/secrets/{name}")),
            "{am}"
        );
    }
    let check = run_amtool(&[
        "check-config".into(),
        project
            .join("out/alertmanager/alertmanager.yml")
            .display()
            .to_string(),
    ]);
    assert!(check.status.success(), "{check:?}");
}

/// `dac build FIXTURE -o TMP/out`: exit 2, nothing written; stderr.
fn failing(fixture: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = dac_bin::refused(
        &crate_root(),
        [
            "build",
            &format!("{F}{fixture}"),
            "-o",
            &out.display().to_string(),
        ],
    );
    assert!(!Path::new(&out).join("alertmanager").exists());
    run.stderr
}

#[test]
fn routing_faults_are_errors_at_their_place() {
    let stderr = failing("errors.dac");
    for (message, at) in [
        (
            "error[dac/inline-secret]: `api_url` would write a secret",
            "errors.dac:6:13",
        ),
        (
            "error[dac/duplicate]: duplicate receiver `pager`",
            "errors.dac:11:12",
        ),
        ("the regex `pay(` does not compile", "errors.dac:17:65"),
        ("no receiver is named `pagr`", "errors.dac:18:29"),
        ("no time interval is named `offhour`", "errors.dac:20:30"),
        ("`18:00-08:00` is not a valid `times`", "errors.dac:24:17"),
        (
            "`saturday:sunday` is not a valid `weekdays`",
            "errors.dac:25:17",
        ),
    ] {
        assert!(
            stderr.contains(message),
            "missing {message:?} in:\n{stderr}"
        );
        assert!(stderr.contains(at), "missing {at:?} in:\n{stderr}");
    }
    assert!(stderr.contains("did you mean `pager`?"), "{stderr}");
    assert!(stderr.contains("did you mean `offhours`?"), "{stderr}");
    insta::assert_snapshot!("errors", stderr);
}

#[test]
fn a_route_expectation_that_does_not_hold_fails_the_build_at_it() {
    let stderr = failing("expect_wrong.dac");
    assert!(
        stderr.contains("error[dac/test]: these labels reach `null`, not `chat`"),
        "{stderr}"
    );
    assert!(stderr.contains("expect_wrong.dac:29:41"), "{stderr}");
    assert_eq!(stderr.matches("error[dac/test]").count(), 1, "{stderr}");
    insta::assert_snapshot!("expect_wrong", stderr);
}

/// Every construct of the block (every integration, time intervals of every kind,
/// `continue`, `group_by = ["..."]`, inhibit rules): amtool accepts the file and routes
/// as the expectations say, and the AlertmanagerConfig holds the same tree.
#[test]
fn every_construct_passes_amtool() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    dac(
        &crate_root(),
        [
            "build",
            &format!("{F}all.dac"),
            "-o",
            &out.display().to_string(),
        ],
    )
    .expect(0);
    let file = out.join("alertmanager/alertmanager.yml");
    let check = run_amtool(&["check-config".into(), file.display().to_string()]);
    assert!(check.status.success(), "{check:?}");
    let route = |labels: &[&str]| {
        let mut args = vec![
            "config".to_string(),
            "routes".into(),
            "test".into(),
            format!("--config.file={}", file.display()),
        ];
        args.extend(labels.iter().map(|l| l.to_string()));
        String::from_utf8_lossy(&run_amtool(&args).stdout)
            .trim()
            .to_string()
    };
    assert_eq!(route(&["severity=critical", "env=prod"]), "pager,chat");
    assert_eq!(route(&["severity=critical", "env=dev"]), "chat");
    assert_eq!(route(&["severity=critical", "job=test-1"]), "chat");
    assert_eq!(route(&["severity=info"]), "null");

    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("credentials_file: /run/secrets/alertmanager/hook.token"));
    let crd = fs::read_to_string(out.join("kubernetes/alertmanagerconfig.yaml")).unwrap();
    let crd: serde_json::Value = yaml_serde::from_str(&crd).unwrap();
    let spec = &crd["spec"];
    assert_eq!(spec["route"]["groupBy"], serde_json::json!(["..."]));
    let first = &spec["route"]["routes"][0];
    assert_eq!(first["continue"], true);
    assert_eq!(
        first["matchers"][2],
        serde_json::json!({ "name": "job", "value": "test-.*", "matchType": "!~" })
    );
    let chat = &spec["receivers"][1];
    assert_eq!(
        chat["webhookConfigs"][0]["httpConfig"]["authorization"]["credentials"],
        serde_json::json!({ "name": "am-secrets", "key": "hook.token" })
    );
    let maintenance = &spec["muteTimeIntervals"][2]["timeIntervals"][0];
    assert_eq!(
        maintenance["daysOfMonth"],
        serde_json::json!([{ "start": 1, "end": 7 }, { "start": -1, "end": -1 }])
    );
    assert_eq!(
        spec["inhibitRules"][0]["equal"],
        serde_json::json!(["alertname", "service"])
    );
}
