//! The real [`HttpClient`]: blocking GETs over `ureq`, the client the online lint uses
//! (src/lint/online/client.rs), configured the same way: no async runtime, every status
//! a response (the caller decides what a 401 or a 500 means), dac's user agent, and a
//! limit on how much of an answer is read.
//!
//! ureq's own error text is never shown: it may quote the URL, and the caller's headers
//! (a token) must not leak through it. Each failure is put in dac's words instead.

use std::time::Duration;

use super::http::{HttpClient, HttpError, HttpErrorKind, Response};

/// The largest answer read: Grafana's search answer for 5,000 dashboards is a few
/// megabytes, and a very large dashboard a few more.
const MAX_BODY: u64 = 128 * 1024 * 1024;

pub struct UreqHttp {
    agent: ureq::Agent,
}

impl Default for UreqHttp {
    fn default() -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .user_agent(concat!("dac/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        UreqHttp { agent }
    }
}

impl HttpClient for UreqHttp {
    fn get_with(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        timeout: Duration,
    ) -> Result<Response, HttpError> {
        let error = |kind| HttpError::new(url, kind);
        let mut request = self.agent.get(url).header("Accept", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.config().timeout_global(Some(timeout)).build();
        let mut response = request.call().map_err(|e| error(describe(&e, timeout)))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| error(describe(&e, timeout)))?;
        Ok(Response { status, body })
    }
}

/// ureq's error in dac's words.
fn describe(e: &ureq::Error, timeout: Duration) -> HttpErrorKind {
    let failed = |why: &str| HttpErrorKind::Failed(why.to_string());
    match e {
        ureq::Error::Timeout(_) => HttpErrorKind::TimedOut(timeout),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                HttpErrorKind::TimedOut(timeout)
            }
            std::io::ErrorKind::ConnectionRefused => failed("connection refused"),
            std::io::ErrorKind::ConnectionReset => failed("the connection was reset"),
            std::io::ErrorKind::UnexpectedEof => failed("the connection closed mid-answer"),
            kind => HttpErrorKind::Failed(kind.to_string()),
        },
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => failed("not a valid URL"),
        ureq::Error::HostNotFound => failed("host not found"),
        ureq::Error::ConnectionFailed => failed("connection failed"),
        ureq::Error::BodyExceedsLimit(_) => HttpErrorKind::Failed(format!(
            "the answer is larger than {} MiB",
            MAX_BODY / 1024 / 1024
        )),
        ureq::Error::Protocol(_) => failed("the answer is not HTTP"),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
            failed("TLS handshake failed")
        }
        _ => failed("the request failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    #[test]
    fn headers_are_sent_and_any_status_is_an_answer() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
                head.push(byte[0]);
            }
            let body = b"{\"message\":\"Invalid API key\"}";
            let reply = format!(
                "HTTP/1.1 401 Unauthorized\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(reply.as_bytes()).unwrap();
            stream.write_all(body).unwrap();
            String::from_utf8_lossy(&head).to_ascii_lowercase()
        });
        let url = format!("http://127.0.0.1:{port}/api/search");
        let answer = UreqHttp::default()
            .get_with(&url, &[("X-Grafana-Org-Id", "2")], Duration::from_secs(5))
            .unwrap();
        assert_eq!(answer.status, 401);
        assert_eq!(answer.body, b"{\"message\":\"Invalid API key\"}");
        let head = server.join().unwrap();
        assert!(head.contains("x-grafana-org-id: 2\r\n"), "{head}");
    }

    #[test]
    fn a_refused_connection_says_so_without_the_credentials() {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let url = format!("http://admin:s3cret@127.0.0.1:{port}/api/search?x=1");
        let error = UreqHttp::default()
            .get(&url, Duration::from_secs(5))
            .unwrap_err();
        let shown = error.to_string();
        assert_eq!(
            shown,
            format!("cannot reach http://127.0.0.1:{port}/api/search: connection refused")
        );
    }
}
