//! `dac build`: compile the sources and write (or, with `--check`, compare) the output tree.

use std::mem::ManuallyDrop;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::build_report::BuildReport;
use super::console::Console;
use super::write_out;
use crate::compile::{self, CompileOptions, Progress, Retain};
use crate::env::{DiskEnv, OutputTree};
use crate::output;
use crate::resolve::Reuse;
use crate::source::SourceMap;

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
    let mut progress = Stages {
        console,
        started: Instant::now(),
    };
    let env = DiskEnv;
    let options = CompileOptions {
        paths: args.paths.clone(),
        config: args.config.clone(),
        retain: Retain::Outputs,
        lint_gate: true,
    };
    let found = match compile::discover(&env, &options, &mut sources) {
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
    let mut tree = match write_out::open(&out_dir, args.check, args.no_wait, promtool) {
        Ok(tree) => tree,
        Err(e) => return Ok(report.failed(&[e.to_diagnostic()], &sources)),
    };
    // The process ends soon: freeing the sources, the model and the outputs one
    // allocation at a time would cost time, for memory the exit frees at once anyway
    // (compilers do the same).
    let compiled = ManuallyDrop::new(compile::compile_found(
        &env,
        found,
        sources,
        &options,
        &mut Reuse::default(),
        &mut progress,
    ));
    let sources = &compiled.sources;
    let Some(files) = compiled.outputs.as_deref() else {
        return Ok(report.failed(&compiled.diagnostics, sources));
    };
    report.diagnostics(&compiled.diagnostics, sources);

    let shown = tree.shown().to_path_buf();
    let started = Instant::now();
    if args.check {
        let stale = match tree.check(files) {
            Ok(stale) => stale,
            Err(e) => return Ok(report.failed(&[e.to_diagnostic()], sources)),
        };
        console.stage("Checked", &format!("{}", shown.display()), started);
        if stale.is_empty() {
            return report.up_to_date(&shown, files.len());
        }
        return report.stale(&shown, files.len(), &stale);
    }
    match tree.write(files) {
        Ok(summary) => {
            console.stage("Wrote", &format!("{}", shown.display()), started);
            if let Some(leftover) = &summary.leftover {
                console.warning(&format!("{leftover}; the next build removes it"));
            }
            report.written(&shown, files.len(), &summary)
        }
        Err(e) => Ok(report.failed(&[e.to_diagnostic()], sources)),
    }
}

/// `-v`: each stage, what it did and how long it took (the CLI's clock, not the core's).
struct Stages<'c> {
    console: &'c Console,
    started: Instant,
}

impl Progress for Stages<'_> {
    fn resolved(&mut self, sources: &SourceMap) {
        self.console.files_read(sources);
        let read = sources.files().count();
        self.console
            .stage("Resolved", &format!("{read} files"), self.started);
        self.started = Instant::now();
    }

    fn emitted(&mut self, files: usize) {
        self.console
            .stage("Emitted", &format!("{files} files"), self.started);
    }
}
