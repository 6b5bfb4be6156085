//! `dac diff --prometheus URL`, `--kube` and `--live-file FILE|-`: the other side is a
//! live peer. Each compares only what that peer holds, so the sources' documents are
//! narrowed to the same kinds (rule files for Prometheus; ConfigMaps, PrometheusRules
//! and ServiceMonitors for the cluster, of one namespace with `--namespace`).

use std::io::Read;
use std::path::Path;

use super::args::DiffArgs;
use super::read::documents;
use crate::cli::console::Console;
use crate::diff::Document;
use crate::diff::document::Kind;
use crate::diff::live::kube::{self, Cluster, LiveFile};
use crate::diff::live::kubectl::Kubectl;
use crate::diff::live::prometheus::{self, PrometheusRules};
use crate::diff::live::{self};
use crate::lint::online::Client;

/// A live side's documents, the sources' documents it is compared with, and how the
/// report names it.
pub struct Live {
    pub documents: Vec<Document>,
    pub local: Vec<Document>,
    /// What the markdown heading and the JSON `base` name.
    pub base: String,
    /// What is compared, said first in the text report.
    pub scope: String,
}

/// The live side the arguments ask for, or `None` when they ask for no live peer.
pub fn read(
    args: &DiffArgs,
    local: &[Document],
    console: &Console,
) -> Result<Option<Live>, String> {
    if let Some(url) = &args.prometheus {
        return prometheus_rules(url, args, local, console).map(Some);
    }
    let (side_documents, base) = if args.kube {
        let kubectl = Kubectl {
            program: "kubectl".into(),
            context: args.context.clone(),
            namespace: args.namespace.clone(),
            timeout: args.timeout,
        };
        let side = Cluster { kubectl: &kubectl };
        (documents(&side, console)?, kubectl.label())
    } else if let Some(path) = &args.live_file {
        let side = live_file(path)?;
        let base = match path.to_str() {
            Some("-") => "standard input".to_string(),
            _ => path.display().to_string(),
        };
        (documents(&side, console)?, base)
    } else {
        return Ok(None);
    };
    Ok(Some(cluster_objects(side_documents, base, args, local)))
}

/// `--prometheus URL`: the rule files only, on both sides.
fn prometheus_rules(
    url: &str,
    args: &DiffArgs,
    local: &[Document],
    console: &Console,
) -> Result<Live, String> {
    let client = Client::new(url, args.timeout).map_err(|e| e.to_string())?;
    let mut rule_files: Vec<Document> = of_kinds(local, |k| k == Kind::RuleFile, None);
    let side = PrometheusRules {
        client: &client,
        local: &rule_files,
    };
    let mut documents = documents(&side, console)?;
    live::adopt_paths(&mut documents, &rule_files);
    prometheus::sort_matchers(&mut documents);
    prometheus::sort_matchers(&mut rule_files);
    let server = client.url();
    Ok(Live {
        documents,
        local: rule_files,
        base: format!("Prometheus at {server} (rule files only)"),
        scope: format!(
            "Comparing the rule files only: the sources' against the rules Prometheus at {server} has loaded."
        ),
    })
}

/// `--kube` or `--live-file`: the kinds a cluster holds, of one namespace with
/// `--namespace`, on both sides.
fn cluster_objects(
    found: Vec<Document>,
    base: String,
    args: &DiffArgs,
    local: &[Document],
) -> Live {
    let namespace = args.namespace.as_deref();
    let objects = of_kinds(local, kube::compared, namespace);
    let mut documents: Vec<Document> = found
        .into_iter()
        .filter(|d| namespace.is_none_or(|n| in_namespace(d, n)))
        .collect();
    live::adopt_paths(&mut documents, &objects);
    let scope = format!(
        "Comparing the ConfigMaps, PrometheusRules and ServiceMonitors only: the sources' against {base}."
    );
    Live {
        documents,
        local: objects,
        base,
        scope,
    }
}

/// The sources' documents of the kinds a peer holds, of one namespace if given.
fn of_kinds(
    docs: &[Document],
    kind: impl Fn(Kind) -> bool,
    namespace: Option<&str>,
) -> Vec<Document> {
    docs.iter()
        .filter(|d| kind(d.kind) && namespace.is_none_or(|n| in_namespace(d, n)))
        .cloned()
        .collect()
}

fn in_namespace(doc: &Document, namespace: &str) -> bool {
    doc.body["metadata"]["namespace"].as_str() == Some(namespace)
}

/// `--live-file FILE`, or standard input for `-`.
fn live_file(path: &Path) -> Result<LiveFile, String> {
    let mut text = String::new();
    let origin = if path == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input (for `--live-file -`): {e}"))?;
        "standard input (--live-file -)".to_string()
    } else {
        let shown = path.display();
        text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{shown}` (for `--live-file`): {e}"))?;
        format!("`{shown}` (--live-file)")
    };
    Ok(LiveFile { origin, text })
}
