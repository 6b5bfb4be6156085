//! The two endpoints of Grafana's HTTP API that `dac diff --grafana` reads,
//! `GET /api/search` and `GET /api/dashboards/uid/:uid`, with the credentials and
//! organisation sent as headers, and every failure put in one line that names the URL
//! (without credentials) and says what to do.
//!
//! The credentials only ever travel in the `Authorization` header: they are never in a
//! URL, never in a `Debug` print, and any message a server sends back is scrubbed of
//! them before it is shown.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use crate::env::{HttpClient, HttpErrorKind};
use crate::lint::online::url::{BaseUrl, basic_auth_header, percent_encode};

/// Where the credentials came from: what an error about them names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `GRAFANA_TOKEN`.
    TokenEnv,
    /// `--grafana-token-file FILE` (the path as given).
    TokenFile(String),
    /// `GRAFANA_USER` and `GRAFANA_PASSWORD`.
    BasicEnv,
    /// `user:password@` in the `--grafana` URL.
    Url,
    /// None was given.
    Anonymous,
}

impl Source {
    /// What to say when Grafana refuses them (401).
    fn refused(&self) -> String {
        match self {
            Source::TokenEnv => "the token in `GRAFANA_TOKEN` was refused; set it to a valid \
                service account token"
                .to_string(),
            Source::TokenFile(file) => format!(
                "the token in `{file}` (`--grafana-token-file`) was refused; put a valid \
                 service account token in it"
            ),
            Source::BasicEnv => "the user and password in `GRAFANA_USER` and \
                `GRAFANA_PASSWORD` were refused"
                .to_string(),
            Source::Url => "the user and password in the `--grafana` URL were refused".to_string(),
            Source::Anonymous => "Grafana asks for credentials: set `GRAFANA_TOKEN`, give \
                `--grafana-token-file FILE`, or set `GRAFANA_USER` and `GRAFANA_PASSWORD`"
                .to_string(),
        }
    }

    /// Who was turned away for lack of a permission (403).
    fn who(&self) -> String {
        match self {
            Source::TokenEnv => "the token in `GRAFANA_TOKEN`".to_string(),
            Source::TokenFile(file) => format!("the token in `{file}`"),
            Source::BasicEnv => "the user in `GRAFANA_USER`".to_string(),
            Source::Url => "the user in the `--grafana` URL".to_string(),
            Source::Anonymous => "an anonymous visitor".to_string(),
        }
    }
}

/// Who dac says it is to Grafana: the `Authorization` header's value (never shown) and
/// where it came from.
#[derive(Clone)]
pub struct Credentials {
    header: Option<String>,
    /// The secret as given, to scrub from anything a server says back.
    secret: Option<String>,
    source: Source,
}

impl Credentials {
    /// A service account token, sent as `Authorization: Bearer TOKEN`.
    pub fn token(token: &str, source: Source) -> Credentials {
        Credentials {
            header: Some(format!("Bearer {token}")),
            secret: Some(token.to_string()),
            source,
        }
    }

    /// A user and password, sent as `Authorization: Basic ...`.
    pub fn basic(user: &str, password: &str, source: Source) -> Credentials {
        Credentials {
            header: Some(basic_auth_header(user, password)),
            secret: (!password.is_empty()).then(|| password.to_string()),
            source,
        }
    }

    pub fn anonymous() -> Credentials {
        Credentials {
            header: None,
            secret: None,
            source: Source::Anonymous,
        }
    }

    pub fn source(&self) -> &Source {
        &self.source
    }
}

/// Only where the credentials came from: a `Debug` print must not show them.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// A Grafana's HTTP API, as one user of one organisation.
pub struct GrafanaApi<'a> {
    http: &'a dyn HttpClient,
    base: BaseUrl,
    credentials: Credentials,
    org: Option<String>,
    timeout: Duration,
}

impl<'a> GrafanaApi<'a> {
    /// The Grafana at `url` (`http[s]://[user:password@]host[:port][/prefix]`). The
    /// URL's `user:password`, if any, is used when no other `credentials` were given.
    pub fn new(
        http: &'a dyn HttpClient,
        url: &str,
        credentials: Credentials,
        org: Option<u64>,
        timeout: Duration,
    ) -> Result<Self, String> {
        let base = BaseUrl::parse(url).map_err(|e| {
            let shown = if url.contains('@') {
                "(a URL with credentials)"
            } else {
                url
            };
            format!("`--grafana {shown}` is not a Grafana URL: {e}")
        })?;
        let credentials = match (base.basic_auth(), credentials.source()) {
            (Some((user, password)), Source::Anonymous) => {
                Credentials::basic(user, password, Source::Url)
            }
            _ => credentials,
        };
        Ok(GrafanaApi {
            http,
            base,
            credentials,
            org: org.map(|n| n.to_string()),
            timeout,
        })
    }

    /// The base URL without credentials.
    pub fn url(&self) -> &str {
        self.base.redacted()
    }

    /// `GET /api/search?type=dash-db&limit=LIMIT&page=PAGE`: one page of dashboards.
    pub fn search(&self, limit: usize, page: usize) -> Result<Vec<Value>, String> {
        let (limit, page) = (limit.to_string(), page.to_string());
        let query = [("type", "dash-db"), ("limit", &limit), ("page", &page)];
        let answer = self.get("/api/search", &query)?;
        match answer {
            Some(Value::Array(hits)) => Ok(hits),
            _ => Err(self.malformed("/api/search", "it is not a list of dashboards")),
        }
    }

    /// `GET /api/dashboards/uid/:uid`: the dashboard and its `meta`; `None` when
    /// Grafana has no dashboard with that uid.
    pub fn dashboard(&self, uid: &str) -> Result<Option<(Value, Value)>, String> {
        let path = format!("/api/dashboards/uid/{}", percent_encode(uid));
        let Some(mut answer) = self.get(&path, &[])? else {
            return Ok(None);
        };
        match (
            answer.get_mut("dashboard").map(Value::take),
            answer.get_mut("meta"),
        ) {
            (Some(dashboard @ Value::Object(_)), meta) => {
                Ok(Some((dashboard, meta.map(Value::take).unwrap_or_default())))
            }
            _ => Err(self.malformed(&path, "it has no `dashboard` object")),
        }
    }

    /// The JSON answer to `GET path?query`; `None` for a 404.
    fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Option<Value>, String> {
        let (wire, _) = self.base.endpoint(path, query);
        let shown = format!("{}{path}", self.url());
        let mut headers = Vec::new();
        if let Some(auth) = &self.credentials.header {
            headers.push(("Authorization", auth.as_str()));
        }
        if let Some(org) = &self.org {
            headers.push(("X-Grafana-Org-Id", org.as_str()));
        }
        let answer = self
            .http
            .get_with(&wire, &headers, self.timeout)
            .map_err(|e| match e.kind() {
                HttpErrorKind::TimedOut(_) => format!(
                    "Grafana at {shown} did not answer within {} s; is it overloaded? \
                     `--timeout` gives it longer",
                    self.timeout.as_secs_f64()
                ),
                _ => format!("{e}; is `--grafana` the URL of a running Grafana?"),
            })?;
        match answer.status {
            200..=299 => {}
            404 => return Ok(None),
            code => return Err(self.status_error(code, &shown, &answer.body)),
        }
        serde_json::from_slice(&answer.body)
            .map(Some)
            .map_err(|e| self.malformed(path, &format!("it is not JSON ({e})")))
    }

    fn malformed(&self, path: &str, why: &str) -> String {
        format!(
            "Grafana at {}{path} gave an answer dac cannot read: {why}; is `--grafana` the \
             URL of a Grafana?",
            self.url()
        )
    }

    /// One line for an answer that is not a success.
    fn status_error(&self, code: u16, shown: &str, body: &[u8]) -> String {
        let status = format!("{code} {}", reason(code));
        let source = self.credentials.source();
        match code {
            401 => format!("Grafana at {shown} answered {status}: {}", source.refused()),
            403 => format!(
                "Grafana at {shown} answered {status}: {} may not read dashboards{}; give \
                 it the Viewer role there",
                source.who(),
                self.org
                    .as_ref()
                    .map(|n| format!(" in organisation {n}"))
                    .unwrap_or_default()
            ),
            _ => {
                let said = self.message(body);
                let said = if said.is_empty() || said == reason(code) {
                    String::new()
                } else {
                    format!(" ({said})")
                };
                let hint = if code >= 500 {
                    "Grafana failed; its log says why"
                } else {
                    "dac did not expect that answer"
                };
                format!("Grafana at {shown} answered {status}{said}: {hint}")
            }
        }
    }

    /// The `message` of a Grafana error answer: one line, short, without the secret.
    fn message(&self, body: &[u8]) -> String {
        let json: Option<Value> = serde_json::from_slice(body).ok();
        let text = json
            .as_ref()
            .and_then(|j| j.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let mut line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(secret) = &self.credentials.secret {
            line = line.replace(secret.as_str(), "***");
        }
        if line.chars().count() > 200 {
            line = line.chars().take(200).collect::<String>() + "…";
        }
        line
    }
}

/// The reason phrase of the statuses a Grafana answers with.
fn reason(code: u16) -> &'static str {
    match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::FakeHttp;

    const TOKEN: &str = "glsa_SECRET_TOKEN_do_not_print";

    fn api(http: &FakeHttp, credentials: Credentials) -> GrafanaApi<'_> {
        GrafanaApi::new(
            http,
            "http://g:3000/",
            credentials,
            Some(2),
            Duration::from_secs(3),
        )
        .unwrap()
    }

    #[test]
    fn a_refused_token_names_where_it_came_from_and_is_never_shown() {
        let body = format!(r#"{{"message":"Invalid API key {TOKEN}"}}"#);
        let url = "http://g:3000/api/search?type=dash-db&limit=5000&page=1";
        let http = FakeHttp::default().answer(url, 401, &body);
        let error = api(&http, Credentials::token(TOKEN, Source::TokenEnv))
            .search(5000, 1)
            .unwrap_err();
        assert_eq!(
            error,
            "Grafana at http://g:3000/api/search answered 401 Unauthorized: the token in \
             `GRAFANA_TOKEN` was refused; set it to a valid service account token"
        );
        assert_eq!(
            http.header_names()[0],
            ["Authorization", "X-Grafana-Org-Id"]
        );
        let http = FakeHttp::default().answer(url, 500, &body);
        let error = api(&http, Credentials::token(TOKEN, Source::TokenEnv))
            .search(5000, 1)
            .unwrap_err();
        assert!(!error.contains(TOKEN), "{error}");
        assert!(error.contains("500 Internal Server Error (Invalid API key ***)"));
        let http = FakeHttp::default().answer(url, 403, r#"{"message":"Access denied"}"#);
        let error = api(&http, Credentials::basic("viewer", TOKEN, Source::BasicEnv))
            .search(5000, 1)
            .unwrap_err();
        assert_eq!(
            error,
            "Grafana at http://g:3000/api/search answered 403 Forbidden: the user in \
             `GRAFANA_USER` may not read dashboards in organisation 2; give it the Viewer \
             role there"
        );
        let debug = format!("{:?}", Credentials::token(TOKEN, Source::TokenEnv));
        assert!(!debug.contains(TOKEN), "{debug}");
    }

    #[test]
    fn a_missing_dashboard_is_none_and_a_strange_answer_an_error() {
        let http = FakeHttp::default()
            .answer(
                "http://g:3000/api/dashboards/uid/a",
                404,
                r#"{"message":"Dashboard not found"}"#,
            )
            .answer("http://g:3000/api/dashboards/uid/b", 200, r#"{"meta":{}}"#)
            .answer("http://g:3000/api/dashboards/uid/c", 200, "<html>");
        let api = api(&http, Credentials::anonymous());
        assert_eq!(api.dashboard("a").unwrap(), None);
        assert!(
            api.dashboard("b")
                .unwrap_err()
                .contains("no `dashboard` object")
        );
        assert!(api.dashboard("c").unwrap_err().contains("it is not JSON"));
        assert_eq!(http.header_names()[0], ["X-Grafana-Org-Id"]);
    }

    #[test]
    fn the_urls_user_and_password_are_basic_auth_and_not_shown() {
        let http = FakeHttp::default();
        let api = GrafanaApi::new(
            &http,
            "https://admin:pw@g.example/grafana",
            Credentials::anonymous(),
            None,
            Duration::from_secs(3),
        )
        .unwrap();
        assert_eq!(api.credentials.source(), &Source::Url);
        let error = api.search(5000, 1).unwrap_err();
        assert!(
            error.starts_with("cannot reach https://g.example/grafana/api/search"),
            "{error}"
        );
        assert!(!error.contains("pw"), "{error}");
    }
}
