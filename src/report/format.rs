//! The report formats every command shares (`--format`).

/// Who reads the diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// People: rustc-style, with the source line and a caret, on standard error.
    #[default]
    Human,
    /// Programs and editors: one JSON document on standard output
    /// (docs/output-formats.md).
    Json,
    /// GitHub Actions: workflow commands that annotate the pull request, on standard
    /// error.
    Github,
    /// Code scanning (GitHub, SARIF viewers): one SARIF 2.1.0 log on standard output
    /// (docs/output-formats.md).
    Sarif,
}

impl Format {
    /// Whether the report is one document on standard output, printed when the command
    /// ends, rather than lines on standard error as diagnostics come.
    pub fn is_document(self) -> bool {
        matches!(self, Format::Json | Format::Sarif)
    }
}
