//! Where a command's words go: diagnostics in the chosen format, status lines, `-v`
//! notes. Every command prints through one `Console`, so `--format`, `--color`, `-q` and
//! `-v` mean the same everywhere.

use std::io::{self, Write};
use std::time::Instant;

use anstream::{AutoStream, ColorChoice};
use serde_json::{Map, Value};

use super::global_args::{ColorWhen, GlobalArgs};
use crate::diagnostic::Diagnostic;
use crate::report::escape::clean;
use crate::report::style::Palette;
use crate::report::{Format, github, human, json};
use crate::source::SourceMap;

#[derive(Debug)]
pub struct Console {
    pub format: Format,
    pub quiet: bool,
    verbose: bool,
    /// Colours of what goes to standard error (plain when it is not a terminal).
    palette: Palette,
}

impl Console {
    pub fn new(args: &GlobalArgs) -> Console {
        let color = match args.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // anstream's rules: NO_COLOR, then CLICOLOR_FORCE, then CLICOLOR and
            // whether standard error is a terminal that takes colour.
            ColorWhen::Auto => AutoStream::choice(&io::stderr()) != ColorChoice::Never,
        };
        Console {
            format: args.format,
            quiet: args.quiet,
            verbose: args.verbose,
            palette: Palette::new(color && args.format == Format::Human),
        }
    }

    /// The diagnostics to report, in report order: all, or with `-q` the errors only.
    pub fn select(&self, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
        let mut shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| !self.quiet || d.is_error())
            .cloned()
            .collect();
        crate::diagnostic::sort(&mut shown);
        shown
    }

    /// Writes already selected diagnostics to standard error in the human or GitHub
    /// format (human ones separated by blank lines, and followed by one when
    /// `blank_after`); JSON and SARIF reports list them in their document instead.
    pub fn diagnostics(&self, shown: &[Diagnostic], sources: &SourceMap, blank_after: bool) {
        if shown.is_empty() {
            return;
        }
        let text = match self.format {
            Format::Human => {
                let mut text = human::render_all_with(shown, sources, &self.palette);
                if blank_after {
                    text.push('\n');
                }
                text
            }
            Format::Github => github::render_all(shown, sources),
            Format::Json | Format::Sarif => return,
        };
        self.stderr(&text);
    }

    /// `error: MESSAGE` on standard error.
    pub fn error(&self, message: &str) {
        let head = self
            .palette
            .severity(crate::diagnostic::Severity::Error, "error");
        self.stderr(&format!("{head}: {}\n", clean(message)));
    }

    /// `warning: MESSAGE` on standard error, unless `-q`.
    pub fn warning(&self, message: &str) {
        if self.quiet {
            return;
        }
        let head = self
            .palette
            .severity(crate::diagnostic::Severity::Warning, "warning");
        self.stderr(&format!("{head}: {}\n", clean(message)));
    }

    /// A line of the command's result on standard output, unless `-q`.
    pub fn status(&self, line: &str) -> Result<(), String> {
        if self.quiet {
            return Ok(());
        }
        self.stdout(&format!("{line}\n"))
    }

    /// Text on standard output. A reader that went away (`dac ... | head -1`) is not an
    /// error: there is no one left to tell. Any other failure to write is.
    pub fn stdout(&self, text: &str) -> Result<(), String> {
        match io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                Err(format!("cannot write the output: {e}"))
            }
            _ => Ok(()),
        }
    }

    /// A JSON document on standard output.
    pub fn json(&self, document: Map<String, Value>) -> Result<(), String> {
        let mut text = json::to_string(&Value::Object(document));
        text.push('\n');
        self.stdout(&text)
    }

    /// A SARIF log on standard output.
    pub fn sarif(&self, log: Value) -> Result<(), String> {
        let mut text = json::to_string(&log);
        text.push('\n');
        self.stdout(&text)
    }

    /// With `-v`: `VERB text` on standard error, the verb right-aligned as cargo does.
    pub fn verbose(&self, verb: &str, text: &str) {
        if self.verbose {
            let verb = self.palette.note(&format!("{verb:>12}"));
            self.stderr(&format!("{verb} {}\n", clean(text)));
        }
    }

    /// With `-v`: every file of the run, in the order they were read.
    pub fn files_read(&self, sources: &SourceMap) {
        for (_, file) in sources.files() {
            self.verbose("Read", &file.name);
        }
    }

    /// With `-v`: a stage that began at `since`, what it did and how long it took.
    pub fn stage(&self, verb: &str, what: &str, since: Instant) {
        let ms = since.elapsed().as_secs_f64() * 1000.0;
        self.verbose(verb, &format!("{what} in {ms:.2} ms"));
    }

    /// Standard error fails only when no one reads it; there is then no one to tell.
    fn stderr(&self, text: &str) {
        let stderr = io::stderr().lock();
        // A plain report holds no escape code to translate; a coloured one goes through
        // anstream, which turns ANSI codes into console calls on old Windows consoles.
        let _ = if self.palette == Palette::PLAIN {
            { stderr }.write_all(text.as_bytes())
        } else {
            AutoStream::always(stderr).write_all(text.as_bytes())
        };
    }
}
