//! `dac promql check` and `dac promql fmt`: the PromQL front end on the command line.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, FileId};
use crate::promql::ast::Expr;
use crate::promql::check::{check, value_type};
use crate::promql::labels::{LabelSet, Labels, output_labels};
use crate::promql::parser::{ParseOptions, parse};
use crate::promql::printer::print;
use crate::promql::visit::metric_names;
use crate::report;
use crate::source::SourceMap;

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
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The expressions.
        exprs: Vec<String>,
    },
    /// Print PromQL expressions in canonical form, one per line.
    ///
    /// Each argument is one expression; with none, one expression is read from standard
    /// input. Exits 1 (with diagnostics) when any has a syntax error.
    Fmt {
        /// Accept Grafana variables and macros.
        #[arg(long)]
        grafana: bool,
        /// The expressions.
        exprs: Vec<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics rendered rustc-style on stderr; each valid expression's type on stdout.
    Human,
    /// One JSON document on stdout: per expression its type, labels, metrics, diagnostics.
    Json,
}

pub fn run(command: PromqlCommand) -> Result<ExitCode, String> {
    let stdout = &mut io::stdout().lock();
    let stderr = &mut io::stderr().lock();
    match command {
        PromqlCommand::Check {
            grafana,
            format,
            exprs,
        } => {
            let sources = load(exprs, &mut io::stdin().lock())?;
            run_check(&sources, grafana, format, stdout, stderr)
        }
        PromqlCommand::Fmt { grafana, exprs } => {
            let sources = load(exprs, &mut io::stdin().lock())?;
            run_fmt(&sources, grafana, stdout, stderr)
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

fn analyze(text: &str, file: FileId, grafana: bool, type_check: bool) -> Analysis {
    let options = ParseOptions {
        file,
        offset: 0,
        grafana,
    };
    match parse(text, &options) {
        Ok(expr) => {
            let mut diagnostics = if type_check {
                check(&expr, grafana)
            } else {
                Vec::new()
            };
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

fn run_check(
    sources: &SourceMap,
    grafana: bool,
    format: Format,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode, String> {
    let mut all_valid = true;
    let mut documents = Vec::new();
    let mut rendered = Vec::new();
    for (file, source) in sources.files() {
        let analysis = analyze(&source.text, file, grafana, true);
        all_valid &= analysis.is_valid();
        match format {
            Format::Human => {
                if analysis.is_valid()
                    && let Some(expr) = &analysis.expr
                {
                    writeln!(out, "{}: {}", source.name, value_type(expr)).map_err(io_error)?;
                }
                rendered.extend(
                    analysis
                        .diagnostics
                        .iter()
                        .map(|d| report::human::render(d, sources)),
                );
            }
            Format::Json => {
                documents.push(describe(&source.name, &source.text, &analysis, sources))
            }
        }
    }
    match format {
        Format::Human => {
            if !rendered.is_empty() {
                write!(err, "{}", rendered.join("\n")).map_err(io_error)?;
            }
        }
        Format::Json => {
            let text = serde_json::to_string_pretty(&json!({ "expressions": documents }))
                .map_err(|e| e.to_string())?;
            writeln!(out, "{text}").map_err(io_error)?;
        }
    }
    Ok(exit_code(all_valid))
}

fn run_fmt(
    sources: &SourceMap,
    grafana: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode, String> {
    let mut all_valid = true;
    let mut rendered = Vec::new();
    for (file, source) in sources.files() {
        let analysis = analyze(&source.text, file, grafana, false);
        match &analysis.expr {
            Some(expr) => writeln!(out, "{}", print(expr)).map_err(io_error)?,
            None => all_valid = false,
        }
        rendered.extend(
            analysis
                .diagnostics
                .iter()
                .map(|d| report::human::render(d, sources)),
        );
    }
    if !rendered.is_empty() {
        write!(err, "{}", rendered.join("\n")).map_err(io_error)?;
    }
    Ok(exit_code(all_valid))
}

fn exit_code(all_valid: bool) -> ExitCode {
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn io_error(e: io::Error) -> String {
    format!("cannot write the output: {e}")
}

/// One expression in the JSON report.
fn describe(name: &str, text: &str, analysis: &Analysis, sources: &SourceMap) -> Value {
    let diagnostics: Vec<Value> = analysis
        .diagnostics
        .iter()
        .map(|d| report::json::to_json(d, sources))
        .collect();
    let (kind, labels, metrics) = match &analysis.expr {
        Some(expr) => (
            json!(value_type(expr).as_str()),
            labels_json(&output_labels(expr)),
            json!(metric_names(expr)),
        ),
        None => (Value::Null, Value::Null, json!([])),
    };
    json!({
        "name": name,
        "expr": text,
        "valid": analysis.is_valid(),
        "type": kind,
        "labels": labels,
        "metric_names": metrics,
        "diagnostics": diagnostics,
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
