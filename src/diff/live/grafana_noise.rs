//! What a Grafana 11.x or 12.x writes into a dashboard when it saves it, beyond what
//! the general normaliser drops (`id`, `version`, `iteration`, `meta`, panel ids): the
//! version stamps of the Grafana that saved it, empty lists it writes for settings that
//! are not set, and the default values of the panel options its plugins added since dac's
//! emitter was written.
//!
//! Applied to both sides of `dac diff --grafana` (never to `--base` or `--against`,
//! where a changed `schemaVersion` is dac's own change), so a value that is only a
//! default counts the same whether a side writes it or leaves it out, and any other
//! value still shows.

use serde_json::{Map, Value};

/// A default value, made when compared (a `Value` cannot be built in a `const`).
type MakeDefault = fn() -> Value;

/// Panel options (by panel type; `*` for every type) whose value here is the default
/// Grafana's core panel plugins fill in; each came with a Grafana 10.x or 11.x release,
/// so a dashboard saved by a Grafana since has them whether or not anyone set them.
const OPTION_DEFAULTS: &[(&str, &str, MakeDefault)] = &[
    ("*", "tooltip.hideZeros", || Value::Bool(false)),
    ("stat", "showPercentChange", || Value::Bool(false)),
    ("stat", "percentChangeColorMode", || "standard".into()),
    ("stat", "wideLayout", || Value::Bool(true)),
    ("gauge", "sizing", || "auto".into()),
    ("gauge", "minVizWidth", || 75.into()),
    ("gauge", "minVizHeight", || 75.into()),
    ("bargauge", "sizing", || "auto".into()),
    ("bargauge", "minVizWidth", || 8.into()),
    ("bargauge", "minVizHeight", || 16.into()),
    ("bargauge", "maxVizHeight", || 300.into()),
    ("bargauge", "namePlacement", || "auto".into()),
    ("table", "cellHeight", || "sm".into()),
];

/// Field config (`fieldConfig.defaults.custom`) of the time series panel, likewise.
const CUSTOM_DEFAULTS: &[(&str, MakeDefault)] = &[
    ("axisBorderShow", || Value::Bool(false)),
    ("insertNulls", || Value::Bool(false)),
    ("barWidthFactor", || 0.6.into()),
];

/// Drops Grafana's save-time noise from a dashboard's body.
pub fn strip(body: &mut Value) {
    let Value::Object(map) = body else {
        return;
    };
    // The dashboard's schema version and its grafana.com id: set by whichever Grafana
    // saved it last, and `null` for a dashboard not from grafana.com.
    map.remove("schemaVersion");
    if map.get("gnetId") == Some(&Value::Null) {
        map.remove("gnetId");
    }
    drop_empty(map, "links");
    if let Some(Value::Array(panels)) = map.get_mut("panels") {
        panels.iter_mut().for_each(panel);
    }
}

fn panel(panel: &mut Value) {
    let Value::Object(map) = panel else {
        return;
    };
    // The version of the Grafana that last saved the panel, not a setting.
    map.remove("pluginVersion");
    drop_empty(map, "links");
    let kind = map
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(Value::Object(options)) = map.get_mut("options") {
        for (of, path, default) in OPTION_DEFAULTS {
            if *of == "*" || *of == kind {
                drop_default(options, path, &default());
            }
        }
    }
    drop_empty(map, "options");
    if let Some(Value::Object(field)) = map.get_mut("fieldConfig") {
        if kind == "timeseries" {
            let custom = field
                .get_mut("defaults")
                .and_then(|d| d.get_mut("custom"))
                .and_then(Value::as_object_mut);
            if let Some(custom) = custom {
                for (key, default) in CUSTOM_DEFAULTS {
                    drop_default(custom, key, &default());
                }
            }
        }
        drop_empty(field, "overrides");
        drop_empty(field, "defaults");
    }
    drop_empty(map, "fieldConfig");
    if let Some(Value::Array(inner)) = map.get_mut("panels") {
        inner.iter_mut().for_each(self::panel);
    }
}

/// Removes `key` when it holds an empty list or object: the same as no value.
fn drop_empty(map: &mut Map<String, Value>, key: &str) {
    let empty = match map.get(key) {
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    };
    if empty {
        map.remove(key);
    }
}

/// Removes the dotted `path` when it holds `default`.
fn drop_default(map: &mut Map<String, Value>, path: &str, default: &Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            if let Some(Value::Object(inner)) = map.get_mut(head) {
                drop_default(inner, rest, default);
            }
        }
        None => {
            if map.get(path) == Some(default) {
                map.remove(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn what_grafana_adds_on_save_is_dropped_and_real_values_stay() {
        let mut saved = json!({
            "schemaVersion": 42, "gnetId": null, "links": [], "title": "T",
            "panels": [{
                "type": "stat", "pluginVersion": "12.2.0", "links": [],
                "options": {"wideLayout": true, "showPercentChange": true,
                            "tooltip": {"hideZeros": false, "mode": "single"}},
                "fieldConfig": {"defaults": {}, "overrides": []}
            }, {
                "type": "timeseries",
                "fieldConfig": {"defaults": {"custom": {"barWidthFactor": 0.6, "lineWidth": 2}}}
            }]
        });
        strip(&mut saved);
        assert_eq!(
            saved,
            json!({"title": "T", "panels": [
                {"type": "stat", "options": {"showPercentChange": true, "tooltip": {"mode": "single"}}},
                {"type": "timeseries", "fieldConfig": {"defaults": {"custom": {"lineWidth": 2}}}}
            ]})
        );
        let mut other = json!({"gnetId": 1860, "links": [{"title": "x"}], "panels": []});
        strip(&mut other);
        assert_eq!(other["gnetId"], 1860);
        assert_eq!(other["links"][0]["title"], "x");
    }
}
