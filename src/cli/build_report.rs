//! What `dac build` says, in every format: its diagnostics, then its result (the files
//! written, or with `--check` whether the output is up to date).

use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::console::Console;
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{StaleFile, Staleness, WriteSummary};
use crate::report::escape::clean;
use crate::report::{Format, json, sarif};
use crate::source::SourceMap;

/// The end of `dac build --help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  the build succeeded; with --check, the output directory is up to date
  1  with --check: the output directory is stale (the files that differ are listed)
  2  errors in the sources or dac.toml, a bad command line, or the output could not be
     written; nothing was written";

pub struct BuildReport<'c> {
    console: &'c Console,
    /// The diagnostics of a JSON report, kept until the result is known.
    listed: Vec<Value>,
    /// The results of a SARIF report, likewise.
    sarif: sarif::Log,
    /// The settings and sources line, for a JSON report.
    using: Option<String>,
}

impl<'c> BuildReport<'c> {
    pub fn new(console: &'c Console) -> Self {
        BuildReport {
            console,
            listed: Vec::new(),
            sarif: sarif::Log::new(),
            using: None,
        }
    }

    /// The settings and sources the build uses: the first line of its result, or
    /// `using` in a JSON report. A failed build prints no result, so no such line.
    pub fn using(&mut self, line: &str) {
        self.using = Some(line.to_string());
    }

    /// The `using` line, before the result of a human or GitHub report.
    fn say_using(&mut self) -> Result<(), String> {
        match self.using.take() {
            Some(line) if !self.console.format.is_document() => self.console.status(&clean(&line)),
            _ => Ok(()),
        }
    }

    /// Reports the diagnostics of a build that goes on (warnings).
    pub fn diagnostics(&mut self, diagnostics: &[Diagnostic], sources: &SourceMap) {
        let shown = self.console.select(diagnostics);
        match self.console.format {
            Format::Json => self
                .listed
                .extend(shown.iter().map(|d| json::diagnostic(d, sources))),
            Format::Sarif => self.sarif.extend(&shown, sources),
            Format::Human | Format::Github => self.console.diagnostics(&shown, sources, true),
        }
    }

    /// Reports a failed build: its diagnostics and that nothing was written; exit 2.
    pub fn failed(&mut self, diagnostics: &[Diagnostic], sources: &SourceMap) -> ExitCode {
        self.diagnostics(diagnostics, sources);
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        if self.console.format.is_document() {
            // Standard output may be closed; the exit code still tells.
            let _ = self.finish(2, Value::Null, &[]);
        } else {
            self.console.error(&format!(
                "build failed with {errors} error(s); nothing was written"
            ));
        }
        ExitCode::from(2)
    }

    /// `--check` found the output directory as a build would write it: exit 0.
    pub fn up_to_date(&mut self, out_dir: &Path, files: usize) -> Result<ExitCode, String> {
        self.say_using()?;
        if self.console.format.is_document() {
            let output =
                json!({ "dir": out_dir.display().to_string(), "files": files, "stale": [] });
            self.finish(0, output, &[])?;
        } else {
            let dir = out_dir.display().to_string();
            self.console
                .status(&format!("{}: up to date ({files} files)", clean(&dir)))?;
        }
        Ok(ExitCode::SUCCESS)
    }

    /// `--check` found files a build would change: lists them; exit 1.
    pub fn stale(
        &mut self,
        out_dir: &Path,
        files: usize,
        stale: &[StaleFile],
    ) -> Result<ExitCode, String> {
        self.say_using()?;
        let dir = out_dir.display().to_string();
        if self.console.format.is_document() {
            // SARIF has no place for the list but its notifications: one per file.
            let notes: Vec<(Severity, String)> = stale
                .iter()
                .map(|f| {
                    (
                        Severity::Error,
                        format!("{dir}/{f}; run `dac build` to update it"),
                    )
                })
                .collect();
            let stale: Vec<Value> = stale
                .iter()
                .map(|f| json!({ "path": f.path, "state": state(f.kind) }))
                .collect();
            let output = json!({ "dir": dir, "files": files, "stale": stale });
            self.finish(1, output, &notes)?;
        } else {
            let mut text = format!("{} is stale; run `dac build` to update it:\n", clean(&dir));
            for file in stale {
                text.push_str(&format!("  {}\n", clean(&file.to_string())));
            }
            self.console.stdout(&text)?;
        }
        Ok(ExitCode::from(1))
    }

    /// The build wrote its output: exit 0.
    pub fn written(
        &mut self,
        out_dir: &Path,
        files: usize,
        summary: &WriteSummary,
    ) -> Result<ExitCode, String> {
        self.say_using()?;
        let dir = out_dir.display().to_string();
        if self.console.format.is_document() {
            let output = json!({
                "dir": dir,
                "files": files,
                "written": summary.written,
                "unchanged": summary.unchanged,
                "removed": summary.removed,
            });
            self.finish(0, output, &[])?;
        } else {
            self.console.status(&format!(
                "{}: {files} files, {} written, {} unchanged, {} removed",
                clean(&dir),
                summary.written.len(),
                summary.unchanged,
                summary.removed.len()
            ))?;
        }
        Ok(ExitCode::SUCCESS)
    }

    /// Prints the document: in JSON the diagnostics and `output`; in SARIF the results,
    /// the exit code and `notes` (what `output` says that is no finding).
    fn finish(
        &mut self,
        exit: u8,
        output: Value,
        notes: &[(Severity, String)],
    ) -> Result<(), String> {
        if self.console.format == Format::Sarif {
            let log = std::mem::take(&mut self.sarif).finish(exit, notes);
            return self.console.sarif(log);
        }
        let listed = std::mem::take(&mut self.listed);
        let mut document = json::document("build", exit == 0, listed);
        if let Some(using) = self.using.take() {
            document.insert("using".into(), Value::String(using));
        }
        document.insert("output".into(), output);
        self.console.json(document)
    }
}

fn state(kind: Staleness) -> &'static str {
    match kind {
        Staleness::Missing => "missing",
        Staleness::Changed => "changed",
        Staleness::Extra => "extra",
    }
}
