//! `dac build --check`: what a build would change, writing nothing.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;

use super::error::OutputError;
use super::lock::OutputLock;
use super::manifest;
use super::manifest_name::MANIFEST;
use crate::emit::OutputFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Staleness {
    /// The build would create it.
    Missing,
    /// The build would change it.
    Changed,
    /// An earlier build wrote it; the build would remove it.
    Extra,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaleFile {
    pub path: String,
    pub kind: Staleness,
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Staleness::Missing => "missing",
            Staleness::Changed => "out of date",
            Staleness::Extra => "no longer built",
        };
        write!(f, "{}: {what}", self.path)
    }
}

/// What a build would change, writing nothing. Read under `lock` (shared is enough), so
/// never a tree in the middle of a switch. A manifest a build would refuse is refused.
pub fn check_tree(lock: &OutputLock, files: &[OutputFile]) -> Result<Vec<StaleFile>, OutputError> {
    let dir = lock.dir();
    let root = dir.path();
    let mut stale = Vec::new();
    let mut new_paths = BTreeSet::new();
    for f in files {
        new_paths.insert(f.path.as_str());
        let kind = match fs::read(root.join(&f.path)) {
            Ok(bytes) if bytes == f.contents => continue,
            Ok(_) => Staleness::Changed,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Staleness::Missing,
            Err(_) => Staleness::Changed,
        };
        stale.push(StaleFile {
            path: f.path.clone(),
            kind,
        });
    }
    let old = if root.is_dir() {
        manifest::read(dir)?
    } else {
        BTreeSet::new()
    };
    for p in old.iter().filter(|p| !new_paths.contains(p.as_str())) {
        if fs::symlink_metadata(root.join(p)).is_ok() {
            stale.push(StaleFile {
                path: p.clone(),
                kind: Staleness::Extra,
            });
        }
    }
    let want = manifest::text(new_paths.iter().copied());
    let kind = match fs::read_to_string(root.join(MANIFEST)) {
        Ok(have) if have == want => None,
        Ok(_) => Some(Staleness::Changed),
        Err(_) => Some(Staleness::Missing),
    };
    if let Some(kind) = kind {
        stale.push(StaleFile {
            path: MANIFEST.to_string(),
            kind,
        });
    }
    stale.sort();
    Ok(stale)
}
