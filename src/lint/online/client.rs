//! The real [`PrometheusApi`]: HTTP over `ureq` (blocking; no async runtime), with a
//! timeout per request, at most [`MAX_IN_FLIGHT`] requests at once, and a cache so a run
//! that asks the same question twice (the same selector in twenty panels) asks the
//! server once.

use super::answers::{self, BuildInfo, LabelSet, Target, TsdbStatus};
use super::api::PrometheusApi;
use super::batch::{MAX_IN_FLIGHT, Permits};
use super::error::{ApiError, ApiErrorKind};
use super::url::{BaseUrl, basic_auth_header};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// How long one request may take, connection to last byte, unless `--timeout` says.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// A series answer for a large metric is big; past this it is refused, not buffered.
const MAX_BODY: u64 = 256 * 1024 * 1024;

type Answer = Result<Arc<Value>, ApiError>;

pub struct Client {
    base: BaseUrl,
    agent: ureq::Agent,
    /// `Authorization` from the URL's userinfo; sent, never shown.
    authorization: Option<String>,
    timeout: Duration,
    permits: Permits,
    /// Answers by request URL. Each entry is filled once, even when two threads ask for
    /// it at the same time; errors are kept too, so a dead server is asked once per URL.
    cache: Mutex<HashMap<String, Arc<OnceLock<Answer>>>>,
}

impl Client {
    /// A client of the Prometheus at `url` (`http[s]://[user:password@]host[:port][/prefix]`).
    pub fn new(url: &str, timeout: Duration) -> Result<Client, ApiError> {
        let base = BaseUrl::parse(url).map_err(|e| {
            // Show what was given only if it holds no credentials.
            let shown = if url.contains('@') {
                "(URL with credentials)"
            } else {
                url
            };
            ApiError::new(shown, ApiErrorKind::BadUrl(e.to_string()))
        })?;
        let authorization = base.basic_auth().map(|(u, p)| basic_auth_header(u, p));
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("dac/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            base,
            agent,
            authorization,
            timeout,
            permits: Permits::new(MAX_IN_FLIGHT),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The server's base URL without credentials.
    pub fn url(&self) -> &str {
        self.base.redacted()
    }

    /// The `data` of `/api/v1/rules`: the rule groups the server has loaded, as it
    /// answers them (`dac diff --prometheus` reads them back into rule files).
    pub fn rules(&self) -> Result<Value, ApiError> {
        self.get("/api/v1/rules", &[]).map(|data| (*data).clone())
    }

    /// The `data` of the answer to `path?query`, from the cache when asked before.
    fn get(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        let (wire, shown) = self.base.endpoint(path, query);
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(cache.entry(wire.clone()).or_default())
        };
        cell.get_or_init(|| {
            let _permit = self.permits.acquire();
            self.fetch(&wire, &shown).map(Arc::new)
        })
        .clone()
    }

    fn fetch(&self, wire: &str, shown: &str) -> Result<Value, ApiError> {
        let error = |kind| ApiError::new(shown, kind);
        let mut request = self.agent.get(wire).header("Accept", "application/json");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let mut response = request.call().map_err(|e| error(self.describe(&e)))?;
        let code = response.status().as_u16();
        // Bytes, not a string: a body that is not UTF-8 is a malformed answer, not a
        // failed connection.
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| error(self.describe(&e)))?;
        let parsed = serde_json::from_slice::<Value>(&body);
        if !(200..300).contains(&code) {
            let detail = parsed
                .as_ref()
                .ok()
                .and_then(|j| j["error"].as_str())
                .map(str::to_string);
            return Err(error(ApiErrorKind::Status {
                code,
                error: detail,
            }));
        }
        let mut json =
            parsed.map_err(|e| error(ApiErrorKind::Malformed(format!("not JSON: {e}"))))?;
        if json["status"] != "success" {
            let detail = json["error"].as_str().unwrap_or("no status \"success\"");
            return Err(error(ApiErrorKind::Malformed(detail.to_string())));
        }
        Ok(json["data"].take())
    }

    /// ureq's error in our words. Its own text is not shown: it may quote the URL, and
    /// this keeps what a user reads under our control (and free of credentials).
    fn describe(&self, e: &ureq::Error) -> ApiErrorKind {
        match e {
            ureq::Error::Timeout(_) => ApiErrorKind::TimedOut(self.timeout),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                ApiErrorKind::TimedOut(self.timeout)
            }
            ureq::Error::Io(io) => ApiErrorKind::Unreachable(io_reason(io)),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                ApiErrorKind::BadUrl("not a valid URL".into())
            }
            ureq::Error::HostNotFound => ApiErrorKind::Unreachable("host not found".into()),
            ureq::Error::ConnectionFailed => ApiErrorKind::Unreachable("connection failed".into()),
            ureq::Error::BodyExceedsLimit(_) => ApiErrorKind::Malformed(format!(
                "the answer is larger than {} MiB",
                MAX_BODY / 1024 / 1024
            )),
            ureq::Error::Protocol(_) => {
                ApiErrorKind::Malformed("the answer is not HTTP".to_string())
            }
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
                ApiErrorKind::Unreachable("TLS handshake failed".into())
            }
            _ => ApiErrorKind::Unreachable("the request failed".into()),
        }
    }

    fn data<T>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        parse: fn(&Value) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        let data = self.get(path, query)?;
        parse(&data).map_err(|why| {
            let (_, shown) = self.base.endpoint(path, query);
            ApiError::new(&shown, ApiErrorKind::Malformed(why))
        })
    }
}

/// An I/O error's reason without the OS error number, e.g. "connection refused".
fn io_reason(io: &std::io::Error) -> String {
    match io.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        std::io::ErrorKind::ConnectionReset => "connection reset".to_string(),
        std::io::ErrorKind::UnexpectedEof => "the connection closed mid-answer".to_string(),
        kind => kind.to_string(),
    }
}

impl PrometheusApi for Client {
    fn series(&self, selector: &str, limit: Option<usize>) -> Result<Vec<LabelSet>, ApiError> {
        let limit = limit.map(|n| n.to_string());
        let mut query = vec![("match[]", selector)];
        if let Some(limit) = &limit {
            query.push(("limit", limit.as_str()));
        }
        self.data("/api/v1/series", &query, answers::series)
    }

    fn label_values(&self, label: &str, selector: Option<&str>) -> Result<Vec<String>, ApiError> {
        let path = format!("/api/v1/label/{}/values", super::url::percent_encode(label));
        let query: Vec<_> = selector.map(|s| ("match[]", s)).into_iter().collect();
        self.data(&path, &query, answers::strings)
    }

    fn label_names(&self, selector: Option<&str>) -> Result<Vec<String>, ApiError> {
        let query: Vec<_> = selector.map(|s| ("match[]", s)).into_iter().collect();
        self.data("/api/v1/labels", &query, answers::strings)
    }

    fn targets(&self) -> Result<Vec<Target>, ApiError> {
        self.data("/api/v1/targets", &[("state", "active")], answers::targets)
    }

    fn tsdb_status(&self) -> Result<TsdbStatus, ApiError> {
        self.data("/api/v1/status/tsdb", &[], answers::tsdb_status)
    }

    fn build_info(&self) -> Result<BuildInfo, ApiError> {
        self.data("/api/v1/status/buildinfo", &[], answers::build_info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_ureq_cannot_request_is_a_bad_url() {
        let client = Client::new("http://bad host:9090", Duration::from_secs(1)).unwrap();
        let error = client.build_info().unwrap_err();
        assert!(matches!(error.kind, ApiErrorKind::BadUrl(_)), "{error:?}");
    }

    #[test]
    fn a_refused_url_with_credentials_is_not_quoted() {
        let error = Client::new("ftp://admin:s3cr3t@host", DEFAULT_TIMEOUT)
            .err()
            .expect("ftp is refused");
        assert!(!error.to_string().contains("s3cr3t"), "{error}");
        assert!(matches!(error.kind, ApiErrorKind::BadUrl(_)));
    }
}
