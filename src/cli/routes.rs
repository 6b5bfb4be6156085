//! `dac routes`: for every alert of the project, the route it takes and the receivers
//! it reaches, as `amtool config routes test` tells for one label set.
//!
//! Exit codes: 0 when the table is printed, 2 when the sources do not compile or the
//! project has no routing block.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::{Value, json};

use super::console::Console;
use crate::compile::{self, CompileOptions, Retain};
use crate::env::DiskEnv;
use crate::model::{AlertRoute, alert_routes};
use crate::report::{Format, json};

#[derive(Debug, Args)]
pub struct RoutesArgs {
    /// Files or directories to read; directories are searched for `*.dac` (default:
    /// `[build] sources` of dac.toml, else `.`).
    pub paths: Vec<PathBuf>,
    /// The dac.toml to use, instead of the nearest one in or above the directory read.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub fn run(args: RoutesArgs, console: &Console) -> Result<ExitCode, String> {
    let options = CompileOptions {
        paths: args.paths.clone(),
        config: args.config.as_deref().map(Path::to_path_buf),
        retain: Retain::Project,
        lint_gate: false,
    };
    let compiled = compile::compile(&DiskEnv, &options);
    let shown = console.select(&compiled.diagnostics);
    if compiled.has_errors() {
        if console.format == Format::Json {
            let listed = shown
                .iter()
                .map(|d| json::diagnostic(d, &compiled.sources))
                .collect();
            console.json(json::document("routes", false, listed))?;
        } else {
            console.diagnostics(&shown, &compiled.sources, true);
        }
        return Err("the sources do not compile; no routes were computed".into());
    }
    let Some(routing) = compiled.project.routing.first() else {
        return Err("the project has no `routing` block: there is nothing to route".into());
    };
    let rows = alert_routes(&compiled.project, routing);
    if console.format == Format::Json {
        let listed = shown
            .iter()
            .map(|d| json::diagnostic(d, &compiled.sources))
            .collect();
        let mut doc = json::document("routes", true, listed);
        doc.insert("routing".into(), json!(routing.name));
        doc.insert("alerts".into(), rows.iter().map(row_json).collect());
        console.json(doc)?;
    } else {
        console.diagnostics(&shown, &compiled.sources, true);
        console.stdout(&table(&rows))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn labels_text(row: &AlertRoute) -> String {
    let labels: Vec<String> = row
        .labels
        .iter()
        .filter(|(k, _)| k != "alertname")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    labels.join(",")
}

fn row_json(row: &AlertRoute) -> Value {
    let labels: serde_json::Map<String, Value> = row
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let routes: Vec<Value> = row
        .routes
        .iter()
        .map(|t| {
            json!({
                "path": t.path_text(),
                "receiver": t.receiver,
                "group_by": t.group_by,
            })
        })
        .collect();
    json!({
        "alert": row.alert.name,
        "rule_set": row.rule_set,
        "labels": labels,
        "routes": routes,
        "receivers": row.receivers,
    })
}

/// Columns padded to their widest cell: ALERT, LABELS, ROUTE, RECEIVERS.
fn table(rows: &[AlertRoute]) -> String {
    let mut cells = vec![[
        "ALERT".to_string(),
        "LABELS".to_string(),
        "ROUTE".to_string(),
        "RECEIVERS".to_string(),
    ]];
    for row in rows {
        let paths: Vec<String> = row.routes.iter().map(|t| t.path_text()).collect();
        cells.push([
            row.alert.name.clone(),
            labels_text(row),
            paths.join(" "),
            row.receivers.join(","),
        ]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for c in &cells {
        let line = format!(
            "{:w0$}  {:w1$}  {:w2$}  {}",
            c[0],
            c[1],
            c[2],
            c[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
