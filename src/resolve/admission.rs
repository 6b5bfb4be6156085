//! Which files a build reads: the paths it was given (directories walked), and what they
//! import, each checked against the [`Sandbox`] before a byte of it is read.

use std::path::{Path, PathBuf};

use super::error::{ErrorKind, ResolveError};
use super::normalize::normalize;
use super::sandbox::{Sandbox, join_tidy};
use super::source_error::{SourceError, SourceErrorKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::env::{FileSystem, ReadError, is_dac};
use crate::source::SourceMap;

/// Why a file is not read: boxed, as the error of a `Result` should be small.
pub type Refused = Box<Diagnostic>;

/// The file system, seen through the sandbox.
pub struct Gate<'a> {
    pub fs: &'a dyn FileSystem,
    pub sandbox: &'a Sandbox,
}

impl Gate<'_> {
    /// The files of `roots`: files as given, directories walked; sorted, each once.
    pub fn expand_roots(
        &self,
        roots: &[PathBuf],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<PathBuf> {
        let mut paths = std::collections::BTreeSet::new();
        for root in roots {
            if !self.fs.is_dir(root) {
                paths.insert(normalize(root));
                continue;
            }
            match self.fs.dac_files(root, self.sandbox) {
                Ok(listing) => {
                    paths.extend(listing.files.iter().map(|p| normalize(p)));
                    for (path, problem) in listing.problems {
                        diagnostics.push(self.refusal(&path, problem, None, None));
                    }
                }
                Err(e) => diagnostics.push(not_found(root, None, &e.to_string())),
            }
        }
        paths.into_iter().collect()
    }

    /// Where `import "target"` in a file of directory `dir` points: relative to that
    /// file inside the project, else relative to an import path; never outside them.
    pub fn resolve_import(&self, dir: &Path, target: &str, span: Span) -> Result<PathBuf, Refused> {
        let written = Path::new(target);
        if written.has_root() || written.is_absolute() {
            let kind = SourceErrorKind::AbsoluteImport {
                path: target.to_string(),
            };
            return Err(Box::new(SourceError::new(Some(span), kind).to_diagnostic()));
        }
        let relative = join_tidy(dir, written);
        let inside = self.sandbox.holds(&self.sandbox.absolute(&relative));
        if inside && self.fs.exists(&relative) {
            return Ok(relative);
        }
        for library in &self.sandbox.import_paths {
            let candidate = join_tidy(&library.shown, written);
            if self
                .sandbox
                .absolute(&candidate)
                .starts_with(&library.absolute)
                && self.fs.exists(&candidate)
            {
                return Ok(candidate);
            }
        }
        if inside {
            // Missing: reported as such when it is read.
            return Ok(relative);
        }
        let kind = SourceErrorKind::OutsideRoot {
            path: target.to_string(),
            root: self.sandbox.root.shown.display().to_string(),
        };
        Err(Box::new(SourceError::new(Some(span), kind).to_diagnostic()))
    }

    /// The identity of a file about to be read (its path with links resolved), once it
    /// is known to be a `.dac` file inside the sandbox.
    pub fn admit(&self, path: &Path, imported_at: Option<Span>) -> Result<PathBuf, Refused> {
        let canonical = self
            .fs
            .canonicalize(path)
            .map_err(|e| Box::new(not_found(path, imported_at, &e.to_string())))?;
        if !self.sandbox.holds_canonical(&canonical) {
            let root = self.sandbox.root.shown.display().to_string();
            let shown = path.display().to_string();
            let kind = if self.sandbox.holds(&self.sandbox.absolute(path)) {
                SourceErrorKind::LinkOutside {
                    path: shown,
                    target: canonical.display().to_string(),
                    root,
                }
            } else {
                SourceErrorKind::OutsideRoot { path: shown, root }
            };
            return Err(Box::new(
                SourceError::new(imported_at, kind).to_diagnostic(),
            ));
        }
        if !is_dac(path) {
            let kind = SourceErrorKind::NotDac {
                path: path.display().to_string(),
            };
            return Err(Box::new(
                SourceError::new(imported_at, kind).to_diagnostic(),
            ));
        }
        Ok(canonical)
    }

    /// The text of an admitted file. A file that is not UTF-8 is registered in `sources`
    /// as best it can be shown, so the error points at the bad byte.
    pub fn read(
        &self,
        path: &Path,
        imported_at: Option<Span>,
        sources: &mut SourceMap,
    ) -> Result<String, Refused> {
        self.fs
            .read_source(path, self.sandbox.max_file_size)
            .map_err(|e| Box::new(self.refusal(path, e, imported_at, Some(sources))))
    }

    /// The diagnostic for a file that could not be read (at the import that named it).
    fn refusal(
        &self,
        path: &Path,
        error: ReadError,
        imported_at: Option<Span>,
        sources: Option<&mut SourceMap>,
    ) -> Diagnostic {
        let shown = path.display().to_string();
        let kind = match error {
            ReadError::Io(e) => return not_found(path, imported_at, &e.to_string()),
            ReadError::NotRegular(what) => SourceErrorKind::NotRegular { path: shown, what },
            ReadError::TooLarge { size, limit } => SourceErrorKind::TooLarge {
                path: shown,
                size,
                limit,
            },
            ReadError::LinkOutside(target) => SourceErrorKind::LinkOutside {
                path: shown,
                target: target.display().to_string(),
                root: self.sandbox.root.shown.display().to_string(),
            },
            ReadError::NotUtf8 { text, offset } => {
                let kind = SourceErrorKind::NotUtf8 {
                    path: shown.clone(),
                };
                let Some(sources) = sources else {
                    return SourceError::new(imported_at, kind).to_diagnostic();
                };
                let width = text[offset..].chars().next().map_or(0, char::len_utf8);
                let id = sources.add(shown, text);
                let span = Span::new(id, offset, offset + width);
                return SourceError::new(Some(span), kind).to_diagnostic();
            }
        };
        SourceError::new(imported_at, kind).to_diagnostic()
    }
}

/// A path that is not there (or not readable), as the resolver has always said it.
fn not_found(path: &Path, imported_at: Option<Span>, reason: &str) -> Diagnostic {
    let path = path.display().to_string();
    let reason = reason.to_string();
    let kind = match imported_at {
        Some(_) => ErrorKind::ImportNotFound { path, reason },
        None => ErrorKind::RootNotFound { path, reason },
    };
    ResolveError::new(imported_at.unwrap_or(Span::DUMMY), kind).to_diagnostic()
}
