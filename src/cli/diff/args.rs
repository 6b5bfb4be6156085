//! `dac diff`'s command line: which other side, how to show the changes, and the
//! global flags it shares.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, ValueEnum};

use super::grafana;
use crate::cli::global_args::{ColorWhen, GlobalArgs};
use crate::report::Format;

/// The end of `dac diff --help`.
pub const EXIT_CODES: &str = "\
Exit codes (as kubectl diff):
  0  no change
  1  something changed
  2  dac could not compare: a bad command line, an unknown git revision, sources that
     do not compile on either side, an unreadable directory, or a live peer that
     cannot be reached, refuses the credentials, fails or answers what is not its API";

/// Exactly one "other side" (`side`); `--timeout` only with a peer that is asked live.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("side").required(true).multiple(false)))]
#[command(group(ArgGroup::new("live").multiple(true)))]
#[command(group(ArgGroup::new("cluster").multiple(true)))]
pub struct DiffArgs {
    /// Files or directories to compile; directories are searched for `*.dac` (default:
    /// `[build] sources` of dac.toml, else `.`).
    pub paths: Vec<PathBuf>,
    /// The dac.toml to use, instead of the nearest one in or above the directory compiled.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Compare with the sources at this git revision (a branch, tag or commit), read
    /// from git's objects; the work tree is never touched.
    #[arg(long, value_name = "GITREF", group = "side")]
    pub base: Option<String>,
    /// Compare with a directory of files `dac build` wrote, such as an earlier `out/`.
    #[arg(long, value_name = "DIR", group = "side")]
    pub against: Option<PathBuf>,
    // --- The live peers: Grafana (src/cli/diff/grafana.rs), Prometheus and the
    // cluster (src/cli/diff_live.rs).
    #[command(flatten)]
    pub grafana: grafana::GrafanaArgs,
    /// Compare the rule files with the rules the Prometheus at this URL has loaded
    /// (`http[s]://[user:password@]host[:port][/prefix]`); only rule files are compared.
    #[arg(long, value_name = "URL", groups = ["side", "live"])]
    pub prometheus: Option<String>,
    /// Compare the ConfigMaps, PrometheusRules and ServiceMonitors with those in the
    /// cluster that carry dac's label, read with `kubectl get`.
    #[arg(long, groups = ["side", "live", "cluster"])]
    pub kube: bool,
    /// The kubeconfig context `kubectl` uses (default: its current context).
    #[arg(long, value_name = "NAME", requires = "kube")]
    pub context: Option<String>,
    /// Compare only this namespace's objects (default: every namespace, as dac's
    /// objects name their own).
    #[arg(long, value_name = "NAME", requires = "cluster")]
    pub namespace: Option<String>,
    /// Compare with what `kubectl get ... -o json` (or `-o yaml`) printed, saved to FILE,
    /// or `-` for standard input.
    #[arg(long, value_name = "FILE", groups = ["side", "cluster"])]
    pub live_file: Option<PathBuf>,
    /// How long a live peer may take to answer: `10s`, `500ms`, `1m` (for kubectl, its
    /// `--request-timeout`).
    #[arg(long, value_name = "DURATION", default_value = "10s",
        value_parser = crate::cli::lint::timeout, requires = "live")]
    pub timeout: std::time::Duration,
    // --- End of the live peers' flags.
    /// How to show the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The summary, changes in words and the exact diff; coloured on a terminal.
    #[default]
    Text,
    /// A pull-request comment (under GitHub's 65,536-character limit).
    Markdown,
    /// One JSON document (docs/diff.md has its schema).
    Json,
}

/// `dac diff` parsed on its own: its arguments and the global ones but `--format`.
#[derive(Debug, Parser)]
#[command(name = "dac diff", about = "Show what a change to the sources will change", after_help = EXIT_CODES)]
pub struct DiffCli {
    #[command(flatten)]
    pub args: DiffArgs,
    /// When to colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Print nothing but errors; the exit code tells whether anything changed.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say which files were read.
    #[arg(short, long)]
    pub verbose: bool,
}

impl DiffCli {
    /// The console's settings: human diagnostics for the sources that do not compile.
    pub fn global(&self) -> GlobalArgs {
        GlobalArgs {
            format: Format::Human,
            color: self.color,
            quiet: self.quiet,
            verbose: self.verbose,
        }
    }
}
