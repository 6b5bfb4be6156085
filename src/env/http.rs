//! HTTP behind a trait, for the live peers (Grafana, Prometheus) that `diff` and online
//! lint read. Blocking: a command makes few requests, one after another.
//!
//! An [`HttpError`] never holds credentials: the URL in it is kept without its user
//! information and query (where tokens travel), and that raw URL is scrubbed from the
//! reason too, so an error can be printed or logged as it is. Request headers (where a
//! Grafana token travels) are sent, never kept in an error, and the fake records only
//! their names.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

pub trait HttpClient {
    /// `GET url` with these request `headers` (`Authorization`, `X-Grafana-Org-Id`),
    /// giving up after `timeout`. Any status is a response; only a request that got no
    /// answer is an error.
    fn get_with(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        timeout: Duration,
    ) -> Result<Response, HttpError>;

    /// `GET url` with no extra headers.
    fn get(&self, url: &str, timeout: Duration) -> Result<Response, HttpError> {
        self.get_with(url, &[], timeout)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// A request that got no answer: where it went (credentials removed) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpError {
    url: String,
    kind: HttpErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpErrorKind {
    /// This build of dac, or this run, does not reach the network.
    Offline,
    TimedOut(Duration),
    /// No connection, or a broken one: the client's own words.
    Failed(String),
}

impl HttpError {
    /// The error for a request to `url`, with every trace of its credentials removed.
    pub fn new(url: &str, kind: HttpErrorKind) -> Self {
        let shown = redact(url);
        let kind = match kind {
            HttpErrorKind::Failed(reason) if !url.is_empty() => {
                HttpErrorKind::Failed(reason.replace(url, &shown))
            }
            other => other,
        };
        HttpError { url: shown, kind }
    }

    /// The URL, without user information or query.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn kind(&self) -> &HttpErrorKind {
        &self.kind
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.url;
        match &self.kind {
            HttpErrorKind::Offline => write!(f, "cannot reach {url}: dac runs offline here"),
            HttpErrorKind::TimedOut(after) => {
                write!(f, "{url} did not answer within {} s", after.as_secs_f64())
            }
            HttpErrorKind::Failed(reason) => write!(f, "cannot reach {url}: {reason}"),
        }
    }
}

impl std::error::Error for HttpError {}

/// `scheme://user:secret@host/path?token=x#f` as `scheme://host/path`.
fn redact(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or("");
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if scheme.is_empty() {
        format!("{host}{path}")
    } else {
        format!("{scheme}://{host}{path}")
    }
}

/// No network: every request fails at once, saying so.
#[derive(Clone, Copy, Debug, Default)]
pub struct Offline;

impl HttpClient for Offline {
    fn get_with(
        &self,
        url: &str,
        _headers: &[(&str, &str)],
        _timeout: Duration,
    ) -> Result<Response, HttpError> {
        Err(HttpError::new(url, HttpErrorKind::Offline))
    }
}

/// Canned answers by URL, for tests; it records every URL asked for, and the names of
/// the headers sent with it (never their values). A URL with no answer fails as a
/// refused connection would.
#[derive(Debug, Default)]
pub struct FakeHttp {
    pub answers: BTreeMap<String, Result<Response, HttpErrorKind>>,
    requests: Mutex<Vec<(String, Vec<String>)>>,
}

impl FakeHttp {
    /// Answers `url` with `status` and `body`.
    pub fn answer(mut self, url: &str, status: u16, body: &str) -> Self {
        let response = Response {
            status,
            body: body.as_bytes().to_vec(),
        };
        self.answers.insert(url.to_string(), Ok(response));
        self
    }

    /// Fails requests for `url` with `kind`.
    pub fn fail(mut self, url: &str, kind: HttpErrorKind) -> Self {
        self.answers.insert(url.to_string(), Err(kind));
        self
    }

    /// The URLs asked for so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .map(|r| r.iter().map(|(url, _)| url.clone()).collect())
            .unwrap_or_default()
    }

    /// The names of the headers sent with each request so far, in order.
    pub fn header_names(&self) -> Vec<Vec<String>> {
        self.requests
            .lock()
            .map(|r| r.iter().map(|(_, names)| names.clone()).collect())
            .unwrap_or_default()
    }
}

impl HttpClient for FakeHttp {
    fn get_with(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        _timeout: Duration,
    ) -> Result<Response, HttpError> {
        if let Ok(mut requests) = self.requests.lock() {
            let names = headers.iter().map(|(name, _)| name.to_string()).collect();
            requests.push((url.to_string(), names));
        }
        match self.answers.get(url) {
            Some(Ok(response)) => Ok(response.clone()),
            Some(Err(kind)) => Err(HttpError::new(url, kind.clone())),
            None => Err(HttpError::new(
                url,
                HttpErrorKind::Failed("connection refused".into()),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_no_credentials() {
        let url = "https://admin:s3cret@grafana.example:3000/api/search?token=abc#x";
        let error = HttpError::new(
            url,
            HttpErrorKind::Failed(format!("error sending request for url ({url})")),
        );
        let shown = error.to_string();
        assert_eq!(error.url(), "https://grafana.example:3000/api/search");
        assert!(
            !shown.contains("s3cret") && !shown.contains("abc"),
            "{shown}"
        );
        assert!(!format!("{error:?}").contains("s3cret"));
        assert_eq!(redact("localhost:9090/api"), "localhost:9090/api");
        assert_eq!(redact("http://u@h/p@q"), "http://h/p@q");
    }

    #[test]
    fn the_fake_answers_what_it_was_given_and_records_requests() {
        let http = FakeHttp::default()
            .answer("http://p/api/v1/rules", 200, "{}")
            .fail(
                "http://slow/",
                HttpErrorKind::TimedOut(Duration::from_secs(2)),
            );
        let timeout = Duration::from_secs(5);
        let ok = http.get("http://p/api/v1/rules", timeout).unwrap();
        assert_eq!((ok.status, ok.body.as_slice()), (200, b"{}".as_slice()));
        let slow = http.get("http://slow/", timeout).unwrap_err();
        assert_eq!(slow.to_string(), "http://slow/ did not answer within 2 s");
        let none = http.get("http://nobody/", timeout).unwrap_err();
        assert_eq!(
            none.kind(),
            &HttpErrorKind::Failed("connection refused".into())
        );
        assert_eq!(
            http.requests(),
            ["http://p/api/v1/rules", "http://slow/", "http://nobody/"]
        );
        let with = http.get_with(
            "http://p/api/v1/rules",
            &[("Authorization", "Bearer x")],
            timeout,
        );
        assert!(with.is_ok());
        assert_eq!(http.header_names().last().unwrap(), &["Authorization"]);
        assert!(Offline.get("http://p/", timeout).is_err());
    }
}
