//! A stand-in for a Grafana server, on 127.0.0.1, for `dac diff --grafana` tests.
//!
//! No Grafana can be installed here (its AGPL licence and its packaging rule it out), so
//! this small loopback HTTP server (std's `TcpListener` and a thread; no dependency)
//! answers the two endpoints dac reads as Grafana's HTTP API reference for 12.x
//! documents them (grafana.com/docs/grafana/v12.4, "Folder/Dashboard Search API" and
//! "Dashboard API"):
//!
//! - `GET /api/search?type=dash-db&limit=N&page=P`: the dashboards, sorted by title,
//!   `limit` a page (default 1000, at most 5000), pages numbered from 1; each hit with
//!   `id`, `uid`, `orgId`, `title`, `uri`, `url`, `slug`, `type`, `tags`, `isStarred`,
//!   `sortMeta`, `isDeleted`, and `folderId`, `folderUid`, `folderTitle`, `folderUrl`
//!   for one in a folder (none for the root).
//! - `GET /api/dashboards/uid/:uid`: `{"dashboard": ..., "meta": ...}`, the `meta`
//!   envelope with `type`, the `can*` flags, `slug`, `url`, `expires`, `created`,
//!   `updated`, `createdBy`, `updatedBy`, `version`, `hasAcl`, `isFolder`, `folderId`,
//!   `folderUid`, `folderTitle` (`General` at the root), `folderUrl`, `provisioned`...;
//!   404 `{"message":"Dashboard not found"}` for an unknown uid.
//!
//! Every request must carry the expected `Authorization` (Bearer token or Basic user and
//! password), else 401 `{"message":"Invalid API key"}`, as Grafana answers. A dashboard
//! put here is stored as a Grafana 12.2 saves one: with a numeric `id`, a `version`,
//! `schemaVersion` 42, `gnetId: null`, each panel's `pluginVersion` "12.2.0" and an
//! empty `links` list; `meta` comes with the answer. It can be told to fail: answer 500,
//! answer 403, hang (for timeouts), or answer what is not JSON.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How the stand-in answers every request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    /// 500 Internal Server Error, Grafana's JSON error body.
    ServerError,
    /// Accept the connection and say nothing (until the stand-in stops).
    Hang,
    /// 200 with an HTML page, as a proxy's login page would be.
    NotJson,
    /// 403: the credentials are good but lack `dashboards:read`.
    Forbidden,
}

/// One request as the stand-in saw it.
#[derive(Clone, Debug)]
pub struct Request {
    /// Path and query, as sent.
    pub target: String,
    pub authorized: bool,
    /// `X-Grafana-Org-Id`, if sent.
    pub org: Option<String>,
}

struct Stored {
    folder: Option<String>,
    id: u64,
    version: u64,
    dashboard: Value,
}

struct State {
    dashboards: BTreeMap<String, Stored>,
    authorization: String,
    fault: Fault,
    requests: Vec<Request>,
    next_id: u64,
}

pub struct GrafanaStandin {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

/// The Grafana version whose saved dashboards the stand-in imitates.
pub const PLUGIN_VERSION: &str = "12.2.0";
pub const SCHEMA_VERSION: u64 = 42;

impl GrafanaStandin {
    /// A stand-in that accepts `Authorization: Bearer TOKEN`.
    pub fn start(token: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            dashboards: BTreeMap::new(),
            authorization: format!("Bearer {token}"),
            fault: Fault::None,
            requests: Vec::new(),
            next_id: 1,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
                    std::thread::spawn(move || serve(stream, &state, &stop));
                }
            })
        };
        GrafanaStandin {
            port,
            state,
            stop,
            accept: Some(accept),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Accept `Authorization: Basic` for this user and password instead of the token.
    pub fn accept_basic(&self, user: &str, password: &str) {
        self.lock().authorization = format!("Basic {}", base64(&format!("{user}:{password}")));
    }

    pub fn fault(&self, fault: Fault) {
        self.lock().fault = fault;
    }

    /// Saves `dashboard` in `folder` (`None`: the root), as Grafana does: a new id, the
    /// next version, and the fields Grafana fills in.
    pub fn save(&self, folder: Option<&str>, dashboard: Value) {
        let uid = dashboard["uid"].as_str().expect("a uid").to_string();
        let mut state = self.lock();
        let id = state.next_id;
        state.next_id += 1;
        let version = state.dashboards.get(&uid).map_or(1, |d| d.version + 1);
        let id = state.dashboards.get(&uid).map_or(id, |d| d.id);
        let stored = Stored {
            folder: folder.map(str::to_string),
            id,
            version,
            dashboard: saved(dashboard, id, version),
        };
        state.dashboards.insert(uid, stored);
    }

    /// Edits a stored dashboard "in the UI" and saves it again.
    pub fn edit(&self, uid: &str, change: impl FnOnce(&mut Value)) {
        let (folder, mut dashboard) = {
            let state = self.lock();
            let d = state.dashboards.get(uid).expect("a stored dashboard");
            (d.folder.clone(), d.dashboard.clone())
        };
        change(&mut dashboard);
        self.save(folder.as_deref(), dashboard);
    }

    pub fn delete(&self, uid: &str) {
        self.lock()
            .dashboards
            .remove(uid)
            .expect("a stored dashboard");
    }

    pub fn requests(&self) -> Vec<Request> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for GrafanaStandin {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// The dashboard as Grafana 12.2 stores it after a save.
fn saved(mut dashboard: Value, id: u64, version: u64) -> Value {
    dashboard["id"] = id.into();
    dashboard["version"] = version.into();
    dashboard["schemaVersion"] = SCHEMA_VERSION.into();
    dashboard["gnetId"] = Value::Null;
    if let Some(Value::Array(panels)) = dashboard.get_mut("panels") {
        panels.iter_mut().for_each(saved_panel);
    }
    dashboard
}

fn saved_panel(panel: &mut Value) {
    if panel["type"] == "row" {
        if let Some(Value::Array(inner)) = panel.get_mut("panels") {
            inner.iter_mut().for_each(saved_panel);
        }
        return;
    }
    panel["pluginVersion"] = PLUGIN_VERSION.into();
    if panel.get("links").is_none() {
        panel["links"] = json!([]);
    }
}

/// One connection: one request, one answer, then close.
fn serve(stream: TcpStream, state: &Mutex<State>, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() || first.is_empty() {
        return;
    }
    let mut headers = BTreeMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, body) = {
        let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
        let authorized = headers.get("authorization") == Some(&state.authorization);
        state.requests.push(Request {
            target: target.clone(),
            authorized,
            org: headers.get("x-grafana-org-id").cloned(),
        });
        match state.fault {
            Fault::Hang => None,
            Fault::ServerError => Some((500, json!({"message": "Internal Server Error"}).to_string())),
            Fault::NotJson => Some((200, "<!doctype html><title>Sign in</title>".to_string())),
            Fault::Forbidden => Some((
                403,
                json!({"accessErrorId": "ACE0947587429", "message": "You'll need additional permissions to perform this action. Permissions needed: dashboards:read", "title": "Access denied"}).to_string(),
            )),
            Fault::None if !authorized => Some((
                401,
                json!({"message": "Invalid API key", "messageId": "api-key.invalid", "statusCode": 401, "traceID": ""}).to_string(),
            )),
            Fault::None => Some(answer(&state, &target)),
        }
    }
    .map_or((0, String::new()), |a| a);
    if status == 0 {
        let until = Instant::now() + Duration::from_secs(30);
        while !stop.load(Ordering::SeqCst) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        return;
    }
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn answer(state: &State, target: &str) -> (u16, String) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let params: BTreeMap<&str, &str> = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    if path == "/api/search" {
        return (200, search(state, &params).to_string());
    }
    if let Some(uid) = path.strip_prefix("/api/dashboards/uid/") {
        return match state.dashboards.get(uid) {
            Some(stored) => {
                let meta = meta(uid, stored);
                (
                    200,
                    json!({"dashboard": stored.dashboard, "meta": meta}).to_string(),
                )
            }
            None => (404, json!({"message": "Dashboard not found"}).to_string()),
        };
    }
    (404, json!({"message": "Not found"}).to_string())
}

fn search(state: &State, params: &BTreeMap<&str, &str>) -> Value {
    let limit = params
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(1000)
        .clamp(1, 5000);
    let page = params
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let mut hits: Vec<Value> = state
        .dashboards
        .iter()
        .map(|(uid, stored)| hit(uid, stored))
        .collect();
    hits.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
    Value::Array(
        hits.into_iter()
            .skip((page - 1) * limit)
            .take(limit)
            .collect(),
    )
}

fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn folder_uid(title: &str) -> String {
    format!("f-{}", slug(title))
}

fn hit(uid: &str, stored: &Stored) -> Value {
    let title = stored.dashboard["title"].as_str().unwrap_or_default();
    let mut hit = json!({
        "id": stored.id,
        "uid": uid,
        "orgId": 1,
        "title": title,
        "uri": format!("db/{}", slug(title)),
        "url": format!("/d/{uid}/{}", slug(title)),
        "slug": "",
        "type": "dash-db",
        "tags": stored.dashboard["tags"].clone(),
        "isStarred": false,
        "sortMeta": 0,
        "isDeleted": false,
    });
    if let Some(folder) = &stored.folder {
        hit["folderId"] = 100.into();
        hit["folderUid"] = folder_uid(folder).into();
        hit["folderTitle"] = folder.as_str().into();
        hit["folderUrl"] = format!("/dashboards/f/{}/{}", folder_uid(folder), slug(folder)).into();
    }
    hit
}

fn meta(uid: &str, stored: &Stored) -> Value {
    let title = stored.dashboard["title"].as_str().unwrap_or_default();
    let (folder_id, folder_uid, folder_title, folder_url) = match &stored.folder {
        Some(f) => (
            100,
            folder_uid(f),
            f.clone(),
            format!("/dashboards/f/{}/{}", folder_uid(f), slug(f)),
        ),
        None => (0, String::new(), "General".to_string(), String::new()),
    };
    json!({
        "type": "db",
        "canSave": true,
        "canEdit": true,
        "canAdmin": true,
        "canStar": true,
        "canDelete": true,
        "slug": slug(title),
        "url": format!("/d/{uid}/{}", slug(title)),
        "expires": "0001-01-01T00:00:00Z",
        "created": "2026-11-02T09:14:03Z",
        "updated": "2026-11-20T16:41:27Z",
        "updatedBy": "admin",
        "createdBy": "admin",
        "version": stored.version,
        "hasAcl": false,
        "isFolder": false,
        "apiVersion": "v1",
        "folderId": folder_id,
        "folderUid": folder_uid,
        "folderTitle": folder_title,
        "folderUrl": folder_url,
        "provisioned": false,
        "provisionedExternalId": "",
        "annotationsPermissions": {
            "dashboard": {"canAdd": true, "canEdit": true, "canDelete": true},
            "organization": {"canAdd": true, "canEdit": true, "canDelete": true}
        }
    })
}

/// Standard base64 with padding, for the Basic header the stand-in expects.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
