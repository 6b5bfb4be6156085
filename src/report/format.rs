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
}
