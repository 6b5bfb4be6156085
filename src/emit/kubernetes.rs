//! Kubernetes manifests: dashboard ConfigMaps for the Grafana sidecar, PrometheusRules,
//! the ConfigMap of rule files, ServiceMonitors, and the kustomization listing them.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::emit::duration;
use crate::emit::header;
use crate::emit::prometheus;
use crate::emit::yaml::{self, Node};
use crate::model::{RuleSet, Service};

pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "dac");

/// kubectl's client-side apply copies the object into an annotation limited to 256 KiB.
pub const APPLY_ANNOTATION_LIMIT: usize = 256 * 1024;
/// etcd's limit for one object, and so for one ConfigMap.
pub const CONFIG_MAP_LIMIT: usize = 1024 * 1024;

/// Labels sorted by key, later lists overriding earlier ones, `managed-by` always set.
pub(crate) fn labels<'a>(lists: impl IntoIterator<Item = &'a [(String, String)]>) -> Node {
    let mut all: BTreeMap<&str, &str> = BTreeMap::new();
    for list in lists {
        for (k, v) in list {
            all.insert(k, v);
        }
    }
    all.insert(MANAGED_BY.0, MANAGED_BY.1);
    Node::string_map(all)
}

pub(crate) fn metadata(
    name: &str,
    namespace: &str,
    labels: Node,
    annotations: Option<Node>,
) -> Node {
    let mut m = vec![
        ("name".to_string(), Node::str(name)),
        ("namespace".to_string(), Node::str(namespace)),
        ("labels".to_string(), labels),
    ];
    if let Some(a) = annotations {
        m.push(("annotations".to_string(), a));
    }
    Node::Map(m)
}

pub(crate) fn document(
    api_version: &str,
    kind: &str,
    metadata: Node,
    body: (&str, Node),
) -> String {
    let doc = Node::map([
        ("apiVersion", Node::str(api_version)),
        ("kind", Node::str(kind)),
        ("metadata", metadata),
        body,
    ]);
    let mut out = header().to_string();
    yaml::write_document(&mut out, &doc);
    out
}

/// One dashboard for the Grafana sidecar: found by its `grafana_dashboard` label, put
/// in the folder its annotation names.
pub fn dashboard_config_map(uid_slug: &str, folder: &str, json: &str, config: &Config) -> String {
    let mut annotations: BTreeMap<&str, &str> = config
        .dashboard_annotations
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    annotations.insert(&config.folder_annotation, folder);
    let metadata = metadata(
        &crate::layout::dashboard_config_map_name(uid_slug),
        &config.namespace,
        labels([config.dashboard_labels.as_slice()]),
        Some(Node::string_map(annotations)),
    );
    let data = Node::map([(format!("{uid_slug}.json"), Node::str(json))]);
    document("v1", "ConfigMap", metadata, ("data", data))
}

pub fn prometheus_rule_name(slug: &str) -> String {
    slug.to_string()
}

pub fn prometheus_rule(rule_set: &RuleSet, slug: &str, config: &Config) -> String {
    let own: Vec<(String, String)> = rule_set
        .labels
        .iter()
        .map(|p| (p.key.clone(), p.value.clone()))
        .collect();
    let metadata = metadata(
        &prometheus_rule_name(slug),
        &config.namespace,
        labels([config.prometheus_rule_labels.as_slice(), own.as_slice()]),
        None,
    );
    let spec = Node::map([("groups", prometheus::groups(rule_set))]);
    document(
        "monitoring.coreos.com/v1",
        "PrometheusRule",
        metadata,
        ("spec", spec),
    )
}

/// Every rule file in ConfigMaps, for a Prometheus run without the operator (mount them
/// and list `/etc/prometheus/rules/*.rules.yml` under `rule_files`). The files are packed,
/// in name order, into as few ConfigMaps as keep each under the 1 MiB Kubernetes allows:
/// `NAME`, then `NAME-2`, `NAME-3`, ..., as documents of one YAML file.
pub fn rules_config_maps(files: &[(String, String)], config: &Config) -> String {
    let base = crate::layout::slug(&config.rules_config_map, 60);
    let mut out = String::new();
    for (i, part) in pack(files, CONFIG_MAP_LIMIT).iter().enumerate() {
        let name = if i == 0 {
            base.clone()
        } else {
            format!("{base}-{}", i + 1)
        };
        if i > 0 {
            out.push_str("---\n");
        }
        let files = part
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()));
        out.push_str(&config_map(&name, files, config));
    }
    out
}

/// One ConfigMap holding `files` (name, text), in the project's namespace.
pub fn config_map<'a>(
    name: &str,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    config: &Config,
) -> String {
    let metadata = metadata(name, &config.namespace, labels(std::iter::empty()), None);
    let data = Node::string_map(files);
    document("v1", "ConfigMap", metadata, ("data", data))
}

/// Groups files in order so that each group's contents add up to at most `limit` bytes;
/// a file larger than `limit` gets a group of its own.
fn pack(files: &[(String, String)], limit: usize) -> Vec<&[(String, String)]> {
    let mut parts = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (name, text)) in files.iter().enumerate() {
        let len = name.len() + text.len();
        if i > start && size + len > limit {
            parts.push(&files[start..i]);
            (start, size) = (i, 0);
        }
        size += len;
    }
    parts.push(&files[start..]);
    parts
}

pub fn service_monitor(service: &Service, slug: &str, config: &Config) -> String {
    let metadata = metadata(
        slug,
        &config.namespace,
        labels([config.service_monitor_labels.as_slice()]),
        None,
    );
    let mut endpoint = vec![
        ("port".to_string(), Node::str(&service.port)),
        ("path".to_string(), Node::str(&service.path)),
    ];
    if let Some(i) = service.interval {
        endpoint.push(("interval".to_string(), Node::str(duration::prometheus(i))));
    }
    if let Some(t) = service.scrape_timeout {
        endpoint.push((
            "scrapeTimeout".to_string(),
            Node::str(duration::prometheus(t)),
        ));
    }
    // The operator names the job after the Kubernetes Service; the catalog's `job` is
    // what queries and alerts select on, so it is set explicitly.
    endpoint.push((
        "relabelings".to_string(),
        Node::Seq(vec![Node::map([
            ("action", Node::str("replace")),
            ("targetLabel", Node::str("job")),
            ("replacement", Node::str(&service.job)),
        ])]),
    ));
    let match_labels = if service.selector.is_empty() {
        Node::string_map([("app.kubernetes.io/name", service.name.as_str())])
    } else {
        Node::string_map(
            service
                .selector
                .iter()
                .map(|p| (p.key.as_str(), p.value.as_str())),
        )
    };
    let mut spec = vec![(
        "endpoints".to_string(),
        Node::Seq(vec![Node::Map(endpoint)]),
    )];
    if let Some(ns) = &service.namespace {
        spec.push((
            "namespaceSelector".to_string(),
            Node::map([("matchNames", Node::Seq(vec![Node::str(ns)]))]),
        ));
    }
    spec.push((
        "selector".to_string(),
        Node::map([("matchLabels", match_labels)]),
    ));
    document(
        "monitoring.coreos.com/v1",
        "ServiceMonitor",
        metadata,
        ("spec", Node::Map(spec)),
    )
}

/// `kustomization.yaml` listing `resources` (file names in `kubernetes/`), sorted.
pub fn kustomization(resources: &[String]) -> String {
    let mut sorted = resources.to_vec();
    sorted.sort();
    let doc = Node::map([
        ("apiVersion", Node::str("kustomize.config.k8s.io/v1beta1")),
        ("kind", Node::str("Kustomization")),
        (
            "resources",
            Node::Seq(sorted.into_iter().map(Node::Str).collect()),
        ),
    ]);
    format!("{}{}", header(), yaml::to_string(&doc))
}

#[cfg(test)]
mod pack_tests {
    use super::pack;

    fn files(sizes: &[usize]) -> Vec<(String, String)> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| (format!("{i}"), "x".repeat(n)))
            .collect()
    }

    #[test]
    fn packs_in_order_under_the_limit() {
        let f = files(&[3, 4, 2, 9, 1]);
        let sizes: Vec<usize> = pack(&f, 10).iter().map(|p| p.len()).collect();
        // With one-byte names the sizes are 4, 5, 3, 10, 2: [4 5] | [3] | [10] | [2].
        assert_eq!(sizes, vec![2, 1, 1, 1]);
    }

    #[test]
    fn an_oversized_file_stands_alone() {
        let f = files(&[1, 50, 1]);
        let sizes: Vec<usize> = pack(&f, 10).iter().map(|p| p.len()).collect();
        assert_eq!(sizes, vec![1, 1, 1]);
    }

    #[test]
    fn one_part_when_everything_fits() {
        assert_eq!(pack(&files(&[1, 1]), 100).len(), 1);
    }
}
