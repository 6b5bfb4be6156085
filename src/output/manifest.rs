//! `.dac-manifest`: the files the last build wrote. It decides what a build may replace
//! and remove, so a manifest that could point anywhere else is refused, not trusted.

use std::collections::BTreeSet;
use std::fs;
use std::io;

use super::dir::OutputDir;
use super::error::{EntryFault, OutputError, io_error};
use super::manifest_name::MANIFEST;
use super::relative::{ancestors, is_safe_relative};

pub const MANIFEST_HEADER: &str =
    "# Files written by `dac build`. A build removes those it no longer writes.\n";

/// The paths the last build wrote; empty when there is no manifest. Refused: a
/// manifest that is a symbolic link (or not a file), an entry that is not a plain
/// relative path, and one that goes through a symbolic link in the tree.
pub fn read(dir: &OutputDir) -> Result<BTreeSet<String>, OutputError> {
    let root = dir.path();
    let path = root.join(MANIFEST);
    let shown = dir.show(MANIFEST);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => return Err(OutputError::ManifestSymlink(shown)),
        Ok(m) if m.is_dir() => return Err(OutputError::IsADirectory(shown)),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(io_error("inspect", &shown)(e)),
    }
    let text = fs::read_to_string(&path).map_err(io_error("read", &shown))?;
    let mut entries = BTreeSet::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let refuse = |fault| OutputError::ManifestEntry {
            manifest: shown.clone(),
            entry: line.to_string(),
            fault,
        };
        if !is_safe_relative(line) {
            return Err(refuse(EntryFault::NotPlain));
        }
        for dir_rel in ancestors(line) {
            match fs::symlink_metadata(root.join(dir_rel)) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(refuse(EntryFault::ThroughSymlink(dir.show(dir_rel))));
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        entries.insert(line.to_string());
    }
    Ok(entries)
}

pub fn text<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = MANIFEST_HEADER.to_string();
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    text
}
