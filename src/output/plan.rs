//! What the new tree holds and where each entry comes from, decided before anything is
//! written: the files of this build (new bytes, or the old file when unchanged), and
//! everything in the old tree that dac did not write, carried over.

use std::collections::BTreeSet;
use std::fs;

use super::dir::OutputDir;
use super::error::{OutputError, io_error};
use super::manifest;
use super::manifest_name::MANIFEST;
use super::old_tree::{Kind, OldTree};
use super::relative::{ancestors, validate};
use super::sys;
use crate::emit::OutputFile;

#[derive(Debug)]
pub struct Plan<'a> {
    /// Each file of the build, and whether the old tree already holds its bytes.
    pub files: Vec<(&'a OutputFile, bool)>,
    /// Entries of the old tree dac did not write (files, links, ...), kept.
    pub carried: Vec<String>,
    /// Every directory of the new tree, parents first (the root not included).
    pub dirs: BTreeSet<String>,
    /// Files an earlier build wrote that this one does not.
    pub removed: Vec<String>,
    pub manifest: String,
    /// Whether the new tree differs from the old one at all.
    pub changed: bool,
}

impl<'a> Plan<'a> {
    pub fn make(
        dir: &OutputDir,
        old: &OldTree,
        files: &'a [OutputFile],
    ) -> Result<Plan<'a>, OutputError> {
        let new_paths = validate(files)?;
        let mut planned = Vec::with_capacity(files.len());
        for f in files {
            planned.push((f, unchanged(dir, old, f)?));
        }
        let mut removed = Vec::new();
        let mut carried = Vec::new();
        let mut keep_empty = Vec::new();
        let mut junk = false;
        for (rel, kind) in &old.entries {
            let dacs = old.manifest.contains(rel) && !matches!(kind, Kind::Dir { .. });
            if rel == MANIFEST || new_paths.contains(rel.as_str()) {
                continue;
            } else if dacs {
                removed.push(rel.clone());
            } else if is_junk(rel) {
                junk = true;
            } else {
                match kind {
                    // A directory is there because of what it holds; an empty one the
                    // user made stays, one emptied by the build goes.
                    Kind::Dir { empty: true, .. } => keep_empty.push(rel.clone()),
                    Kind::Dir { .. } => {}
                    _ => carried.push(rel.clone()),
                }
            }
        }
        let mut dirs = BTreeSet::new();
        let leaves = files
            .iter()
            .map(|f| f.path.as_str())
            .chain(carried.iter().map(String::as_str));
        for leaf in leaves {
            dirs.extend(ancestors(leaf).map(str::to_string));
        }
        for empty in keep_empty {
            dirs.extend(ancestors(&empty).map(str::to_string));
            dirs.insert(empty);
        }
        let manifest = manifest::text(new_paths.iter().copied());
        let changed = !old.exists
            || junk
            || !removed.is_empty()
            || planned.iter().any(|(_, same)| !same)
            || old.manifest_text.as_deref() != Some(manifest.as_str());
        Ok(Plan {
            files: planned,
            carried,
            dirs,
            removed,
            manifest,
            changed,
        })
    }

    pub fn written(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|(_, same)| !same)
            .map(|(f, _)| f.path.clone())
            .collect()
    }

    pub fn unchanged(&self) -> usize {
        self.files.iter().filter(|(_, same)| *same).count()
    }
}

/// Whether the old tree holds `f` byte for byte; an error if something dac must not
/// replace is in its way.
fn unchanged(dir: &OutputDir, old: &OldTree, f: &OutputFile) -> Result<bool, OutputError> {
    for a in ancestors(&f.path) {
        match old.kind(a) {
            Some(Kind::Symlink) => return Err(OutputError::Symlink(dir.show(a))),
            Some(Kind::File | Kind::Other) => return Err(OutputError::NotADirectory(dir.show(a))),
            Some(Kind::Dir { .. }) => {}
            None => return Ok(false),
        }
    }
    let dacs = old.manifest.contains(&f.path);
    let shown = || dir.show(&f.path);
    match old.kind(&f.path) {
        None => Ok(false),
        Some(Kind::Dir { .. }) => Err(OutputError::IsADirectory(shown())),
        Some(Kind::Symlink) => Err(OutputError::Symlink(shown())),
        Some(Kind::Other) if dacs => Ok(false),
        Some(Kind::Other) => Err(OutputError::Foreign(shown())),
        Some(Kind::File) => {
            let bytes = fs::read(dir.path().join(&f.path)).map_err(io_error("read", &shown()))?;
            match (bytes == f.contents, dacs) {
                (true, _) => Ok(true),
                (false, true) => Ok(false),
                (false, false) => Err(OutputError::Foreign(shown())),
            }
        }
    }
}

/// What an interrupted build of an earlier dac left inside the tree: its staging
/// directory (`.dac-staging-*`) and temporary files (`*.dac-tmp-*`). Not carried over.
fn is_junk(rel: &str) -> bool {
    rel.starts_with(".dac-staging-")
        || rel
            .rsplit('/')
            .next()
            .is_some_and(|n| n.contains(".dac-tmp-"))
}

/// Fails unless the old tree can be switched away and removed: the directory is not a
/// mount point, and this user may change each of its directories.
pub fn check_replaceable(dir: &OutputDir, old: &OldTree) -> Result<(), OutputError> {
    if !old.exists {
        return Ok(());
    }
    let root = dir.path();
    let inspect = |p: &std::path::Path| fs::metadata(p).map_err(io_error("inspect", dir.shown()));
    if sys::is_mount_point(&inspect(&root)?, &inspect(dir.parent())?) {
        return Err(OutputError::MountPoint(dir.shown().to_path_buf()));
    }
    for rel in old.dirs() {
        let path = if rel.is_empty() {
            root.clone()
        } else {
            root.join(rel)
        };
        if !sys::can_modify(&path) {
            return Err(OutputError::NotWritable(dir.show(rel)));
        }
    }
    Ok(())
}
