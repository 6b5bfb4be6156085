//! ## What it does
//! Flags a label in an inhibit rule's `equal` that some of its source or target alerts
//! do not carry. The source alerts are those whose known labels pass the rule's
//! `source_matchers`, the targets those that pass `target_matchers`; an alert carries a
//! label written on it, or one its expression gives where the metric catalog tells.
//!
//! ## Why is this bad?
//! Alertmanager compares the `equal` labels' values, and a missing label has the empty
//! value. A source without the label inhibits every target that lacks it too, whatever
//! it is about (it matches too broadly); a target without it is never inhibited by a
//! source that has it (the rule never matches).
//!
//! ## Example
//! ```text
//! alert "NodeDown" { expr = `...`, severity = critical }     # no `service`
//!
//! inhibit {
//!   source_matchers = { severity = "critical" }
//!   target_matchers = { severity = "warning" }
//!   equal           = ["service"]
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! inhibit {
//!   source_matchers = { severity = "critical", service =~ ".+" }
//!   target_matchers = { severity = "warning", service =~ ".+" }
//!   equal           = ["service"]
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::routing_facts::{AlertFacts, facts};
use crate::lint::settings::LintSettings;
use crate::model::all_match;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let Some((routing, alerts)) = facts(input) else {
        return;
    };
    for rule in &routing.inhibit_rules {
        let sources: Vec<&AlertFacts> = alerts
            .iter()
            .filter(|a| all_match(&rule.source_matchers, &a.labels))
            .collect();
        let targets: Vec<&AlertFacts> = alerts
            .iter()
            .filter(|a| all_match(&rule.target_matchers, &a.labels))
            .collect();
        for (label, span) in &rule.equal {
            for (side, list) in [("source", &sources), ("target", &targets)] {
                let lacking: Vec<&str> = list
                    .iter()
                    .filter(|a| !a.may_carry(label))
                    .map(|a| a.alert.name.as_str())
                    .collect();
                let Some(first) = lacking.first() else {
                    continue;
                };
                let more = match lacking.len() {
                    1 => String::new(),
                    n => format!(" and {} other(s)", n - 1),
                };
                out.push(
                    Finding::new(
                        *span,
                        format!(
                            "{side} alert `{first}`{more} of this inhibit rule does not carry `{label}`"
                        ),
                        format!("not a label of every {side} alert"),
                    )
                    .with_help(format!(
                        "give those alerts `{label}`, or narrow `{side}_matchers` to alerts that \
                         carry it (`{label} =~ \".+\"`)"
                    )),
                );
            }
        }
    }
}
