//! Where a side's documents come from. Each side yields the same documents, so the
//! comparison never knows which it got: the sources compiled (now, or at a git revision,
//! through an in-memory environment), or a directory of emitted files. The live peers
//! (Grafana, Prometheus, the cluster) are sides too, each turning its answers into the
//! same documents.

use std::path::{Path, PathBuf};

use super::document::Document;
use crate::compile::{self, CompileOptions, Retain};
use crate::diagnostic::Diagnostic;
use crate::emit::OutputFile;
use crate::env::{Environment, FileSystem, ReadError};
use crate::resolve::Reuse;
use crate::source::SourceMap;

/// Why a side has no documents: a line for the user, and when its sources did not
/// compile, their diagnostics to show first.
#[derive(Debug)]
pub struct SideError {
    pub message: String,
    pub diagnostics: Option<(Vec<Diagnostic>, SourceMap)>,
}

impl From<String> for SideError {
    fn from(message: String) -> Self {
        SideError {
            message,
            diagnostics: None,
        }
    }
}

pub trait Side {
    /// How the report names it: `the sources`, `origin/main`, `out-old/`.
    fn label(&self) -> String;
    fn documents(&self) -> Result<Vec<Document>, SideError>;
}

/// An emitted file as text: where it is in the output tree (`/`-separated), and what
/// it holds.
pub struct RawFile {
    pub path: String,
    pub text: String,
}

/// A side's emitted files, and how an error in one of them is introduced.
pub struct Files {
    /// `the sources at main`, `in \`out-old\``.
    pub context: String,
    pub files: Vec<RawFile>,
    /// The paths of the files this side has the same as the side it is compared with,
    /// which were not emitted again (see [`Compiled::files_reusing`]).
    pub same: Vec<String>,
}

impl Files {
    /// Emitted files, as text.
    pub fn from_outputs(context: String, outputs: Vec<OutputFile>) -> Files {
        let files = outputs
            .into_iter()
            .map(|f| RawFile {
                path: f.path,
                text: String::from_utf8(f.contents)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            })
            .collect();
        Files {
            context,
            files,
            same: Vec::new(),
        }
    }

    /// Every document of every file, in order: parsed on every core. (Not those of
    /// [`Files::same`]: only [`crate::diff::diff_files`] reads a side that has them.)
    pub fn documents(&self) -> Result<Vec<Document>, SideError> {
        let read = crate::par::map(self.files.iter().collect(), |file: &RawFile| {
            Document::read(&file.path, &file.text)
        });
        let mut docs = Vec::new();
        for file in read {
            docs.extend(file.map_err(|e| format!("{}: {e}", self.context))?);
        }
        Ok(docs)
    }
}

/// The sources, compiled through `env` (the disk, or a git revision in memory).
pub struct Compiled<'a> {
    pub env: &'a dyn Environment,
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    /// `the sources in the work tree`, `the sources at origin/main`.
    pub label: String,
}

impl Side for Compiled<'_> {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn documents(&self) -> Result<Vec<Document>, SideError> {
        self.files()?.documents()
    }
}

impl Compiled<'_> {
    /// The files the sources compile to.
    pub fn files(&self) -> Result<Files, SideError> {
        self.compile(Retain::Outputs, &mut Reuse::default())
            .map(|(files, _)| files)
    }

    /// [`Compiled::files`], taking what `reuse` offers where the sources are the same
    /// (syntax trees, and dashboards whole: their files are then not emitted, but listed
    /// in [`Files::same`]), and offering this compilation's to the next: `--base`
    /// compiles the work tree, then the revision, where most files are the same.
    pub fn files_reusing(&self, reuse: &mut Reuse) -> Result<(Files, Reuse), SideError> {
        self.compile(Retain::OutputsAndFiles, reuse)
    }

    fn compile(&self, retain: Retain, reuse: &mut Reuse) -> Result<(Files, Reuse), SideError> {
        let options = CompileOptions {
            paths: self.paths.clone(),
            config: self.config.clone(),
            retain,
            lint_gate: false,
        };
        let mut compiled = compile::compile_reusing(self.env, &options, reuse);
        let failed = compiled.has_errors();
        let Some(outputs) = compiled.outputs.filter(|_| !failed) else {
            let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
            return Err(SideError {
                message: format!(
                    "{} do not compile ({errors} error(s) above); nothing was compared",
                    self.label
                ),
                diagnostics: Some((compiled.diagnostics, compiled.sources)),
            });
        };
        let mut offered = Reuse::new(
            std::mem::take(&mut compiled.files),
            compiled.sources,
            &compiled.diagnostics,
        );
        if let Some(found) = compiled.found {
            let dashboards = std::mem::take(&mut compiled.project.dashboards);
            offered = offered.with_dashboards(dashboards, found.config);
        }
        let mut files = Files::from_outputs(self.label.clone(), outputs);
        files.same = compiled.same;
        Ok((files, offered))
    }
}

/// The largest file read from a directory: a dashboard is rarely past a few megabytes.
const FILE_LIMIT: u64 = 256 * 1024 * 1024;

/// A directory of emitted files (`--against out-old/`).
pub struct Directory<'a> {
    pub fs: &'a dyn FileSystem,
    pub dir: PathBuf,
}

impl Side for Directory<'_> {
    fn label(&self) -> String {
        self.dir.display().to_string()
    }

    fn documents(&self) -> Result<Vec<Document>, SideError> {
        self.files()?.documents()
    }
}

impl Directory<'_> {
    /// The files of the directory, but dac's manifest and lock and hidden files.
    pub fn files(&self) -> Result<Files, SideError> {
        let shown = self.dir.display();
        if !self.fs.is_dir(&self.dir) {
            return Err(format!("`{shown}` (for `--against`) is not a directory").into());
        }
        let files = self
            .fs
            .all_files(&self.dir)
            .map_err(|e| format!("cannot list `{shown}` (for `--against`): {e}"))?;
        let mut texts = Vec::with_capacity(files.len());
        for path in files {
            let name = slash_path(&path);
            // dac's manifest and lock, an editor's swap file
            if name.starts_with('.') || name.contains("/.") {
                continue;
            }
            let text = self
                .fs
                .read_source(&self.dir.join(&path), FILE_LIMIT)
                .map_err(|e| format!("cannot read `{shown}/{name}`: {}", read_error(&e)))?;
            texts.push(RawFile { path: name, text });
        }
        Ok(Files {
            context: format!("in `{shown}`"),
            files: texts,
            same: Vec::new(),
        })
    }
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_error(e: &ReadError) -> String {
    match e {
        ReadError::Io(e) => e.to_string(),
        ReadError::NotRegular(what) => format!("it is {what}"),
        ReadError::TooLarge { limit, .. } => format!("it is larger than {limit} bytes"),
        ReadError::NotUtf8 { offset, .. } => format!("it is not UTF-8 (byte {offset})"),
        ReadError::LinkOutside(to) => format!("it links to `{}`", to.display()),
    }
}
