//! An output tree in memory, for tests and for callers that want the files, not a
//! directory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::output_tree::OutputTree;
use crate::emit::OutputFile;
use crate::output::{OutputError, StaleFile, Staleness, WriteSummary, is_safe_relative};

#[derive(Debug, Default)]
pub struct MemoryTree {
    pub shown: PathBuf,
    /// The files of the last build written, by path.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl MemoryTree {
    pub fn new(shown: &str) -> Self {
        MemoryTree {
            shown: PathBuf::from(shown),
            files: BTreeMap::new(),
        }
    }
}

/// The same refusals as the disk tree: a path that could leave the tree, or one twice.
fn validate(files: &[OutputFile]) -> Result<(), OutputError> {
    let mut seen = BTreeSet::new();
    for f in files {
        if !is_safe_relative(&f.path) {
            return Err(OutputError::UnsafePath(f.path.clone()));
        }
        if !seen.insert(f.path.as_str()) {
            return Err(OutputError::DuplicatePath(f.path.clone()));
        }
    }
    Ok(())
}

impl OutputTree for MemoryTree {
    fn shown(&self) -> &Path {
        &self.shown
    }

    fn check(&mut self, files: &[OutputFile]) -> Result<Vec<StaleFile>, OutputError> {
        validate(files)?;
        let mut stale = Vec::new();
        for f in files {
            let kind = match self.files.get(&f.path) {
                Some(old) if *old == f.contents => continue,
                Some(_) => Staleness::Changed,
                None => Staleness::Missing,
            };
            stale.push(StaleFile {
                path: f.path.clone(),
                kind,
            });
        }
        let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for path in self.files.keys().filter(|p| !new.contains(p.as_str())) {
            stale.push(StaleFile {
                path: path.clone(),
                kind: Staleness::Extra,
            });
        }
        stale.sort();
        Ok(stale)
    }

    fn write(&mut self, files: &[OutputFile]) -> Result<WriteSummary, OutputError> {
        validate(files)?;
        let mut old = std::mem::take(&mut self.files);
        let mut summary = WriteSummary::default();
        for f in files {
            match old.remove(&f.path) {
                Some(bytes) if bytes == f.contents => summary.unchanged += 1,
                _ => summary.written.push(f.path.clone()),
            }
            self.files.insert(f.path.clone(), f.contents.clone());
        }
        summary.written.sort();
        summary.removed = old.into_keys().collect();
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: text.as_bytes().to_vec(),
            origin: crate::emit::Origin {
                span: crate::diagnostic::Span::DUMMY,
                what: String::new(),
            },
        }
    }

    #[test]
    fn a_second_build_reports_what_changed() {
        let mut tree = MemoryTree::new("out");
        let first = [file("a", "1"), file("b/c", "2")];
        assert_eq!(tree.write(&first).unwrap().written, ["a", "b/c"]);
        let second = [file("a", "1"), file("d", "3")];
        let stale = tree.check(&second).unwrap();
        let kinds: Vec<(&str, Staleness)> =
            stale.iter().map(|s| (s.path.as_str(), s.kind)).collect();
        assert_eq!(
            kinds,
            [("b/c", Staleness::Extra), ("d", Staleness::Missing)]
        );
        let summary = tree.write(&second).unwrap();
        assert_eq!((summary.written, summary.unchanged), (vec!["d".into()], 1));
        assert_eq!(summary.removed, ["b/c"]);
        assert_eq!(tree.files.keys().collect::<Vec<_>>(), ["a", "d"]);
        assert!(tree.check(&second).unwrap().is_empty());
    }

    #[test]
    fn unsafe_paths_are_refused_and_nothing_changes() {
        let mut tree = MemoryTree::new("out");
        tree.write(&[file("a", "1")]).unwrap();
        let bad = [file("b", "2"), file("../x", "3")];
        assert!(matches!(tree.write(&bad), Err(OutputError::UnsafePath(p)) if p == "../x"));
        assert_eq!(tree.files.keys().collect::<Vec<_>>(), ["a"]);
    }
}
