//! `dac build`: compile the sources and write (or, with `--check`, compare) the output tree.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::build_report::BuildReport;
use super::console::Console;
use super::write_out;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::context::LintInput;
use crate::model::Project;
use crate::source::SourceMap;
use crate::{discover, emit, lint, output, resolve};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files or directories to compile; directories are searched for `*.dac` (default:
    /// `[build] sources` of dac.toml, else `.`).
    pub paths: Vec<PathBuf>,
    /// The dac.toml to use, instead of the nearest one in or above the directory built.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The output directory (default: `out`, or `[build] out_dir` in dac.toml).
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 if the output directory is not what a build would write.
    #[arg(long)]
    pub check: bool,
    /// Fail at once, instead of waiting, when another build holds the output directory.
    #[arg(long)]
    pub no_wait: bool,
    /// Run `promtool check rules` on the new rule files before switching to them.
    #[arg(long)]
    pub verify: bool,
}

pub fn run(args: BuildArgs, console: &Console) -> Result<ExitCode, String> {
    let mut report = BuildReport::new(console);
    let mut sources = SourceMap::new();
    let started = Instant::now();
    let fs = resolve::DiskFs;
    let found = match discover::discover(&args.paths, args.config.as_deref(), &fs, &mut sources) {
        Ok(found) => found,
        Err(diagnostics) => return Ok(report.failed(&diagnostics, &sources)),
    };
    // The first line of the result says which settings and which sources were used.
    report.using(&found.to_string());
    let out_dir = args.out.clone().unwrap_or_else(|| found.out_dir.clone());
    let promtool = match args.verify.then(output::find_promtool).transpose() {
        Ok(promtool) => promtool,
        Err(e) => return Ok(report.failed(&[e.to_diagnostic()], &sources)),
    };
    // Held until the build ends: another build into the same directory waits for it.
    let lock = match write_out::lock(&out_dir, args.check, args.no_wait) {
        Ok(lock) => lock,
        Err(e) => return Ok(report.failed(&[e.to_diagnostic()], &sources)),
    };
    let (project, mut diagnostics) =
        resolve::load_project_in(&found.sources, &fs, &found.sandbox, &mut sources);
    console.files_read(&sources);
    let read = sources.files().count();
    console.stage("Resolved", &format!("{read} files"), started);
    let Some(project) = project.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) else {
        return Ok(report.failed(&diagnostics, &sources));
    };
    // A build never writes what lint rejects: the error-level findings fail it.
    if found.config.lint.in_build {
        let input = LintInput::new(&project, &sources);
        let findings = lint::lint(&input, &found.config.lint);
        diagnostics.extend(findings.into_iter().filter(Diagnostic::is_error));
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Ok(report.failed(&diagnostics, &sources));
        }
    }
    if let Some(nothing) = NothingToBuild::find(&project, &sources, &found.sources) {
        diagnostics.push(nothing.to_diagnostic());
        return Ok(report.failed(&diagnostics, &sources));
    }
    let started = Instant::now();
    let (files, emitted) = emit::emit_owned(project, &found.config);
    console.stage("Emitted", &format!("{} files", files.len()), started);
    // The process ends soon: freeing the outputs one allocation at a time would cost
    // time, for memory the exit frees at once anyway (compilers do the same).
    let files = std::mem::ManuallyDrop::new(files);
    diagnostics.extend(emitted);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(report.failed(&diagnostics, &sources));
    }
    report.diagnostics(&diagnostics, &sources);

    let shown = lock.dir().shown().to_path_buf();
    let started = Instant::now();
    if args.check {
        let stale = match write_out::check(&lock, &files, promtool.as_deref()) {
            Ok(stale) => stale,
            Err(e) => return Ok(report.failed(&[e.to_diagnostic()], &sources)),
        };
        console.stage("Checked", &format!("{}", shown.display()), started);
        if stale.is_empty() {
            return report.up_to_date(&shown, files.len());
        }
        return report.stale(&shown, files.len(), &stale);
    }
    match write_out::write(&lock, &files, promtool) {
        Ok(summary) => {
            console.stage("Wrote", &format!("{}", shown.display()), started);
            if let Some(leftover) = &summary.leftover {
                console.warning(&format!("{leftover}; the next build removes it"));
            }
            report.written(&shown, files.len(), &summary)
        }
        Err(e) => Ok(report.failed(&[e.to_diagnostic()], &sources)),
    }
}

/// A build that would write an empty tree: almost surely the wrong paths, and it would
/// delete every file of the previous build, so it is an error.
#[derive(Debug, PartialEq, Eq)]
enum NothingToBuild {
    /// No `.dac` file under any of the paths.
    NoSources(Vec<PathBuf>),
    /// `.dac` files, but no dashboard, rule set or service in them.
    Empty,
}

impl NothingToBuild {
    fn find(project: &Project, sources: &SourceMap, paths: &[PathBuf]) -> Option<Self> {
        let empty = project.dashboards.is_empty()
            && project.rule_sets.is_empty()
            && project.services.is_empty();
        if !empty {
            return None;
        }
        let read_any = sources.files().any(|(_, f)| f.name.ends_with(".dac"));
        Some(if read_any {
            NothingToBuild::Empty
        } else {
            NothingToBuild::NoSources(paths.to_vec())
        })
    }

    fn to_diagnostic(&self) -> Diagnostic {
        let help = match self {
            NothingToBuild::NoSources(_) => {
                "pass the files or directories that hold the sources, e.g. `dac build dashboards alerts`"
            }
            NothingToBuild::Empty => {
                "add a `dashboard`, `rules` or `service` block; an empty build would delete the previous output"
            }
        };
        Diagnostic::error(Code::NothingToBuild, self.to_string()).with_help(help)
    }
}

impl fmt::Display for NothingToBuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NothingToBuild::NoSources(paths) => {
                let names: Vec<String> =
                    paths.iter().map(|p| format!("`{}`", p.display())).collect();
                write!(f, "no `.dac` files in {}", names.join(", "))
            }
            NothingToBuild::Empty => write!(
                f,
                "nothing to build: the sources define no dashboard, rule set or service"
            ),
        }
    }
}
