//! ## What it does
//! Flags a `$var` (or `${var}`, `[[var]]`) in a panel or row title, a description, a
//! legend, a link or a variable's regex when the dashboard declares no such variable.
//! Grafana's own variables (`$__interval`, `$__range`, ...) and the dashboard's
//! datasource variable are always defined. In queries, variables' queries and `repeat`
//! the resolver already refuses an undeclared variable (`dac/undeclared-variable`), so
//! this rule does not report those again.
//!
//! ## Why is this bad?
//! Grafana leaves a reference to an unknown variable as it is: the panel is titled
//! "Latency of $service", the legend reads "$instnace" on every series, and the link
//! goes to a URL with a literal `$` in it.
//!
//! ## Example
//! ```text
//! dashboard "Trade" {
//!   uid = "trade"
//!   variable pod = `label_values(up, pod)`
//!   timeseries "CPU of $pods" {
//!     query `sum(rate(process_cpu_seconds_total{pod=~"$pod"}[$__rate_interval]))`
//!     unit = "percentunit"
//!   }
//! }
//! ```
//!
//! ## Use instead
//! ```text
//! dashboard "Trade" {
//!   uid = "trade"
//!   variable pod = `label_values(up, pod)`
//!   timeseries "CPU of $pod" {
//!     query `sum(rate(process_cpu_seconds_total{pod=~"$pod"}[$__rate_interval]))`
//!     unit = "percentunit"
//!   }
//! }
//! ```

use crate::lint::context::LintInput;
use crate::lint::dashboard_texts::texts;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::lint::text_refs::{place, variables};
use crate::model::DatasourceRef;
use crate::promql::suggest::did_you_mean;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for dashboard in &input.project.dashboards {
        let declared: Vec<&str> = dashboard
            .variables
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        let defined = |name: &str| {
            name.starts_with("__")
                || declared.contains(&name)
                || matches!(&dashboard.datasource, DatasourceRef::Variable(d) if d == name)
        };
        for t in texts(dashboard).into_iter().filter(|t| !t.resolved) {
            let refs: Vec<_> = variables(t.text)
                .into_iter()
                .filter(|r| !defined(&r.name))
                .collect();
            let spans = place(input.sources, t.span, t.text, &refs);
            for (r, at) in refs.iter().zip(spans) {
                let hint = match did_you_mean(&r.name, declared.iter().copied()) {
                    Some(s) => format!("did you mean `${s}`? "),
                    None => String::new(),
                };
                out.push(
                    Finding::new(
                        at,
                        format!(
                            "this {} uses `${}`, which dashboard `{}` does not declare",
                            t.what, r.name, dashboard.title
                        ),
                        "Grafana shows this as written",
                    )
                    .with_help(format!(
                        "{hint}declare `variable {} = ...` in the dashboard, or fix the name",
                        r.name
                    )),
                );
            }
        }
    }
}
