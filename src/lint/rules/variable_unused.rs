//! ## What it does
//! Flags a dashboard variable that nothing uses: no panel query, title, description,
//! legend, link or `repeat`, and no other variable's query or regex (a chained variable,
//! `pod` filtered by `$namespace`, counts as a use of `namespace`). Datasource variables
//! are left to `dashboard/datasource`.
//!
//! ## Why is this bad?
//! The variable's dropdown invites the reader to filter, and nothing changes: they take
//! the dashboard for broken, or worse, believe it filtered. Its query also costs
//! Prometheus a request on every load.
//!
//! ## Example
//! ```text
//! dashboard "Trade" {
//!   uid = "trade"
//!   variable exchange = `label_values(trade_executions_total, exchange)`
//!   timeseries "Trades" {
//!     query `sum(rate(trade_executions_total[$__rate_interval]))`
//!     unit = "ops"
//!   }
//! }
//! ```
//!
//! ## Use instead
//! Use it, or remove it:
//! ```text
//! dashboard "Trade" {
//!   uid = "trade"
//!   variable exchange = `label_values(trade_executions_total, exchange)`
//!   timeseries "Trades" {
//!     query `sum(rate(trade_executions_total{exchange=~"$exchange"}[$__rate_interval]))`
//!     unit = "ops"
//!   }
//! }
//! ```

use std::collections::BTreeSet;

use crate::lint::context::LintInput;
use crate::lint::dashboard_texts::texts;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::lint::text_refs::{variables, word_span};
use crate::model::{DatasourceRef, VariableKind};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for dashboard in &input.project.dashboards {
        let mut used = BTreeSet::new();
        for t in texts(dashboard) {
            if t.what == "repeat" {
                used.insert(t.text.to_string());
            }
            used.extend(variables(t.text).into_iter().map(|r| r.name));
        }
        if let DatasourceRef::Variable(name) = &dashboard.datasource {
            used.insert(name.clone());
        }
        for variable in &dashboard.variables {
            if matches!(variable.kind, VariableKind::Datasource { .. })
                || used.contains(&variable.name)
            {
                continue;
            }
            out.push(
                Finding::new(
                    word_span(input.sources, variable.span, &variable.name),
                    format!(
                        "variable `{}` of dashboard `{}` is never used",
                        variable.name, dashboard.title
                    ),
                    "no query, title, legend, link or repeat uses it",
                )
                .with_help(format!(
                    "filter the panels' queries with it (`{{label=~\"${}\"}}`, or the \
                     dashboard's `scope`), or remove it",
                    variable.name
                )),
            );
        }
    }
}
