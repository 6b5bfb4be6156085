//! The switch from the old tree to the new one, in one step.

use std::fs;
use std::path::PathBuf;

use super::dir::OutputDir;
use super::error::{OutputError, io_error};
use super::stage::Staging;
use super::sys;

/// Puts the staged tree in place of the output directory. Returns where the old tree
/// now is (to be removed), if there was one.
pub fn switch(dir: &OutputDir, staging: Staging) -> Result<Option<PathBuf>, OutputError> {
    let out = dir.path();
    let failed = io_error("switch to the new tree in", dir.shown());
    if fs::symlink_metadata(&out).is_err() {
        // The first build: nothing to swap with, and a rename that would not replace
        // anything that appeared meanwhile.
        sys::rename_noreplace(&staging.path, &out).map_err(failed)?;
        staging.keep();
        return Ok(None);
    }
    match sys::exchange(&staging.path, &out) {
        Ok(()) => Ok(Some(staging.keep())),
        Err(e) if sys::is_unsupported(&e) => two_renames(dir, staging),
        Err(e) => Err(failed(e)),
    }
}

/// Where the file system cannot swap: the old tree moves aside, then the new one into
/// place. Between the two the output directory does not exist; if the build is killed
/// there, the next one moves the old tree back first ([`super::recover`]), so readers
/// see the old tree or the new one, never a mix.
fn two_renames(dir: &OutputDir, staging: Staging) -> Result<Option<PathBuf>, OutputError> {
    let out = dir.path();
    let aside = dir.sibling(&format!("dac-old-{}", std::process::id()));
    fs::rename(&out, &aside).map_err(io_error("switch to the new tree in", dir.shown()))?;
    if let Err(e) = fs::rename(&staging.path, &out) {
        let _ = fs::rename(&aside, &out);
        return Err(io_error("switch to the new tree in", dir.shown())(e));
    }
    staging.keep();
    Ok(Some(aside))
}
