//! Where sources may come from: the project root and the `[build] import_paths`, and what
//! a directory walk skips. Sources never reach outside these, so a line in a pull request
//! (`import "/proc/self/environ"`) cannot make a build read, or print, anything else.
//!
//! Pure data and path arithmetic: the file system is asked in `fs.rs` and `loader.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::normalize::normalize;

/// 16 MiB: far above any hand-written source, far below what would hurt the machine.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// A directory sources may come from: as shown to the user (relative to where dac runs),
/// lexically absolute, and with its symbolic links resolved.
#[derive(Clone, Debug)]
pub struct AllowedDir {
    pub shown: PathBuf,
    pub absolute: PathBuf,
    pub canonical: PathBuf,
}

impl AllowedDir {
    /// `shown` relative to `cwd` (absolute); `canonical` as the file system resolves it
    /// (the lexical path when it cannot, e.g. for a directory that does not exist).
    pub fn new(shown: PathBuf, cwd: &Path, canonical: Option<PathBuf>) -> AllowedDir {
        let absolute = normalize(&cwd.join(&shown));
        AllowedDir {
            canonical: canonical.unwrap_or_else(|| absolute.clone()),
            shown,
            absolute,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Sandbox {
    /// The absolute directory relative paths are taken from (where dac runs).
    pub cwd: PathBuf,
    /// The directory of `dac.toml`, or else the common directory of the given paths.
    pub root: AllowedDir,
    /// `[build] import_paths`: shared libraries outside the root, on purpose.
    pub import_paths: Vec<AllowedDir>,
    /// The largest source file read, in bytes.
    pub max_file_size: u64,
    /// `[build] exclude`, matched (as `.gitignore` lines are) below the root.
    pub exclude: Option<Arc<Gitignore>>,
}

impl Sandbox {
    /// The sandbox of a build given only paths: rooted at their common directory (a
    /// file's directory, a directory itself, as `is_dir` says).
    pub fn around(paths: &[PathBuf], cwd: &Path, is_dir: impl Fn(&Path) -> bool) -> Sandbox {
        let absolute: Vec<PathBuf> = paths
            .iter()
            .map(|p| {
                let abs = normalize(&cwd.join(p));
                match abs.parent() {
                    Some(parent) if !is_dir(p) => parent.to_path_buf(),
                    _ => abs,
                }
            })
            .collect();
        let root = common_dir(&absolute).unwrap_or_else(|| cwd.to_path_buf());
        let shown = relative_to(&root, cwd);
        Sandbox {
            cwd: cwd.to_path_buf(),
            root: AllowedDir::new(shown, cwd, None),
            import_paths: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: None,
        }
    }

    /// The same sandbox with the links in its directories resolved by `canonicalize`
    /// (a project reached through a link is still the project).
    pub fn resolved(&self, canonicalize: impl Fn(&Path) -> Option<PathBuf>) -> Sandbox {
        let mut out = self.clone();
        for dir in std::iter::once(&mut out.root).chain(&mut out.import_paths) {
            if let Some(canonical) = canonicalize(&dir.shown) {
                dir.canonical = canonical;
            }
        }
        out
    }

    /// Every directory sources may come from: the root, then the import paths.
    pub fn allowed(&self) -> impl Iterator<Item = &AllowedDir> {
        std::iter::once(&self.root).chain(&self.import_paths)
    }

    /// `path` (relative to where dac runs) as a lexical absolute path.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        normalize(&self.cwd.join(path))
    }

    /// Whether a lexical absolute path lies inside the root or an import path.
    pub fn holds(&self, absolute: &Path) -> bool {
        self.allowed().any(|d| absolute.starts_with(&d.absolute))
    }

    /// Whether a path with its links resolved lies inside the root or an import path.
    pub fn holds_canonical(&self, canonical: &Path) -> bool {
        self.allowed().any(|d| canonical.starts_with(&d.canonical))
    }

    /// Whether a directory walk skips `absolute`: `[build] exclude`, and `target/` at the
    /// root (where cargo, and often other tools, build).
    pub fn skips(&self, absolute: &Path, is_dir: bool) -> bool {
        let Ok(below_root) = absolute.strip_prefix(&self.root.absolute) else {
            return false;
        };
        if is_dir && below_root == Path::new("target") {
            return true;
        }
        self.exclude.as_ref().is_some_and(|gi| {
            !below_root.as_os_str().is_empty()
                && gi
                    .matched_path_or_any_parents(below_root, is_dir)
                    .is_ignore()
        })
    }
}

/// The `[build] exclude` matcher: gitignore lines, relative to the project root.
pub fn exclude_matcher(globs: &[String]) -> Result<Option<Arc<Gitignore>>, (usize, String)> {
    if globs.is_empty() {
        return Ok(None);
    }
    // Paths are matched relative to the root (see `Sandbox::skips`), so the matcher's
    // own root is empty.
    let mut builder = GitignoreBuilder::new("");
    for (i, glob) in globs.iter().enumerate() {
        builder
            .add_line(None, glob)
            .map_err(|e| (i, e.to_string()))?;
    }
    builder
        .build()
        .map(|gi| Some(Arc::new(gi)))
        .map_err(|e| (0, e.to_string()))
}

/// The longest directory every one of `paths` (absolute, normalized) lies in.
fn common_dir(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut iter = paths.iter();
    let mut common = iter.next()?.clone();
    for p in iter {
        while !p.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    Some(common)
}

/// `path` relative to `base` (both absolute and normalized), with `..` where needed;
/// `.` for `base` itself. Paths that share nothing but `/` stay absolute.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let same = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if same <= 1 && b.len() > 1 && path.has_root() {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in same..b.len() {
        out.push("..");
    }
    for c in &p[same..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `path` joined to `dir` and normalized, `.` rather than an empty path.
pub fn join_tidy(dir: &Path, path: &Path) -> PathBuf {
    let joined = normalize(&dir.join(path));
    if joined.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_with_dot_dot() {
        let r = |p: &str, b: &str| relative_to(Path::new(p), Path::new(b));
        assert_eq!(r("/a/b", "/a/b"), PathBuf::from("."));
        assert_eq!(r("/a", "/a/b/c"), PathBuf::from("../.."));
        assert_eq!(r("/a/x/y", "/a/b"), PathBuf::from("../x/y"));
        assert_eq!(r("/a/b/c", "/a"), PathBuf::from("b/c"));
        assert_eq!(r("/x/y", "/a/b"), PathBuf::from("/x/y"));
    }

    #[test]
    fn the_root_of_given_paths_is_their_common_directory() {
        let cwd = Path::new("/w");
        let paths = [PathBuf::from("p/d/a.dac"), PathBuf::from("p/lib")];
        let s = Sandbox::around(&paths, cwd, |p| p.ends_with("lib"));
        assert_eq!(s.root.absolute, PathBuf::from("/w/p"));
        assert_eq!(s.root.shown, PathBuf::from("p"));
        assert!(s.holds(Path::new("/w/p/lib/x.dac")));
        assert!(!s.holds(Path::new("/w/q.dac")));
        let s = Sandbox::around(&[PathBuf::from("../x.dac")], cwd, |_| false);
        assert_eq!(s.root.absolute, PathBuf::from("/"));
        assert_eq!(
            Sandbox::around(&[], cwd, |_| true).root.shown,
            PathBuf::from(".")
        );
    }

    #[test]
    fn walks_skip_target_at_the_root_and_excluded_paths() {
        let mut s = Sandbox::around(&[PathBuf::from(".")], Path::new("/p"), |_| true);
        s.exclude = exclude_matcher(&["tests/fixtures".into(), "*.draft.dac".into()]).unwrap();
        assert!(s.skips(Path::new("/p/target"), true));
        assert!(!s.skips(Path::new("/p/dashboards/target"), true));
        assert!(s.skips(Path::new("/p/tests/fixtures"), true));
        assert!(s.skips(Path::new("/p/tests/fixtures/x/a.dac"), false));
        assert!(s.skips(Path::new("/p/d/new.draft.dac"), false));
        assert!(!s.skips(Path::new("/p/d/new.dac"), false));
        assert!(!s.skips(Path::new("/elsewhere/a.dac"), false));
        assert!(!s.skips(Path::new("/p"), true));
    }

    #[test]
    fn a_bad_exclude_glob_is_named() {
        let (i, message) = exclude_matcher(&["ok".into(), "dash{a,b".into()]).unwrap_err();
        assert_eq!(i, 1);
        assert!(message.contains("unclosed alternate group"), "{message}");
    }
}
