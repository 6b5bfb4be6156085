//! `dac diff`: what the sources would change, compared with the sources at a git
//! revision (`--base`), a directory of emitted files (`--against`), or a live peer
//! (`--grafana`, in [`grafana`]; `--prometheus`, `--kube`, `--live-file`:
//! [`live`]).
//!
//! `--format` here is diff's own (`text`, `markdown`, `json`): the global `--format`
//! names diagnostic formats, so `dac diff` is parsed on its own ([`DiffCli`]) with its
//! value set, and the global `--color`, `-q` and `-v` beside it.
//!
//! Exit codes as `kubectl diff`: 0 no change, 1 changes, 2 an error.

mod args;
mod grafana;
mod live;
mod read;

pub use args::{DiffArgs, DiffCli, DiffFormat, EXIT_CODES};
use read::{documents, files};

use std::process::ExitCode;

use super::console::Console;
use super::global_args::ColorWhen;
use crate::diff::side::{Compiled, Directory};
use crate::diff::{self, Side, render_json, render_markdown, render_text};
use crate::env::{DiskEnv, DiskFs, MemoryEnv, UreqHttp, git};
use crate::resolve::Reuse;

pub fn run(cli: DiffCli, console: &Console) -> Result<ExitCode, String> {
    let args = &cli.args;
    let new = Compiled {
        env: &DiskEnv,
        paths: args.paths.clone(),
        config: args.config.clone(),
        label: "the sources in the work tree".to_string(),
    };
    let (report, base) = if let Some(base) = &args.base {
        // git reads the revision while the work tree compiles: it is another process.
        let (new_side, old_fs) = std::thread::scope(|scope| {
            let reading = std::thread::Builder::new().spawn_scoped(scope, || git::read(base));
            let new_side = files(console, &new.label, || {
                new.files_reusing(&mut Reuse::default())
            });
            let old_fs = match reading {
                Ok(reading) => reading
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to spare: read it now.
                Err(_) => git::read(base),
            };
            (new_side, old_fs)
        });
        let (new_files, mut offered) = new_side?;
        let env = MemoryEnv {
            fs: old_fs?,
            ..MemoryEnv::default()
        };
        let old = Compiled {
            env: &env,
            paths: git::relative(&args.paths)?,
            config: args.config.clone(),
            label: format!("the sources at `{base}` (--base)"),
        };
        let (old_files, left) = files(console, &old.label, || old.files_reusing(&mut offered))?;
        // What neither compilation took is a large project's syntax trees and model;
        // freeing them is a noticeable part of a run, which ends soon: the system takes
        // the memory back at once.
        std::mem::forget((offered, left));
        (diff::diff_files(&old_files, &new_files)?, base.clone())
    } else if let Some(dir) = &args.against {
        let new_files = files(console, &new.label, || new.files())?;
        let old = Directory {
            fs: &DiskFs,
            dir: dir.clone(),
        };
        let old_files = files(console, &old.label(), || old.files())?;
        let shown = dir.display().to_string();
        (diff::diff_files(&old_files, &new_files)?, shown)
    } else {
        let (old_docs, new_docs, base) = live_sides(&cli, &new, console)?;
        (diff::diff(old_docs, new_docs), base)
    };
    let code = ExitCode::from(u8::from(report.has_changes()));
    if cli.quiet {
        return Ok(code);
    }
    let text = match args.format {
        DiffFormat::Text => render_text::render(&report, color(cli.color)),
        DiffFormat::Markdown => render_markdown::render(&report, &base),
        DiffFormat::Json => {
            let mut text = crate::report::json::to_string(&render_json::render(&report, &base));
            text.push('\n');
            text
        }
    };
    console.stdout(&text)?;
    Ok(code)
}

/// The live peers' documents (Grafana, Prometheus, the cluster) and the sources' own,
/// which each peer narrows to what it holds; and how the report names the peer.
fn live_sides(
    cli: &DiffCli,
    new: &Compiled,
    console: &Console,
) -> Result<(Vec<diff::Document>, Vec<diff::Document>, String), String> {
    let args = &cli.args;
    let mut new_docs = documents(new, console)?;
    let (old_docs, base) = if let Some(url) = &args.grafana.grafana {
        let http = UreqHttp::default();
        let read = |side: &dyn Side| documents(side, console);
        let (live, compiled, label) =
            grafana::sides(&args.grafana, url, &http, args.timeout, new_docs, read)?;
        new_docs = compiled;
        (live, label)
    } else if let Some(live) = live::read(args, &new_docs, console)? {
        new_docs = live.local;
        if args.format == DiffFormat::Text && !cli.quiet {
            console.stdout(&format!("{}\n\n", live.scope))?;
        }
        (live.documents, live.base)
    } else {
        return Err(
            "`dac diff` needs `--base`, `--against`, `--grafana`, `--prometheus`, `--kube` or `--live-file`".to_string(),
        );
    };
    Ok((old_docs, new_docs, base))
}

/// Colour on standard output: anstream's rules (NO_COLOR, CLICOLOR_FORCE, a terminal).
fn color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}
