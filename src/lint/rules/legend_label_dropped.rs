//! ## What it does
//! Flags a `{{label}}` in a query's legend when the query's result cannot carry that
//! label: an aggregation dropped it (`sum by (method)` keeps `method` only), or the
//! query never had it (`vector(1)`). Where the labels are not known (a plain selector
//! keeps whatever the series carry), nothing is flagged.
//!
//! ## Why is this bad?
//! Grafana fills the placeholder from the series' labels; a label the series lacks
//! renders as an empty string, so every series of the panel gets the same blank legend
//! and the reader cannot tell them apart.
//!
//! ## Example
//! ```text
//! timeseries "Traffic" {
//!   query `sum by (method) (rate(http_requests_total[$__rate_interval]))` legend "{{pod}}"
//!   unit = "reqps"
//! }
//! ```
//!
//! ## Use instead
//! Keep the label in the aggregation, or name one the query keeps:
//! ```text
//! timeseries "Traffic" {
//!   query `sum by (pod) (rate(http_requests_total[$__rate_interval]))` legend "{{pod}}"
//!   unit = "reqps"
//! }
//! ```

use crate::lint::context::{LintInput, panels};
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::lint::text_refs::{legend_labels, place};
use crate::promql::labels::output_labels;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let targets = input
        .project
        .dashboards
        .iter()
        .flat_map(panels)
        .flat_map(|p| &p.targets);
    for target in targets {
        let (Some(legend), Some(span)) = (&target.legend, target.legend_span) else {
            continue;
        };
        let refs = legend_labels(legend);
        if refs.is_empty() {
            continue;
        }
        let kept = output_labels(&target.query.expr);
        let spans = place(input.sources, span, legend, &refs);
        for (r, at) in refs.iter().zip(spans) {
            if kept.may_have(&r.name) {
                continue;
            }
            out.push(
                Finding::new(
                    at,
                    format!(
                        "the legend's `{{{{{}}}}}` is always empty: the query does not keep `{}`",
                        r.name, r.name
                    ),
                    "renders as an empty string",
                )
                .with_secondary(target.query.span, format!("this returns {kept}"))
                .with_help(format!(
                    "keep `{}` in the query (add it to the `by (...)` of its aggregation), \
                     or name a label the query keeps",
                    r.name
                )),
            );
        }
    }
}
