//! One emitted file as a typed document: what kind of object it is, the identity it is
//! matched by across the two sides, and its contents as a JSON value (YAML is read into
//! the same value, so every comparison works on one shape).

use serde::Deserialize;
use serde_json::Value;

/// What an emitted file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Dashboard,
    RuleFile,
    RuleTest,
    ConfigMap,
    PrometheusRule,
    ServiceMonitor,
    /// Anything else dac writes (a Kustomization): compared field by field.
    Other,
}

impl Kind {
    /// The word for it in a report.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Dashboard => "dashboard",
            Kind::RuleFile => "rule file",
            Kind::RuleTest => "rule test",
            Kind::ConfigMap => "ConfigMap",
            Kind::PrometheusRule => "PrometheusRule",
            Kind::ServiceMonitor => "ServiceMonitor",
            Kind::Other => "file",
        }
    }

    /// The same, as the JSON report spells it.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Dashboard => "dashboard",
            Kind::RuleFile => "rule_file",
            Kind::RuleTest => "rule_test",
            Kind::ConfigMap => "config_map",
            Kind::PrometheusRule => "prometheus_rule",
            Kind::ServiceMonitor => "service_monitor",
            Kind::Other => "other",
        }
    }
}

/// What a report needs of a document it does not compare: which it is, without its
/// contents (a file that is the same on both sides, see [`super::identify`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub path: String,
    pub kind: Kind,
    pub key: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Document {
    /// Where it is (or would be) written, relative to the output directory.
    pub path: String,
    pub kind: Kind,
    /// Its identity across the sides: a dashboard's uid, a Kubernetes object's kind,
    /// namespace and name, else its path. A renamed file keeps its identity.
    pub key: String,
    /// How a report names it: `"Trade service" (cryptobot-trade)`, `monitoring/trade`.
    pub name: String,
    pub body: Value,
}

impl Document {
    /// Reads the file at `path`: one document, or one per YAML document in it (the rules
    /// ConfigMap of a large project is several); none for what is not a document (dac's
    /// manifest, a file that is neither JSON nor YAML). A file that does not parse is an
    /// error.
    pub fn read(path: &str, text: &str) -> Result<Vec<Document>, String> {
        let bodies = if path.ends_with(".json") {
            vec![
                serde_json::from_str::<Value>(text)
                    .map_err(|e| format!("`{path}` is not valid JSON: {e}"))?,
            ]
        } else if path.ends_with(".yml") || path.ends_with(".yaml") {
            yaml_values(text).map_err(|e| format!("`{path}` is not valid YAML: {e}"))?
        } else {
            return Ok(Vec::new());
        };
        Ok(bodies
            .into_iter()
            .filter(|body| !body.is_null())
            .map(|body| Document::of(path.to_string(), body))
            .collect())
    }

    pub fn identity(&self) -> Identity {
        Identity {
            path: self.path.clone(),
            kind: self.kind,
            key: self.key.clone(),
            name: self.name.clone(),
        }
    }

    /// Types a parsed document by its contents.
    pub fn of(path: String, body: Value) -> Document {
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let (kind, key, name) = if let Some(kind) = text(&body, "kind") {
            let meta = body.get("metadata").cloned().unwrap_or(Value::Null);
            let object = match text(&meta, "namespace") {
                Some(ns) => format!("{ns}/{}", text(&meta, "name").unwrap_or_default()),
                None => text(&meta, "name").unwrap_or_else(|| path.clone()),
            };
            let typed = match kind.as_str() {
                "ConfigMap" => Kind::ConfigMap,
                "PrometheusRule" => Kind::PrometheusRule,
                "ServiceMonitor" => Kind::ServiceMonitor,
                _ => Kind::Other,
            };
            let key = if typed == Kind::Other {
                path.clone()
            } else {
                format!("{kind}/{object}")
            };
            (typed, key, object)
        } else if body.get("panels").is_some() && body.get("uid").is_some() {
            let uid = text(&body, "uid").unwrap_or_default();
            let title = text(&body, "title").unwrap_or_default();
            (
                Kind::Dashboard,
                format!("dashboard/{uid}"),
                format!("\"{title}\" ({uid})"),
            )
        } else if body.get("groups").is_some() {
            (Kind::RuleFile, path.clone(), path.clone())
        } else if body.get("tests").is_some() {
            (Kind::RuleTest, path.clone(), path.clone())
        } else {
            (Kind::Other, path.clone(), path.clone())
        };
        Document {
            path,
            kind,
            key,
            name,
            body,
        }
    }
}

/// Each document of a YAML stream, as JSON values.
pub fn yaml_values(text: &str) -> Result<Vec<Value>, yaml_serde::Error> {
    yaml_serde::Deserializer::from_str(text)
        .map(Value::deserialize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_identities_come_from_the_contents() {
        let d = Document::read("g/a.json", r#"{"uid":"u1","title":"A","panels":[]}"#)
            .unwrap()
            .remove(0);
        assert_eq!((d.kind, d.key.as_str()), (Kind::Dashboard, "dashboard/u1"));
        let k = Document::read(
            "k/x.yaml",
            "kind: ServiceMonitor\nmetadata:\n  name: t\n  namespace: m\n",
        )
        .unwrap()
        .remove(0);
        assert_eq!(
            (k.kind, k.key.as_str()),
            (Kind::ServiceMonitor, "ServiceMonitor/m/t")
        );
        assert!(Document::read(".dac-manifest", "x").unwrap().is_empty());
        assert!(Document::read("a.json", "{").is_err());
        // The rules ConfigMap of a large project: one file, a document per ConfigMap.
        let two = "kind: ConfigMap\nmetadata:\n  name: rules\n---\nkind: ConfigMap\nmetadata:\n  name: rules-2\n";
        let keys: Vec<String> = Document::read("k/rules.yaml", two)
            .unwrap()
            .into_iter()
            .map(|d| d.key)
            .collect();
        assert_eq!(keys, ["ConfigMap/rules", "ConfigMap/rules-2"]);
    }
}
