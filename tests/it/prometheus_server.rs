//! The rule files of Cryptobot's build, loaded by a real Prometheus server (Debian's
//! `prometheus` package) on 127.0.0.1: every group and rule the build wrote is loaded,
//! and none is unhealthy.

use crate::common;
use crate::dac_bin;

use std::fs;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::validate::yaml_to_json;
use dac_bin::{build_cryptobot, files, tree};
use serde_json::Value;

/// How long the server may take to load its rules and say it is ready.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// A running Prometheus; killed when dropped, so also when the test fails.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `prometheus` with `config`, its data and log in `dir`, on a free port.
    fn start(dir: &Path, config: &Path) -> Server {
        let program = dac_bin::program("PROMETHEUS", "prometheus");
        let log = dir.join("prometheus.log");
        let port = free_port();
        let child = Command::new(&program)
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.join("data").display()
            ))
            .arg("--log.level=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        Server { child, port, log }
    }

    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `/-/ready` answers 200; fails if the server exits or takes too long.
    fn wait_ready(&mut self) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "prometheus exited ({status}) before it was ready:\n{}",
                    self.log()
                );
            }
            if let Ok((200, _)) = self.get("/-/ready") {
                return;
            }
            assert!(
                start.elapsed() < READY_WITHIN,
                "prometheus not ready after {READY_WITHIN:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// An HTTP/1.0 GET: the status code and the body.
    fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let response = String::from_utf8_lossy(&response);
        let (head, body) = response
            .split_once("\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("no end of headers"))?;
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line: {head}")))?;
        Ok((status, body.to_string()))
    }
}

/// A port nothing listens on right now.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A rule as the build wrote it: its group, name and kind.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Loaded {
    file: String,
    group: String,
    name: String,
    kind: String,
}

#[test]
fn prometheus_loads_every_group_and_rule_of_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let rule_files: Vec<PathBuf> = files(&tree(&out))
        .into_iter()
        .filter(|p| p.starts_with("prometheus/") && p.ends_with(".rules.yml"))
        .map(|p| out.join(p))
        .collect();
    assert!(rule_files.len() >= 7, "{rule_files:?}");

    let mut built = Vec::new();
    for path in &rule_files {
        let doc = yaml_to_json(&fs::read_to_string(path).unwrap());
        for group in doc["groups"].as_array().unwrap() {
            for rule in group["rules"].as_array().unwrap() {
                let (name, kind) = match rule["alert"].as_str() {
                    Some(alert) => (alert, "alerting"),
                    None => (rule["record"].as_str().unwrap(), "recording"),
                };
                built.push(Loaded {
                    file: path.display().to_string(),
                    group: group["name"].as_str().unwrap().to_string(),
                    name: name.to_string(),
                    kind: kind.to_string(),
                });
            }
        }
    }

    let config = tmp.path().join("prometheus.yml");
    let mut text = String::from("global:\n  evaluation_interval: 1m\nrule_files:\n");
    for path in &rule_files {
        text.push_str(&format!(
            "  - {}\n",
            serde_json::to_string(&path.display().to_string()).unwrap()
        ));
    }
    fs::write(&config, text).unwrap();

    let mut server = Server::start(tmp.path(), &config);
    server.wait_ready();
    let (status, body) = server.get("/api/v1/rules").unwrap();
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["status"], "success", "{body}");

    let mut loaded = Vec::new();
    let mut unhealthy = Vec::new();
    for group in answer["data"]["groups"].as_array().unwrap() {
        for rule in group["rules"].as_array().unwrap() {
            let name = rule["name"].as_str().unwrap().to_string();
            if rule["health"] == "err" || !rule["lastError"].as_str().unwrap_or("").is_empty() {
                unhealthy.push(format!("{name}: {}", rule["lastError"]));
            }
            loaded.push(Loaded {
                file: group["file"].as_str().unwrap().to_string(),
                group: group["name"].as_str().unwrap().to_string(),
                name,
                kind: rule["type"].as_str().unwrap().to_string(),
            });
        }
    }
    assert!(
        unhealthy.is_empty(),
        "unhealthy rules:\n{}",
        unhealthy.join("\n")
    );
    built.sort();
    loaded.sort();
    assert_eq!(loaded, built);
    assert!(loaded.len() >= 70, "only {} rules", loaded.len());
}
