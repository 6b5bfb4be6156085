//! Finding the project, as cargo finds `Cargo.toml`: the `dac.toml` in the directory
//! being built or the nearest one above it (`--config FILE` instead, when given), the
//! sources it names, where the output goes, and the sandbox sources are read in.
//! Paths are kept as the user will see them: relative to where dac runs.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::config::{self, Config, ConfigError, ConfigErrorKind, ConfigPath};
use crate::diagnostic::Diagnostic;
use crate::env::FileSystem;
use crate::resolve::sandbox::{AllowedDir, Sandbox, exclude_matcher, join_tidy, relative_to};
use crate::source::SourceMap;

/// Where the paths to build came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourcesFrom {
    CommandLine,
    /// `[build] sources` of the dac.toml.
    Config,
    /// Neither: the project's directory.
    Default,
}

#[derive(Debug)]
pub struct Discovery {
    /// The dac.toml whose settings apply; none means the defaults.
    pub config_file: Option<PathBuf>,
    /// Whether `--config` named it.
    pub config_given: bool,
    pub config: Config,
    /// What to build: files, or directories to search for `*.dac`.
    pub sources: Vec<PathBuf>,
    pub sources_from: SourcesFrom,
    /// Where the output goes unless `-o` says otherwise: `[build] out_dir`, relative
    /// to the dac.toml.
    pub out_dir: PathBuf,
    pub sandbox: Sandbox,
}

/// Finds the project of `paths` (the current directory when empty).
pub fn discover(
    paths: &[PathBuf],
    config_flag: Option<&Path>,
    fs: &dyn FileSystem,
    sources: &mut SourceMap,
) -> Result<Discovery, Vec<Diagnostic>> {
    let cwd = fs.current_dir().map_err(|e| {
        vec![Diagnostic::error(
            Code::NoDirectory,
            format!("cannot tell which directory dac runs in: {e}"),
        )]
    })?;
    let config_file = match config_flag {
        Some(file) => Some(file.to_path_buf()),
        None => find_config(paths, &cwd, fs),
    };
    let config = match &config_file {
        Some(file) => config::load(file, fs, sources)?,
        None => Config::default(),
    };
    // `dac.toml` is in `.` or a parent: its directory as the user sees it.
    let config_dir = config_file
        .as_deref()
        .map(|f| join_tidy(f.parent().unwrap_or(Path::new("")), Path::new("")));

    let (sources_list, sources_from) = match (&config_dir, paths.is_empty()) {
        (_, false) => (paths.to_vec(), SourcesFrom::CommandLine),
        (Some(dir), true) => {
            let from = match config.sources.iter().any(|p| p.span.is_some()) {
                true => SourcesFrom::Config,
                false => SourcesFrom::Default,
            };
            let listed = existing(&config.sources, dir, "source", fs)?;
            (listed, from)
        }
        (None, true) => (vec![PathBuf::from(".")], SourcesFrom::Default),
    };
    let mut sandbox = match &config_dir {
        Some(dir) => Sandbox::around(std::slice::from_ref(dir), &cwd, |_| true),
        None => Sandbox::around(&sources_list, &cwd, |p| fs.is_dir(p)),
    };
    if let Some(dir) = &config_dir {
        sandbox.import_paths = existing(&config.import_paths, dir, "import path", fs)?
            .into_iter()
            .map(|shown| AllowedDir::new(shown, &cwd, None))
            .collect();
    }
    sandbox.max_file_size = config.max_file_size;
    // Checked when dac.toml was read.
    sandbox.exclude = exclude_matcher(&config.exclude).unwrap_or(None);
    let out_dir = match &config_dir {
        Some(dir) => join_tidy(dir, &config.out_dir),
        None => config.out_dir.clone(),
    };
    Ok(Discovery {
        config_given: config_flag.is_some(),
        config_file,
        config,
        sources: sources_list,
        sources_from,
        out_dir,
        sandbox,
    })
}

/// The nearest `dac.toml` in the directory of `paths` (or of dac's own, without
/// paths) or above it, as the user sees its path.
fn find_config(paths: &[PathBuf], cwd: &Path, fs: &dyn FileSystem) -> Option<PathBuf> {
    let start = if paths.is_empty() {
        cwd.to_path_buf()
    } else {
        Sandbox::around(paths, cwd, |p| fs.is_dir(p)).root.absolute
    };
    start.ancestors().find_map(|dir| {
        let file = dir.join(config::FILE_NAME);
        (fs.exists(&file) && !fs.is_dir(&file))
            .then(|| relative_to(dir, cwd).join(config::FILE_NAME))
    })
}

/// The paths of a `[build]` list, relative to dac.toml's directory; one that does not
/// exist is an error at its place in dac.toml.
fn existing(
    list: &[ConfigPath],
    dir: &Path,
    what: &'static str,
    fs: &dyn FileSystem,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for entry in list {
        let path = join_tidy(dir, &entry.path);
        if !fs.exists(&path) {
            let kind = ConfigErrorKind::Missing {
                what,
                path: entry.path.display().to_string(),
            };
            let error = ConfigError {
                span: entry.span,
                kind,
            };
            errors.push(error.to_diagnostic());
        }
        out.push(path);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One line: which dac.toml, which sources.
impl fmt::Display for Discovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.config_file {
            Some(file) if self.config_given => write!(f, "using {} (--config)", file.display())?,
            Some(file) => write!(f, "using {}", file.display())?,
            None => write!(
                f,
                "using no dac.toml (none here or above; default settings)"
            )?,
        }
        let names: Vec<String> = self
            .sources
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        write!(f, "; sources: {}", names.join(", "))?;
        if self.sources_from == SourcesFrom::Config {
            write!(f, " (from [build] sources)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "discover_tests.rs"]
mod tests;
