//! `dac diff --kube` and `--live-file`: the objects a cluster holds, as `kubectl get -o
//! json` (or `-o yaml`) prints them, turned into documents. A `List`'s items, a single
//! object, or several YAML documents are all read; only the kinds dac emits that carry
//! its `managed-by` label are kept, so an object dac manages that the sources no longer
//! have shows as removed (an orphan). The server's bookkeeping is dropped by the
//! normaliser, as for `--against`.

use serde_json::Value;

use super::kubectl::{Kubectl, SELECTOR};
use crate::diff::document::{self, Document, Kind};
use crate::diff::side::{Side, SideError};

/// The cluster, through `kubectl`.
pub struct Cluster<'a> {
    pub kubectl: &'a Kubectl,
}

impl Side for Cluster<'_> {
    fn label(&self) -> String {
        self.kubectl.label()
    }

    fn documents(&self) -> Result<Vec<Document>, SideError> {
        let text = self.kubectl.run()?;
        Ok(objects(&text, "the output of `kubectl get`")?)
    }
}

/// What `kubectl get` printed, saved to a file or piped to standard input.
pub struct LiveFile {
    /// `` `live.json` (--live-file) ``, `standard input (--live-file -)`: errors say it.
    pub origin: String,
    pub text: String,
}

impl Side for LiveFile {
    fn label(&self) -> String {
        self.origin.clone()
    }

    fn documents(&self) -> Result<Vec<Document>, SideError> {
        Ok(objects(&self.text, &self.origin)?)
    }
}

/// Whether a document is of a kind `--kube` compares.
pub fn compared(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::ConfigMap | Kind::PrometheusRule | Kind::ServiceMonitor
    )
}

/// The objects dac manages in `text` (JSON, or YAML of one or more documents), each
/// under its identity (`kind/namespace/name`) as its path until matched.
pub fn objects(text: &str, origin: &str) -> Result<Vec<Document>, String> {
    let values =
        parse(text).map_err(|why| format!("{origin} is not kubectl's JSON or YAML: {why}"))?;
    let mut items = Vec::new();
    for value in values {
        match value {
            Value::Null => {}
            Value::Object(ref map) if map.get("items").is_some_and(Value::is_array) => {
                if let Some(Value::Array(list)) = value.get("items") {
                    items.extend(list.iter().cloned());
                }
            }
            Value::Object(_) => items.push(value),
            _ => {
                return Err(format!(
                    "{origin} holds something that is not an object or a List"
                ));
            }
        }
    }
    let mut docs = Vec::new();
    for item in items {
        if !managed(&item) {
            continue;
        }
        let doc = Document::of(String::new(), item);
        if compared(doc.kind) {
            docs.push(Document {
                path: doc.key.clone(),
                ..doc
            });
        }
    }
    Ok(docs)
}

fn parse(text: &str) -> Result<Vec<Value>, String> {
    if text.trim_start().starts_with('{') {
        return serde_json::from_str::<Value>(text)
            .map(|v| vec![v])
            .map_err(|e| e.to_string());
    }
    document::yaml_values(text).map_err(|e| e.to_string())
}

/// Whether the object carries dac's `managed-by` label.
fn managed(item: &Value) -> bool {
    let (key, value) = SELECTOR.split_once('=').unwrap_or((SELECTOR, ""));
    item["metadata"]["labels"][key].as_str() == Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_a_single_object_and_yaml_documents_are_read() {
        let object = |name: &str, managed: bool| {
            let labels = if managed {
                r#"{"app.kubernetes.io/managed-by": "dac"}"#
            } else {
                "{}"
            };
            format!(
                r#"{{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {{"name": "{name}", "namespace": "m", "labels": {labels}}}, "data": {{}}}}"#
            )
        };
        let list = format!(
            r#"{{"apiVersion": "v1", "kind": "List", "items": [{}, {}]}}"#,
            object("a", true),
            object("b", false)
        );
        let keys = |text: &str| -> Vec<String> {
            objects(text, "x")
                .unwrap()
                .into_iter()
                .map(|d| d.key)
                .collect()
        };
        assert_eq!(keys(&list), ["ConfigMap/m/a"]);
        assert_eq!(keys(&object("c", true)), ["ConfigMap/m/c"]);
        let yaml = "kind: ServiceMonitor\nmetadata:\n  name: s\n  namespace: m\n  labels:\n    app.kubernetes.io/managed-by: dac\n---\nkind: Deployment\nmetadata:\n  name: d\n";
        assert_eq!(keys(yaml), ["ServiceMonitor/m/s"]);
    }

    #[test]
    fn malformed_input_is_an_error() {
        let error = objects("{\"items\": [", "`live.json`").unwrap_err();
        assert!(
            error.starts_with("`live.json` is not kubectl's JSON or YAML"),
            "{error}"
        );
        assert!(objects("- 1\n- 2\n", "x").is_err());
    }
}
