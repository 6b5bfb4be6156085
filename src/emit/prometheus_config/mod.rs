//! `prometheus.yml`, for a Prometheus run without the operator, and the ConfigMap that
//! holds it (`[prometheus] mode = "config"` or `"both"`): the global settings, the rule
//! files where the rules ConfigMap is mounted, the Alertmanager, and one scrape job per
//! service and exporter of the catalog.

mod jobs;
mod relabel;

pub use jobs::ANNOTATED_JOB;

use crate::config::Config;
use crate::emit::duration;
use crate::emit::header;
use crate::emit::yaml::{self, Node};
use crate::model::{Millis, Service};

/// The file name of the configuration, in `prometheus/` and in its ConfigMap.
pub const FILE_NAME: &str = "prometheus.yml";

/// `prometheus.yml`, given the names of the rule files in the rules ConfigMap. What would
/// make it wrong was refused at the sources (`resolve::prometheus_config`).
pub fn prometheus_yml(services: &[Service], rule_files: &[String], config: &Config) -> String {
    let p = &config.prometheus;
    let mut doc = vec![("global".to_string(), global(config))];
    if let Some(am) = &p.alertmanager {
        let targets = Node::map([("targets", Node::Seq(vec![Node::str(am)]))]);
        let alertmanagers = Node::map([("static_configs", Node::Seq(vec![targets]))]);
        doc.push((
            "alerting".to_string(),
            Node::map([("alertmanagers", Node::Seq(vec![alertmanagers]))]),
        ));
    }
    let files = rule_file_paths(rule_files, config);
    if !files.is_empty() {
        doc.push(("rule_files".to_string(), Node::Seq(files)));
    }
    // Sorted by job name: the same bytes whatever the order of the source files.
    let mut jobs: Vec<&Service> = services.iter().collect();
    jobs.sort_by(|a, b| a.job.cmp(&b.job));
    let mut scrape: Vec<Node> = jobs
        .into_iter()
        .map(|s| jobs::scrape_config(s, config))
        .collect();
    if p.scrape_annotated {
        scrape.push(jobs::annotated_pods());
    }
    if !scrape.is_empty() {
        doc.push(("scrape_configs".to_string(), Node::Seq(scrape)));
    }
    let mut out = header().to_string();
    yaml::write_document(&mut out, &Node::Map(doc));
    out
}

fn global(config: &Config) -> Node {
    let p = &config.prometheus;
    let d = |ms| Node::str(duration::prometheus(Millis(ms)));
    let mut global = vec![
        ("scrape_interval".to_string(), d(p.scrape_interval)),
        ("scrape_timeout".to_string(), d(p.scrape_timeout)),
        ("evaluation_interval".to_string(), d(p.evaluation_interval)),
    ];
    if !p.external_labels.is_empty() {
        global.push((
            "external_labels".to_string(),
            Node::string_map(
                p.external_labels
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            ),
        ));
    }
    Node::Map(global)
}

/// `rules_dir/NAME` for each `rule_files` entry (globs kept: Prometheus expands them),
/// or for each rule file of the ConfigMap.
fn rule_file_paths(rule_files: &[String], config: &Config) -> Vec<Node> {
    let p = &config.prometheus;
    let dir = p.rules_dir.trim_end_matches('/');
    let names: Vec<&str> = match &p.rule_files {
        Some(list) => list.iter().map(|f| f.value.as_str()).collect(),
        None => rule_files.iter().map(String::as_str).collect(),
    };
    names
        .into_iter()
        .map(|n| Node::str(format!("{dir}/{n}")))
        .collect()
}
