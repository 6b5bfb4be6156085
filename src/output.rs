//! Writing the output tree: the output directory always holds exactly one complete
//! build, the old one or the new one, never a mix.
//!
//! A build, holding the directory's lock ([`OutputLock`]) from start to end:
//! 1. removes what killed builds left beside the directory ([`recover`]);
//! 2. reads the old tree and its `.dac-manifest`, and plans the new tree ([`plan`]):
//!    every file of this build, plus everything in the old tree that dac did not write
//!    (the user's own files, carried over). It refuses, before writing anything, a file
//!    dac did not write where it would write one, a symbolic link on the way, and a
//!    manifest that is a link or lists a path it could never have written;
//! 3. builds the whole new tree in a staging directory beside the output directory
//!    ([`stage`]), unchanged and carried files as hard links to the old ones;
//! 4. lets the caller check the staged tree (`--verify` runs promtool on it);
//! 5. switches to it in one step ([`switch`]) and removes the old tree.
//!
//! A failure or a kill before step 5 leaves the old tree exactly as it was: "nothing
//! was written" is true. A kill after it leaves the new tree, and the old one beside it
//! for the next build to remove. A build that would change nothing changes nothing, not
//! even a modification time.
//!
//! # Why a swap of directories, and not a symlink `out -> .dac-out/<build-id>`
//!
//! Bazel and Nix switch a symbolic link; dac swaps the directory itself, with
//! `renameat2(RENAME_EXCHANGE)` on Linux (`renameatx_np(RENAME_SWAP)` on macOS):
//! - `out/` stays a plain directory, which is what the tools reading it expect: git
//!   commits a link as a link (a GitOps repository would hold the link, not the
//!   manifests), `kubectl apply -k out/kubernetes` and `rsync` read it as before, and a
//!   user's `out -> somewhere` link keeps working (the build swaps the directory it
//!   points to and leaves the link alone).
//! - The user's own files in `out/` survive: they are hard-linked into the staged tree
//!   (copied where a link is refused), so they are the same files, not copies, on the
//!   new side of the switch.
//! - The first build, when `out/` does not exist, renames the staged tree into place
//!   (`RENAME_NOREPLACE`): nothing to swap with.
//! - A directory that is a mount point cannot be renamed, by either scheme: that is an
//!   error saying to write into a directory inside the volume. So is a parent directory
//!   that cannot be written, since the lock and the staging directory live there.
//! - Where the kernel or file system has no exchange (other Unixes, some network file
//!   systems), the old tree is renamed aside and the new one into place: the directory
//!   is missing for a moment, never mixed, and a build killed in between is undone by
//!   the next one, which moves the old tree back.
//!
//! Not covered: power loss (nothing is fsynced: a build's output is reproduced by
//! building again), and files another program adds to `out/` while a build runs.
//! New directories and files belong to the user who runs the build; directories keep
//! the permissions they had.
//!
//! Paths in messages are the user's: `-o out` gives `out/grafana/...`.

mod check;
mod dir;
mod error;
mod lock;
mod manifest;
mod manifest_name;
mod old_tree;
mod plan;
mod recover;
mod relative;
mod stage;
mod switch;
mod sys;
mod verify;

use std::fs;
use std::path::Path;

pub use check::{StaleFile, Staleness, check_tree};
pub use error::{EntryFault, OutputError};
pub use lock::{LockMode, OutputLock, Waiting};
pub use manifest::MANIFEST_HEADER;
pub use manifest_name::MANIFEST;
pub use relative::is_safe_relative;
pub use verify::{find_promtool, promtool_check_rules};

use crate::emit::OutputFile;
use old_tree::OldTree;
use plan::Plan;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or changed.
    pub written: Vec<String>,
    /// Files already up to date (left alone, mtime included).
    pub unchanged: usize,
    /// Files an earlier build wrote that this one does not.
    pub removed: Vec<String>,
    /// The old tree could not be removed after the switch (the build itself succeeded;
    /// the next build removes it).
    pub leftover: Option<OutputError>,
}

/// Calls from inside [`write_tree`], at the moments that matter to a caller.
pub trait WriteHooks {
    /// The new tree is complete at `root` (the staging directory, or the output
    /// directory itself when nothing changes) and not yet switched to. An error here
    /// stops the build with nothing written.
    fn staged(&mut self, root: &Path, paths: &[&str]) -> Result<(), OutputError> {
        let _ = (root, paths);
        Ok(())
    }

    /// The new tree is in place; the old one is not removed yet.
    fn switched(&mut self) {}
}

/// No hooks.
impl WriteHooks for () {}

/// Writes `files` as the new tree of the directory `lock` holds (see the module doc).
pub fn write_tree(
    lock: &OutputLock,
    files: &[OutputFile],
    hooks: &mut dyn WriteHooks,
) -> Result<WriteSummary, OutputError> {
    let dir = lock.dir();
    debug_assert_eq!(lock.mode(), LockMode::Exclusive);
    relative::validate(files)?;
    recover::clean(dir)?;
    let old = OldTree::read(dir)?;
    let plan = Plan::make(dir, &old, files)?;
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut summary = WriteSummary {
        written: plan.written(),
        unchanged: plan.unchanged(),
        removed: plan.removed.clone(),
        leftover: None,
    };
    if !plan.changed {
        hooks.staged(&dir.path(), &paths)?;
        return Ok(summary);
    }
    plan::check_replaceable(dir, &old)?;
    let staging = stage::stage(dir, &old, &plan)?;
    hooks.staged(&staging.path, &paths)?;
    let old_tree = switch::switch(dir, staging)?;
    hooks.switched();
    if let Some(old_tree) = old_tree
        && let Err(e) = fs::remove_dir_all(&old_tree)
    {
        let shown = dir.show_beside(old_tree.file_name().unwrap_or_default());
        summary.leftover = Some(error::io_error("remove the previous tree", &shown)(e));
    }
    Ok(summary)
}

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
