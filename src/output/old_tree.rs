//! What is in the output directory before a build: every entry, without following
//! symbolic links, and the manifest of the build that wrote it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use super::dir::OutputDir;
use super::error::{OutputError, io_error};
use super::manifest;
use super::manifest_name::MANIFEST;

#[derive(Clone, Debug)]
pub enum Kind {
    Dir {
        permissions: fs::Permissions,
        empty: bool,
    },
    File,
    Symlink,
    /// A FIFO, socket or device: never read.
    Other,
}

#[derive(Debug, Default)]
pub struct OldTree {
    /// Whether the output directory exists at all.
    pub exists: bool,
    pub root_permissions: Option<fs::Permissions>,
    /// Every entry below the root, by `/`-separated relative path.
    pub entries: BTreeMap<String, Kind>,
    /// The paths the last build wrote.
    pub manifest: BTreeSet<String>,
    /// The manifest as it is on disk, if any.
    pub manifest_text: Option<String>,
}

impl OldTree {
    pub fn read(dir: &OutputDir) -> Result<OldTree, OutputError> {
        let root = dir.path();
        let meta = match fs::symlink_metadata(&root) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OldTree::default()),
            Err(e) => return Err(io_error("inspect", dir.shown())(e)),
        };
        let mut tree = OldTree {
            exists: true,
            root_permissions: Some(meta.permissions()),
            manifest: manifest::read(dir)?,
            ..OldTree::default()
        };
        tree.manifest_text = fs::read_to_string(root.join(MANIFEST)).ok();
        walk(dir, &root, "", &mut tree.entries)?;
        Ok(tree)
    }

    pub fn kind(&self, rel: &str) -> Option<&Kind> {
        self.entries.get(rel)
    }

    /// The directories of the tree, the root (`""`) first.
    pub fn dirs(&self) -> impl Iterator<Item = &str> {
        let below = self
            .entries
            .iter()
            .filter(|(_, k)| matches!(k, Kind::Dir { .. }))
            .map(|(p, _)| p.as_str());
        self.exists.then_some("").into_iter().chain(below)
    }
}

/// Adds the entries of `path` (the directory `prefix` of the tree); returns whether it
/// had any.
fn walk(
    dir: &OutputDir,
    path: &Path,
    prefix: &str,
    entries: &mut BTreeMap<String, Kind>,
) -> Result<bool, OutputError> {
    let shown = dir.show(prefix.trim_end_matches('/'));
    let listing = fs::read_dir(path).map_err(io_error("read the directory", &shown))?;
    let mut any = false;
    for entry in listing {
        let entry = entry.map_err(io_error("read the directory", &shown))?;
        any = true;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            // The new tree is built from these names: one that is not UTF-8 could not
            // be carried over faithfully.
            return Err(OutputError::Io {
                action: "carry over",
                path: shown.join(entry.file_name()),
                error: "its name is not valid UTF-8; rename it or move it out".to_string(),
            });
        };
        let rel = format!("{prefix}{name}");
        let kind = entry
            .file_type()
            .map_err(io_error("inspect", &dir.show(&rel)))?;
        let kind = if kind.is_symlink() {
            Kind::Symlink
        } else if kind.is_dir() {
            let child = entry.path();
            let permissions = fs::symlink_metadata(&child)
                .map_err(io_error("inspect", &dir.show(&rel)))?
                .permissions();
            let empty = !walk(dir, &child, &format!("{rel}/"), entries)?;
            Kind::Dir { permissions, empty }
        } else if kind.is_file() {
            Kind::File
        } else {
            Kind::Other
        };
        entries.insert(rel, kind);
    }
    Ok(any)
}
