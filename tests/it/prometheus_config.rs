//! `prometheus.yml` for a Prometheus run without the operator (`[prometheus] mode`,
//! issue 11): Cryptobot's, pinned and checked by promtool; the build errors at the
//! source; what each mode writes; and a real Prometheus that loads the emitted
//! configuration, with the Kubernetes jobs pointed at a node exporter, and evaluates
//! Cryptobot's rules.

use crate::common::prometheus::{NodeExporter, Server};
use crate::dac_bin::{
    build_cryptobot, build_cryptobot_in_order, crate_root, dac, files, program, tree,
};

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use yaml_serde::{Mapping, Value};

const F: &str = "tests/fixtures/prometheus_config";

/// Where the pod's service account is mounted; promtool checks the files exist.
const SERVICE_ACCOUNT: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

fn yaml(text: &str) -> Value {
    yaml_serde::from_str(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn key(name: &str) -> Value {
    Value::String(name.to_string())
}

/// Cryptobot's build (the repository's dac.toml: mode "both") in `dir/out`.
fn cryptobot(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    build_cryptobot(&out);
    out
}

/// The rule files of the rules ConfigMap(s), name → text: what the mount holds.
fn rules_config_map(out: &Path) -> BTreeMap<String, String> {
    let text = read(&out.join("kubernetes/prometheus-rules.yaml"));
    let mut files = BTreeMap::new();
    for doc in text.split("\n---\n") {
        let doc = yaml(doc);
        let data = doc["data"].as_mapping().expect("a ConfigMap with data");
        for (name, text) in data {
            files.insert(
                name.as_str().unwrap().to_string(),
                text.as_str().unwrap().to_string(),
            );
        }
    }
    files
}

/// Writes the rules ConfigMap's files into `dir/rules` and the service account's files
/// into `dir/serviceaccount`, as the pod would mount them, and returns the configuration
/// with its paths moved there. Fails when a rule file it names is not in the ConfigMap.
fn mounted(config: &str, out: &Path, dir: &Path) -> Value {
    let rules_dir = dir.join("rules");
    fs::create_dir_all(&rules_dir).unwrap();
    for (name, text) in rules_config_map(out) {
        fs::write(rules_dir.join(name), text).unwrap();
    }
    let sa = dir.join("serviceaccount");
    fs::create_dir_all(&sa).unwrap();
    fs::write(sa.join("token"), "not-a-real-token\n").unwrap();
    fs::write(sa.join("ca.crt"), "").unwrap();
    let mut config = yaml(&config.replace(SERVICE_ACCOUNT, &sa.display().to_string()));
    let rule_files = config["rule_files"].as_sequence_mut().expect("rule_files");
    assert!(!rule_files.is_empty());
    for file in rule_files.iter_mut() {
        let path = file.as_str().unwrap();
        let name = path
            .strip_prefix("/etc/prometheus/rules/")
            .unwrap_or_else(|| panic!("`{path}` is not under the rules mount"));
        let local = rules_dir.join(name);
        assert!(local.is_file(), "`{path}` is not in the rules ConfigMap");
        *file = Value::String(local.display().to_string());
    }
    config
}

fn write_yaml(path: &Path, value: &Value) {
    fs::write(path, yaml_serde::to_string(value).unwrap()).unwrap();
}

fn promtool_check_config(path: &Path) -> std::process::Output {
    Command::new(program("PROMTOOL", "promtool"))
        .args(["check", "config"])
        .arg(path)
        .output()
        .unwrap()
}

/// Each job's Kubernetes discovery replaced by static `targets`, its relabelling and
/// client settings kept unless `keep_relabel` is false.
fn static_jobs(config: &mut Value, targets: &[String], keep_relabel: bool) {
    let jobs = config["scrape_configs"].as_sequence_mut().unwrap();
    for job in jobs.iter_mut() {
        let job = job.as_mapping_mut().unwrap();
        assert!(job.remove("kubernetes_sd_configs").is_some(), "{job:?}");
        let targets: Vec<Value> = targets.iter().map(|t| key(t)).collect();
        let mut static_config = Mapping::new();
        static_config.insert(key("targets"), Value::Sequence(targets));
        job.insert(
            key("static_configs"),
            Value::Sequence(vec![Value::Mapping(static_config)]),
        );
        if !keep_relabel {
            for k in [
                "relabel_configs",
                "scheme",
                "authorization",
                "tls_config",
                "scrape_interval",
                "scrape_timeout",
            ] {
                job.remove(k);
            }
            job.insert(key("metrics_path"), key("/metrics"));
        }
    }
}

#[test]
fn cryptobot_prometheus_yml_is_pinned() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cryptobot(tmp.path());
    let text = read(&out.join("prometheus/prometheus.yml"));
    let config = yaml(&text);
    let jobs: Vec<&str> = config["scrape_configs"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|j| j["job_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        jobs,
        [
            "backtest-service",
            "dashboard-service",
            "data-service",
            "kube-state-metrics",
            "kubelet",
            "node-exporter",
            "strategy-service",
            "trade-service",
            "kubernetes-pods",
        ]
    );
    insta::assert_snapshot!("cryptobot_prometheus_yml", text);
}

/// Same sources, same bytes: the jobs and rule files do not follow the order of the
/// files read.
#[test]
fn prometheus_yml_does_not_depend_on_the_order_of_the_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let first = cryptobot(tmp.path());
    let second = tmp.path().join("reversed");
    let mut catalog: Vec<String> = fs::read_dir(crate_root().join("catalog"))
        .unwrap()
        .map(|e| format!("catalog/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    catalog.sort();
    catalog.reverse();
    let mut order: Vec<&str> = catalog.iter().map(String::as_str).collect();
    order.extend(["alerts", "dashboards"]);
    build_cryptobot_in_order(&second, &order);
    for file in [
        "prometheus/prometheus.yml",
        "kubernetes/prometheus-config.yaml",
    ] {
        assert_eq!(read(&first.join(file)), read(&second.join(file)), "{file}");
    }
}

#[test]
fn cryptobot_config_map_holds_prometheus_yml() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cryptobot(tmp.path());
    let text = read(&out.join("prometheus/prometheus.yml"));
    let cm = yaml(&read(&out.join("kubernetes/prometheus-config.yaml")));
    assert_eq!(cm["apiVersion"], key("v1"));
    assert_eq!(cm["kind"], key("ConfigMap"));
    assert_eq!(cm["metadata"]["name"], key("prometheus-config"));
    assert_eq!(cm["metadata"]["namespace"], key("monitoring"));
    assert_eq!(
        cm["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        key("dac")
    );
    assert_eq!(cm["data"]["prometheus.yml"], key(&text));
    let kustomization = read(&out.join("kubernetes/kustomization.yaml"));
    assert!(kustomization.contains("- prometheus-config.yaml\n"));
}

/// promtool checks the configuration and loads every rule file it names from where the
/// ConfigMap is mounted. Debian's promtool is built without Kubernetes discovery
/// ("field kubernetes_sd_configs not found"); with it, the jobs get static targets and
/// everything else (relabelling, TLS, authorization, global, alerting, rule files) is
/// checked as written. An upstream promtool ($PROMTOOL) checks the file as it is.
#[test]
fn cryptobot_prometheus_yml_passes_promtool() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cryptobot(tmp.path());
    let text = read(&out.join("prometheus/prometheus.yml"));
    let mut config = mounted(&text, &out, tmp.path());
    let path = tmp.path().join("prometheus.yml");
    write_yaml(&path, &config);
    let mut check = promtool_check_config(&path);
    let stderr = String::from_utf8_lossy(&check.stderr).to_string();
    if !check.status.success() && stderr.contains("field kubernetes_sd_configs not found") {
        static_jobs(&mut config, &["127.0.0.1:9100".to_string()], true);
        write_yaml(&path, &config);
        check = promtool_check_config(&path);
    }
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "promtool check config failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout.contains("SUCCESS: 8 rule files found"), "{stdout}");
}

/// A build that must fail: exit 2, nothing written, stderr (with `file:line:col`).
fn failing(fixture: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let args = [OsStr::new("build"), OsStr::new("-o"), out.as_os_str()];
    let run = crate::dac_bin::refused(&crate_root().join(F).join(fixture), args);
    assert!(
        run.stderr
            .trim_end()
            .ends_with("error(s); nothing was written"),
        "{run}"
    );
    assert!(!out.exists(), "a failed build wrote {}", out.display());
    run.stderr
}

#[test]
fn a_service_without_a_port_is_an_error_at_the_service() {
    let stderr = failing("no_port");
    assert!(stderr.contains("error[dac/scrape-job]"), "{stderr}");
    assert!(stderr.contains("catalog.dac:3:9"), "{stderr}");
    assert!(!stderr.contains("data-service"), "{stderr}");
    insta::assert_snapshot!("service_without_port", stderr);
}

#[test]
fn a_timeout_over_the_interval_is_an_error_at_the_service() {
    let stderr = failing("timeout_over_interval");
    assert!(stderr.contains("error[dac/scrape-job]"), "{stderr}");
    assert!(
        stderr.contains("timeout of 20s but is scraped every 15s"),
        "{stderr}"
    );
    assert!(stderr.contains("catalog.dac:3:9"), "{stderr}");
    insta::assert_snapshot!("timeout_over_interval", stderr);
}

#[test]
fn two_jobs_of_one_name_are_an_error_at_the_second() {
    let stderr = failing("duplicate_job");
    assert!(stderr.contains("error[dac/duplicate-job]"), "{stderr}");
    assert!(stderr.contains("catalog.dac:9:9"), "{stderr}");
    insta::assert_snapshot!("duplicate_job", stderr);
}

#[test]
fn a_rule_file_not_in_the_config_map_is_an_error_in_dac_toml() {
    let stderr = failing("missing_rule_file");
    assert!(stderr.contains("error[config/rule-files]"), "{stderr}");
    assert!(stderr.contains("dac.toml:5:30"), "{stderr}");
    insta::assert_snapshot!("missing_rule_file", stderr);
}

#[test]
fn an_unknown_discovery_is_an_error_at_its_value() {
    let stderr = failing("bad_discovery");
    assert!(stderr.contains("error[dac/type]"), "{stderr}");
    assert!(stderr.contains("catalog.dac:5:15"), "{stderr}");
    assert!(stderr.contains("kubelet-cadvisor"), "{stderr}");
    insta::assert_snapshot!("bad_discovery", stderr);
}

#[test]
fn each_code_is_explained() {
    for code in ["dac/scrape-job", "dac/duplicate-job", "config/rule-files"] {
        let run = dac(&crate_root(), ["explain", code]).expect(0);
        assert!(run.stdout.contains("Fix:"), "{code}: {run}");
    }
}

/// The files `modes/` builds into with `[prometheus] mode = MODE` (or none).
fn built_with(mode: Option<&str>) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    fs::create_dir(&project).unwrap();
    for name in ["catalog.dac", "rules.dac"] {
        fs::copy(
            crate_root().join(F).join("modes").join(name),
            project.join(name),
        )
        .unwrap();
    }
    let toml = mode.map_or(String::new(), |m| format!("[prometheus]\nmode = \"{m}\"\n"));
    fs::write(project.join("dac.toml"), toml).unwrap();
    dac(&project, ["build"]).expect(0);
    let t = tree(&project.join("out"));
    files(&t)
        .into_iter()
        .filter(|p| *p != ".dac-manifest")
        .map(str::to_string)
        .collect()
}

#[test]
fn each_mode_writes_its_files() {
    let operator = [
        "kubernetes/prometheusrule-trade-service.yaml",
        "kubernetes/servicemonitor-trade-service.yaml",
    ];
    let config = [
        "kubernetes/prometheus-config.yaml",
        "prometheus/prometheus.yml",
    ];
    let common = [
        "kubernetes/kustomization.yaml",
        "kubernetes/prometheus-rules.yaml",
        "prometheus/trade-service.rules.yml",
    ];
    let sorted = |lists: &[&[&str]]| {
        let mut all: Vec<String> = lists.concat().iter().map(|s| s.to_string()).collect();
        all.sort();
        all
    };
    assert_eq!(built_with(None), sorted(&[&operator, &common]));
    assert_eq!(built_with(Some("operator")), sorted(&[&operator, &common]));
    assert_eq!(built_with(Some("config")), sorted(&[&config, &common]));
    assert_eq!(
        built_with(Some("both")),
        sorted(&[&operator, &config, &common])
    );
}

/// Cryptobot-like series for the node exporter's textfile collector: the inputs of the
/// node and trade-service recording rules.
fn textfile() -> String {
    "# HELP node_memory_MemAvailable_bytes Memory available\n\
     # TYPE node_memory_MemAvailable_bytes gauge\n\
     node_memory_MemAvailable_bytes 2e+09\n\
     # HELP node_memory_MemTotal_bytes Memory in all\n\
     # TYPE node_memory_MemTotal_bytes gauge\n\
     node_memory_MemTotal_bytes 8e+09\n\
     # HELP http_requests_total HTTP requests served\n\
     # TYPE http_requests_total counter\n\
     http_requests_total{namespace=\"cryptobot\",status=\"200\"} 900\n\
     http_requests_total{namespace=\"cryptobot\",status=\"500\"} 100\n"
        .to_string()
}

/// The value of the one series an instant query returns, if it returns one.
fn one_value(server: &Server, query: &str) -> Option<f64> {
    let (_, body) = server.get(&format!("/api/v1/query?query={query}")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&body).ok()?;
    let result = v["data"]["result"].as_array()?;
    match result.as_slice() {
        [one] => one["value"][1].as_str()?.parse().ok(),
        _ => None,
    }
}

/// Every group of `/api/v1/rules` once each of its rules has been evaluated.
fn evaluated_groups(server: &Server) -> Option<Vec<serde_json::Value>> {
    let (_, body) = server.get("/api/v1/rules").ok()?;
    let v: serde_json::Value = serde_json::from_str(&body).ok()?;
    let groups = v["data"]["groups"].as_array()?.clone();
    let done = groups.iter().all(|g| {
        g["rules"].as_array().is_some_and(|rules| {
            rules.iter().all(|r| {
                r["lastEvaluation"]
                    .as_str()
                    .is_some_and(|t| !t.starts_with("0001"))
            })
        })
    });
    done.then_some(groups)
}

/// The emitted configuration, run by a real Prometheus on 127.0.0.1: the Kubernetes jobs
/// scrape a node exporter instead (there is no cluster), and the global settings, the
/// rule files from the ConfigMap's mount and the rule evaluation are as emitted, but for
/// the clock: every interval is 1 s so the test does not wait minutes. Cryptobot's
/// groups load, every rule evaluates without error, and recording rules have values.
#[test]
fn a_real_prometheus_loads_and_evaluates_cryptobots_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = cryptobot(dir);
    let text = read(&out.join("prometheus/prometheus.yml"));
    let emitted = yaml(&text);
    let mut config = mounted(&text, &out, dir);

    let textfiles = dir.join("textfiles");
    fs::create_dir(&textfiles).unwrap();
    fs::write(textfiles.join("cryptobot.prom"), textfile()).unwrap();
    let exporter = NodeExporter::start(dir, &textfiles, "http_requests_total");

    let map = config.as_mapping_mut().unwrap();
    // No Alertmanager runs here, and no cluster for the annotation-based job.
    map.remove("alerting");
    let jobs = map
        .get_mut("scrape_configs")
        .unwrap()
        .as_sequence_mut()
        .unwrap();
    jobs.retain(|j| j["job_name"] != key("kubernetes-pods"));
    static_jobs(&mut config, &[exporter.target()], false);
    let global = config["global"].as_mapping_mut().unwrap();
    for k in ["scrape_interval", "scrape_timeout", "evaluation_interval"] {
        global.insert(key(k), key("1s"));
    }
    assert_eq!(
        config["global"]["external_labels"],
        emitted["global"]["external_labels"]
    );
    for file in config["rule_files"].as_sequence().unwrap() {
        let path = Path::new(file.as_str().unwrap());
        fs::write(path, read(path).replace("interval: 1m\n", "interval: 1s\n")).unwrap();
    }
    let path = dir.join("prometheus.yml");
    write_yaml(&path, &config);

    let mut server = Server::start(dir, &path);
    server.wait_ready();
    let start = Instant::now();
    let mut groups = None;
    while groups.is_none() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(500));
        groups = evaluated_groups(&server);
    }
    let groups = groups.unwrap_or_else(|| panic!("rules not evaluated in 60 s:\n{}", server.log()));

    let names: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    for group in [
        "backtest-service.rules",
        "dashboard-service.rules",
        "data-service.rules",
        "kubernetes.rules",
        "kubernetes.resources",
        "nodes.rules",
        "strategy-service.rules",
        "trade-service.rules",
    ] {
        assert!(
            names.contains(&group),
            "group {group} not loaded: {names:?}"
        );
    }
    for g in &groups {
        for r in g["rules"].as_array().unwrap() {
            assert_eq!(r["health"], "ok", "{}: {r}", g["name"]);
            assert!(r["lastError"].as_str().unwrap_or("").is_empty(), "{r}");
        }
    }

    // node_memory_* as job "node-exporter": 1 - 2/8.
    let mut memory = None;
    let mut requests = None;
    let start = Instant::now();
    while (memory.is_none() || requests.is_none()) && start.elapsed() < Duration::from_secs(30) {
        memory = one_value(&server, "instance:node_memory_utilisation:ratio");
        requests = one_value(
            &server,
            "job:http_requests:rate5m%7Bjob%3D%22trade-service%22%7D",
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    let memory = memory.unwrap_or_else(|| panic!("no recorded memory ratio:\n{}", server.log()));
    assert!((memory - 0.75).abs() < 1e-9, "{memory}");
    // The counters stand still: a rate of 0, but a recorded series.
    assert_eq!(requests, Some(0.0), "{}", server.log());
    let up = one_value(&server, "up%7Bjob%3D%22trade-service%22%7D");
    assert_eq!(up, Some(1.0));
}
