//! The Prometheus base URL a user gives: its credentials are split off once, here, so no
//! URL that leaves this file (in a request line or an error message) can carry them.

use std::fmt;

/// A parsed `--prometheus` URL: scheme, host and path prefix, without userinfo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// `http://host:port/prefix`, no trailing slash, no userinfo.
    base: String,
    /// `user:password` from the URL, percent-decoded; only ever sent as a header.
    basic_auth: Option<(String, String)>,
}

/// Why a `--prometheus` URL was refused. Never holds the credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    Scheme,
    NoHost,
    QueryOrFragment,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Scheme => "the URL must start with http:// or https://",
            UrlError::NoHost => "the URL names no host",
            UrlError::QueryOrFragment => {
                "the URL must not have a query or fragment: give the server's base URL"
            }
        })
    }
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, UrlError> {
        let text = text.trim();
        let (scheme, rest) = text.split_once("://").ok_or(UrlError::Scheme)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(UrlError::Scheme);
        }
        if rest.contains(['?', '#']) {
            return Err(UrlError::QueryOrFragment);
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        // The userinfo ends at the last `@` of the authority (a password may hold `@`).
        let (userinfo, host) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        if host.is_empty() {
            return Err(UrlError::NoHost);
        }
        let basic_auth = userinfo.map(|info| {
            let (user, password) = info.split_once(':').unwrap_or((info, ""));
            (percent_decode(user), percent_decode(password))
        });
        let path = path.trim_end_matches('/');
        Ok(BaseUrl {
            base: format!("{scheme}://{host}{path}"),
            basic_auth,
        })
    }

    /// The base URL without credentials, as errors show it.
    pub fn redacted(&self) -> &str {
        &self.base
    }

    pub fn basic_auth(&self) -> Option<(&str, &str)> {
        self.basic_auth
            .as_ref()
            .map(|(u, p)| (u.as_str(), p.as_str()))
    }

    /// The URL to request (query percent-encoded) and the same URL as a person reads it
    /// (query as written), for `path` below the base with `query` pairs.
    pub fn endpoint(&self, path: &str, query: &[(&str, &str)]) -> (String, String) {
        let mut wire = format!("{}{path}", self.base);
        let mut shown = wire.clone();
        for (i, (key, value)) in query.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            wire.push(sep);
            wire.push_str(&percent_encode(key));
            wire.push('=');
            wire.push_str(&percent_encode(value));
            shown.push(sep);
            shown.push_str(key);
            shown.push('=');
            shown.push_str(value);
        }
        (wire, shown)
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; a malformed escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `Basic base64(user:password)`, the `Authorization` header of RFC 7617.
pub fn basic_auth_header(user: &str, password: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{password}");
    let mut out = String::from("Basic ");
    for chunk in input.as_bytes().chunks(3) {
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

#[cfg(test)]
#[path = "url_tests.rs"]
mod tests;
