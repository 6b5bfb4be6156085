//! The new tree, built complete in a staging directory beside the output directory (the
//! same file system, so the switch is a rename). Unchanged files and the user's own are
//! hard links to the old ones: the same bytes, modification times and permissions.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::dir::OutputDir;
use super::error::{OutputError, io_error};
use super::manifest_name::MANIFEST;
use super::old_tree::{Kind, OldTree};
use super::plan::Plan;
use super::sys;

/// A staging directory; removed when dropped unless [`Staging::keep`] was called.
#[derive(Debug)]
pub struct Staging {
    pub path: PathBuf,
    keep: bool,
}

impl Staging {
    /// The switch moved it: what is at `path` now is not ours to remove here.
    pub fn keep(mut self) -> PathBuf {
        self.keep = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Builds the tree `plan` describes. On failure the staging directory is removed.
pub fn stage(dir: &OutputDir, old: &OldTree, plan: &Plan<'_>) -> Result<Staging, OutputError> {
    let staging = create(dir)?;
    let root = staging.path.clone();
    // Messages name the file where it is going, as the user knows it.
    let show = |rel: &str| dir.show(rel);
    let old_root = dir.path();
    for rel in &plan.dirs {
        let path = root.join(rel);
        fs::create_dir(&path).map_err(io_error("stage", &show(rel)))?;
    }
    for (f, same) in &plan.files {
        let to = root.join(&f.path);
        if *same && fs::hard_link(old_root.join(&f.path), &to).is_ok() {
            continue;
        }
        fs::write(&to, &f.contents).map_err(io_error("stage", &show(&f.path)))?;
    }
    for rel in &plan.carried {
        carry(&old_root.join(rel), &root.join(rel), old.kind(rel))
            .map_err(io_error("carry over", &dir.show(rel)))?;
    }
    fs::write(root.join(MANIFEST), &plan.manifest).map_err(io_error("stage", &show(MANIFEST)))?;
    // Directories get the permissions they had, once everything is in them.
    for rel in plan.dirs.iter().rev() {
        if let Some(Kind::Dir { permissions, .. }) = old.kind(rel) {
            fs::set_permissions(root.join(rel), permissions.clone())
                .map_err(io_error("set the permissions of", &show(rel)))?;
        }
    }
    if let Some(permissions) = &old.root_permissions {
        fs::set_permissions(&root, permissions.clone())
            .map_err(io_error("set the permissions of", dir.shown()))?;
    }
    Ok(staging)
}

/// A fresh `.NAME.dac-staging-PID-N` beside the output directory.
fn create(dir: &OutputDir) -> Result<Staging, OutputError> {
    let pid = std::process::id();
    let mut n = 0;
    loop {
        let tag = format!("dac-staging-{pid}-{n}");
        let path = dir.sibling(&tag);
        let shown = dir.show_beside(&dir.sibling_name(&tag));
        // `create_dir` fails on an existing directory: nothing found there is touched.
        match fs::create_dir(&path) {
            Ok(()) => {
                return Ok(Staging { path, keep: false });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(io_error("create", &shown)(e)),
        }
    }
}

/// Brings one entry of the user's over: a hard link, else a copy (a link can be
/// refused, e.g. for another user's file under `fs.protected_hardlinks`).
fn carry(from: &Path, to: &Path, kind: Option<&Kind>) -> io::Result<()> {
    match kind {
        Some(Kind::Symlink) => sys::symlink(&fs::read_link(from)?, to),
        Some(Kind::File) => fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ())),
        _ => fs::hard_link(from, to),
    }
}
