//! File access behind a trait, so the compiler runs the same on disk and in tests. Only
//! regular files are read, never more than a limit: a source that names a device, a FIFO
//! or a huge file is refused before it is opened for reading.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::resolve::normalize::normalize;
use crate::resolve::sandbox::Sandbox;

pub trait FileSystem {
    /// The text of the regular file at `path`, of at most `limit` bytes.
    fn read_source(&self, path: &Path, limit: u64) -> Result<String, ReadError>;
    fn is_dir(&self, path: &Path) -> bool;
    /// Whether anything (a file, a directory, a link to either) is at `path`.
    fn exists(&self, path: &Path) -> bool;
    /// The absolute path with every symbolic link resolved.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    fn current_dir(&self) -> io::Result<PathBuf>;
    /// Every `*.dac` entry under `dir`, recursively, sorted; hidden and `.gitignore`d
    /// entries and what the sandbox skips are left out. Links to directories outside the
    /// sandbox are not entered: they are among the problems, with what went wrong below.
    fn dac_files(&self, dir: &Path, sandbox: &Sandbox) -> io::Result<Listing>;
    /// Every regular file under `dir`, recursively, as paths relative to `dir`, sorted;
    /// links are not followed (`dac diff --against` reads an output tree with it).
    fn all_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
}

#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub problems: Vec<(PathBuf, ReadError)>,
}

/// Why a source was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A directory, a FIFO, a device or a socket: what it is, with an article.
    NotRegular(&'static str),
    /// Its size when known (a file may grow between the check and the read).
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    /// The file as text for showing (invalid bytes and control characters replaced),
    /// and the byte offset there of the first byte that is not UTF-8.
    NotUtf8 {
        text: String,
        offset: usize,
    },
    /// A symbolic link whose target (given) is outside the project and import paths.
    LinkOutside(PathBuf),
}

/// The real file system.
pub struct DiskFs;

impl FileSystem for DiskFs {
    fn read_source(&self, path: &Path, limit: u64) -> Result<String, ReadError> {
        // Stat first: nothing but a regular file is ever opened.
        let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
        regular(&meta, limit)?;
        let file = open_nonblocking(path).map_err(ReadError::Io)?;
        // The path may have been swapped between the stat and the open: check what was
        // opened, and read at most one byte past the limit whatever it claims.
        let meta = file.metadata().map_err(ReadError::Io)?;
        regular(&meta, limit)?;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { size: None, limit });
        }
        decode(bytes)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn exists(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn current_dir(&self) -> io::Result<PathBuf> {
        std::env::current_dir()
    }

    fn dac_files(&self, dir: &Path, sandbox: &Sandbox) -> io::Result<Listing> {
        std::fs::read_dir(dir)?;
        let refused: Arc<Mutex<Vec<(PathBuf, PathBuf)>>> = Arc::default();
        let mut walk = ignore::WalkBuilder::new(dir);
        walk.standard_filters(false)
            .hidden(true)
            .git_ignore(true)
            .require_git(false)
            .follow_links(true);
        // `.gitignore` files above `dir` count up to the project root, as git reads
        // them, and no further: a build never depends on files outside the project.
        let absolute = sandbox.absolute(dir);
        for ancestor in absolute.ancestors().skip(1) {
            if !ancestor.starts_with(&sandbox.root.absolute) {
                break;
            }
            let gitignore = ancestor.join(".gitignore");
            if gitignore.is_file() {
                walk.add_ignore(gitignore);
            }
        }
        let filter = (Arc::new(sandbox.clone()), Arc::clone(&refused));
        walk.filter_entry(move |entry| {
            let (sandbox, refused) = &filter;
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if entry.depth() == 0 {
                return true;
            }
            if sandbox.skips(&sandbox.absolute(entry.path()), is_dir) {
                return false;
            }
            if is_dir && entry.path_is_symlink() {
                let target = std::fs::canonicalize(entry.path())
                    .unwrap_or_else(|_| entry.path().to_path_buf());
                if !sandbox.holds_canonical(&target) {
                    if let Ok(mut refused) = refused.lock() {
                        refused.push((entry.path().to_path_buf(), target));
                    }
                    return false;
                }
            }
            true
        });
        let mut listing = Listing::default();
        for entry in walk.build() {
            match entry {
                Ok(entry) => {
                    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                    if entry.depth() > 0 && !is_dir && is_dac(entry.path()) {
                        listing.files.push(entry.into_path());
                    }
                }
                Err(e) => {
                    if let Some(problem) = walk_problem(&e) {
                        listing.problems.push(problem);
                    }
                }
            }
        }
        if let Ok(mut refused) = refused.lock() {
            for (link, target) in refused.drain(..) {
                listing
                    .problems
                    .push((link, ReadError::LinkOutside(target)));
            }
        }
        listing.files.sort();
        listing.problems.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(listing)
    }

    fn all_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        let mut pending = vec![PathBuf::new()];
        while let Some(below) = pending.pop() {
            for entry in std::fs::read_dir(dir.join(&below))? {
                let entry = entry?;
                let kind = entry.file_type()?;
                let path = below.join(entry.file_name());
                if kind.is_dir() {
                    pending.push(path);
                } else if kind.is_file() {
                    files.push(path);
                }
            }
        }
        files.sort();
        Ok(files)
    }
}

/// Whether a path names a `.dac` file.
pub fn is_dac(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "dac")
}

/// A walk error worth stopping the build for: one about a `.dac` entry, a link loop, or
/// a directory dac may not list. A broken link or a bad `.gitignore` line elsewhere is
/// none of dac's business.
fn walk_problem(error: &ignore::Error) -> Option<(PathBuf, ReadError)> {
    let mut error = error;
    let mut path = None;
    loop {
        match error {
            ignore::Error::WithPath { path: p, err } => {
                path = path.or_else(|| Some(p.clone()));
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                error = err;
            }
            ignore::Error::Loop { child, .. } => {
                let message = format!("{error}");
                return Some((child.clone(), ReadError::Io(io::Error::other(message))));
            }
            ignore::Error::Io(e) => {
                let path = path?;
                let denied = e.kind() == io::ErrorKind::PermissionDenied;
                return (denied || is_dac(&path))
                    .then(|| (path, ReadError::Io(io::Error::new(e.kind(), e.to_string()))));
            }
            _ => return None,
        }
    }
}

/// Refuses what is not a regular file of at most `limit` bytes.
fn regular(meta: &std::fs::Metadata, limit: u64) -> Result<(), ReadError> {
    if let Some(what) = not_regular(&meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    Ok(())
}

/// What a file that is not a regular file is, with an article.
fn not_regular(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens for reading without ever blocking: a FIFO swapped in after the stat opens at
/// once (and is then refused), where a plain open would wait for a writer forever.
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// The bytes as text; if they are not UTF-8, a copy fit for showing in a diagnostic.
fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        ReadError::NotUtf8 {
            offset: showable(&bytes[..valid]).len(),
            text: showable(&bytes),
        }
    })
}

/// Text safe to print on a terminal: bytes that are not UTF-8 and control characters
/// (escape sequences included) become `�`; line breaks and tabs stay.
fn showable(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// Files in memory, keyed by normalised path relative to `/`, and the directory dac runs
/// in (`cwd`, relative to `/`; empty for `/` itself): for tests. No links, and every file
/// regular.
#[derive(Default)]
pub struct MemoryFs {
    pub files: BTreeMap<PathBuf, String>,
    pub cwd: PathBuf,
}

impl MemoryFs {
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut fs = MemoryFs::default();
        for (p, t) in files {
            let key = fs.key(Path::new(p));
            fs.files.insert(key, t.to_string());
        }
        fs
    }

    /// The same files, with dac running in `cwd`.
    pub fn in_dir(mut self, cwd: &str) -> Self {
        self.cwd = PathBuf::from(cwd);
        self
    }

    /// Where a path (relative to `cwd`) lives: relative to `/`, normalised.
    fn key(&self, path: &Path) -> PathBuf {
        let path = normalize(&Path::new("/").join(&self.cwd).join(path));
        path.strip_prefix("/")
            .map_or(path.clone(), Path::to_path_buf)
    }
}

impl FileSystem for MemoryFs {
    fn read_source(&self, path: &Path, limit: u64) -> Result<String, ReadError> {
        if self.is_dir(path) {
            return Err(ReadError::NotRegular("a directory"));
        }
        let text = self.files.get(&self.key(path)).ok_or_else(|| {
            ReadError::Io(io::Error::new(io::ErrorKind::NotFound, "no such file"))
        })?;
        if text.len() as u64 > limit {
            return Err(ReadError::TooLarge {
                size: Some(text.len() as u64),
                limit,
            });
        }
        Ok(text.clone())
    }

    fn is_dir(&self, path: &Path) -> bool {
        let dir = self.key(path);
        self.files.keys().any(|p| p.starts_with(&dir) && *p != dir)
    }

    fn exists(&self, path: &Path) -> bool {
        self.files.contains_key(&self.key(path)) || self.is_dir(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        if self.exists(path) {
            Ok(Path::new("/").join(self.key(path)))
        } else {
            Err(io::Error::new(io::ErrorKind::NotFound, "no such file"))
        }
    }

    fn current_dir(&self) -> io::Result<PathBuf> {
        Ok(Path::new("/").join(&self.cwd))
    }

    fn dac_files(&self, dir: &Path, sandbox: &Sandbox) -> io::Result<Listing> {
        let shown = dir;
        let dir = self.key(dir);
        let files = self
            .files
            .keys()
            .filter(|p| p.starts_with(&dir) && is_dac(p))
            .filter(|p| {
                let below = p.strip_prefix(&dir).unwrap_or(p);
                let hidden = below
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                let skipped = p
                    .ancestors()
                    .take_while(|a| a.starts_with(&dir) && *a != dir)
                    .any(|a| sandbox.skips(&Path::new("/").join(a), a != p.as_path()));
                !hidden && !skipped
            })
            .map(|p| shown.join(p.strip_prefix(&dir).unwrap_or(p)))
            .collect();
        Ok(Listing {
            files,
            problems: Vec::new(),
        })
    }

    fn all_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        if !self.is_dir(dir) {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such directory"));
        }
        let dir = self.key(dir);
        Ok(self
            .files
            .keys()
            .filter_map(|p| p.strip_prefix(&dir).ok())
            .map(Path::to_path_buf)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_fs_lists_sorted_dac_files() {
        let fs = MemoryFs::new([
            ("d/b.dac", ""),
            ("d/a.dac", ""),
            ("d/n.txt", ""),
            ("d/.hidden/h.dac", ""),
            ("d/skip/s.dac", ""),
            ("e/c.dac", ""),
        ]);
        let mut sandbox = Sandbox::around(&[PathBuf::from("d")], Path::new("/"), |_| true);
        sandbox.exclude = crate::resolve::sandbox::exclude_matcher(&["skip/".into()]).unwrap();
        assert!(fs.is_dir(Path::new("d")));
        assert_eq!(
            fs.dac_files(Path::new("d"), &sandbox).unwrap().files,
            vec![PathBuf::from("d/a.dac"), PathBuf::from("d/b.dac")]
        );
    }

    #[test]
    fn memory_fs_enforces_the_size_limit() {
        let fs = MemoryFs::new([("a.dac", "12345")]);
        assert!(fs.read_source(Path::new("a.dac"), 5).is_ok());
        assert!(matches!(
            fs.read_source(Path::new("a.dac"), 4),
            Err(ReadError::TooLarge {
                size: Some(5),
                limit: 4
            })
        ));
    }

    #[test]
    fn text_that_is_not_utf8_is_made_showable_with_the_offset_of_the_bad_byte() {
        let bytes: Vec<u8> = [&b"ab\ncd"[..], &[0xff], &b"e\x1b[2J"[..]].concat();
        let Err(ReadError::NotUtf8 { text, offset }) = decode(bytes) else {
            panic!("not UTF-8");
        };
        assert_eq!(text, "ab\ncd\u{fffd}e\u{fffd}[2J");
        assert_eq!(offset, 5);
        // A control character before the bad byte moves the offset by the width of `�`.
        let Err(ReadError::NotUtf8 { text, offset }) = decode(b"\x07\xff".to_vec()) else {
            panic!("not UTF-8");
        };
        assert_eq!(&text[offset..], "\u{fffd}");
    }

    #[cfg(unix)]
    #[test]
    fn disk_refuses_what_is_not_a_regular_file_before_reading_it() {
        assert!(matches!(
            DiskFs.read_source(Path::new("/dev/zero"), 1024),
            Err(ReadError::NotRegular("a character device"))
        ));
        assert!(matches!(
            DiskFs.read_source(Path::new("/"), 1024),
            Err(ReadError::NotRegular("a directory"))
        ));
    }
}
