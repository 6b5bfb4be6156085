//! A build that would write an empty tree.

use std::fmt;
use std::path::PathBuf;

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::discover::Discovery;
use crate::model::Project;
use crate::source::SourceMap;

/// A build that would write an empty tree: almost surely the wrong paths, and it would
/// delete every file of the previous build, so it is an error.
#[derive(Debug, PartialEq, Eq)]
pub enum NothingToBuild {
    /// No `.dac` file under any of the paths.
    NoSources(Vec<PathBuf>),
    /// `.dac` files, but no dashboard, rule set or service in them.
    Empty,
}

impl NothingToBuild {
    /// Why `project` would build nothing, if it would.
    pub fn find(project: &Project, sources: &SourceMap, found: &Discovery) -> Option<Self> {
        let empty = project.dashboards.is_empty()
            && project.rule_sets.is_empty()
            && project.services.is_empty()
            && project.routing.is_empty();
        if !empty {
            return None;
        }
        let read_any = sources.files().any(|(_, f)| f.name.ends_with(".dac"));
        Some(if read_any {
            NothingToBuild::Empty
        } else {
            NothingToBuild::NoSources(found.sources.clone())
        })
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let help = match self {
            NothingToBuild::NoSources(_) => {
                "pass the files or directories that hold the sources, e.g. `dac build dashboards alerts`"
            }
            NothingToBuild::Empty => {
                "add a `dashboard`, `rules` or `service` block; an empty build would delete the previous output"
            }
        };
        Diagnostic::error(Code::NothingToBuild, self.to_string()).with_help(help)
    }
}

impl fmt::Display for NothingToBuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NothingToBuild::NoSources(paths) => {
                let names: Vec<String> =
                    paths.iter().map(|p| format!("`{}`", p.display())).collect();
                write!(f, "no `.dac` files in {}", names.join(", "))
            }
            NothingToBuild::Empty => write!(
                f,
                "nothing to build: the sources define no dashboard, rule set or service"
            ),
        }
    }
}
