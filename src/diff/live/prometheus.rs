//! `dac diff --prometheus URL`: the rules a running Prometheus has loaded
//! (`GET /api/v1/rules`), read back into the rule files the sources compile to, so the
//! rule comparison names each change (`alert X: for 5m → 10m`).
//!
//! The server says which file it loaded each group from, but that is where the file sits
//! on the server (`/etc/prometheus/rules/x.yml`), not dac's path. A group is therefore
//! placed in the sources' rule file that holds a group of its name; a group the sources
//! do not have stays in the server's file, which shows as removed (an orphan).
//!
//! The API writes durations as seconds and queries re-printed by Prometheus; both become
//! what a rule file holds, and the normaliser compares them as Prometheus would.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::diff::document::{Document, Kind};
use crate::diff::normalise;
use crate::diff::side::{Side, SideError};
use crate::lint::online::duration::format_millis;
use crate::lint::online::{ApiError, ApiErrorKind, Client};

/// The rules Prometheus at `client`'s URL has loaded, against the sources' rule files.
pub struct PrometheusRules<'a> {
    pub client: &'a Client,
    /// The sources' documents: their rule files say where each group belongs.
    pub local: &'a [Document],
}

impl Side for PrometheusRules<'_> {
    fn label(&self) -> String {
        format!("the rules Prometheus at {} has loaded", self.client.url())
    }

    fn documents(&self) -> Result<Vec<Document>, SideError> {
        let data = self
            .client
            .rules()
            .map_err(|e| SideError::from(e.to_string()))?;
        rule_files(&data, self.local).map_err(|why| {
            let url = format!("{}/api/v1/rules", self.client.url());
            SideError::from(ApiError::new(&url, ApiErrorKind::Malformed(why)).to_string())
        })
    }
}

/// The rule files' queries with their matchers sorted, as Prometheus answers them; for
/// both sides, so that order is no change.
pub fn sort_matchers(docs: &mut [Document]) {
    for doc in docs.iter_mut().filter(|d| d.kind == Kind::RuleFile) {
        let groups = doc.body.get_mut("groups").and_then(Value::as_array_mut);
        for group in groups.into_iter().flatten() {
            let rules = group.get_mut("rules").and_then(Value::as_array_mut);
            for rule in rules.into_iter().flatten() {
                if let Some(Value::String(expr)) = rule.get_mut("expr") {
                    *expr = normalise::canonical_sorted(expr);
                }
            }
        }
    }
}

/// Where a group of the sources lives: its file, its place in it, and whether it sets
/// its own interval.
struct Home<'a> {
    path: &'a str,
    index: usize,
    interval: bool,
}

/// The `data` of `/api/v1/rules` as rule-file documents, one for each file a group
/// belongs to (see the module's doc).
pub fn rule_files(data: &Value, local: &[Document]) -> Result<Vec<Document>, String> {
    let mut homes: BTreeMap<&str, Home> = BTreeMap::new();
    for doc in local.iter().filter(|d| d.kind == Kind::RuleFile) {
        for (index, group) in doc.body["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(name) = group["name"].as_str() {
                let interval = group.get("interval").is_some();
                homes.entry(name).or_insert(Home {
                    path: &doc.path,
                    index,
                    interval,
                });
            }
        }
    }
    let groups = data["groups"]
        .as_array()
        .ok_or("its `data` has no `groups` list")?;
    // The server lists a file's groups by name; they go back in the sources' order (the
    // order of groups changes nothing), the sources' unknown groups after them.
    let mut files: BTreeMap<String, Vec<(usize, Value)>> = BTreeMap::new();
    for (i, group) in groups.iter().enumerate() {
        let name = group["name"]
            .as_str()
            .ok_or_else(|| format!("group {} has no name", i + 1))?;
        let home = homes.get(name);
        let path = match home {
            Some(home) => home.path.to_string(),
            None => group["file"].as_str().unwrap_or(name).to_string(),
        };
        // A group without an interval runs at the server's `evaluation_interval`, which
        // the API reports as the group's: compared only when the sources set one.
        let interval = home.is_none_or(|h| h.interval);
        let group =
            rule_group(name, group, interval).map_err(|why| format!("group {name}: {why}"))?;
        let place = home.map_or(usize::MAX, |h| h.index);
        files.entry(path).or_default().push((place, group));
    }
    Ok(files
        .into_iter()
        .map(|(path, mut groups)| {
            groups.sort_by_key(|(place, _)| *place);
            let groups: Vec<Value> = groups.into_iter().map(|(_, g)| g).collect();
            Document::of(path, json!({ "groups": groups }))
        })
        .collect())
}

/// One group of the API as a rule file writes it.
fn rule_group(name: &str, group: &Value, interval: bool) -> Result<Value, String> {
    let mut out = Map::new();
    out.insert("name".into(), name.into());
    if interval {
        insert_seconds(&mut out, "interval", &group["interval"]);
    }
    if let Some(limit) = group["limit"].as_u64().filter(|n| *n > 0) {
        out.insert("limit".into(), limit.into());
    }
    insert_seconds(&mut out, "query_offset", &group["queryOffset"]);
    let rules = group["rules"]
        .as_array()
        .ok_or("it has no `rules` list")?
        .iter()
        .enumerate()
        .map(|(i, r)| rule(r).map_err(|why| format!("rule {}: {why}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    out.insert("rules".into(), Value::Array(rules));
    Ok(Value::Object(out))
}

/// One rule of the API (`type`, `name`, `query`, `duration` in seconds, ...) as a rule
/// file writes it.
fn rule(api: &Value) -> Result<Value, String> {
    let text = |key: &str| {
        api[key]
            .as_str()
            .ok_or_else(|| format!("it has no `{key}`"))
    };
    let mut out = Map::new();
    match text("type")? {
        "alerting" => {
            out.insert("alert".into(), text("name")?.into());
            out.insert("expr".into(), text("query")?.into());
            insert_seconds(&mut out, "for", &api["duration"]);
            insert_seconds(&mut out, "keep_firing_for", &api["keepFiringFor"]);
            insert_map(&mut out, "labels", &api["labels"]);
            insert_map(&mut out, "annotations", &api["annotations"]);
        }
        "recording" => {
            out.insert("record".into(), text("name")?.into());
            out.insert("expr".into(), text("query")?.into());
            insert_map(&mut out, "labels", &api["labels"]);
        }
        other => return Err(format!("unknown rule type `{other}`")),
    }
    Ok(Value::Object(out))
}

/// A duration the API gives in seconds, written as a rule file does (`5m`); none for 0.
fn insert_seconds(out: &mut Map<String, Value>, key: &str, seconds: &Value) {
    let Some(seconds) = seconds.as_f64().filter(|s| s.is_finite() && *s > 0.0) else {
        return;
    };
    let millis = (seconds * 1000.0).round() as u64;
    out.insert(key.into(), format_millis(millis).into());
}

/// Labels or annotations, left out when empty as a rule file leaves them.
fn insert_map(out: &mut Map<String, Value>, key: &str, map: &Value) {
    if map.as_object().is_some_and(|m| !m.is_empty()) {
        out.insert(key.into(), map.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> Vec<Document> {
        let text = "groups:\n  - name: trade.rules\n    interval: 1m\n    rules:\n      - alert: A\n        expr: x > 1\n        for: 5m\n";
        vec![
            Document::read("prometheus/trade.rules.yml", text)
                .unwrap()
                .remove(0),
        ]
    }

    #[test]
    fn groups_return_to_the_sources_file_and_seconds_to_durations() {
        let data = json!({"groups": [
            {"name": "trade.rules", "file": "/etc/prometheus/x.yml", "interval": 60, "limit": 0,
             "rules": [{"type": "alerting", "name": "A", "query": "x > 1", "duration": 300,
                        "keepFiringFor": 0, "labels": {}, "annotations": {}, "state": "inactive"},
                       {"type": "recording", "name": "r", "query": "sum(x)", "health": "ok"}]},
            {"name": "other", "file": "/etc/prometheus/y.yml", "interval": 30, "rules": []}]});
        let docs = rule_files(&data, &local()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].path, "/etc/prometheus/y.yml");
        assert_eq!(docs[0].body["groups"][0]["interval"], "30s");
        assert_eq!(
            (docs[1].kind, docs[1].key.as_str()),
            (Kind::RuleFile, "prometheus/trade.rules.yml")
        );
        assert_eq!(
            docs[1].body,
            json!({"groups": [{"name": "trade.rules", "interval": "1m", "rules": [
                {"alert": "A", "expr": "x > 1", "for": "5m"},
                {"record": "r", "expr": "sum(x)"}]}]})
        );
    }

    #[test]
    fn keep_firing_for_limit_and_query_offset_are_read() {
        let data = json!({"groups": [{"name": "g", "file": "f", "interval": 30.5, "limit": 10,
            "queryOffset": 60, "rules": [{"type": "alerting", "name": "A", "query": "x",
            "duration": 0, "keepFiringFor": 90, "labels": {"team": "t"}}]}]});
        let docs = rule_files(&data, &[]).unwrap();
        assert_eq!(
            docs[0].body["groups"][0],
            json!({"name": "g", "interval": "30s500ms", "limit": 10, "query_offset": "1m",
                   "rules": [{"alert": "A", "expr": "x", "keep_firing_for": "1m30s",
                              "labels": {"team": "t"}}]})
        );
    }

    #[test]
    fn an_answer_without_groups_or_names_is_malformed() {
        assert!(rule_files(&json!({}), &[]).is_err());
        let nameless = json!({"groups": [{"rules": []}]});
        assert_eq!(
            rule_files(&nameless, &[]).unwrap_err(),
            "group 1 has no name"
        );
        let typeless = json!({"groups": [{"name": "g", "rules": [{"name": "r"}]}]});
        assert_eq!(
            rule_files(&typeless, &[]).unwrap_err(),
            "group g: rule 1: it has no `type`"
        );
    }
}
