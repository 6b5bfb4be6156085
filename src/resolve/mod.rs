//! From parsed files to the [`model`]: imports, templates, selector scopes, and the
//! semantic checks that need the whole project (duplicate uids and names).
//!
//! Every error is reported, not only the first; with any error there is no project.

mod block;
mod catalog;
mod cx;
mod dashboard;
mod display;
mod error;
mod expand;
pub mod fs;
mod grafana_vars;
mod loader;
mod mapping;
mod names;
mod overrides;
mod panel;
mod query;
mod rule;
mod rule_test;
mod rules;
mod scope;
mod target;
mod template_table;
mod units;
mod variable;

pub use error::{ErrorKind, ResolveError};
pub use fs::{DiskFs, FileSystem, MemoryFs};

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{self, Diagnostic, Span};
use crate::model::Project;
use crate::source::SourceMap;
use cx::Cx;
use expand::Expander;
use template_table::Templates;

const TOP_LEVEL: &[&str] = &[
    "import",
    "template",
    "dashboard",
    "rules",
    "service",
    "exporter",
];

/// Loads, parses and resolves the `.dac` files under `roots` (files, or directories
/// searched recursively) from disk.
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
    let loaded = loader::load(roots, fs, sources);
    let mut diagnostics = loaded.diagnostics;
    let mut cx = Cx::default();

    let mut templates = Templates {
        visible: loaded.visible,
        ..Templates::default()
    };
    for file in &loaded.files {
        for stmt in file.ast.stmts.iter().filter(|s| s.key.text == "template") {
            templates.define(stmt, &mut cx.errors);
        }
    }
    let mut expander = Expander {
        templates: &templates,
        errors: Vec::new(),
    };

    let mut project = Project::default();
    for file in &loaded.files {
        for stmt in &file.ast.stmts {
            match stmt.key.text.as_str() {
                "import" | "template" => {}
                "dashboard" => {
                    let stmt = expander.stmt(stmt);
                    project
                        .dashboards
                        .extend(dashboard::dashboard(&mut cx, &stmt));
                }
                "rules" => {
                    let stmt = expander.stmt(stmt);
                    project.rule_sets.extend(rules::rule_set(&mut cx, &stmt));
                }
                "service" | "exporter" => {
                    let stmt = expander.stmt(stmt);
                    project.services.extend(catalog::service(&mut cx, &stmt));
                }
                _ => cx.unknown(stmt, "a file", TOP_LEVEL),
            }
        }
    }
    // Expansion errors first: when reading a value repeats one, the first is kept.
    expander.errors.append(&mut cx.errors);
    cx.errors = expander.errors;
    check_unique(&mut cx, &project);

    diagnostics.append(&mut cx.diagnostics);
    diagnostics.extend(cx.errors.iter().map(ResolveError::to_diagnostic));
    let mut diagnostics = dedup(diagnostics);
    diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    (Some(project), diagnostics)
}

/// Names that must be unique across the project.
fn check_unique(cx: &mut Cx, project: &Project) {
    let mut check = |what: &'static str, items: Vec<(&str, Span)>| {
        let mut first: BTreeMap<&str, Span> = BTreeMap::new();
        for (name, span) in items {
            match first.get(name) {
                Some(f) => cx.errors.push(
                    ResolveError::new(
                        span,
                        ErrorKind::Duplicate {
                            what,
                            name: name.to_string(),
                        },
                    )
                    .with_related(*f, "first defined here"),
                ),
                None => {
                    first.insert(name, span);
                }
            }
        }
    };
    check(
        "dashboard uid",
        project
            .dashboards
            .iter()
            .map(|d| (d.uid.as_str(), d.uid_span))
            .collect(),
    );
    check(
        "rule set",
        project
            .rule_sets
            .iter()
            .map(|r| (r.name.as_str(), r.name_span))
            .collect(),
    );
    check(
        "service",
        project
            .services
            .iter()
            .map(|s| (s.name.as_str(), s.name_span))
            .collect(),
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
