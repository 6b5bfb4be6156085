//! `dac lint`: the build's front end and the lint rules; writes nothing.
//!
//! Exit codes: 0 when no finding is an error, 1 when one is, 2 when dac could not lint:
//! a bad command line or dac.toml, sources that do not compile (reported as `dac build`
//! reports them: there is no model to lint), an unreadable `--base` revision, or a
//! `--prometheus` server that does not answer as Prometheus does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::console::Console;
use crate::compile::{self, Compilation, CompileOptions, Retain};
use crate::diagnostic::{Diagnostic, Severity};
use crate::env::{DiskEnv, Environment, MemoryEnv, git};
use crate::lint;
use crate::lint::baseline::new_since;
use crate::lint::context::LintInput;
use crate::lint::online::duration::parse_millis;
use crate::lint::online::{Client, PrometheusApi};
use crate::lint::registry::RuleId;
use crate::lint::settings::LintSettings;
use crate::promql::suggest::did_you_mean;
use crate::report::{Format, json, sarif};
use crate::source::SourceMap;

/// The end of `dac lint --help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  no finding is an error (warnings and infos may be reported)
  1  at least one finding is an error
  2  dac could not lint: a bad command line or dac.toml, sources that do not compile,
     a --base revision that cannot be read, or a --prometheus server that cannot be
     reached, answers with an error or with something that is not its JSON API";

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories to lint; directories are searched for `*.dac` (default:
    /// `[build] sources` of dac.toml, else `.`).
    pub paths: Vec<PathBuf>,
    /// The dac.toml to use, instead of the nearest one in or above the directory linted.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only the findings that are new since this git revision (a branch, tag or
    /// commit); the old sources are read from git, never from the work tree.
    #[arg(long, value_name = "GITREF")]
    pub base: Option<String>,
    /// Print the documentation of a rule, such as `alert/for`.
    #[arg(long, value_name = "RULE", conflicts_with_all = ["list", "base"])]
    pub explain: Option<String>,
    /// List every rule: its name, default severity and what it flags.
    #[arg(long, conflicts_with = "base")]
    pub list: bool,
    /// Also run the online rules against the Prometheus at this URL
    /// (`http[s]://[user:password@]host[:port][/prefix]`).
    #[arg(long, value_name = "URL")]
    pub prometheus: Option<String>,
    /// How long each request to `--prometheus` may take: `10s`, `500ms`, `1m`.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = timeout,
        requires = "prometheus")]
    pub timeout: Duration,
}

pub fn run(args: LintArgs, console: &Console) -> Result<ExitCode, String> {
    if let Some(name) = &args.explain {
        console.stdout(&explain(name)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.list {
        console.stdout(&list())?;
        return Ok(ExitCode::SUCCESS);
    }
    let now = front_end(&args.paths, args.config.as_deref(), &DiskEnv);
    if now.found.is_none() {
        return Ok(failed(console, &now.diagnostics, &now.sources));
    }
    let client = match &args.prometheus {
        Some(url) => Some(Client::new(url, args.timeout).map_err(|e| e.to_string())?),
        None => None,
    };
    let api = client.as_ref().map(|c| c as &dyn PrometheusApi);
    let mut found = now.diagnostics.clone();
    // Sources that do not compile exit 2 whatever Prometheus says: it is not asked.
    found.extend(run_rules(&now, api.filter(|_| !now.has_errors()))?);
    if now.has_errors() {
        // The sources do not compile: their errors, and what lint found in the parts
        // that resolved; exit 2, as there is no whole project to judge.
        return Ok(failed(console, &found, &now.sources));
    }
    if let Some(base) = &args.base {
        let old_env = MemoryEnv {
            fs: git::read(base)?,
            ..MemoryEnv::default()
        };
        let paths = git::relative(&args.paths)?;
        let old = front_end(&paths, args.config.as_deref(), &old_env);
        // What was found there, in whatever resolved (nothing, when nothing did).
        let mut old_found = old.diagnostics.clone();
        old_found.extend(run_rules(&old, api)?);
        found = new_since(found, &now.sources, &old_found, &old.sources);
    }
    let result = report(console, &found, &now.sources);
    // Freeing a large project's syntax trees and model is a noticeable part of a run,
    // and the process ends right after: the system takes the memory back at once.
    std::mem::forget(now);
    result
}

/// The rules over what compiled; the online ones too when there is a Prometheus to ask.
/// A failed request is a tool error, one line naming the URL (without credentials).
fn run_rules(
    compiled: &Compilation,
    api: Option<&dyn PrometheusApi>,
) -> Result<Vec<Diagnostic>, String> {
    let input = LintInput::new(&compiled.project, &compiled.sources)
        .with_outputs(compiled.outputs.as_deref());
    match api {
        Some(api) => lint::lint_online(&input, settings(compiled), api).map_err(|e| e.to_string()),
        None => Ok(lint::lint(&input, settings(compiled))),
    }
}

/// `--timeout`: a Prometheus duration, or a number of seconds (also `dac diff`'s).
pub fn timeout(text: &str) -> Result<Duration, String> {
    let millis = match text.parse::<u64>() {
        Ok(seconds) => seconds.checked_mul(1000),
        Err(_) => parse_millis(text),
    };
    match millis {
        Some(ms) if ms > 0 => Ok(Duration::from_millis(ms)),
        _ => Err("expected a positive duration such as `10s`, `500ms` or `1m`".to_string()),
    }
}

/// The `[lint]` settings of the compilation's dac.toml (the defaults without one).
fn settings(compiled: &Compilation) -> &LintSettings {
    static DEFAULT: std::sync::OnceLock<LintSettings> = std::sync::OnceLock::new();
    match &compiled.found {
        Some(found) => &found.config.lint,
        None => DEFAULT.get_or_init(LintSettings::default),
    }
}

/// The library pipeline `dac build` runs, over any environment (the disk, or a git
/// revision held in memory), keeping the partial project when there are errors.
fn front_end(paths: &[PathBuf], config: Option<&Path>, env: &dyn Environment) -> Compilation {
    let options = CompileOptions {
        paths: paths.to_vec(),
        config: config.map(Path::to_path_buf),
        retain: Retain::Checked,
        lint_gate: false,
    };
    compile::compile(env, &options)
}

/// Sources or settings that do not compile: their diagnostics, as `dac build` shows
/// them; exit 2.
fn failed(console: &Console, diagnostics: &[Diagnostic], sources: &SourceMap) -> ExitCode {
    let shown = console.select(diagnostics);
    if console.format == Format::Json {
        let listed = shown.iter().map(|d| json::diagnostic(d, sources)).collect();
        let _ = console.json(json::document("lint", false, listed));
    } else if console.format == Format::Sarif {
        let _ = console.sarif(sarif_log(&shown, sources, 2));
    } else {
        console.diagnostics(&shown, sources, true);
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        console.error(&format!(
            "lint failed with {errors} error(s) in the sources or dac.toml; nothing was linted"
        ));
    }
    ExitCode::from(2)
}

/// The findings, then a count; exit 1 when one is an error.
fn report(
    console: &Console,
    found: &[Diagnostic],
    sources: &SourceMap,
) -> Result<ExitCode, String> {
    let shown = console.select(found);
    let errors = found.iter().filter(|d| d.is_error()).count();
    let count = |s: Severity| found.iter().filter(|d| d.severity == s).count();
    let exit = u8::from(errors > 0);
    if console.format == Format::Json {
        let listed = shown.iter().map(|d| json::diagnostic(d, sources)).collect();
        console.json(json::document("lint", errors == 0, listed))?;
    } else if console.format == Format::Sarif {
        console.sarif(sarif_log(&shown, sources, exit))?;
    } else {
        console.diagnostics(&shown, sources, true);
        console.status(&format!(
            "lint: {errors} error(s), {} warning(s), {} info(s)",
            count(Severity::Warning),
            count(Severity::Info)
        ))?;
    }
    Ok(ExitCode::from(exit))
}

/// The findings as one SARIF log, for code scanning.
fn sarif_log(shown: &[Diagnostic], sources: &SourceMap, exit: u8) -> serde_json::Value {
    let mut log = sarif::Log::new();
    log.extend(shown, sources);
    log.finish(exit, &[])
}

/// `--explain RULE`: the rule's name, default severity, summary and documentation.
fn explain(name: &str) -> Result<String, String> {
    let Some(rule) = RuleId::from_name(name) else {
        return Err(unknown(name));
    };
    let info = rule.info();
    Ok(format!(
        "{} ({}): {}\n\n{}",
        info.name,
        info.severity,
        info.summary,
        rule.doc()
    ))
}

/// `--list`: one line per rule.
fn list() -> String {
    let width = RuleId::ALL
        .iter()
        .map(|r| r.name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in RuleId::ALL {
        let info = rule.info();
        let online = if info.online { " (online)" } else { "" };
        out.push_str(&format!(
            "{:width$}  {:7}  {}{online}\n",
            info.name,
            info.severity.to_string(),
            info.summary
        ));
    }
    out
}

fn unknown(name: &str) -> String {
    let names = || RuleId::ALL.iter().map(|r| r.name());
    let bare = names().find(|n| n.split_once('/').is_some_and(|(_, rest)| rest == name));
    let hint = match bare.or_else(|| did_you_mean(name, names())) {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    format!("`{name}` is not a lint rule; {hint}`dac lint --list` lists them all")
}
