//! What one compilation made, taken by the next instead of making it again: `dac diff
//! --base` compiles the work tree and then the revision, where most files are the same.
//!
//! - **Syntax trees**, for a file at the same path, with the same text and the same id
//!   (spans name their file by id): parsing is the larger part of compiling.
//! - **Dashboards**, whole, for a `dashboard` block of a file whose tree was taken and
//!   all of whose imports' trees were too (so the same templates expand in it), under the
//!   same dac.toml settings. A block reads nothing else, so it resolves to the same
//!   dashboard, which emits the same files: the compilation taking it does not emit them
//!   again ([`crate::compile::Compilation::same`]).
//!
//! Nothing is taken from a file that any diagnostic of the first compilation points
//! into: a reused file has no diagnostics to repeat. A dashboard taken whole is not
//! counted against the template expansion budget of the second compilation: it was
//! expanded within the first one's.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::parsed_file::ParsedFile;
use crate::ast::File;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::model::Dashboard;
use crate::source::SourceMap;

/// What is on offer.
#[derive(Debug, Default)]
pub struct Reuse {
    trees: HashMap<PathBuf, (FileId, String, File)>,
    /// The ids of the files whose trees were taken.
    taken: HashSet<FileId>,
    /// By the span of their block, under the settings they were made with.
    dashboards: HashMap<Span, Dashboard>,
    config: Option<Config>,
    /// The files some diagnostic of the first compilation points into.
    reported: HashSet<FileId>,
}

impl Reuse {
    /// The trees of `files`, which were read into `sources` (whose texts it keeps);
    /// `diagnostics` are everything their compilation reported.
    pub fn new(files: Vec<ParsedFile>, sources: SourceMap, diagnostics: &[Diagnostic]) -> Self {
        let reported: HashSet<FileId> = diagnostics
            .iter()
            .flat_map(|d| d.labels.iter().map(|l| l.span.file))
            .collect();
        let mut texts: Vec<Option<String>> = sources.into_files().map(|f| Some(f.text)).collect();
        let trees = files
            .into_iter()
            .filter(|f| !reported.contains(&f.id))
            .filter_map(|f| {
                let text = texts.get_mut(f.id.0 as usize)?.take()?;
                Some((f.path, (f.id, text, f.ast)))
            })
            .collect();
        Reuse {
            trees,
            reported,
            ..Reuse::default()
        }
    }

    /// Offers `dashboards` too, made under `config`, but those of files a diagnostic
    /// points into.
    pub fn with_dashboards(mut self, dashboards: Vec<Dashboard>, config: Config) -> Self {
        let reported = &self.reported;
        self.dashboards = dashboards
            .into_iter()
            .filter(|d| !reported.contains(&d.span.file))
            .map(|d| (d.span, d))
            .collect();
        self.config = Some(config);
        self
    }

    /// The tree of the file `path` is, if one was parsed from `text` as `id`.
    pub fn take(&mut self, path: &Path, id: FileId, text: &str) -> Option<File> {
        match self.trees.remove(path) {
            Some((was, old, ast)) if was == id && old == text => {
                self.taken.insert(id);
                Some(ast)
            }
            _ => None,
        }
    }

    /// Withdraws the dashboards unless they were made under `config`: the settings
    /// decide how a dashboard is emitted.
    pub fn settings_are(&mut self, config: &Config) {
        if self.config.as_ref() != Some(config) {
            self.dashboards.clear();
        }
    }

    /// The dashboards on offer for the blocks of the files whose trees were taken, as
    /// were those of everything they import (`visible`: each file's imports,
    /// transitively, and itself).
    pub fn dashboards(
        &mut self,
        visible: &BTreeMap<FileId, BTreeSet<FileId>>,
    ) -> HashMap<Span, Dashboard> {
        let clean = |file: &FileId| {
            visible
                .get(file)
                .is_some_and(|seen| seen.iter().all(|f| self.taken.contains(f)))
        };
        let offered = std::mem::take(&mut self.dashboards);
        offered
            .into_iter()
            .filter(|(span, _)| clean(&span.file))
            .collect()
    }
}
