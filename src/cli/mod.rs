//! The command line: argument parsing and dispatch. Only this module and `report` print.

pub mod build;
pub mod build_report;
pub mod console;
pub mod diff;
pub mod explain;
pub mod global_args;
pub mod lint;
pub mod promql;
pub mod routes;
mod write_out;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use console::Console;
use global_args::GlobalArgs;

/// `0.1.0 (1a2b3c4)`: the version, and the commit it was built from when the build
/// could ask git (see `build.rs`).
const VERSION: &str = env!("DAC_VERSION");

#[derive(Debug, Parser)]
#[command(name = "dac", version = VERSION, about = "Dashboards and alerts as code")]
pub struct Args {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile `.dac` sources into Grafana JSON, rule files and Kubernetes manifests.
    #[command(after_help = build_report::EXIT_CODES)]
    Build(build::BuildArgs),
    /// Check and format PromQL expressions.
    Promql {
        #[command(subcommand)]
        command: promql::PromqlCommand,
    },
    /// Check the sources against the lint rules (docs/rules.md); writes nothing.
    #[command(after_help = lint::EXIT_CODES)]
    Lint(lint::LintArgs),
    /// Show what a change to the sources will change: against a git revision
    /// (`--base`) or an earlier output directory (`--against`).
    #[command(after_help = diff::EXIT_CODES)]
    Diff(diff::DiffCli),
    /// Explain a diagnostic code: what it means, an example of the fault, and the fix.
    Explain(explain::ExplainArgs),
    /// For every alert, the route it takes and the receivers it reaches (the routing
    /// block's tree, as Alertmanager walks it; `--format json` for a machine).
    Routes(routes::RoutesArgs),
}

/// Parses arguments and runs the command; clap's own errors exit 2.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    if let Some(at) = diff_position(&args) {
        return main_diff(&args, at);
    }
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let console = Console::new(&args.global);
    match run(args.command, &console) {
        Ok(code) => code,
        Err(message) => {
            console.error(&message);
            ExitCode::from(2)
        }
    }
}

/// Where the `diff` subcommand is, if it is the one run. `dac diff` is parsed on its own
/// ([`diff::DiffCli`]): its `--format` takes other values than the global one, and clap
/// would hand a subcommand's value of a global flag's name to the global flag.
fn diff_position(args: &[OsString]) -> Option<usize> {
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        let arg = arg.to_str()?;
        if arg == "--format" || arg == "--color" {
            i += 2;
        } else if arg.starts_with('-') {
            i += 1;
        } else {
            return (arg == "diff").then_some(i);
        }
    }
    None
}

/// `dac [GLOBAL FLAGS] diff ARGS`, the global flags parsed with diff's own.
fn main_diff(args: &[OsString], at: usize) -> ExitCode {
    let own = std::iter::once(OsString::from("dac diff"))
        .chain(args[1..at].iter().cloned())
        .chain(args[at + 1..].iter().cloned());
    let cli = match diff::DiffCli::try_parse_from(own) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let console = Console::new(&cli.global());
    run(Command::Diff(cli), &console).unwrap_or_else(|message| {
        console.error(&message);
        ExitCode::from(2)
    })
}

/// Runs one command. `Err` is a tool error (exit 2), already worded for the user.
pub fn run(command: Command, console: &Console) -> Result<ExitCode, String> {
    match command {
        Command::Build(args) => build::run(args, console),
        Command::Promql { command } => promql::run(command, console),
        Command::Lint(args) => lint::run(args, console),
        Command::Diff(cli) => diff::run(cli, console),
        Command::Explain(args) => explain::run(args, console),
        Command::Routes(args) => routes::run(args, console),
    }
}
