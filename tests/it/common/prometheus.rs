//! Real peers on 127.0.0.1 for the tests: Debian's `prometheus` server and its
//! `prometheus-node-exporter`, each on a free port and killed when dropped (so also when
//! a test fails).

use crate::dac_bin;

use std::fs;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a server may take to start and say it is ready.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// A child process killed when dropped, with the file its stderr goes to.
pub struct Process {
    child: Child,
    log: PathBuf,
    name: &'static str,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    pub fn spawn(name: &'static str, program: &Path, args: &[String], log: PathBuf) -> Process {
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        Process { child, log, name }
    }

    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `ready` holds; fails if the process exits or takes too long.
    pub fn wait_until(&mut self, what: &str, mut ready: impl FnMut() -> bool) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "{} exited ({status}) before {what}:\n{}",
                    self.name,
                    self.log()
                );
            }
            if ready() {
                return;
            }
            assert!(
                start.elapsed() < READY_WITHIN,
                "{}: not {what} after {READY_WITHIN:?}:\n{}",
                self.name,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A running Prometheus.
pub struct Server {
    process: Process,
    port: u16,
}

impl Server {
    /// Starts `prometheus` with `config`, its data and log in `dir`, on a free port.
    pub fn start(dir: &Path, config: &Path) -> Server {
        Server::start_on(dir, config, free_port())
    }

    /// Starts `prometheus` on `port`, for a config that names the server's own address
    /// (a server scraping itself).
    pub fn start_on(dir: &Path, config: &Path, port: u16) -> Server {
        Server::start_with(dir, config, port, &[])
    }

    /// Starts `prometheus` on `port` with flags of its own (`--rules.alert.resend-delay=1s`
    /// for a test that waits for alerts to reach an Alertmanager).
    pub fn start_with(dir: &Path, config: &Path, port: u16, extra: &[&str]) -> Server {
        let program = dac_bin::program("PROMETHEUS", "prometheus");
        let mut args = vec![
            format!("--config.file={}", config.display()),
            format!("--web.listen-address=127.0.0.1:{port}"),
            format!("--storage.tsdb.path={}", dir.join("data").display()),
            "--log.level=warn".to_string(),
        ];
        args.extend(extra.iter().map(|a| a.to_string()));
        let log = dir.join("prometheus.log");
        Server {
            process: Process::spawn("prometheus", &program, &args, log),
            port,
        }
    }

    /// Starts `prometheus` evaluating the rule files `rules` (globs allowed), with no
    /// scrape jobs, and waits until it is ready and has loaded at least one group.
    pub fn start_with_rules(dir: &Path, rules: &[PathBuf]) -> Server {
        let config = dir.join("prometheus.yml");
        let mut text = String::from("rule_files:\n");
        for file in rules {
            text.push_str(&format!("  - '{}'\n", file.display()));
        }
        fs::write(&config, text).unwrap();
        let mut server = Server::start(dir, &config);
        server.wait_ready();
        let port = server.port;
        server.wait_for(
            "rules loaded",
            || matches!(get(port, "/api/v1/rules"), Ok((200, body)) if body.contains("\"rules\"")),
        );
        server
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn log(&self) -> String {
        self.process.log()
    }

    /// Waits until `/-/ready` answers 200; fails if the server exits or takes too long.
    pub fn wait_ready(&mut self) {
        let port = self.port;
        self.process
            .wait_until("ready", || matches!(get(port, "/-/ready"), Ok((200, _))));
    }

    /// Waits until `check` holds, e.g. until the first scrapes are stored.
    pub fn wait_for(&mut self, what: &str, check: impl FnMut() -> bool) {
        self.process.wait_until(what, check);
    }

    /// An HTTP/1.0 GET: the status code and the body.
    pub fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        get(self.port, path)
    }
}

/// A running `prometheus-node-exporter` serving only its textfile collector: the
/// `*.prom` files of a directory, so a test decides exactly which series exist.
pub struct NodeExporter {
    _process: Process,
    port: u16,
}

impl NodeExporter {
    /// Starts the exporter on a free port, serving the `*.prom` files in `textfiles`, and
    /// waits until its `/metrics` shows `expect`.
    pub fn start(dir: &Path, textfiles: &Path, expect: &str) -> NodeExporter {
        let program = node_exporter();
        let port = free_port();
        let args = [
            format!("--web.listen-address=127.0.0.1:{port}"),
            "--collector.disable-defaults".to_string(),
            "--collector.textfile".to_string(),
            format!("--collector.textfile.directory={}", textfiles.display()),
            "--log.level=warn".to_string(),
        ];
        let log = dir.join("node-exporter.log");
        let mut process = Process::spawn("node exporter", &program, &args, log);
        process.wait_until(
            "serving the textfiles",
            || matches!(get(port, "/metrics"), Ok((200, body)) if body.contains(expect)),
        );
        NodeExporter {
            _process: process,
            port,
        }
    }

    /// `127.0.0.1:<port>`, as a scrape target.
    pub fn target(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

/// `$NODE_EXPORTER`, or `prometheus-node-exporter` on `PATH`: missing fails the test,
/// saying how to install it.
fn node_exporter() -> PathBuf {
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|d| d.join("prometheus-node-exporter").is_file())
    });
    assert!(
        on_path || std::env::var_os("NODE_EXPORTER").is_some(),
        "`prometheus-node-exporter` is needed by this test and was not found. Install \
         Debian's `prometheus-node-exporter` package (`scripts/install-test-deps` does \
         it), or set $NODE_EXPORTER to the program's path."
    );
    dac_bin::program("NODE_EXPORTER", "prometheus-node-exporter")
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An HTTP/1.0 GET of 127.0.0.1:`port`: the status code and the body.
pub fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
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
