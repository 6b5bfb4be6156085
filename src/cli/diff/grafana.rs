//! `dac diff --grafana URL`: the flags, the credentials from the environment or a file,
//! and the two sides (the live dashboards, and the compiled ones alone: rules and
//! Kubernetes objects are not in Grafana).
//!
//! Credentials, first found wins: `--grafana-token-file FILE`, `GRAFANA_TOKEN` (both a
//! Bearer token), `GRAFANA_USER` with `GRAFANA_PASSWORD` (Basic), then a `user:password@`
//! in the URL. Never a flag's value: a token on a command line is in the shell's history
//! and in `ps`.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::diff::Document;
use crate::diff::document::Kind;
use crate::diff::live::grafana::Grafana;
use crate::diff::live::grafana_api::{Credentials, GrafanaApi, Source};
use crate::diff::live::grafana_noise;
use crate::env::HttpClient;

#[derive(Debug, Args)]
pub struct GrafanaArgs {
    /// Compare with the dashboards of the Grafana at this URL
    /// (`http[s]://host[:port][/prefix]`); the token comes from `GRAFANA_TOKEN` or
    /// `--grafana-token-file`, a user from `GRAFANA_USER` and `GRAFANA_PASSWORD`.
    #[arg(long, value_name = "URL", groups = ["side", "live"])]
    pub grafana: Option<String>,
    /// Read the Grafana service account token from this file (instead of `GRAFANA_TOKEN`).
    #[arg(long, value_name = "FILE", requires = "grafana")]
    pub grafana_token_file: Option<PathBuf>,
    /// The Grafana organisation to read (its id; sent as `X-Grafana-Org-Id`).
    #[arg(long, value_name = "N", requires = "grafana")]
    pub grafana_org: Option<u64>,
    /// Live dashboards with this tag are dac's too: one the sources no longer have is
    /// an orphan (as is one in a folder dac writes to). Repeatable.
    #[arg(long, value_name = "TAG", requires = "grafana")]
    pub grafana_tag: Vec<String>,
}

/// The live dashboards (old side) and the compiled ones (new side), both without
/// Grafana's save-time noise, and how the report names the live side.
pub fn sides(
    args: &GrafanaArgs,
    url: &str,
    http: &dyn HttpClient,
    timeout: Duration,
    compiled: Vec<Document>,
    read: impl Fn(&dyn crate::diff::Side) -> Result<Vec<Document>, String>,
) -> Result<(Vec<Document>, Vec<Document>, String), String> {
    let credentials = credentials(args, &|name| std::env::var(name).ok())?;
    let api = GrafanaApi::new(http, url, credentials, args.grafana_org, timeout)?;
    let compiled: Vec<Document> = compiled
        .into_iter()
        .filter(|d| d.kind == Kind::Dashboard)
        .collect();
    let side = Grafana::new(api, &compiled, args.grafana_tag.clone());
    let label = crate::diff::Side::label(&side);
    let live = read(&side)?;
    Ok((strip(live), strip(compiled), label))
}

fn strip(mut docs: Vec<Document>) -> Vec<Document> {
    for doc in &mut docs {
        grafana_noise::strip(&mut doc.body);
    }
    docs
}

/// The credentials the flags and the environment (`var`) give.
fn credentials(
    args: &GrafanaArgs,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<Credentials, String> {
    let var = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(file) = &args.grafana_token_file {
        let shown = file.display().to_string();
        let text = std::fs::read_to_string(file).map_err(|e| {
            format!("cannot read the Grafana token file `{shown}` (`--grafana-token-file`): {e}")
        })?;
        let token = text.trim();
        if token.is_empty() || token.contains(char::is_whitespace) {
            return Err(format!(
                "the Grafana token file `{shown}` (`--grafana-token-file`) must hold one \
                 token and nothing else"
            ));
        }
        return Ok(Credentials::token(token, Source::TokenFile(shown)));
    }
    if let Some(token) = var("GRAFANA_TOKEN") {
        let token = token.trim();
        if token.contains(char::is_control) {
            return Err(
                "`GRAFANA_TOKEN` holds a line break or another control character; \
                 set it to the token alone"
                    .to_string(),
            );
        }
        return Ok(Credentials::token(token, Source::TokenEnv));
    }
    match (var("GRAFANA_USER"), var("GRAFANA_PASSWORD")) {
        (Some(user), Some(password)) => Ok(Credentials::basic(&user, &password, Source::BasicEnv)),
        (Some(_), None) | (None, Some(_)) => Err(
            "`GRAFANA_USER` and `GRAFANA_PASSWORD` go together: set both, or use \
             `GRAFANA_TOKEN` instead"
                .to_string(),
        ),
        (None, None) => Ok(Credentials::anonymous()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(file: Option<PathBuf>) -> GrafanaArgs {
        GrafanaArgs {
            grafana: Some("http://g".into()),
            grafana_token_file: file,
            grafana_org: None,
            grafana_tag: Vec::new(),
        }
    }

    #[test]
    fn the_file_wins_then_the_token_then_the_user() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let all = env(&[
            ("GRAFANA_TOKEN", "t"),
            ("GRAFANA_USER", "u"),
            ("GRAFANA_PASSWORD", "p"),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("token");
        std::fs::write(&file, "glsa_x\n").unwrap();
        let got = credentials(&args(Some(file.clone())), &all).unwrap();
        assert_eq!(got.source(), &Source::TokenFile(file.display().to_string()));
        assert_eq!(
            credentials(&args(None), &all).unwrap().source(),
            &Source::TokenEnv
        );
        let basic = env(&[
            ("GRAFANA_TOKEN", ""),
            ("GRAFANA_USER", "u"),
            ("GRAFANA_PASSWORD", "p"),
        ]);
        assert_eq!(
            credentials(&args(None), &basic).unwrap().source(),
            &Source::BasicEnv
        );
        let broken = env(&[("GRAFANA_TOKEN", "glsa_a\nglsa_b")]);
        let error = credentials(&args(None), &broken).unwrap_err();
        assert!(
            error.contains("control character") && !error.contains("glsa"),
            "{error}"
        );
        let half = env(&[("GRAFANA_USER", "u")]);
        assert!(
            credentials(&args(None), &half)
                .unwrap_err()
                .contains("go together")
        );
        let none = env(&[]);
        assert_eq!(
            credentials(&args(None), &none).unwrap().source(),
            &Source::Anonymous
        );
        std::fs::write(&file, "\n").unwrap();
        let error = credentials(&args(Some(file)), &all).unwrap_err();
        assert!(error.contains("must hold one token"), "{error}");
    }
}
