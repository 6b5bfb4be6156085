//! What would make `prometheus.yml` wrong, found on the resolved project before anything
//! is emitted and reported at the source: a service whose endpoints cannot be selected,
//! two scrape jobs of one name, a `rule_files` entry that names no mounted rule file.

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::layout;
use crate::model::{Millis, Project, Service};

/// The job of `[prometheus] scrape_annotated`: pods that ask to be scraped.
pub const ANNOTATED_JOB: &str = "kubernetes-pods";

/// How often a service is scraped: its own interval, else the global one.
pub fn interval(service: &Service, config: &Config) -> Millis {
    service
        .interval
        .unwrap_or(Millis(config.prometheus.scrape_interval))
}

/// Every problem of the `prometheus.yml` the project would be written with.
pub fn check(project: &Project, config: &Config) -> Vec<Diagnostic> {
    if !layout::writes_prometheus_config(project, config) {
        return Vec::new();
    }
    let rule_files: Vec<String> = project
        .rule_sets
        .iter()
        .map(|rs| layout::rules_file_name(&layout::rule_set_slug(rs)))
        .collect();
    let mut problems = services(&project.services, config);
    problems.extend(self::rule_files(&rule_files, config));
    problems
}

/// Every problem of the services' scrape jobs.
fn services(services: &[Service], config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in services {
        port(s, &mut out);
        timeout(s, config, &mut out);
    }
    duplicate_jobs(services, config, &mut out);
    out
}

fn kind(s: &Service) -> &'static str {
    if s.monitor { "service" } else { "exporter" }
}

/// An endpoints job keeps the endpoints of one named port: it must be written, and be
/// a name Kubernetes can give a port.
fn port(s: &Service, out: &mut Vec<Diagnostic>) {
    if !s.discovery.endpoints() {
        return;
    }
    match s.port_span {
        None => out.push(
            Diagnostic::error(
                Code::ScrapeJob,
                format!(
                    "{} `{}` names no `port`, so its scrape job in prometheus.yml cannot \
                     tell which endpoints to scrape",
                    kind(s),
                    s.name
                ),
            )
            .with_primary(s.name_span, "no `port` in this block")
            .with_help(
                "write the named port of its Kubernetes Service, e.g. `port = \"metrics\"` \
                 (with `[prometheus] mode = \"config\"` or `\"both\"` the port is not guessed)",
            ),
        ),
        Some(at) if !is_port_name(&s.port) => out.push(
            Diagnostic::error(
                Code::ScrapeJob,
                format!(
                    "`{}` is not a Kubernetes port name, so no endpoint of {} `{}` would \
                     be scraped",
                    s.port,
                    kind(s),
                    s.name
                ),
            )
            .with_primary(at, "not a port name")
            .with_help(
                "a port name is at most 15 lowercase letters, digits and `-`, with at least \
                 one letter, no `-` at either end and no `--`",
            ),
        ),
        Some(_) => {}
    }
}

/// Prometheus refuses a job whose timeout is longer than its interval.
fn timeout(s: &Service, config: &Config, out: &mut Vec<Diagnostic>) {
    let every = interval(s, config);
    let Some(t) = s.scrape_timeout.filter(|t| *t > every) else {
        return;
    };
    let show = crate::emit::duration::prometheus;
    out.push(
        Diagnostic::error(
            Code::ScrapeJob,
            format!(
                "{} `{}` has a scrape timeout of {} but is scraped every {}: Prometheus \
                 refuses a timeout longer than the interval",
                kind(s),
                s.name,
                show(t),
                show(every)
            ),
        )
        .with_primary(s.name_span, "in this block")
        .with_help("make `scrape_timeout` at most `interval` (or `[prometheus] scrape_interval`)"),
    );
}

/// Each job name once; `kubernetes-pods` is taken when `scrape_annotated` is on.
fn duplicate_jobs(services: &[Service], config: &Config, out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, &Service> = BTreeMap::new();
    for s in services {
        let at = s.job_span.unwrap_or(s.name_span);
        if config.prometheus.scrape_annotated && s.job == ANNOTATED_JOB {
            out.push(
                Diagnostic::error(
                    Code::DuplicateJob,
                    format!(
                        "{} `{}` has job `{ANNOTATED_JOB}`, the job of `[prometheus] \
                         scrape_annotated`",
                        kind(s),
                        s.name
                    ),
                )
                .with_primary(at, "this job")
                .with_help("give it another `job`, or turn `scrape_annotated` off"),
            );
        }
        match first.get(s.job.as_str()) {
            Some(f) => out.push(
                Diagnostic::error(
                    Code::DuplicateJob,
                    format!(
                        "{} `{}` and {} `{}` would both be scrape job `{}` of prometheus.yml",
                        kind(s),
                        s.name,
                        kind(f),
                        f.name,
                        s.job
                    ),
                )
                .with_primary(at, "this job")
                .with_secondary(f.job_span.unwrap_or(f.name_span), "is already this one")
                .with_help(
                    "Prometheus refuses two scrape jobs of one name: give each its own `job` \
                     (and change the queries that select on it)",
                ),
            ),
            None => {
                first.insert(&s.job, s);
            }
        }
    }
}

/// Each `[prometheus] rule_files` entry must name a rule file of the rules ConfigMap.
fn rule_files(files: &[String], config: &Config) -> Vec<Diagnostic> {
    let Some(list) = &config.prometheus.rule_files else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in list {
        if files.iter().any(|f| glob_match(&entry.value, f)) {
            continue;
        }
        let shown: Vec<&str> = files.iter().map(String::as_str).collect();
        let help = if shown.is_empty() {
            "the sources hold no rule set, so the ConfigMap holds no rule file".to_string()
        } else {
            format!("the ConfigMap holds: {}", shown.join(", "))
        };
        let d = Diagnostic::error(
            Code::RuleFiles,
            format!(
                "`{}` in `[prometheus] rule_files` names no rule file of the rules \
                 ConfigMap `{}`, so Prometheus would load nothing from it",
                entry.value, config.rules_config_map
            ),
        )
        .with_help(help);
        out.push(match entry.span {
            Some(span) => d.with_primary(span, "no such rule file"),
            None => d,
        });
    }
    out
}

/// `*` matches any run of characters, as Prometheus' `rule_files` globs do in a name.
fn glob_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, rest)) => {
            let Some(tail) = name.strip_prefix(head) else {
                return false;
            };
            (0..=tail.len())
                .filter(|i| tail.is_char_boundary(*i))
                .any(|i| glob_match(rest, &tail[i..]))
        }
    }
}

/// Kubernetes' IANA_SVC_NAME: what a named container or Service port may be called.
fn is_port_name(s: &str) -> bool {
    s.len() <= 15
        && crate::config::is_dns1123_label(s)
        && s.bytes().any(|c| c.is_ascii_lowercase())
        && !s.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names() {
        assert!(glob_match("*.rules.yml", "trade-service.rules.yml"));
        assert!(glob_match("trade-*", "trade-service.rules.yml"));
        assert!(glob_match("a.yml", "a.yml"));
        assert!(!glob_match("trade.rules.yml", "trade-service.rules.yml"));
        assert!(!glob_match("*.yaml", "a.yml"));
    }

    #[test]
    fn port_names_as_kubernetes_validates_them() {
        assert!(is_port_name("metrics"));
        assert!(is_port_name("http-metrics"));
        assert!(!is_port_name(""));
        assert!(!is_port_name("8080"));
        assert!(!is_port_name("Metrics"));
        assert!(!is_port_name("a-very-long-port-name"));
        assert!(!is_port_name("http--metrics"));
    }
}
