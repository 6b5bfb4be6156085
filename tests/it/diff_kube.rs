//! `dac diff --kube` and `--live-file`: the cluster's objects, as `kubectl get -o json`
//! prints them (tests/fixtures/diff/kube/cluster.json, made by `make_cluster.py` from
//! what `dac build` writes for `project/`, with the server's bookkeeping), compared with
//! the sources; and `kubectl` itself, faked by a script first on `PATH`.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::dac_bin::{Run, crate_root};

fn fixtures() -> PathBuf {
    crate_root().join("tests/fixtures/diff/kube")
}

fn project() -> PathBuf {
    fixtures().join("project")
}

/// `dac ARGS` in the fixture project, with `path` as `PATH` when given and `stdin`.
fn dac_diff(args: &[&str], path: Option<&OsStr>, stdin: &[u8]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dac"));
    command
        .arg("diff")
        .args(args)
        .current_dir(project())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let mut child = command.spawn().expect("dac starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("dac exited"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn cluster() -> Value {
    let text = fs::read_to_string(fixtures().join("cluster.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The cluster's item of `kind` and `name`.
fn item<'a>(cluster: &'a mut Value, kind: &str, name: &str) -> &'a mut Value {
    cluster["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["kind"] == kind && i["metadata"]["name"] == name)
        .unwrap()
}

/// Writes `value` to a file in `dir`, for `--live-file`.
fn live_file(dir: &Path, value: &Value) -> String {
    let path = dir.join("live.json");
    fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

const NO_CHANGE: &str = "Comparing the ConfigMaps, PrometheusRules and ServiceMonitors only: \
    the sources' against {base}.\n\nSummary: 0 changed, 0 added, 0 removed, 4 unchanged\n";

#[test]
fn the_cluster_as_applied_is_no_change_despite_the_servers_bookkeeping() {
    // The fixture has what the API server adds; the comparison must not see it.
    let text = fs::read_to_string(fixtures().join("cluster.json")).unwrap();
    for noise in [
        "managedFields",
        "resourceVersion",
        "creationTimestamp",
        "\"uid\"",
        "\"generation\"",
        "\"status\"",
        "kubectl.kubernetes.io/last-applied-configuration",
    ] {
        assert!(text.contains(noise), "the fixture lacks {noise}");
    }
    let file = fixtures().join("cluster.json");
    let file = file.to_str().unwrap();
    let run = dac_diff(&["--live-file", file], None, b"").expect(0);
    assert_eq!(run.stdout, NO_CHANGE.replace("{base}", file), "{run}");
    // `kubectl get -o yaml`, from standard input.
    let yaml = fs::read(fixtures().join("cluster.yaml")).unwrap();
    let run = dac_diff(&["--live-file", "-"], None, &yaml).expect(0);
    assert_eq!(
        run.stdout,
        NO_CHANGE.replace("{base}", "standard input"),
        "{run}"
    );
}

#[test]
fn fields_changed_in_the_cluster_are_named() {
    let mut live = cluster();
    let monitor = item(&mut live, "ServiceMonitor", "shop");
    monitor["spec"]["endpoints"][0]["interval"] = json!("15s");
    let rule = item(&mut live, "PrometheusRule", "shop");
    rule["spec"]["groups"][0]["rules"][0]["for"] = json!("10m");
    rule["spec"]["groups"][0]["rules"][0]["labels"]["severity"] = json!("critical");
    let dashboard = item(&mut live, "ConfigMap", "grafana-dashboard-shop");
    let json = dashboard["data"]["shop.json"].as_str().unwrap();
    let edited = json.replace("\"unit\": \"reqps\"", "\"unit\": \"ops\"");
    assert_ne!(json, edited);
    dashboard["data"]["shop.json"] = json!(edited);
    let tmp = tempfile::tempdir().unwrap();
    let file = live_file(tmp.path(), &live);
    // Through standard input, as `kubectl get ... | dac diff --live-file -` does.
    let run = dac_diff(
        &["--live-file", "-"],
        None,
        fs::read(&file).unwrap().as_slice(),
    )
    .expect(1);
    let words = run.changes_in_words();
    assert_eq!(
        words,
        [
            "  data shop.json: panel \"Requests\": unit ops → reqps",
            "  alert ShopDown: for 10m → 5m, severity critical → warning",
            "  spec.endpoints[0].interval 15s → 30s",
        ],
        "{run}"
    );
    assert!(
        run.stdout
            .ends_with("Summary: 3 changed, 0 added, 0 removed, 1 unchanged\n"),
        "{run}"
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn an_object_with_dacs_label_that_the_sources_lack_is_an_orphan() {
    let mut live = cluster();
    let mut orphan = item(&mut live, "ServiceMonitor", "shop").clone();
    orphan["metadata"]["name"] = json!("cart");
    let mut foreign = orphan.clone();
    foreign["metadata"]["name"] = json!("not-ours");
    foreign["metadata"]["labels"] = json!({"app.kubernetes.io/managed-by": "helm"});
    let items = live["items"].as_array_mut().unwrap();
    items.push(orphan);
    items.push(foreign);
    let tmp = tempfile::tempdir().unwrap();
    let file = live_file(tmp.path(), &live);
    let run = dac_diff(&["--live-file", &file], None, b"").expect(1);
    assert!(
        run.stdout
            .contains("removed ServiceMonitor monitoring/cart (ServiceMonitor/monitoring/cart)\n"),
        "{run}"
    );
    assert!(!run.stdout.contains("not-ours"), "{run}");
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 0 added, 1 removed, 4 unchanged\n"),
        "{run}"
    );
    // Of another namespace, the orphan is not compared with `--namespace monitoring`...
    let other = item(&mut live, "ServiceMonitor", "cart");
    other["metadata"]["namespace"] = json!("elsewhere");
    let file = live_file(tmp.path(), &live);
    dac_diff(
        &["--live-file", &file, "--namespace", "monitoring"],
        None,
        b"",
    )
    .expect(0);
    // ...and nothing of the sources is in a namespace they do not use.
    let run = dac_diff(
        &["--live-file", &file, "--namespace", "elsewhere"],
        None,
        b"",
    )
    .expect(1);
    assert!(
        run.stdout
            .ends_with("Summary: 0 changed, 0 added, 1 removed, 0 unchanged\n"),
        "{run}"
    );
}

#[test]
fn malformed_live_files_are_exit_2_and_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("live.json");
    fs::write(&file, "{\"items\": [").unwrap();
    let file = file.to_str().unwrap();
    let run = dac_diff(&["--live-file", file], None, b"").expect(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(&format!(
            "error: `{file}` (--live-file) is not kubectl's JSON or YAML: EOF while parsing"
        )),
        "{run}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    let missing = tmp.path().join("nope.json");
    let run = dac_diff(&["--live-file", missing.to_str().unwrap()], None, b"").expect(2);
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(run.stderr.contains("nope.json"), "{run}");
}

/// `dir`, then the test's own `PATH` (the fake's `cat`).
fn first_on_path(dir: &Path) -> OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path));
    std::env::join_paths(dirs).unwrap()
}

/// A directory holding a `kubectl` that records its arguments in `args` and runs `body`.
fn fake_kubectl(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("kubectl");
    let record = dir.path().join("args");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n{body}\n",
            record.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[test]
fn kubectl_gets_the_context_namespace_and_timeout() {
    let cluster = fixtures().join("cluster.json");
    let kubectl = fake_kubectl(&format!("cat '{}'", cluster.display()));
    let args = [
        "--kube",
        "--context",
        "prod-eu",
        "--namespace",
        "monitoring",
        "--timeout",
        "3s",
    ];
    let run = dac_diff(&args, Some(&first_on_path(kubectl.path())), b"").expect(0);
    assert_eq!(
        run.stdout,
        NO_CHANGE.replace(
            "{base}",
            "the cluster (context prod-eu, namespace monitoring)"
        ),
        "{run}"
    );
    let recorded = fs::read_to_string(kubectl.path().join("args")).unwrap();
    assert_eq!(
        recorded.lines().collect::<Vec<_>>(),
        [
            "get",
            "configmaps,prometheusrules,servicemonitors",
            "-l",
            "app.kubernetes.io/managed-by=dac",
            "-o",
            "json",
            "--request-timeout=3s",
            "--context=prod-eu",
            "--namespace=monitoring",
        ]
    );
    // Without `--namespace`, every namespace: dac's objects name their own.
    dac_diff(&["--kube"], Some(&first_on_path(kubectl.path())), b"").expect(0);
    let recorded = fs::read_to_string(kubectl.path().join("args")).unwrap();
    assert_eq!(recorded.lines().last(), Some("--all-namespaces"));
}

#[test]
fn a_failing_or_missing_kubectl_is_exit_2_and_one_line() {
    let failing = fake_kubectl(
        "echo 'error: You must be logged in to the server (Unauthorized): Authorization: Bearer s3cr3t-t0ken' >&2\n\
         echo 'a second line' >&2\nexit 1",
    );
    let run = dac_diff(&["--kube"], Some(&first_on_path(failing.path())), b"").expect(2);
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(
        run.stderr,
        "error: `kubectl get` failed (exit 1): error: You must be logged in to the server \
         (Unauthorized): Authorization: Bearer [redacted]\n",
        "{run}"
    );

    let garbled = fake_kubectl("echo '{\"items\": ['");
    let run = dac_diff(&["--kube"], Some(&first_on_path(garbled.path())), b"").expect(2);
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(
        run.stderr
            .starts_with("error: the output of `kubectl get` is not kubectl's JSON or YAML"),
        "{run}"
    );

    // A kubectl that hangs (an auth plugin waiting for a browser) is stopped.
    let hanging = fake_kubectl("exec sleep 20");
    let start = std::time::Instant::now();
    let run = dac_diff(
        &["--kube", "--timeout", "200ms"],
        Some(&first_on_path(hanging.path())),
        b"",
    )
    .expect(2);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(15),
        "{run}"
    );
    assert_eq!(
        run.stderr,
        "error: `kubectl get` did not finish within 600ms; raise --timeout or check the cluster\n",
        "{run}"
    );

    let empty = tempfile::tempdir().unwrap();
    let run = dac_diff(&["--kube"], Some(empty.path().as_os_str()), b"").expect(2);
    assert_eq!(
        run.stderr,
        "error: `kubectl` was not found on PATH (for `--kube`); install it, or save \
         `kubectl get ... -o json` to a file and pass `--live-file FILE`\n",
        "{run}"
    );
}
