//! `dac build --verify`: the real peer checks the staged tree before the switch, so a
//! build it rejects writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::error::OutputError;

const PROMTOOL: &str = "promtool";

/// `promtool` on the `PATH`, or the error that says how to install it.
pub fn find_promtool() -> Result<PathBuf, OutputError> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(PROMTOOL))
                .find(|p| p.is_file())
        })
        .ok_or_else(|| OutputError::VerifierMissing(PROMTOOL.to_string()))
}

/// Runs `promtool check rules` on the rule files (`prometheus/*.rules.yml`) among
/// `paths`, in the tree at `root`. `shown` is how the user names the output
/// directory: the report names the files as they will be there.
pub fn promtool_check_rules(
    promtool: &Path,
    root: &Path,
    shown: &Path,
    paths: &[&str],
) -> Result<(), OutputError> {
    let rules: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.starts_with("prometheus/") && p.ends_with(".rules.yml"))
        .collect();
    if rules.is_empty() {
        return Ok(());
    }
    let command = format!("{PROMTOOL} check rules");
    let run = Command::new(promtool)
        .args(["check", "rules"])
        .args(&rules)
        .current_dir(root)
        .output()
        .map_err(|e| OutputError::Io {
            action: "run",
            path: promtool.to_path_buf(),
            error: e.to_string(),
        })?;
    if run.status.success() {
        return Ok(());
    }
    let mut report = String::from_utf8_lossy(&run.stdout).into_owned();
    report.push_str(&String::from_utf8_lossy(&run.stderr));
    // promtool names the files relative to the staged tree; the user knows them by
    // where they would have been written.
    let mut named = String::from("its report:\n");
    for line in report.lines().filter(|l| !l.trim().is_empty()) {
        let mut line = format!("    {}", line.trim());
        for rel in &rules {
            if line.contains(rel) {
                line = line.replace(rel, &shown.join(rel).display().to_string());
                break;
            }
        }
        named.push_str(&line);
        named.push('\n');
    }
    Err(OutputError::Rejected {
        command,
        report: named,
    })
}
