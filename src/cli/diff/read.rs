//! Reading a side's documents, with its sources' diagnostics first when they do not
//! compile.

use crate::cli::console::Console;
use crate::diff::{self, Side, SideError};

/// A side's documents; when its sources do not compile, their diagnostics first.
pub fn documents(side: &dyn Side, console: &Console) -> Result<Vec<diff::Document>, String> {
    console.verbose("Reading", &side.label());
    side.documents().map_err(|e| shown(e, console))
}

/// A side's emitted files (`label` names it), from `read`; as [`documents`] on error.
pub fn files<T>(
    console: &Console,
    label: &str,
    read: impl FnOnce() -> Result<T, SideError>,
) -> Result<T, String> {
    console.verbose("Reading", label);
    read().map_err(|e| shown(e, console))
}

/// The error's line, after its sources' diagnostics when it has them.
fn shown(error: SideError, console: &Console) -> String {
    let SideError {
        message,
        diagnostics,
    } = error;
    if let Some((diagnostics, sources)) = diagnostics {
        console.diagnostics(&console.select(&diagnostics), &sources, true);
    }
    message
}
