//! What builds that were killed left beside the output directory: staging directories
//! (`.NAME.dac-staging-*`, some holding a swapped-out old tree) and, where the file
//! system cannot swap, old trees moved aside (`.NAME.dac-old-*`). Removed by the next
//! build, under the lock, so none of them can belong to a build still running.

use std::fs;
use std::path::PathBuf;

use super::dir::OutputDir;
use super::error::{OutputError, io_error};

/// Removes the leftovers; first, if the output directory is missing and an old tree was
/// moved aside, moves it back (the build was killed between its two renames).
pub fn clean(dir: &OutputDir) -> Result<(), OutputError> {
    let parent = dir.parent();
    let staging = dir
        .sibling_name("dac-staging-")
        .to_string_lossy()
        .into_owned();
    let aside = dir.sibling_name("dac-old-").to_string_lossy().into_owned();
    let mut old_trees: Vec<PathBuf> = Vec::new();
    let mut leftovers: Vec<PathBuf> = Vec::new();
    let listing = match fs::read_dir(parent) {
        Ok(listing) => listing,
        // Nothing beside it can be listed: nothing to clean.
        Err(_) => return Ok(()),
    };
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&aside) {
            old_trees.push(entry.path());
        } else if name.starts_with(&staging) {
            leftovers.push(entry.path());
        }
    }
    old_trees.sort();
    let out = dir.path();
    if fs::symlink_metadata(&out).is_err()
        && let Some(old) = old_trees.pop()
    {
        fs::rename(&old, &out).map_err(io_error("restore", dir.shown()))?;
    }
    for path in old_trees.into_iter().chain(leftovers) {
        // A leftover that cannot be removed is only clutter; the build goes on.
        let _ = fs::remove_dir_all(&path);
    }
    Ok(())
}
