//! Lexical path normalization, shared by the file systems and the sandbox.

use std::path::{Component, Path, PathBuf};

/// `a/./b/../c` to `a/c`, without touching the disk (imports name files relative to the
/// importing file; symlinks are not resolved). `/..` is `/`.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
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
        assert_eq!(normalize(Path::new("/../etc")), PathBuf::from("/etc"));
    }
}
