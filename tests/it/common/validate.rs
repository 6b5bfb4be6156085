//! The validators of emitted files, shared by the emitter tests and the tests that run
//! the binary: Grafana's dashboard schema and the PrometheusRule CRD's schema.

use serde_json::Value;

use super::data;

pub fn yaml_to_json(text: &str) -> Value {
    let v: yaml_serde::Value = yaml_serde::from_str(text).unwrap();
    serde_json::to_value(v).unwrap()
}

/// Every document of a YAML stream (`---` between them), as JSON.
pub fn yaml_documents(text: &str) -> Vec<Value> {
    use serde::Deserialize;
    yaml_serde::Deserializer::from_str(text)
        .map(|doc| serde_json::to_value(yaml_serde::Value::deserialize(doc).unwrap()).unwrap())
        .collect()
}

/// `tests/data/grafana/grafana-dashboard.schema.json`, draft-07.
pub fn grafana_validator() -> jsonschema::Validator {
    let path = data().join("grafana/grafana-dashboard.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

/// The `v1` openAPIV3Schema of kube-prometheus' PrometheusRule CRD.
pub fn crd_validator() -> jsonschema::Validator {
    let path = data().join("kube-prometheus/0prometheusruleCustomResourceDefinition.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let crd = yaml_to_json(&text);
    let version = crd["spec"]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "v1")
        .unwrap();
    let mut schema = version["schema"]["openAPIV3Schema"].clone();
    assert!(schema.is_object());
    strip_go_regex_flags(&mut schema);
    jsonschema::draft7::new(&schema).unwrap()
}

/// The CRD's patterns are Go regexes; `(?i)` is not valid in a JSON Schema (ECMA 262)
/// pattern, so the meta-schema check refuses it. Dropping the flag makes those patterns
/// case-sensitive: stricter than the operator, never looser.
fn strip_go_regex_flags(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::String(s) if k == "pattern" => *s = s.replace("(?i)", ""),
                    _ => strip_go_regex_flags(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_go_regex_flags),
        _ => {}
    }
}

/// Every schema error, with where it is in the instance.
pub fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}
