//! The paths inside the output tree: `/`-separated plain names, never leaving it.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use super::error::OutputError;
use super::manifest_name::MANIFEST;
use crate::emit::OutputFile;

/// A `/`-separated path of plain names: not absolute, no `.` or `..`, no empty part,
/// no backslash or NUL, and not the manifest itself.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && path != MANIFEST
        && !path.contains(['\\', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The paths of `files`, each safe and none twice.
pub fn validate(files: &[OutputFile]) -> Result<BTreeSet<&str>, OutputError> {
    let mut seen = BTreeSet::new();
    for f in files {
        if !is_safe_relative(&f.path) {
            return Err(OutputError::UnsafePath(f.path.clone()));
        }
        if !seen.insert(f.path.as_str()) {
            return Err(OutputError::DuplicatePath(f.path.clone()));
        }
    }
    Ok(seen)
}

/// The directories on the way to `rel`, outermost first: `a`, `a/b` for `a/b/c`.
pub fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    rel.match_indices('/').map(move |(i, _)| &rel[..i])
}
