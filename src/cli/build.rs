//! `dac build`: compile the sources and write (or, with `--check`, compare) the output tree.

use std::fmt;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diagnostic::Diagnostic;
use crate::model::Project;
use crate::report::human::render_all;
use crate::source::SourceMap;
use crate::{discover, emit, output, resolve};

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
}

pub fn run(args: BuildArgs) -> Result<ExitCode, String> {
    let mut sources = SourceMap::new();
    let fs = resolve::DiskFs;
    let found = match discover::discover(&args.paths, args.config.as_deref(), &fs, &mut sources) {
        Ok(found) => found,
        Err(diagnostics) => return Ok(fail(&diagnostics, &sources)),
    };
    let (project, mut diagnostics) =
        resolve::load_project_in(&found.sources, &fs, &found.sandbox, &mut sources);
    let Some(project) = project.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) else {
        return Ok(fail(&diagnostics, &sources));
    };
    if let Some(nothing) = NothingToBuild::find(&project, &sources, &found.sources) {
        diagnostics.push(nothing.to_diagnostic());
        return Ok(fail(&diagnostics, &sources));
    }
    let (files, emitted) = emit::emit_owned(project, &found.config);
    // The process ends soon: freeing the outputs one allocation at a time would cost
    // time, for memory the exit frees at once anyway (compilers do the same).
    let files = std::mem::ManuallyDrop::new(files);
    diagnostics.extend(emitted);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(fail(&diagnostics, &sources));
    }
    report(&diagnostics, &sources);

    // The first line says which settings and which sources this build used.
    println!("{found}");
    let out_dir = args.out.unwrap_or(found.out_dir);
    if args.check {
        let stale = output::check_tree(&out_dir, &files);
        if stale.is_empty() {
            println!("{}: up to date ({} files)", out_dir.display(), files.len());
            return Ok(ExitCode::SUCCESS);
        }
        let mut text = format!(
            "{} is stale; run `dac build` to update it:\n",
            out_dir.display()
        );
        for file in &stale {
            text.push_str(&format!("  {file}\n"));
        }
        print!("{text}");
        return Ok(ExitCode::from(1));
    }
    match output::write_tree(&out_dir, &files) {
        Ok(summary) => {
            println!(
                "{}: {} files, {} written, {} unchanged, {} removed",
                out_dir.display(),
                files.len(),
                summary.written.len(),
                summary.unchanged,
                summary.removed.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(fail(&[e.to_diagnostic()], &sources)),
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
        Diagnostic::error("build/nothing-to-build", self.to_string()).with_help(help)
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

/// Prints the diagnostics, sorted, to stderr.
fn report(diagnostics: &[Diagnostic], sources: &SourceMap) {
    if diagnostics.is_empty() {
        return;
    }
    let mut sorted = diagnostics.to_vec();
    crate::diagnostic::sort(&mut sorted);
    let _ = writeln!(std::io::stderr(), "{}", render_all(&sorted, sources));
}

/// Reports errors and gives exit code 2; nothing has been written.
fn fail(diagnostics: &[Diagnostic], sources: &SourceMap) -> ExitCode {
    report(diagnostics, sources);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let _ = writeln!(
        std::io::stderr(),
        "error: build failed with {errors} error(s); nothing was written"
    );
    ExitCode::from(2)
}
