//! Syntax trees one compilation parsed, taken by the next instead of parsing again:
//! `dac diff --base` compiles the work tree and then the revision, where most files are
//! the same, and parsing is the larger part of compiling.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::loader::ParsedFile;
use crate::ast::File;
use crate::diagnostic::{Diagnostic, FileId};
use crate::source::SourceMap;

/// The trees on offer, by path. A tree is taken for a file at the same path, with the
/// same text and the same id (spans name their file by id), and only when its parse
/// reported nothing: a reused file has no parse diagnostics to repeat.
#[derive(Debug, Default)]
pub struct Reuse {
    trees: HashMap<PathBuf, (FileId, String, File)>,
}

impl Reuse {
    /// The trees of `files`, which were read into `sources`; `diagnostics` are
    /// everything their compilation reported.
    pub fn new(files: Vec<ParsedFile>, sources: &SourceMap, diagnostics: &[Diagnostic]) -> Self {
        let reported: std::collections::HashSet<FileId> = diagnostics
            .iter()
            .flat_map(|d| d.labels.iter().map(|l| l.span.file))
            .collect();
        let trees = files
            .into_iter()
            .filter(|f| !reported.contains(&f.id))
            .filter_map(|f| {
                let text = sources.get(f.id)?.text.clone();
                Some((f.path, (f.id, text, f.ast)))
            })
            .collect();
        Reuse { trees }
    }

    /// The tree of the file `path` is, if one was parsed from `text` as `id`.
    pub fn take(&mut self, path: &Path, id: FileId, text: &str) -> Option<File> {
        match self.trees.remove(path) {
            Some((was, old, ast)) if was == id && old == text => Some(ast),
            _ => None,
        }
    }
}
