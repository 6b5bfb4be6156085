//! The command line: argument parsing and dispatch. Only this module and `report` print.

pub mod build;
pub mod promql;
mod write_out;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "dac", version, about = "Dashboards and alerts as code")]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile `.dac` sources into Grafana JSON, rule files and Kubernetes manifests.
    Build(build::BuildArgs),
    /// Check and format PromQL expressions.
    Promql {
        #[command(subcommand)]
        command: promql::PromqlCommand,
    },
}

/// Parses arguments and runs the command; clap's own errors exit 2.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
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
    match run(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs one command. `Err` is a tool error (exit 2), already worded for the user.
pub fn run(args: Args) -> Result<ExitCode, String> {
    match args.command {
        Command::Build(args) => build::run(args),
        Command::Promql { command } => promql::run(command),
    }
}
