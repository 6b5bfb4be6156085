//! The project's recording rules as metrics: estimated in the order they read each
//! other, so a rule that reads another sees its labels and series.

use std::collections::{HashMap, HashSet};

use super::flow::Flow;
use super::index::CatalogIndex;
use super::walk::Walker;
use crate::model::RecordingRule;
use crate::promql::visit::selectors;

impl CatalogIndex {
    /// Adds the project's recording rules as metrics, each with the labels and series
    /// count its expression gives, estimated against the catalog and the rules it reads.
    /// Rules are taken once their inputs are known; a cycle (which Prometheus would
    /// evaluate one step behind) reads its members as unknown.
    pub fn add_recording_rules<'r>(&mut self, rules: impl IntoIterator<Item = &'r RecordingRule>) {
        let rules: Vec<&RecordingRule> = rules.into_iter().collect();
        let records: HashSet<&str> = rules.iter().map(|r| r.record.as_str()).collect();
        let inputs: Vec<Vec<&str>> = rules
            .iter()
            .map(|r| {
                selectors(&r.expr.expr)
                    .into_iter()
                    .filter_map(|s| s.name.as_ref().map(|n| n.name.as_str()))
                    .filter(|n| records.contains(n))
                    .collect()
            })
            .collect();
        let mut pending: HashMap<&str, usize> = HashMap::new();
        for r in &rules {
            *pending.entry(r.record.as_str()).or_default() += 1;
        }
        let mut done = vec![false; rules.len()];
        loop {
            let ready: Vec<usize> = (0..rules.len())
                .filter(|&i| !done[i])
                .filter(|&i| {
                    inputs[i]
                        .iter()
                        .all(|n| *n == rules[i].record || !pending.contains_key(n))
                })
                .collect();
            // No rule is ready: the rest form cycles; take them as they are.
            let ready = if ready.is_empty() {
                (0..rules.len()).filter(|&i| !done[i]).collect()
            } else {
                ready
            };
            if ready.is_empty() {
                break;
            }
            let flows: Vec<(usize, Flow)> = ready
                .iter()
                .map(|&i| (i, Walker::new(self, None).flow(&rules[i].expr.expr)))
                .collect();
            for (i, flow) in flows {
                done[i] = true;
                self.add_rule(rules[i], flow);
                if let Some(left) = pending.get_mut(rules[i].record.as_str()) {
                    *left -= 1;
                    if *left == 0 {
                        pending.remove(rules[i].record.as_str());
                    }
                }
            }
        }
    }
}
