//! The flags every command shares: how to report (`--format`, `--color`) and how much
//! (`-q`, `-v`).

use clap::{Args, ValueEnum};

use crate::report::Format;

#[derive(Debug, Default, Args)]
pub struct GlobalArgs {
    /// How to report diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    pub format: Format,
    /// When to colour the human report.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// Report errors only: no warnings, no summary.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say which files were read and how long each stage took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless `NO_COLOR` is set; anywhere if `CLICOLOR_FORCE` is.
    #[default]
    Auto,
    /// Always colour, whatever the environment says.
    Always,
    /// Never colour.
    Never,
}
