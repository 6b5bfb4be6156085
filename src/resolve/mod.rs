//! From parsed files to the [`model`]: imports, templates, selector scopes, and the
//! semantic checks that need the whole project (duplicate uids and names).
//!
//! Every error is reported, not only the first. [`resolve_in`] keeps the parsed files and
//! returns whatever resolved even when there are errors (lint reports on the parts that
//! did); [`load_project`] and its kin give no project at all when there is any error.

mod admission;
mod alert_template;
mod block;
mod catalog;
mod color;
mod color_names;
mod cx;
mod dash_cx;
mod dashboard;
mod display;
mod duplicates;
mod error;
mod expand;
mod expected_labels;
mod grafana_vars;
mod loader;
mod mapping;
mod names;
pub(crate) mod normalize;
pub mod output_paths;
mod overrides;
mod panel;
mod parsed_file;
mod positions;
pub mod prometheus_config;
mod query;
mod receiver;
mod receiver_ref;
mod reuse;
mod route;
mod routing;
mod routing_error;
mod routing_expect;
mod rule;
mod rule_test;
mod rules;
pub mod sandbox;
pub mod schema;
mod scope;
mod source_error;
mod string_spans;
mod target;
mod template_table;
mod time_interval;
mod tree_size;
mod units;
mod variable;
mod variable_scope;

pub use error::{ErrorKind, ResolveError};
// File access lives in `crate::env`; these names stay here for the tests and benches
// that import them from `resolve`.
pub use crate::env::{DiskFs, FileSystem, MemoryFs};
pub use parsed_file::ParsedFile;
pub use reuse::Reuse;
pub use sandbox::Sandbox;
pub use schema::PANEL_KINDS;
pub use source_error::{SourceError, SourceErrorKind};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::ast::Stmt;
use crate::diagnostic::{self, Diagnostic, Span};
use crate::model::{self, Project};
use crate::source::SourceMap;
use cx::Cx;
use expand::Expander;
use template_table::Templates;

/// Loads, parses and resolves the `.dac` files under `roots` (files, or directories
/// searched recursively) from disk; imports stay inside the common directory of `roots`.
pub fn load_project(
    roots: &[PathBuf],
    sources: &mut SourceMap,
) -> (Option<Project>, Vec<Diagnostic>) {
    load_project_from(roots, &DiskFs, sources)
}

/// [`load_project`] over any file system.
pub fn load_project_from(
    roots: &[PathBuf],
    fs: &dyn FileSystem,
    sources: &mut SourceMap,
) -> (Option<Project>, Vec<Diagnostic>) {
    // Without a working directory every path is taken from `/`: stricter, never looser.
    let cwd = fs.current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let sandbox = Sandbox::around(roots, &cwd, |p| fs.is_dir(p));
    load_project_in(roots, fs, &sandbox, sources)
}

/// [`load_project`] over any file system, reading only what `sandbox` allows.
pub fn load_project_in(
    roots: &[PathBuf],
    fs: &dyn FileSystem,
    sandbox: &Sandbox,
    sources: &mut SourceMap,
) -> (Option<Project>, Vec<Diagnostic>) {
    let resolved = resolve_in(roots, fs, sandbox, sources, &mut Reuse::default());
    let ok = !resolved.diagnostics.iter().any(Diagnostic::is_error);
    (ok.then_some(resolved.project), resolved.diagnostics)
}

/// The parsed files, the project as far as it resolved, and every diagnostic.
#[derive(Debug, Default)]
pub struct Resolved {
    /// Every file that parsed, sorted by path, with its syntax tree as written (before
    /// template expansion).
    pub files: Vec<ParsedFile>,
    /// The blocks that resolved; with errors, the others are missing.
    pub project: Project,
    /// Sorted, one per place.
    pub diagnostics: Vec<Diagnostic>,
    /// The spans of the dashboards taken whole from another compilation ([`Reuse`]).
    pub reused: Vec<Span>,
}

/// A block of the project, expanded, or to be taken whole from another compilation.
enum Pending<'a> {
    Block(Box<Cow<'a, Stmt>>),
    Reused(Span),
}

/// The dashboards on offer from another compilation, and those taken so far.
struct Taken<'t> {
    offered: &'t mut HashMap<Span, model::Dashboard>,
    reused: &'t mut Vec<Span>,
}

/// Reads the `.dac` files under `roots` and what they import (inside `sandbox` only),
/// and resolves them, keeping the files and whatever resolved. What `reuse` offers is
/// taken instead of made again: the trees of the files that are the same, and the
/// dashboards of those that are the same with everything they import.
pub fn resolve_in(
    roots: &[PathBuf],
    fs: &dyn FileSystem,
    sandbox: &Sandbox,
    sources: &mut SourceMap,
    reuse: &mut Reuse,
) -> Resolved {
    let loaded = loader::load(roots, fs, sandbox, sources, reuse);
    let mut diagnostics = loaded.diagnostics;
    let mut cx = Cx::default();
    let mut offered = reuse.dashboards(&loaded.visible);
    let offered_blocks: HashSet<Span> = offered.keys().copied().collect();
    let mut reused = Vec::new();

    let mut templates = Templates {
        visible: loaded.visible,
        ..Templates::default()
    };
    for file in &loaded.files {
        for stmt in file.ast.stmts.iter().filter(|s| s.key.text == "template") {
            templates.define(stmt, &mut cx.errors);
        }
    }
    let mut project = Project::default();
    let files = &loaded.files;
    let sources: &SourceMap = sources;
    // Expansion counts statements across the project, so it stays in order on one
    // thread; reading blocks is independent and runs on all cores, a batch at a time
    // (so few expanded trees are alive at once), while the next batch is expanded.
    let expansion_errors = std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel(1);
        let expanding = std::thread::Builder::new()
            .stack_size(crate::par::STACK)
            .spawn_scoped(scope, || {
                expand_all(files, &templates, &offered_blocks, move |b| {
                    send.send(b).is_ok()
                })
            });
        let mut taken = Taken {
            offered: &mut offered,
            reused: &mut reused,
        };
        match expanding {
            Ok(expanding) => {
                for batch in batches {
                    resolve_batch(batch, sources, &mut cx, &mut project, &mut taken);
                }
                expanding
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }
            // No thread to spare: expand and read in turn.
            Err(_) => expand_all(files, &templates, &offered_blocks, |batch| {
                resolve_batch(batch, sources, &mut cx, &mut project, &mut taken);
                true
            }),
        }
    });
    // Expansion errors first: when reading a value repeats one, the first is kept.
    let mut errors = expansion_errors;
    errors.append(&mut cx.errors);
    cx.errors = errors;
    check_unique(&mut cx, &project);

    diagnostics.append(&mut cx.diagnostics);
    diagnostics.extend(cx.errors.iter().map(ResolveError::to_diagnostic));
    let mut diagnostics = dedup(diagnostics);
    diagnostic::sort(&mut diagnostics);
    Resolved {
        files: loaded.files,
        project,
        diagnostics,
        reused,
    }
}

/// Top-level blocks read in parallel at a time: enough to keep every core busy.
const BATCH: usize = 64;

/// Expands the blocks of `files` in order and hands them to `read` in batches of
/// [`BATCH`] (the last one shorter, or empty), but the dashboards `offered` by another
/// compilation; stops when `read` returns false or the expansion budget is blown.
/// Returns the expansion errors.
fn expand_all<'a>(
    files: &'a [ParsedFile],
    templates: &'a Templates,
    offered: &HashSet<Span>,
    mut read: impl FnMut(Vec<Pending<'a>>) -> bool,
) -> Vec<ResolveError> {
    let mut expander = Expander::new(templates);
    let mut batch = Vec::new();
    // The files are kept: a statement that uses no template is read where it is, and an
    // expanded one lives until its batch is read.
    'files: for file in files {
        for stmt in &file.ast.stmts {
            let stmt = match stmt.key.text.as_str() {
                "import" | "template" => continue,
                "dashboard" if offered.contains(&stmt.span) => Pending::Reused(stmt.span),
                "dashboard" | "rules" | "service" | "exporter" => {
                    Pending::Block(Box::new(expander.stmt(stmt)))
                }
                _ => Pending::Block(Box::new(Cow::Borrowed(stmt))),
            };
            if expander.exhausted() {
                // The budget is blown: the build fails with that error, and reading what
                // was expanded would only spend the time and memory the budget guards.
                batch.clear();
                break 'files;
            }
            batch.push(stmt);
            if batch.len() == BATCH && !read(std::mem::take(&mut batch)) {
                return expander.errors;
            }
        }
    }
    read(batch);
    expander.errors
}

/// Reads expanded top-level blocks into `project`, in order. Each block gets its own
/// context; their errors are appended in block order, so they come out as they would
/// one block at a time.
fn resolve_batch(
    batch: Vec<Pending<'_>>,
    sources: &SourceMap,
    cx: &mut Cx,
    project: &mut Project,
    taken: &mut Taken,
) {
    enum Block {
        Dashboard(Option<model::Dashboard>),
        RuleSet(Option<model::RuleSet>),
        Service(Option<model::Service>),
        Routing(Option<model::Routing>),
        Reused(Span),
        Unknown,
    }
    let done = crate::par::map(batch, |pending| {
        let stmt = match pending {
            Pending::Block(stmt) => stmt,
            Pending::Reused(span) => return (Cx::default(), Block::Reused(span)),
        };
        let mut cx = Cx {
            sources: Some(sources),
            ..Cx::default()
        };
        let block = match stmt.key.text.as_str() {
            "dashboard" => Block::Dashboard(dashboard::dashboard(&mut cx, &stmt)),
            "rules" => {
                let set = rules::rule_set(&mut cx, &stmt);
                if let Some(set) = &set {
                    expected_labels::check(&mut cx, set);
                }
                Block::RuleSet(set)
            }
            "service" | "exporter" => Block::Service(catalog::service(&mut cx, &stmt)),
            "routing" => Block::Routing(routing::routing(&mut cx, &stmt)),
            _ => {
                schema::keywords::unknown(&mut cx, &stmt, schema::Block::File, "");
                Block::Unknown
            }
        };
        (cx, block)
    });
    for (mut block_cx, block) in done {
        cx.errors.append(&mut block_cx.errors);
        cx.diagnostics.append(&mut block_cx.diagnostics);
        match block {
            Block::Dashboard(d) => project.dashboards.extend(d),
            Block::RuleSet(r) => project.rule_sets.extend(r),
            Block::Service(s) => project.services.extend(s),
            Block::Routing(r) => project.routing.extend(r),
            Block::Reused(span) => {
                project.dashboards.extend(taken.offered.remove(&span));
                taken.reused.push(span);
            }
            Block::Unknown => {}
        }
    }
}

/// Names that must be unique across the project.
fn check_unique(cx: &mut Cx, project: &Project) {
    if let [first, second, ..] = project.routing.as_slice() {
        cx.errors.push(
            ResolveError::new(
                second.name_span,
                ErrorKind::Routing(routing_error::RoutingError::SecondRouting),
            )
            .with_related(first.name_span, "first defined here"),
        );
    }
    let errors = &mut cx.errors;
    duplicates::report(
        error::Duplicated::DashboardUid,
        project
            .dashboards
            .iter()
            .map(|d| (d.uid.as_str(), d.uid_span)),
        errors,
    );
    duplicates::report(
        error::Duplicated::RuleSet,
        project
            .rule_sets
            .iter()
            .map(|r| (r.name.as_str(), r.name_span)),
        errors,
    );
    duplicates::report(
        error::Duplicated::Service,
        project
            .services
            .iter()
            .map(|s| (s.name.as_str(), s.name_span)),
        errors,
    );
}

/// One error per place: a fault found twice (a parameter reported while expanding and
/// again while reading, an unterminated string and the empty value it leaves) is shown
/// once, the first found (syntax before meaning).
fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diagnostics
        .into_iter()
        .filter(|d| match d.primary_span() {
            Some(span) if !span.is_dummy() => seen.insert(span),
            _ => true,
        })
        .collect()
}
