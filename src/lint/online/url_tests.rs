use super::*;

#[test]
fn credentials_are_split_off_and_decoded() {
    let url = BaseUrl::parse("https://admin:p%40ss:w@rd@prom.example:9090/prometheus/").unwrap();
    assert_eq!(url.redacted(), "https://prom.example:9090/prometheus");
    assert_eq!(url.basic_auth(), Some(("admin", "p@ss:w@rd")));
    let (wire, shown) = url.endpoint("/api/v1/labels", &[("match[]", "up{job=\"a b\"}")]);
    assert!(!wire.contains("admin") && !shown.contains("admin"));
    assert_eq!(
        wire,
        "https://prom.example:9090/prometheus/api/v1/labels?match%5B%5D=up%7Bjob%3D%22a%20b%22%7D"
    );
    assert_eq!(
        shown,
        "https://prom.example:9090/prometheus/api/v1/labels?match[]=up{job=\"a b\"}"
    );
}

#[test]
fn bad_urls_are_refused() {
    assert_eq!(BaseUrl::parse("ftp://x"), Err(UrlError::Scheme));
    assert_eq!(BaseUrl::parse("localhost:9090"), Err(UrlError::Scheme));
    assert_eq!(BaseUrl::parse("http://user@"), Err(UrlError::NoHost));
    assert_eq!(
        BaseUrl::parse("http://x/?a=b"),
        Err(UrlError::QueryOrFragment)
    );
}

#[test]
fn basic_auth_is_rfc_7617() {
    // The example of RFC 7617, section 2.
    assert_eq!(
        basic_auth_header("Aladdin", "open sesame"),
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    assert_eq!(basic_auth_header("a", ""), "Basic YTo=");
    assert_eq!(basic_auth_header("ab", "c"), "Basic YWI6Yw==");
}
