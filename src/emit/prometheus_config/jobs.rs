//! One scrape job per service or exporter of the catalog, relabelled as the operator
//! relabels a ServiceMonitor's targets, or as kube-prometheus scrapes the kubelet, so
//! that a series has the same labels in both modes.

use super::relabel::{copy, extract, keep, on_names, quote_regex, sanitize, set};
use crate::config::Config;
use crate::emit::duration;
use crate::emit::yaml::Node;
use crate::model::{Discovery, Service};
pub use crate::resolve::prometheus_config::ANNOTATED_JOB;

/// Where a pod's service account token and the cluster's CA are mounted.
const TOKEN: &str = "/var/run/secrets/kubernetes.io/serviceaccount/token";
const CA: &str = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";

/// The scrape config of one service or exporter.
pub fn scrape_config(service: &Service, config: &Config) -> Node {
    let mut job = vec![("job_name".to_string(), Node::str(&service.job))];
    let kubelet = matches!(
        service.discovery,
        Discovery::Kubelet | Discovery::KubeletCadvisor
    );
    if kubelet || service.discovery == Discovery::KubeStateMetrics {
        // Their series carry the `namespace`, `pod` and `container` they describe.
        job.push(("honor_labels".to_string(), Node::Bool(true)));
    }
    if service.discovery == Discovery::KubeletCadvisor {
        // kube-prometheus: cAdvisor's timestamps lag and would drop samples as stale.
        job.push(("honor_timestamps".to_string(), Node::Bool(false)));
    }
    if let Some(i) = service.interval {
        job.push((
            "scrape_interval".to_string(),
            Node::str(duration::prometheus(i)),
        ));
    }
    if let Some(t) = service.scrape_timeout {
        job.push((
            "scrape_timeout".to_string(),
            Node::str(duration::prometheus(t)),
        ));
    }
    let path = match service.discovery {
        Discovery::KubeletCadvisor if service.path == "/metrics" => "/metrics/cadvisor",
        _ => service.path.as_str(),
    };
    job.push(("metrics_path".to_string(), Node::str(path)));
    if kubelet {
        job.extend(kubelet_client());
        let sd = Node::map([("role", Node::str("node"))]);
        job.push(("kubernetes_sd_configs".to_string(), Node::Seq(vec![sd])));
        job.push(("relabel_configs".to_string(), kubelet_relabel(service)));
    } else {
        let namespace = service.namespace.as_deref().unwrap_or(&config.namespace);
        let sd = Node::map([
            ("role", Node::str("endpoints")),
            (
                "namespaces",
                Node::map([("names", Node::Seq(vec![Node::str(namespace)]))]),
            ),
        ]);
        job.push(("kubernetes_sd_configs".to_string(), Node::Seq(vec![sd])));
        job.push(("relabel_configs".to_string(), endpoints_relabel(service)));
    }
    Node::Map(job)
}

/// HTTPS to the kubelet with the pod's service account, as kube-prometheus does.
fn kubelet_client() -> [(String, Node); 3] {
    [
        ("scheme".to_string(), Node::str("https")),
        (
            "authorization".to_string(),
            Node::map([("credentials_file", Node::str(TOKEN))]),
        ),
        (
            "tls_config".to_string(),
            Node::map([
                ("ca_file", Node::str(CA)),
                // Kubelets serve self-signed certificates unless the cluster rotates
                // them through its CA; kube-prometheus skips the check too.
                ("insecure_skip_verify", Node::Bool(true)),
            ]),
        ),
    ]
}

fn kubelet_relabel(service: &Service) -> Node {
    Node::Seq(vec![
        copy(&["__meta_kubernetes_node_name"], "node"),
        copy(&["__metrics_path__"], "metrics_path"),
        set("job", &service.job),
    ])
}

/// The relabelling the operator generates for a ServiceMonitor endpoint: keep the
/// Service's endpoints on the named port, then `namespace`, `service`, `pod`,
/// `container`, `endpoint`, and the `job` dac's ServiceMonitor sets.
fn endpoints_relabel(service: &Service) -> Node {
    let mut rules = Vec::new();
    for pair in &service.selector {
        let name = sanitize(&pair.key);
        let value = format!("__meta_kubernetes_service_label_{name}");
        let present = format!("__meta_kubernetes_service_labelpresent_{name}");
        rules.push(keep(
            &[&value, &present],
            &format!("({});true", quote_regex(&pair.value)),
        ));
    }
    rules.push(keep(
        &["__meta_kubernetes_endpoint_port_name"],
        &quote_regex(&service.port),
    ));
    let target = [
        "__meta_kubernetes_endpoint_address_target_kind",
        "__meta_kubernetes_endpoint_address_target_name",
    ];
    rules.push(extract(&target, "Node;(.*)", "${1}", "node"));
    rules.push(extract(&target, "Pod;(.*)", "${1}", "pod"));
    rules.push(copy(&["__meta_kubernetes_namespace"], "namespace"));
    rules.push(copy(&["__meta_kubernetes_service_name"], "service"));
    rules.push(copy(&["__meta_kubernetes_pod_name"], "pod"));
    rules.push(copy(&["__meta_kubernetes_pod_container_name"], "container"));
    rules.push(set("endpoint", &service.port));
    rules.push(set("job", &service.job));
    match service.discovery {
        // kube-prometheus: the exporter's own pod and Service are noise on series that
        // describe other objects.
        Discovery::KubeStateMetrics => {
            rules.push(on_names("labeldrop", "(pod|service|endpoint|namespace)"))
        }
        // kube-prometheus: a node exporter's instance is its node.
        Discovery::NodeExporter => {
            rules.push(copy(&["__meta_kubernetes_pod_node_name"], "instance"))
        }
        _ => {}
    }
    Node::Seq(rules)
}

/// The annotation-based job of Prometheus' example configuration: pods annotated
/// `prometheus.io/scrape: "true"`, at `prometheus.io/port` and `prometheus.io/path`.
pub fn annotated_pods() -> Node {
    let rules = vec![
        keep(
            &["__meta_kubernetes_pod_annotation_prometheus_io_scrape"],
            "true",
        ),
        Node::map([
            (
                "source_labels",
                Node::Seq(vec![Node::str(
                    "__meta_kubernetes_pod_annotation_prometheus_io_path",
                )]),
            ),
            ("regex", Node::str("(.+)")),
            ("target_label", Node::str("__metrics_path__")),
        ]),
        extract(
            &[
                "__address__",
                "__meta_kubernetes_pod_annotation_prometheus_io_port",
            ],
            r"([^:]+)(?::\d+)?;(\d+)",
            "$1:$2",
            "__address__",
        ),
        on_names("labelmap", "__meta_kubernetes_pod_label_(.+)"),
        copy(&["__meta_kubernetes_namespace"], "namespace"),
        copy(&["__meta_kubernetes_pod_name"], "pod"),
    ];
    Node::map([
        ("job_name", Node::str(ANNOTATED_JOB)),
        (
            "kubernetes_sd_configs",
            Node::Seq(vec![Node::map([("role", Node::str("pod"))])]),
        ),
        ("relabel_configs", Node::Seq(rules)),
    ])
}
