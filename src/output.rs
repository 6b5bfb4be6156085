//! Writing the output tree safely.
//!
//! - Nothing is changed until every new file is written in full to a staging directory
//!   next to the output directory; a failure before that leaves the previous output as
//!   it was. Each file then moves into place with a rename, so no file is ever seen
//!   half-written.
//! - `.dac-manifest` lists the files dac wrote. A later build removes those it no
//!   longer writes, and nothing else: a user's own files in the directory survive.
//! - No path leaves the output directory: absolute paths, `..`, and existing symlinks
//!   on the way are refused.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::emit::OutputFile;

pub const MANIFEST: &str = ".dac-manifest";

const MANIFEST_HEADER: &str =
    "# Files written by `dac build`. A build removes those it no longer writes.\n";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or changed.
    pub written: Vec<String>,
    /// Files already up to date (left alone, mtime included).
    pub unchanged: usize,
    /// Files an earlier build wrote that this one does not.
    pub removed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputError {
    UnsafePath(String),
    DuplicatePath(String),
    Symlink(PathBuf),
    NotADirectory(PathBuf),
    IsADirectory(PathBuf),
    Io {
        action: &'static str,
        path: PathBuf,
        error: String,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::UnsafePath(p) => {
                write!(f, "refusing to write `{p}`: not a plain relative path")
            }
            OutputError::DuplicatePath(p) => write!(f, "`{p}` would be written twice"),
            OutputError::Symlink(p) => write!(
                f,
                "refusing to write through `{}`: it is a symbolic link",
                p.display()
            ),
            OutputError::NotADirectory(p) => {
                write!(f, "`{}` is in the way: it is not a directory", p.display())
            }
            OutputError::IsADirectory(p) => {
                write!(f, "`{}` is in the way: it is a directory", p.display())
            }
            OutputError::Io {
                action,
                path,
                error,
            } => write!(f, "cannot {action} `{}`: {error}", path.display()),
        }
    }
}

impl OutputError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        let help = match self {
            OutputError::Symlink(_)
            | OutputError::NotADirectory(_)
            | OutputError::IsADirectory(_) => {
                "remove it, or choose another output directory with `-o`"
            }
            _ => "the previous output was left as it was",
        };
        Diagnostic::error("output/write", self.to_string()).with_help(help)
    }
}

fn io_error<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |e| OutputError::Io {
        action,
        path: path.to_path_buf(),
        error: e.to_string(),
    }
}

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

fn validate(files: &[OutputFile]) -> Result<BTreeSet<&str>, OutputError> {
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

/// The paths the last build wrote. Entries that are not safe paths are ignored, so an
/// edited manifest cannot make a build delete anything outside the directory.
fn read_manifest(out_dir: &Path) -> Result<BTreeSet<String>, OutputError> {
    let path = out_dir.join(MANIFEST);
    match fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.starts_with('#') && is_safe_relative(l))
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(io_error("read", &path)(e)),
    }
}

fn manifest_text<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = MANIFEST_HEADER.to_string();
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    text
}

/// Fails if a directory on the way from `out_dir` to `rel` is a symlink or a file.
fn check_ancestors(out_dir: &Path, rel: &str) -> Result<(), OutputError> {
    let mut dir = out_dir.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => return Err(OutputError::Symlink(dir)),
            Ok(m) if !m.is_dir() => return Err(OutputError::NotADirectory(dir)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_error("inspect", &dir)(e)),
        }
    }
    Ok(())
}

/// What is at `path` now: `None` if nothing, its bytes if a regular file.
fn existing(path: &Path) -> Result<Option<Vec<u8>>, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(OutputError::IsADirectory(path.to_path_buf())),
        // A symlink or special file is replaced, never followed.
        Ok(m) if !m.is_file() => Ok(None),
        Ok(_) => fs::read(path).map(Some).map_err(io_error("read", path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("inspect", path)(e)),
    }
}

/// A fresh staging directory beside `out_dir` (same file system, so renames are
/// atomic), or inside it when its parent is not writable (a mounted volume).
fn make_staging_dir(out_dir: &Path) -> Result<PathBuf, OutputError> {
    let name = out_dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let id = std::process::id();
    let mut last_error = None;
    for attempt in 0..8 {
        let beside = out_dir
            .parent()
            .map(|parent| parent.join(format!(".{name}.dac-staging-{id}-{attempt}")));
        let inside = out_dir.join(format!(".dac-staging-{id}-{attempt}"));
        // `create_dir` fails on an existing directory: nothing found there is touched.
        for dir in beside.into_iter().chain([inside]) {
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(dir),
                Err(e) => last_error = Some((dir, e)),
            }
        }
    }
    Err(match last_error {
        Some((dir, e)) => io_error("create", &dir)(e),
        None => OutputError::NotADirectory(out_dir.to_path_buf()),
    })
}

/// Writes `files` under `out_dir` (see the module doc).
pub fn write_tree(out_dir: &Path, files: &[OutputFile]) -> Result<WriteSummary, OutputError> {
    let new_paths = validate(files)?;
    match fs::symlink_metadata(out_dir) {
        Ok(m) if !m.is_dir() && !m.file_type().is_symlink() => {
            return Err(OutputError::NotADirectory(out_dir.to_path_buf()));
        }
        _ => {}
    }
    let created_out_dir = !out_dir.exists();
    fs::create_dir_all(out_dir).map_err(io_error("create", out_dir))?;
    // Resolved so the staging directory is a true sibling, on the same file system.
    let out_dir = &fs::canonicalize(out_dir).map_err(io_error("resolve", out_dir))?;
    let old_paths = read_manifest(out_dir)?;

    let cleanup_out_dir = || {
        if created_out_dir {
            let _ = fs::remove_dir(out_dir);
        }
    };
    let staging = make_staging_dir(out_dir).inspect_err(|_| cleanup_out_dir())?;
    let staged = stage(out_dir, &staging, files).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
        cleanup_out_dir();
    })?;
    let result = commit(out_dir, &staging, &staged, &old_paths, &new_paths);
    let _ = fs::remove_dir_all(&staging);
    let removed = result?;
    Ok(WriteSummary {
        unchanged: files.len() - staged.len(),
        written: staged,
        removed,
    })
}

/// Writes every new or changed file into `staging`; returns their paths.
fn stage(out_dir: &Path, staging: &Path, files: &[OutputFile]) -> Result<Vec<String>, OutputError> {
    let mut staged = Vec::new();
    for f in files {
        check_ancestors(out_dir, &f.path)?;
        let dest = out_dir.join(&f.path);
        if existing(&dest)?.as_deref() == Some(f.contents.as_slice()) {
            continue;
        }
        let tmp = staging.join(&f.path);
        if let Some(parent) = tmp.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        fs::write(&tmp, &f.contents).map_err(io_error("write", &tmp))?;
        staged.push(f.path.clone());
    }
    Ok(staged)
}

/// Moves staged files into place, removes stale ones, and writes the manifest.
fn commit(
    out_dir: &Path,
    staging: &Path,
    staged: &[String],
    old_paths: &BTreeSet<String>,
    new_paths: &BTreeSet<&str>,
) -> Result<Vec<String>, OutputError> {
    // Until the build is complete the manifest lists old and new files, so files of an
    // interrupted build are still known as dac's and cleaned up by the next one.
    let union: BTreeSet<&str> = old_paths
        .iter()
        .map(String::as_str)
        .chain(new_paths.iter().copied())
        .collect();
    let current = fs::read_to_string(out_dir.join(MANIFEST)).unwrap_or_default();
    let interim = manifest_text(union);
    if interim != current {
        replace(out_dir, MANIFEST, interim.as_bytes())?;
    }
    for rel in staged {
        let dest = out_dir.join(rel);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).map_err(io_error("create", parent))?;
        }
        let src = staging.join(rel);
        if let Err(e) = fs::rename(&src, &dest) {
            if e.kind() != io::ErrorKind::CrossesDevices {
                return Err(io_error("move into place", &dest)(e));
            }
            let bytes = fs::read(&src).map_err(io_error("read", &src))?;
            replace(out_dir, rel, &bytes)?;
        }
    }
    let mut removed = Vec::new();
    for rel in old_paths.iter().filter(|p| !new_paths.contains(p.as_str())) {
        // Through a symlink the file would be outside: leave it.
        if check_ancestors(out_dir, rel).is_err() {
            continue;
        }
        let path = out_dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => {
                fs::remove_file(&path).map_err(io_error("remove", &path))?;
                removed.push(rel.clone());
                remove_empty_parents(out_dir, &path);
            }
            Err(_) => {}
        }
    }
    let done = manifest_text(new_paths.iter().copied());
    if done != interim {
        replace(out_dir, MANIFEST, done.as_bytes())?;
    }
    Ok(removed)
}

/// Writes `bytes` to a temporary file beside `out_dir/rel` and renames it over it.
fn replace(out_dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
    let dest = out_dir.join(rel);
    let mut tmp = dest.clone().into_os_string();
    tmp.push(format!(".dac-tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, bytes).map_err(io_error("write", &tmp))?;
    fs::rename(&tmp, &dest).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_error("move into place", &dest)(e)
    })
}

fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

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

/// What `write_tree` would change, writing nothing: for `dac build --check`.
pub fn check_tree(out_dir: &Path, files: &[OutputFile]) -> Vec<StaleFile> {
    let mut stale = Vec::new();
    let mut new_paths = BTreeSet::new();
    for f in files {
        new_paths.insert(f.path.as_str());
        let kind = match fs::read(out_dir.join(&f.path)) {
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
    let old = read_manifest(out_dir).unwrap_or_default();
    for p in old.iter().filter(|p| !new_paths.contains(p.as_str())) {
        if fs::symlink_metadata(out_dir.join(p)).is_ok() {
            stale.push(StaleFile {
                path: p.clone(),
                kind: Staleness::Extra,
            });
        }
    }
    let want = manifest_text(new_paths.iter().copied());
    match fs::read_to_string(out_dir.join(MANIFEST)) {
        Ok(have) if have == want => {}
        Ok(_) => stale.push(StaleFile {
            path: MANIFEST.to_string(),
            kind: Staleness::Changed,
        }),
        Err(_) => stale.push(StaleFile {
            path: MANIFEST.to_string(),
            kind: Staleness::Missing,
        }),
    }
    stale.sort();
    stale
}

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
