//! Reading a side's documents, with its sources' diagnostics first when they do not
//! compile.

use crate::cli::console::Console;
use crate::diff::{self, Side, SideError};

/// A side's documents; when its sources do not compile, their diagnostics first.
pub fn documents(side: &dyn Side, console: &Console) -> Result<Vec<diff::Document>, String> {
    console.verbose("Reading", &side.label());
    side.documents().map_err(
        |SideError {
             message,
             diagnostics,
         }| {
            if let Some((diagnostics, sources)) = diagnostics {
                console.diagnostics(&console.select(&diagnostics), &sources, true);
            }
            message
        },
    )
}
