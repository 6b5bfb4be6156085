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
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::baseline::new_since;
use crate::lint::context::LintInput;
use crate::lint::registry::RuleId;
use crate::lint::settings::LintSettings;
use crate::model::Project;
use crate::promql::suggest::did_you_mean;
use crate::report::{Format, json};
use crate::resolve::fs::FileSystem;
use crate::source::SourceMap;
use crate::{discover, lint, resolve};

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
    let now = front_end(&args.paths, args.config.as_deref(), &resolve::DiskFs);
    let Some(project) = &now.project else {
        return Ok(failed(console, &now.diagnostics, &now.sources));
    };
    let mut found = now.diagnostics.clone();
    found.extend(lint::lint(
        &LintInput::new(project, &now.sources),
        &now.settings,
    ));
    if let Some(base) = &args.base {
        let old_fs = lint_base::read(base)?;
        let paths = lint_base::relative(&args.paths)?;
        let old = front_end(&paths, args.config.as_deref(), &old_fs);
        let old_found = match &old.project {
            Some(p) => {
                let mut all = old.diagnostics.clone();
                all.extend(lint::lint(&LintInput::new(p, &old.sources), &old.settings));
                all
            }
            // Nothing compiled there, so nothing was found there: every finding is new.
            None => Vec::new(),
        };
        found = new_since(found, &now.sources, &old_found, &old.sources);
    }
    report(console, &found, &now.sources)
}

/// What the front end made of the sources: the project when they compile, the
/// diagnostics either way, and the `[lint]` settings.
struct FrontEnd {
    sources: SourceMap,
    project: Option<Project>,
    diagnostics: Vec<Diagnostic>,
    settings: LintSettings,
}

/// The same discovery and resolution `dac build` runs, over any file system (the disk,
/// or a git revision held in memory). The one place to swap for the library pipeline.
fn front_end(paths: &[PathBuf], config: Option<&Path>, fs: &dyn FileSystem) -> FrontEnd {
    let mut sources = SourceMap::new();
    let found = match discover::discover(paths, config, fs, &mut sources) {
        Ok(found) => found,
        Err(diagnostics) => {
            return FrontEnd {
                sources,
                project: None,
                diagnostics,
                settings: LintSettings::default(),
            };
        }
    };
    let (project, diagnostics) =
        resolve::load_project_in(&found.sources, fs, &found.sandbox, &mut sources);
    let project = project.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    FrontEnd {
        sources,
        project,
        diagnostics,
        settings: found.config.lint,
    }
}

/// Sources or settings that do not compile: their diagnostics, as `dac build` shows
/// them; exit 2.
fn failed(console: &Console, diagnostics: &[Diagnostic], sources: &SourceMap) -> ExitCode {
    let shown = console.select(diagnostics);
    if console.format == Format::Json {
        let listed = shown.iter().map(|d| json::diagnostic(d, sources)).collect();
        let _ = console.json(json::document("lint", false, listed));
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
    if console.format == Format::Json {
        let listed = shown.iter().map(|d| json::diagnostic(d, sources)).collect();
        console.json(json::document("lint", errors == 0, listed))?;
    } else {
        console.diagnostics(&shown, sources, true);
        console.status(&format!(
            "lint: {errors} error(s), {} warning(s), {} info(s)",
            count(Severity::Warning),
            count(Severity::Info)
        ))?;
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
