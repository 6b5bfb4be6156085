//! `dac promql check` and `dac promql fmt`: the PromQL front end on the command line.

use std::io::{self, Read};
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;
use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, FileId};
use crate::promql::ast::Expr;
use crate::promql::check::{check, value_type};
use crate::promql::labels::{LabelSet, Labels, output_labels};
use crate::promql::parser::{ParseOptions, parse};
use crate::promql::printer::print;
use crate::promql::types::ValueType;
use crate::promql::visit::metric_names;
use crate::report::escape::clean;
use crate::report::{Format, json as report_json, sarif as report_sarif};
use crate::source::SourceMap;

use super::console::Console;

#[derive(Debug, Subcommand)]
pub enum PromqlCommand {
    /// Parse and type-check PromQL expressions, as Prometheus would.
    ///
    /// Each argument is one expression; with none, one expression is read from standard
    /// input. Exits 0 when all are valid, 1 when any is invalid, 2 on a tool error.
    Check {
        /// Accept Grafana variables and macros (`$var`, `${var}`, `$__rate_interval`).
        #[arg(long)]
        grafana: bool,
        /// The expressions.
        exprs: Vec<String>,
    },
    /// Print PromQL expressions in canonical form, one per line.
    ///
    /// Each argument is one expression; with none, one expression is read from standard
    /// input. An expression Prometheus would reject (a syntax or type error) is not
    /// printed: its diagnostics are, and dac exits 1.
    Fmt {
        /// Accept Grafana variables and macros.
        #[arg(long)]
        grafana: bool,
        /// The expressions.
        exprs: Vec<String>,
    },
}

pub fn run(command: PromqlCommand, console: &Console) -> Result<ExitCode, String> {
    match command {
        PromqlCommand::Check { grafana, exprs } => {
            let sources = load(exprs, &mut io::stdin().lock())?;
            run_check(&sources, grafana, console)
        }
        PromqlCommand::Fmt { grafana, exprs } => {
            let sources = load(exprs, &mut io::stdin().lock())?;
            run_fmt(&sources, grafana, console)
        }
    }
}

/// One file per expression: `<arg 1>`, `<arg 2>`, ... or `<stdin>`.
fn load(exprs: Vec<String>, stdin: &mut impl Read) -> Result<SourceMap, String> {
    let mut sources = SourceMap::new();
    if exprs.is_empty() {
        let mut text = String::new();
        stdin
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read an expression from standard input: {e}"))?;
        sources.add("<stdin>", text);
    } else {
        for (i, expr) in exprs.into_iter().enumerate() {
            sources.add(format!("<arg {}>", i + 1), expr);
        }
    }
    Ok(sources)
}

/// A parsed and checked expression.
struct Analysis {
    expr: Option<Expr>,
    diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    fn is_valid(&self) -> bool {
        self.expr.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

fn analyze(text: &str, file: FileId, grafana: bool) -> Analysis {
    let options = ParseOptions {
        file,
        offset: 0,
        grafana,
    };
    match parse(text, &options) {
        Ok(expr) => {
            let mut diagnostics = check(&expr, grafana);
            crate::diagnostic::sort(&mut diagnostics);
            Analysis {
                expr: Some(expr),
                diagnostics,
            }
        }
        Err(mut diagnostics) => {
            crate::diagnostic::sort(&mut diagnostics);
            Analysis {
                expr: None,
                diagnostics,
            }
        }
    }
}

/// Every expression analysed, with what the report needs of it.
struct Checked {
    all_valid: bool,
    diagnostics: Vec<Diagnostic>,
    /// `dac promql check`'s lines: `<arg 1>: instant vector with labels {job}`.
    summaries: String,
    /// `dac promql fmt`'s lines: each valid expression in canonical form.
    formatted: String,
    expressions: Vec<Value>,
}

fn check_all(sources: &SourceMap, grafana: bool, console: &Console) -> Checked {
    let started = Instant::now();
    let mut checked = Checked {
        all_valid: true,
        diagnostics: Vec::new(),
        summaries: String::new(),
        formatted: String::new(),
        expressions: Vec::new(),
    };
    for (file, source) in sources.files() {
        let analysis = analyze(&source.text, file, grafana);
        checked.all_valid &= analysis.is_valid();
        if let Some(expr) = analysis.expr.as_ref().filter(|_| analysis.is_valid()) {
            let line = format!("{}: {}", source.name, summary(expr));
            checked.summaries.push_str(&format!("{}\n", clean(&line)));
            checked.formatted.push_str(&format!("{}\n", print(expr)));
        }
        checked
            .expressions
            .push(describe(&source.name, &source.text, &analysis));
        checked.diagnostics.extend(analysis.diagnostics);
    }
    console.files_read(sources);
    let count = checked.expressions.len();
    console.stage("Checked", &format!("{count} expression(s)"), started);
    checked
}

/// Reports `checked`: `lines` (the command's result) on standard output and the
/// diagnostics on standard error, or one JSON document.
fn report(
    command: &str,
    checked: Checked,
    lines: &str,
    sources: &SourceMap,
    console: &Console,
) -> Result<ExitCode, String> {
    let shown = console.select(&checked.diagnostics);
    if console.format == Format::Sarif {
        let mut log = report_sarif::Log::new();
        log.extend(&shown, sources);
        let exit = if checked.all_valid { 0 } else { 1 };
        console.sarif(log.finish(exit, &[]))?;
    } else if console.format == Format::Json {
        let listed = shown
            .iter()
            .map(|d| report_json::diagnostic(d, sources))
            .collect();
        let mut document = report_json::document(command, checked.all_valid, listed);
        document.insert("expressions".into(), Value::Array(checked.expressions));
        console.json(document)?;
    } else {
        console.stdout(lines)?;
        console.diagnostics(&shown, sources, false);
    }
    Ok(exit_code(checked.all_valid))
}

fn run_check(sources: &SourceMap, grafana: bool, console: &Console) -> Result<ExitCode, String> {
    let checked = check_all(sources, grafana, console);
    // The summaries say what is valid: status, which `-q` leaves out.
    let lines = if console.quiet {
        String::new()
    } else {
        checked.summaries.clone()
    };
    report("promql check", checked, &lines, sources, console)
}

fn run_fmt(sources: &SourceMap, grafana: bool, console: &Console) -> Result<ExitCode, String> {
    let checked = check_all(sources, grafana, console);
    let lines = checked.formatted.clone();
    report("promql fmt", checked, &lines, sources, console)
}

/// `instant vector with labels {job}`; the labels only for vectors.
fn summary(expr: &Expr) -> String {
    let kind = value_type(expr);
    match kind {
        ValueType::Vector | ValueType::Matrix => format!("{kind} with {}", output_labels(expr)),
        ValueType::Scalar | ValueType::String => kind.to_string(),
    }
}

fn exit_code(all_valid: bool) -> ExitCode {
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One expression in the JSON report.
fn describe(name: &str, text: &str, analysis: &Analysis) -> Value {
    let (kind, labels, metrics, formatted) = match &analysis.expr {
        Some(expr) => (
            json!(value_type(expr).as_str()),
            labels_json(&output_labels(expr)),
            json!(metric_names(expr)),
            json!(print(expr)),
        ),
        None => (Value::Null, Value::Null, json!([]), Value::Null),
    };
    json!({
        "name": name,
        "expr": text,
        "formatted": formatted,
        "valid": analysis.is_valid(),
        "type": kind,
        "labels": labels,
        "metric_names": metrics,
    })
}

fn labels_json(set: &LabelSet) -> Value {
    match &set.labels {
        Labels::Exactly(labels) => json!({
            "kind": "exactly",
            "labels": labels,
            "metric_name": set.metric_name,
        }),
        Labels::AllExcept { except, added } => json!({
            "kind": "all_except",
            "except": except,
            "added": added,
            "metric_name": set.metric_name,
        }),
    }
}
