//! ## What it does
//! Flags a query (a panel's, an alert's or a recording rule's) that reads a
//! recording-rule-shaped name, one with a `:` such as `job:http_requests:rate5m`, that
//! no recording rule of the linted sources records and the catalog does not list. The
//! closest recorded name is suggested.
//!
//! Prometheus reserves `:` for recording rules, so such a name comes from a rule, not
//! from an exporter. When the rule is recorded elsewhere (a rule file dac does not
//! build), list the metric under a catalog service, with its name quoted
//! (`gauge "job:up:sum" "..."`), or suppress the finding with a
//! `# dac: disable rule/dependency -- recorded by ...` comment. The rule reads the
//! sources being linted: `dac lint dashboards/` alone does not see the recording rules
//! under `alerts/`, so lint the whole project (`dac lint`, as the pre-commit hook does).
//!
//! ## Why is this bad?
//! A recording rule that was renamed or removed leaves its readers reading nothing.
//! Prometheus does not complain: a panel turns empty, and an alert over the missing
//! series never fires, which no one notices until the outage it was meant to catch.
//!
//! ## Example
//! ```text
//! record "job:http_requests:rate5m" = `sum by (job) (rate(http_requests_total[5m]))`
//! alert "HighRequestRate" { expr = `job:http_request:rate5m > 100` }
//! ```
//!
//! ## Use instead
//! ```text
//! record "job:http_requests:rate5m" = `sum by (job) (rate(http_requests_total[5m]))`
//! alert "HighRequestRate" { expr = `job:http_requests:rate5m > 100` }
//! ```

use std::collections::BTreeSet;

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::ast::{Expr, MatchOp, VectorSelector};
use crate::promql::grafana_text::contains_variable;
use crate::promql::suggest::did_you_mean;
use crate::promql::visit::Visitor;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    let recorded: BTreeSet<&str> = input.records().map(|r| r.record.as_str()).collect();
    let listed: BTreeSet<&str> = input
        .project
        .services
        .iter()
        .flat_map(|s| &s.metrics)
        .map(|m| m.name.as_str())
        .collect();
    for query in input.queries() {
        let mut find = Names(Vec::new());
        find.visit_expr(&query.expr);
        for (name, at) in find.0 {
            if !name.contains(':')
                || contains_variable(name)
                || recorded.contains(name)
                || listed.contains(name)
            {
                continue;
            }
            let hint = match did_you_mean(name, recorded.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            out.push(
                Finding::new(
                    at,
                    format!(
                        "`{name}` is named like a recording rule, and no recording rule \
                         records it: this reads nothing"
                    ),
                    "recorded nowhere",
                )
                .with_help(format!(
                    "{hint}read a metric the rules record, or add the recording rule; \
                     when a rule file outside the project records it, list it under its \
                     service in the catalog: `gauge \"{name}\" \"...\"`"
                )),
            );
        }
    }
}

/// The metric names of a query's selectors, each with the span of where it is named.
struct Names<'a>(Vec<(&'a str, crate::diagnostic::Span)>);

impl<'a> Visitor<'a> for Names<'a> {
    fn visit_selector(&mut self, selector: &'a VectorSelector, expr: &'a Expr) {
        if let Some(name) = &selector.name {
            self.0.push((name.name.as_str(), name.span));
        }
        for m in &selector.matchers {
            if m.label.name == "__name__" && m.op == MatchOp::Equal {
                self.0.push((m.value.as_str(), m.value_span));
            }
        }
        let _ = expr;
    }
}
