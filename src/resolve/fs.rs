//! File access behind a trait, so resolve runs the same on disk and in tests.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

pub trait FileSystem {
    fn read(&self, path: &Path) -> io::Result<String>;
    fn is_dir(&self, path: &Path) -> bool;
    /// Every `*.dac` file under `dir`, recursively, sorted.
    fn dac_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
}

/// The real file system.
pub struct DiskFs;

impl FileSystem for DiskFs {
    fn read(&self, path: &Path) -> io::Result<String> {
        String::from_utf8(std::fs::read(path)?).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                not_utf8(e.as_bytes(), e.utf8_error()),
            )
        })
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn dac_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(d) = pending.pop() {
            for entry in std::fs::read_dir(&d)? {
                let entry = entry?;
                let path = entry.path();
                let kind = entry.file_type()?;
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if kind.is_dir() && !hidden {
                    pending.push(path);
                } else if kind.is_file() && path.extension().is_some_and(|e| e == "dac") {
                    out.push(path);
                }
            }
        }
        out.sort();
        Ok(out)
    }
}

/// Where text stops being UTF-8, as a line and column (sources may be anything).
fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> String {
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    format!("it is not UTF-8 text: line {line}, column {column} holds a byte that is not UTF-8")
}

/// Files in memory, keyed by normalised path: for tests.
#[derive(Default)]
pub struct MemoryFs {
    pub files: BTreeMap<PathBuf, String>,
}

impl MemoryFs {
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        MemoryFs {
            files: files
                .into_iter()
                .map(|(p, t)| (normalize(Path::new(p)), t.to_string()))
                .collect(),
        }
    }
}

impl FileSystem for MemoryFs {
    fn read(&self, path: &Path) -> io::Result<String> {
        self.files
            .get(&normalize(path))
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn is_dir(&self, path: &Path) -> bool {
        let dir = normalize(path);
        self.files.keys().any(|p| p.starts_with(&dir) && *p != dir)
    }

    fn dac_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let dir = normalize(dir);
        Ok(self
            .files
            .keys()
            .filter(|p| p.starts_with(&dir) && p.extension().is_some_and(|e| e == "dac"))
            .cloned()
            .collect())
    }
}

/// `a/./b/../c` to `a/c`, without touching the disk (imports name files relative to the
/// importing file; symlinks are not resolved).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_paths() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.dac")),
            PathBuf::from("a/c.dac")
        );
        assert_eq!(normalize(Path::new("../x.dac")), PathBuf::from("../x.dac"));
        assert_eq!(
            normalize(Path::new("../../x.dac")),
            PathBuf::from("../../x.dac")
        );
    }

    #[test]
    fn memory_fs_lists_sorted_dac_files() {
        let fs = MemoryFs::new([
            ("d/b.dac", ""),
            ("d/a.dac", ""),
            ("d/n.txt", ""),
            ("e/c.dac", ""),
        ]);
        assert!(fs.is_dir(Path::new("d")));
        assert_eq!(
            fs.dac_files(Path::new("d")).unwrap(),
            vec![PathBuf::from("d/a.dac"), PathBuf::from("d/b.dac")]
        );
    }

    #[test]
    fn not_utf8_names_the_first_bad_byte() {
        let bytes: Vec<u8> = [&b"ab\ncd"[..], &[0xff], &b"e"[..]].concat();
        let error = std::str::from_utf8(&bytes).unwrap_err();
        assert_eq!(
            super::not_utf8(&bytes, error),
            "it is not UTF-8 text: line 2, column 3 holds a byte that is not UTF-8"
        );
    }
}
