//! `dac diff --prometheus URL`: the rule files compared with the rules a real Prometheus
//! (Debian's `prometheus`, on 127.0.0.1) loaded from what `dac build` wrote; and each
//! way the server can fail, from a loopback stand-in, as one line and exit 2.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::time::Duration;

use crate::common::prometheus::{Server, free_port};
use crate::dac_bin::dac;
use crate::diff_git::{cryptobot_repository, edit};

#[test]
fn the_loaded_rules_are_no_change_until_an_alerts_for_and_severity_are_edited() {
    let tmp = cryptobot_repository();
    let out = tmp.path().join("out");
    dac(tmp.path(), ["build", "-o", out.to_str().unwrap()]).expect(0);
    let server_dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_rules(server_dir.path(), &[out.join("prometheus/*.rules.yml")]);
    let url = server.url();

    let run = dac(tmp.path(), ["diff", "--prometheus", &url]).expect(0);
    assert_eq!(
        run.stdout,
        format!(
            "Comparing the rule files only: the sources' against the rules Prometheus at {url} has loaded.\n\n\
             Summary: 0 changed, 0 added, 0 removed, 8 unchanged\n"
        ),
        "{run}"
    );

    edit(
        &tmp.path().join("alerts/trade-service.dac"),
        "      for         = 10m\n      severity    = critical\n      summary     = \"{{ $value | humanizePercentage }} of the orders",
        "      for         = 15m\n      severity    = warning\n      summary     = \"{{ $value | humanizePercentage }} of the orders",
    );
    let run = dac(tmp.path(), ["diff", "--prometheus", &url]).expect(1);
    let words = run.changes_in_words();
    assert_eq!(
        words,
        ["  alert TradeOrderFailureRate: for 10m → 15m, severity critical → warning"],
        "{run}"
    );
    insta::assert_snapshot!(run.stdout.replace(&url, "http://127.0.0.1:PORT"));

    // The JSON report names the server, without the credentials of its URL.
    let with_password = url.replace("http://", "http://admin:s3cr3t-pw@");
    let run = dac(
        tmp.path(),
        [
            "diff",
            "-v",
            "--format",
            "json",
            "--prometheus",
            &with_password,
        ],
    )
    .expect(1);
    assert!(
        run.stdout.contains(&format!(
            "\"base\": \"Prometheus at {url} (rule files only)\""
        )),
        "{run}"
    );
    assert!(!format!("{run}").contains("s3cr3t-pw"), "{run}");
}

#[test]
fn a_refused_connection_is_one_line_without_the_password() {
    let port = free_port();
    let url = format!("http://admin:s3cr3t-pw@127.0.0.1:{port}");
    let run = dac(
        &crate::dac_bin::crate_root(),
        ["diff", "-v", "--prometheus", &url],
    )
    .expect(2);
    assert_eq!(run.stdout, "", "{run}");
    let error = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect::<Vec<_>>();
    assert_eq!(
        error,
        [format!(
            "error: cannot reach Prometheus at http://127.0.0.1:{port}/api/v1/rules: connection refused; check the URL and that the server is up"
        )],
        "{run}"
    );
    assert!(!run.stderr.contains("s3cr3t-pw"), "{run}");
}

/// A loopback stand-in answering each request with `response` (status line and body),
/// or, for `None`, reading the request and never answering. Its thread ends after
/// `connections` requests.
fn stand_in(response: Option<(&'static str, &'static str)>, connections: usize) -> String {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                line.clear();
            }
            match response {
                Some((status, body)) => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
                None => held.push(stream),
            }
        }
        std::thread::sleep(Duration::from_secs(5));
    });
    format!("http://127.0.0.1:{port}")
}

#[test]
fn each_failure_of_the_server_is_one_line_naming_the_url_and_exit_2() {
    let root = crate::dac_bin::crate_root();
    let cases = [
        (
            Some(("401 Unauthorized", "Unauthorized\n")),
            "Prometheus answered 401 to {url}/api/v1/rules: it refused the credentials; give them in the URL (`http://user:password@host`) or check them",
        ),
        (
            Some((
                "500 Internal Server Error",
                r#"{"status":"error","errorType":"internal","error":"rule manager broke"}"#,
            )),
            "Prometheus answered 500 to {url}/api/v1/rules: rule manager broke",
        ),
        (
            Some(("200 OK", "<html>a login page</html>")),
            "Prometheus answered {url}/api/v1/rules with a body that is not its JSON API (not JSON: expected value at line 1 column 1); is this the base URL of a Prometheus server?",
        ),
        (
            Some((
                "200 OK",
                r#"{"status":"success","data":{"groups":[{"name":"g","rules":[{"name":"r"}]}]}}"#,
            )),
            "Prometheus answered {url}/api/v1/rules with a body that is not its JSON API (group g: rule 1: it has no `type`); is this the base URL of a Prometheus server?",
        ),
        (
            None,
            "Prometheus did not answer {url}/api/v1/rules within 0.5s; raise --timeout or check the server",
        ),
    ];
    for (response, want) in cases {
        let url = stand_in(response, 1);
        let run = dac(&root, ["diff", "--timeout", "500ms", "--prometheus", &url]).expect(2);
        assert_eq!(run.stdout, "", "{run}");
        assert_eq!(
            run.stderr,
            format!("error: {}\n", want.replace("{url}", &url)),
            "{run}"
        );
    }
}
