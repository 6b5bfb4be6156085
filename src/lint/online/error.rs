//! A failed request to Prometheus: one line naming the URL, never its credentials (the
//! URL it holds comes from [`super::url::BaseUrl`], which has split them off).

use std::fmt;
use std::time::Duration;

/// Prometheus' `error` field is quoted up to this many characters, so the line stays one.
const MAX_DETAIL: usize = 300;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The request URL without credentials, query as written.
    pub url: String,
    pub kind: ApiErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiErrorKind {
    /// The `--prometheus` URL itself is unusable.
    BadUrl(String),
    /// No connection: refused, host not found, TLS failure.
    Unreachable(String),
    TimedOut(Duration),
    /// A 4xx or 5xx, with Prometheus' `error` field when the body had one.
    Status {
        code: u16,
        error: Option<String>,
    },
    /// A 2xx whose body is not Prometheus' JSON envelope.
    Malformed(String),
}

impl ApiError {
    pub fn new(url: &str, kind: ApiErrorKind) -> ApiError {
        ApiError {
            url: url.to_string(),
            kind,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.url;
        match &self.kind {
            ApiErrorKind::BadUrl(why) => write!(f, "bad Prometheus URL `{url}`: {}", one_line(why)),
            ApiErrorKind::Unreachable(why) => write!(
                f,
                "cannot reach Prometheus at {url}: {}; check the URL and that the server is up",
                one_line(why)
            ),
            ApiErrorKind::TimedOut(after) => write!(
                f,
                "Prometheus did not answer {url} within {}s; raise --timeout or check the server",
                after.as_secs_f64()
            ),
            ApiErrorKind::Status {
                code: code @ (401 | 403),
                ..
            } => write!(
                f,
                "Prometheus answered {code} to {url}: it refused the credentials; give them \
                 in the URL (`http://user:password@host`) or check them"
            ),
            ApiErrorKind::Status { code, error } => match error {
                Some(error) => write!(
                    f,
                    "Prometheus answered {code} to {url}: {}",
                    one_line(error)
                ),
                None => write!(
                    f,
                    "Prometheus answered {code} to {url}; is this the base URL of a Prometheus server?"
                ),
            },
            ApiErrorKind::Malformed(why) => write!(
                f,
                "Prometheus answered {url} with a body that is not its JSON API ({}); is this the base URL of a Prometheus server?",
                one_line(why)
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// The text on one line and at most [`MAX_DETAIL`] characters long.
fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(MAX_DETAIL) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_one_line() {
        let kinds = [
            ApiErrorKind::BadUrl("x\ny".into()),
            ApiErrorKind::Unreachable("refused\r\n".into()),
            ApiErrorKind::TimedOut(Duration::from_millis(1500)),
            ApiErrorKind::Status {
                code: 400,
                error: Some("parse error:\nunexpected".repeat(100)),
            },
            ApiErrorKind::Status {
                code: 404,
                error: None,
            },
            ApiErrorKind::Malformed("expected value".into()),
        ];
        for kind in kinds {
            let text = ApiError::new("http://h/api/v1/labels", kind).to_string();
            assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
            assert!(text.contains("http://h/api/v1/labels"), "{text}");
            assert!(text.chars().count() < 500, "{text}");
        }
    }

    #[test]
    fn status_error_quotes_prometheus() {
        let e = ApiError::new(
            "http://h/api/v1/series",
            ApiErrorKind::Status {
                code: 400,
                error: Some("1:4: parse error: unexpected end of input".into()),
            },
        );
        assert_eq!(
            e.to_string(),
            "Prometheus answered 400 to http://h/api/v1/series: 1:4: parse error: unexpected end of input"
        );
    }
}
