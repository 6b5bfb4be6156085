//! No two objects may claim one file of the output tree. File names are made from uids
//! and names by [`crate::layout::slug`], which folds case and punctuation, so two
//! different names can give one file; this finds them on the resolved project, before
//! anything is emitted, for every command that compiles.

use std::collections::HashMap;

use crate::codes::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::layout::{self, Planned};
use crate::model::Project;

/// One error for each pair of objects that would write the same file.
pub fn check(project: &Project, config: &Config) -> Vec<Diagnostic> {
    let mut first: HashMap<String, Planned> = HashMap::new();
    // A dashboard's JSON and its ConfigMap collide together: one report says it.
    let mut reported: Vec<(String, String)> = Vec::new();
    let mut diagnostics = Vec::new();
    for file in layout::planned(project, config) {
        let Some(earlier) = first.get(&file.path) else {
            first.insert(file.path.clone(), file);
            continue;
        };
        let pair = (file.what.clone(), earlier.what.clone());
        // The same name twice is a duplicate, which the resolver reports.
        if pair.0 == pair.1 || reported.contains(&pair) {
            continue;
        }
        reported.push(pair);
        diagnostics.push(collision(&file, earlier));
    }
    diagnostics
}

fn collision(file: &Planned, earlier: &Planned) -> Diagnostic {
    let path = &file.path;
    let (what, first) = (&file.what, &earlier.what);
    let mut diagnostic = Diagnostic::error(
        Code::OutputPathCollision,
        format!("{what} and {first} would both be written to `{path}`"),
    );
    // The rules ConfigMap and the kustomization come from dac.toml: no span of theirs.
    for (span, label) in [(file.span, "this one"), (earlier.span, "and this one")] {
        if span.is_dummy() {
            continue;
        }
        diagnostic = if diagnostic.labels.is_empty() {
            diagnostic.with_primary(span, label)
        } else {
            diagnostic.with_secondary(span, label)
        };
    }
    diagnostic.with_help(
        "file names are the names lowercased, with anything but letters, digits and `-` \
         turned into `-`; rename one so they differ in those",
    )
}
