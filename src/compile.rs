//! The library pipeline every command starts with: find the project (dac.toml, sources,
//! sandbox), read and parse the sources, resolve them into the model, and emit the
//! output files. Everything is read through an [`Environment`]; nothing is written or
//! printed here: the caller decides what to do with the [`Compilation`] (`build` writes
//! the outputs, `lint` reads the project, `fmt` the parsed files).

mod nothing_to_build;

use std::collections::HashSet;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Span};
use crate::discover::{self, Discovery};
use crate::emit::{self, OutputFile};
use crate::env::Environment;
use crate::lint::suppression::{self, Suppression};
use crate::lint::{self, context::LintInput};
use crate::model::{Dashboard, Project};
use crate::resolve::{self, ParsedFile, Reuse};
use crate::source::SourceMap;
pub use nothing_to_build::NothingToBuild;

/// What to compile, as the command line says it.
#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    /// Files or directories to compile; empty: `[build] sources` of dac.toml, else `.`.
    pub paths: Vec<PathBuf>,
    /// The dac.toml to use instead of the nearest one (`--config`).
    pub config: Option<PathBuf>,
    /// What the [`Compilation`] keeps once the outputs are emitted.
    pub retain: Retain,
    /// Run the error-level lint rules before emitting (unless `[lint] in_build = false`),
    /// so a build never writes what `dac lint` rejects. `dac lint` itself runs them all.
    pub lint_gate: bool,
}

/// What a compilation keeps after emitting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Retain {
    /// The parsed files and the project too.
    #[default]
    All,
    /// The parsed files and the project, and nothing is emitted: `dac routes` reads
    /// only the routing block.
    Project,
    /// The project, and of the outputs only those the lint rules read
    /// ([`emit::emit_checked`]): `dac lint`, which writes nothing. The parsed files are
    /// freed before emitting, so the outputs reuse their memory.
    Checked,
    /// Only the outputs, sources and diagnostics (`build`): the parsed files are freed
    /// before emitting, and each dashboard and rule set as soon as its documents are
    /// built, so a large build never holds its syntax trees, whole model and outputs at
    /// once. With errors nothing is emitted, and everything is kept.
    Outputs,
    /// The outputs, the parsed files and the project: `dac diff --base` offers the
    /// files and the dashboards to the compilation of the revision ([`Reuse`]), which
    /// emits no file of a dashboard it takes ([`Compilation::same`]).
    OutputsAndFiles,
}

/// Everything a compilation found, kept whether or not it succeeded.
#[derive(Debug, Default)]
pub struct Compilation {
    /// Every file read (dac.toml and sources), for rendering diagnostics.
    pub sources: SourceMap,
    /// The project: which dac.toml and settings, which sources. `None` when finding it
    /// failed (a bad dac.toml, a missing source directory).
    pub found: Option<Discovery>,
    /// Every source that parsed, sorted by path, as written (before template expansion).
    pub files: Vec<ParsedFile>,
    /// The blocks that resolved: with errors, the partial project.
    pub project: Project,
    /// The output tree's files, sorted by path (with [`Retain::Checked`], only those
    /// the lint rules read); only when there is no error.
    pub outputs: Option<Vec<OutputFile>>,
    /// The paths of the files not in `outputs` because they are those of dashboards
    /// taken whole from another compilation ([`Reuse`]), which emitted them already: the
    /// same path, the same bytes. Only with [`Retain::OutputsAndFiles`].
    pub same: Vec<String>,
    /// Every diagnostic, in the order they are reported.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Told as each stage ends, so a caller can show progress (the CLI's `-v`).
pub trait Progress {
    /// The sources are read and resolved; `sources` holds every file read.
    fn resolved(&mut self, sources: &SourceMap) {
        let _ = sources;
    }

    /// `files` output files are emitted.
    fn emitted(&mut self, files: usize) {
        let _ = files;
    }
}

/// No progress shown.
impl Progress for () {}

/// Compiles the project `options` name, reading through `env`.
pub fn compile(env: &dyn Environment, options: &CompileOptions) -> Compilation {
    compile_reusing(env, options, &mut Reuse::default())
}

/// [`compile`], taking what `reuse` offers where the sources are the same: another
/// compilation's syntax trees and dashboards (see [`Retain::OutputsAndFiles`]).
pub fn compile_reusing(
    env: &dyn Environment,
    options: &CompileOptions,
    reuse: &mut Reuse,
) -> Compilation {
    let mut sources = SourceMap::new();
    match discover(env, options, &mut sources) {
        Ok(found) => compile_found(env, found, sources, options, reuse, &mut ()),
        Err(diagnostics) => Compilation {
            sources,
            diagnostics,
            ..Compilation::default()
        },
    }
}

/// The first stage alone: the project `options` name (its dac.toml read into `sources`).
/// A caller that must act between finding the project and reading it (the CLI locks the
/// output directory) calls this, then [`compile_found`].
pub fn discover(
    env: &dyn Environment,
    options: &CompileOptions,
    sources: &mut SourceMap,
) -> Result<Discovery, Vec<Diagnostic>> {
    discover::discover(&options.paths, options.config.as_deref(), env.fs(), sources)
}

/// The stages after [`discover`]: read, resolve (taking what `reuse` offers), emit.
pub fn compile_found(
    env: &dyn Environment,
    found: Discovery,
    mut sources: SourceMap,
    options: &CompileOptions,
    reuse: &mut Reuse,
    progress: &mut dyn Progress,
) -> Compilation {
    reuse.settings_are(&found.config);
    let resolved = resolve::resolve_in(
        &found.sources,
        env.fs(),
        &found.sandbox,
        &mut sources,
        reuse,
    );
    progress.resolved(&sources);
    let mut diagnostics = resolved.diagnostics;
    // The checks of what the project would write, before anything is emitted.
    diagnostics.extend(resolve::output_paths::check(
        &resolved.project,
        &found.config,
    ));
    diagnostics.extend(resolve::prometheus_config::check(
        &resolved.project,
        &found.config,
    ));
    let reused = resolved.reused;
    let mut compilation = Compilation {
        sources,
        found: None,
        files: resolved.files,
        project: resolved.project,
        outputs: None,
        same: Vec::new(),
        diagnostics,
    };
    // The gate's suppressions, found while the model is whole: the rules that read the
    // emitted files run after emitting, when a build has freed the model.
    let mut gate = None;
    if options.lint_gate && found.config.lint.in_build && !compilation.has_errors() {
        let input = LintInput::new(&compilation.project, &compilation.sources);
        let findings = lint::lint(&input, &found.config.lint.errors_only());
        compilation
            .diagnostics
            .extend(findings.into_iter().filter(Diagnostic::is_error));
        gate = Some(suppression::find(
            &compilation.project,
            &compilation.sources,
        ));
    }
    if !compilation.has_errors() {
        let nothing = NothingToBuild::find(&compilation.project, &compilation.sources, &found);
        match nothing {
            Some(nothing) => compilation.diagnostics.push(nothing.to_diagnostic()),
            None if options.retain == Retain::Project => {}
            None => {
                let retain = options.retain;
                emit_into(&mut compilation, &found, retain, &reused, gate, progress);
            }
        }
    }
    compilation.found = Some(found);
    compilation
}

/// Emits the project's files (not those of the `reused` dashboards, with
/// [`Retain::OutputsAndFiles`]) and, with the build's `gate`, runs the rules that read
/// them; the files are kept only when no error came up.
fn emit_into(
    compilation: &mut Compilation,
    found: &Discovery,
    retain: Retain,
    reused: &[Span],
    gate: Option<Vec<Suppression>>,
    progress: &mut dyn Progress,
) {
    let files = match retain {
        Retain::All | Retain::Project => emit::emit(&compilation.project, &found.config),
        Retain::Checked => {
            drop(std::mem::take(&mut compilation.files));
            emit::emit_checked(&compilation.project, &found.config)
        }
        Retain::Outputs => {
            drop(std::mem::take(&mut compilation.files));
            emit::emit_owned(std::mem::take(&mut compilation.project), &found.config)
        }
        Retain::OutputsAndFiles => {
            // The dashboards taken whole from another compilation emit its files.
            let reused: HashSet<Span> = reused.iter().copied().collect();
            let (files, same) =
                emit::emit_except(&compilation.project, &found.config, &|d: &Dashboard| {
                    reused.contains(&d.span)
                });
            compilation.same = same;
            files
        }
    };
    progress.emitted(files.len());
    if let Some(suppressions) = gate.filter(|_| !compilation.has_errors()) {
        let findings = lint::lint_outputs(
            &files,
            &compilation.sources,
            &suppressions,
            &found.config.lint.errors_only(),
        );
        compilation
            .diagnostics
            .extend(findings.into_iter().filter(Diagnostic::is_error));
    }
    if !compilation.has_errors() {
        compilation.outputs = Some(files);
    }
}
