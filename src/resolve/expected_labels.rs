//! `expect alert "X" at 10m { labels = { ... } }`: promtool compares an alert's labels
//! with the expected set exactly, so a label the alert can never carry (its expression
//! drops it and the alert does not add it) makes the test fail whatever the input. Said
//! here, at the label, instead of as a failed `promtool test rules` later.

use super::cx::Cx;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{AlertRule, Pair, Rule, RuleGroup, RuleSet};
use crate::promql::labels::output_labels;

/// Checks the expected labels of every test of `set`.
pub fn check(cx: &mut Cx, set: &RuleSet) {
    for group in &set.groups {
        for expectation in group.tests.iter().flat_map(|t| &t.alerts) {
            let alerts = alerts_named(group, &expectation.alert);
            // An unknown alert is reported where the group is read.
            if alerts.is_empty() {
                continue;
            }
            for expected in &expectation.alerts {
                for label in &expected.labels {
                    if !alerts.iter().any(|a| may_carry(a, &label.key)) {
                        cx.diagnostics.push(impossible(label, &alerts));
                    }
                }
            }
        }
    }
}

/// The alerts of `group` named `name` (several, with different labels, may share it).
fn alerts_named<'g>(group: &'g RuleGroup, name: &str) -> Vec<&'g AlertRule> {
    group
        .rules
        .iter()
        .filter_map(|r| match r {
            Rule::Alert(a) if a.name == name => Some(a),
            _ => None,
        })
        .collect()
}

/// Whether a firing `alert` can carry `label`. Prometheus removes the metric name from
/// alerts and adds `alertname`.
fn may_carry(alert: &AlertRule, label: &str) -> bool {
    label == "alertname"
        || alert.labels.iter().any(|l| l.key == label)
        || (label != "__name__" && output_labels(&alert.expr.expr).may_have(label))
}

fn impossible(label: &Pair, alerts: &[&AlertRule]) -> Diagnostic {
    let alert = alerts[0];
    let kept = output_labels(&alert.expr.expr);
    let added: Vec<&str> = alert.labels.iter().map(|l| l.key.as_str()).collect();
    let mut d = Diagnostic::error(
        Code::Test,
        format!(
            "the test expects label `{}` on alert `{}`, which the alert never carries",
            label.key, alert.name
        ),
    )
    .with_primary(label.span, "no series of this alert has this label");
    for a in alerts {
        d = d.with_secondary(
            a.expr.span,
            format!("the expression keeps {}", output_labels(&a.expr.expr)),
        );
    }
    let adds = if added.is_empty() {
        "adds no labels".to_string()
    } else {
        format!("adds {}", added.join(", "))
    };
    d.with_note(format!(
        "the expression keeps {kept} and the alert {adds}; promtool compares the whole label \
         set, so this test can never pass"
    ))
    .with_help(format!(
        "remove `{}` from the expected labels, or keep it in the expression (`by (..., {})`) \
         or add it to the alert's `labels`",
        label.key, label.key
    ))
}
