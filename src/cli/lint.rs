//! `dac lint`: the build's front end and the lint rules; writes nothing.
//!
//! Exit codes: 0 when no finding is an error, 1 when one is, 2 when dac could not lint:
//! a bad command line or dac.toml, sources that do not compile (reported as `dac build`
//! reports them: there is no model to lint), or an unreadable `--base` revision.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::console::Console;
use super::lint_base;
use crate::compile::{self, Compilation, CompileOptions, Retain};
use crate::diagnostic::{Diagnostic, Severity};
use crate::env::{DiskEnv, Environment, MemoryEnv};
use crate::lint;
use crate::lint::baseline::new_since;
use crate::lint::context::LintInput;
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
     or a --base revision that cannot be read";

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
    let mut found = now.diagnostics.clone();
    found.extend(lint::lint(
        &LintInput::new(&now.project, &now.sources).with_outputs(now.outputs.as_deref()),
        settings(&now),
    ));
    if now.has_errors() {
        // The sources do not compile: their errors, and what lint found in the parts
        // that resolved; exit 2, as there is no whole project to judge.
        return Ok(failed(console, &found, &now.sources));
    }
    if let Some(base) = &args.base {
        let old_env = MemoryEnv {
            fs: lint_base::read(base)?,
            ..MemoryEnv::default()
        };
        let paths = lint_base::relative(&args.paths)?;
        let old = front_end(&paths, args.config.as_deref(), &old_env);
        // What was found there, in whatever resolved (nothing, when nothing did).
        let mut old_found = old.diagnostics.clone();
        old_found.extend(lint::lint(
            &LintInput::new(&old.project, &old.sources).with_outputs(old.outputs.as_deref()),
            settings(&old),
        ));
        found = new_since(found, &now.sources, &old_found, &old.sources);
    }
    report(console, &found, &now.sources)
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
        retain: Retain::All,
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
