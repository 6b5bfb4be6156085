//! The output directory: where it really is (for the file system calls) and how the user
//! wrote it (for every message).

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::error::{OutputError, io_error};

#[derive(Clone, Debug)]
pub struct OutputDir {
    /// As the user gave it: `out`, `../deploy/out`, `/abs/out`.
    shown: PathBuf,
    /// The directory that holds it, resolved (symbolic links followed), so staging
    /// directories and the lock file sit beside the real directory.
    parent: PathBuf,
    name: OsString,
}

impl OutputDir {
    /// Resolves `given`. With `create_parents`, missing parent directories are created
    /// and returned (deepest last), so a failed build can remove them again.
    pub fn resolve(
        given: &Path,
        create_parents: bool,
    ) -> Result<(OutputDir, Vec<PathBuf>), OutputError> {
        let shown = given.to_path_buf();
        let not_a_dir = || OutputError::NotADirectory(shown.clone());
        let resolve = |p: &Path| fs::canonicalize(p).map_err(io_error("resolve", given));
        match fs::symlink_metadata(given) {
            Ok(m) if m.is_dir() || m.file_type().is_symlink() => {
                // A link to a directory is followed: the build switches the directory it
                // points to, and leaves the link itself alone.
                let real = resolve(given)?;
                if !real.is_dir() {
                    return Err(not_a_dir());
                }
                let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
                    return Err(not_a_dir());
                };
                let dir = OutputDir::new(shown.clone(), parent.to_path_buf(), name);
                Ok((dir, Vec::new()))
            }
            Ok(_) => Err(not_a_dir()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let name = given.file_name().ok_or_else(not_a_dir)?;
                let parent = match given.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let mut created = Vec::new();
                if !parent.exists() {
                    if !create_parents {
                        // Nothing is there to lock or read: a check finds every file missing.
                        let dir = OutputDir::new(shown.clone(), parent.to_path_buf(), name);
                        return Ok((dir, created));
                    }
                    created = missing_ancestors(parent);
                    fs::create_dir_all(parent).map_err(io_error("create", parent))?;
                }
                let dir = OutputDir::new(shown.clone(), resolve(parent)?, name);
                Ok((dir, created))
            }
            Err(e) => Err(io_error("inspect", given)(e)),
        }
    }

    fn new(shown: PathBuf, parent: PathBuf, name: &OsStr) -> OutputDir {
        OutputDir {
            shown,
            parent,
            name: name.to_os_string(),
        }
    }

    /// The directory itself, resolved.
    pub fn path(&self) -> PathBuf {
        self.parent.join(&self.name)
    }

    pub fn parent(&self) -> &Path {
        &self.parent
    }

    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// `rel` (a `/`-separated path inside the tree) as the user would write it.
    pub fn show(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.shown.clone()
        } else {
            self.shown.join(rel)
        }
    }

    /// `.NAME.TAG`: a hidden entry beside the directory, named after it (the lock file,
    /// staging and swapped-out trees).
    pub fn sibling_name(&self, tag: &str) -> OsString {
        let mut s = OsString::from(".");
        s.push(&self.name);
        s.push(".");
        s.push(tag);
        s
    }

    pub fn sibling(&self, tag: &str) -> PathBuf {
        self.parent.join(self.sibling_name(tag))
    }

    /// An entry beside the directory, as the user would write it.
    pub fn show_beside(&self, file_name: &OsStr) -> PathBuf {
        if self.shown.file_name() == Some(&self.name) {
            self.shown.with_file_name(file_name)
        } else {
            // `-o .` or a link: the user's spelling has no useful parent.
            self.parent.join(file_name)
        }
    }
}

/// `dir` and those of its ancestors that do not exist, outermost first.
fn missing_ancestors(dir: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| !a.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}
