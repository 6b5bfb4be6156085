//! Field by field: every leaf of two values by its path (`spec.endpoints[0].interval`),
//! for the objects that have no words of their own (ServiceMonitors, ConfigMaps' other
//! data, rule tests).

use std::collections::BTreeMap;

use serde_json::Value;

use super::words;

/// At most this many field lines an object; the text diff shows the rest.
const MAX_LINES: usize = 30;

pub fn changes(old: &Value, new: &Value) -> Vec<String> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    leaves(old, String::new(), &mut a);
    leaves(new, String::new(), &mut b);
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    let mut lines: Vec<String> = paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| words::change(p, a.get(p).copied(), b.get(p).copied()))
        .collect();
    if lines.len() > MAX_LINES {
        let more = lines.len() - MAX_LINES;
        lines.truncate(MAX_LINES);
        lines.push(format!("… and {more} more field(s)"));
    }
    lines
}

fn leaves<'a>(value: &'a Value, path: String, out: &mut BTreeMap<String, &'a Value>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                leaves(v, join(k), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}[{i}]"), out);
            }
        }
        _ => {
            out.insert(
                if path.is_empty() {
                    "(value)".into()
                } else {
                    path
                },
                value,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_named_by_path() {
        let old = json!({"spec": {"endpoints": [{"interval": "15s", "port": "m"}]}});
        let new = json!({"spec": {"endpoints": [{"interval": "30s", "port": "m"}], "x": true}});
        assert_eq!(
            changes(&old, &new),
            ["spec.endpoints[0].interval 15s → 30s", "spec.x true added"]
        );
    }
}
