//! A real Alertmanager on 127.0.0.1 (Debian's `prometheus-alertmanager`), killed when
//! dropped, and a webhook receiver the test runs: a thread on a std `TcpListener` that
//! hands every request it gets to the test.

use crate::dac_bin;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::prometheus::{Process, free_port, get};

pub struct Alertmanager {
    process: Process,
    port: u16,
}

impl Alertmanager {
    /// Starts it with `config`, its data and log in `dir`, clustering off.
    pub fn start(dir: &Path, config: &Path) -> Alertmanager {
        let program = dac_bin::program("ALERTMANAGER", "prometheus-alertmanager");
        let port = free_port();
        let args = [
            format!("--config.file={}", config.display()),
            format!("--web.listen-address=127.0.0.1:{port}"),
            format!("--storage.path={}", dir.join("am-data").display()),
            "--cluster.listen-address=".to_string(),
            "--log.level=debug".to_string(),
        ];
        let log = dir.join("alertmanager.log");
        let mut am = Alertmanager {
            process: Process::spawn("alertmanager", &program, &args, log),
            port,
        };
        am.process
            .wait_until("ready", || matches!(get(port, "/-/ready"), Ok((200, _))));
        am
    }

    /// `127.0.0.1:<port>`, as Prometheus' `alertmanagers` targets name it.
    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn log(&self) -> String {
        self.process.log()
    }

    /// POSTs `alerts` (JSON) to `/api/v2/alerts`; the status code.
    pub fn post_alerts(&self, alerts: &serde_json::Value) -> u16 {
        let body = alerts.to_string();
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "POST /api/v2/alerts HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }
}

/// One request the webhook receiver got.
#[derive(Debug)]
pub struct Hook {
    pub path: String,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Hook {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Listens on a free port; every request is answered 200 and sent to the receiver.
pub fn webhook_receiver() -> (u16, Receiver<Hook>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let (send, receive) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            match read_request(stream) {
                Some(hook) => {
                    if send.send(hook).is_err() {
                        return;
                    }
                }
                None => continue,
            }
        }
    });
    (port, receive)
}

fn read_request(mut stream: TcpStream) -> Option<Hook> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_lowercase(), v.trim().to_string()));
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    let _ =
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
    Some(Hook {
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

impl Alertmanager {
    /// A GET of this Alertmanager: the status code and the body.
    pub fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        get(self.port, path)
    }
}
