//! ## What it does
//! Flags `{{ $labels.x }}` in an alert's label or annotation when the alert's expression
//! cannot return a series with label `x`: an aggregation dropped it (`sum by (job)`
//! keeps `job` only), or the expression never had it (`vector(1)`).
//!
//! ## Why is this bad?
//! `$labels` holds the labels of the series that fired, not of the series the
//! expression read. A label the expression drops renders as an empty string: the page
//! says "pod  is crash looping", and the label Alertmanager groups by is empty.
//!
//! ## Example
//! ```text
//! alert "HighErrorRate" {
//!   expr    = `sum by (job) (rate(errors_total[5m])) > 1`
//!   for     = 5m
//!   summary = "{{ $labels.pod }} fails"
//! }
//! ```
//!
//! ## Use instead
//! Keep the label in the aggregation, or do not use it:
//! ```text
//! alert "HighErrorRate" {
//!   expr    = `sum by (job, pod) (rate(errors_total[5m])) > 1`
//!   for     = 5m
//!   summary = "{{ $labels.pod }} fails"
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::labels::output_labels;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for alert in input.alerts() {
        if alert.label_refs.is_empty() {
            continue;
        }
        let kept = output_labels(&alert.expr.expr);
        for label in &alert.label_refs {
            if kept.may_have(&label.name) {
                continue;
            }
            out.push(
                Finding::new(
                    label.span,
                    format!(
                        "`$labels.{}` is always empty in alert `{}`: its expression does \
                         not keep `{}`",
                        label.name, alert.name, label.name
                    ),
                    "renders as an empty string",
                )
                .with_secondary(alert.expr.span, format!("this returns {kept}"))
                .with_help(format!(
                    "keep `{}` in the expression (add it to the `by (...)` of its \
                     aggregation), or do not use it in the template",
                    label.name
                )),
            );
        }
    }
}
