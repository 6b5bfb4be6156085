//! ## What it does
//! Flags a datasource variable that a dashboard declares while its queries use another
//! datasource: a fixed uid (`datasource = "..."`) or another variable
//! (`datasource_variable = "..."`). Every panel and query variable of a dashboard uses
//! the dashboard's datasource, so this is the one way a query can bypass the variable.
//!
//! ## Why is this bad?
//! The variable's dropdown is on the dashboard for a reason: to switch every panel to
//! another Prometheus (another cluster, another region). When the queries use a fixed
//! datasource the dropdown does nothing, and a reader who switched it trusts graphs
//! that still show the old cluster.
//!
//! ## Example
//! ```text
//! dashboard "Trade" {
//!   uid        = "trade"
//!   datasource = "P1809F7CD0C75ACF3"
//!   variable prom datasource = prometheus { regex = "prom-.*" }
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! dashboard "Trade" {
//!   uid                 = "trade"
//!   datasource_variable = "prom"
//!   variable prom datasource = prometheus { regex = "prom-.*" }
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::lint::text_refs::word_span;
use crate::model::{DatasourceRef, VariableKind};

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for dashboard in &input.project.dashboards {
        let used = match &dashboard.datasource {
            DatasourceRef::Variable(name) => format!("the variable `${{{name}}}`"),
            DatasourceRef::Uid(uid) => format!("the fixed datasource `{uid}`"),
        };
        for variable in &dashboard.variables {
            let VariableKind::Datasource { .. } = variable.kind else {
                continue;
            };
            if matches!(&dashboard.datasource, DatasourceRef::Variable(n) if *n == variable.name) {
                continue;
            }
            out.push(
                Finding::new(
                    word_span(input.sources, variable.span, &variable.name),
                    format!(
                        "the queries of dashboard `{}` do not use its datasource variable \
                         `{}`: they use {used}",
                        dashboard.title, variable.name
                    ),
                    "switching this changes no panel",
                )
                .with_help(format!(
                    "write `datasource_variable = \"{}\"` in the dashboard so every query \
                     uses it, or remove the variable",
                    variable.name
                )),
            );
        }
    }
}
