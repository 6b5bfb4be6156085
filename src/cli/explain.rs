//! `dac explain CODE`: what a diagnostic code means, an example and the fix, as
//! `rustc --explain` does; `dac explain --list` lists every code.

use std::process::ExitCode;

use clap::Args;

use crate::codes::Code;
use crate::lint::registry::RuleId;
use crate::promql::suggest::did_you_mean;

use super::console::Console;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code, as a report names it: `dac/duplicate-uid`, `promql/type`, ...
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    code: Option<String>,
    /// List every code with its default severity and summary (the Markdown table of
    /// docs/language.md).
    #[arg(long)]
    list: bool,
}

pub fn run(args: ExplainArgs, console: &Console) -> Result<ExitCode, String> {
    let text = match args.code {
        Some(name) => explanation(&name)?,
        None => Code::markdown_table(),
    };
    console.stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The explanation of a code; a name an older dac used explains the code it became.
fn explanation(name: &str) -> Result<String, String> {
    let (code, renamed) = match (Code::from_name(name), Code::renamed(name)) {
        (Some(code), _) => (code, String::new()),
        (None, Some(code)) => (code, format!("`{name}` is now `{code}`.\n\n")),
        (None, None) => return Err(unknown(name)),
    };
    let info = code.info();
    let mut text = format!(
        "{renamed}{} ({}): {}\n\n{}",
        info.name, info.severity, info.summary, info.explanation
    );
    // A lint rule that shares the code's name (`promql/regex`) is the same kind of
    // fault: explain it too.
    if !matches!(code, Code::Rule(_))
        && let Some(rule) = RuleId::from_name(info.name)
    {
        let rule_info = rule.info();
        text.push_str(&format!(
            "\nThe lint rule {} ({}): {}\n\n{}",
            rule_info.name,
            rule_info.severity,
            rule_info.summary,
            rule.doc()
        ));
    }
    Ok(text)
}

/// An unknown code, with the nearest known one: by its part after the `/` first (a
/// code given without its area), then by spelling.
fn unknown(name: &str) -> String {
    let names = || Code::ALL.iter().map(|c| c.name());
    let bare = names().find(|n| n.split_once('/').is_some_and(|(_, rest)| rest == name));
    let suggestion = bare.or_else(|| did_you_mean(name, names()));
    let hint = match suggestion {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    format!("`{name}` is not a dac diagnostic code; {hint}`dac explain --list` lists them all")
}
