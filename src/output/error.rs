//! What can go wrong while writing the output tree, worded for the user. Every path is
//! shown as the user gave it (`-o out` gives `out/grafana/...`), never resolved.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::diagnostic::Diagnostic;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputError {
    UnsafePath(String),
    DuplicatePath(String),
    Symlink(PathBuf),
    NotADirectory(PathBuf),
    IsADirectory(PathBuf),
    /// A file dac did not write (not in the manifest) where it would write one.
    Foreign(PathBuf),
    /// The manifest itself is a symbolic link.
    ManifestSymlink(PathBuf),
    /// The manifest lists a path dac could never have written.
    ManifestEntry {
        manifest: PathBuf,
        entry: String,
        fault: EntryFault,
    },
    /// A directory of the old tree that this user cannot change.
    NotWritable(PathBuf),
    MountPoint(PathBuf),
    /// `--no-wait`, and another build holds the lock.
    Locked {
        out: PathBuf,
        lock: PathBuf,
        holder: Option<u32>,
    },
    /// `--verify`: a peer rejected the staged tree.
    Rejected {
        command: String,
        report: String,
    },
    /// `--verify` without the peer installed.
    VerifierMissing(String),
    Io {
        action: &'static str,
        path: PathBuf,
        error: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryFault {
    /// Absolute, `..`, `.` or an empty part.
    NotPlain,
    /// Goes through this symbolic link.
    ThroughSymlink(PathBuf),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use OutputError::*;
        match self {
            UnsafePath(p) => write!(f, "refusing to write `{p}`: not a plain relative path"),
            DuplicatePath(p) => write!(f, "`{p}` would be written twice"),
            Symlink(p) => write!(
                f,
                "refusing to write through `{}`: it is a symbolic link",
                p.display()
            ),
            NotADirectory(p) => write!(f, "`{}` is in the way: it is not a directory", p.display()),
            IsADirectory(p) => write!(f, "`{}` is in the way: it is a directory", p.display()),
            Foreign(p) => write!(
                f,
                "`{}` is in the way: dac did not write it (it is not in the manifest), and \
                 never overwrites a file it did not write",
                p.display()
            ),
            ManifestSymlink(p) => write!(
                f,
                "refusing to use `{}`: it is a symbolic link, not the file dac wrote",
                p.display()
            ),
            ManifestEntry {
                manifest,
                entry,
                fault,
            } => {
                write!(
                    f,
                    "refusing to use `{}`: it lists `{entry}`, ",
                    manifest.display()
                )?;
                match fault {
                    EntryFault::NotPlain => {
                        write!(f, "which is not a plain path inside the output directory")
                    }
                    EntryFault::ThroughSymlink(link) => write!(
                        f,
                        "which goes through the symbolic link `{}`",
                        link.display()
                    ),
                }
            }
            NotWritable(p) => write!(f, "cannot replace `{}`: it is not writable", p.display()),
            MountPoint(p) => write!(
                f,
                "cannot switch `{}` to the new build: it is a mount point",
                p.display()
            ),
            Locked { out, holder, .. } => {
                write!(f, "`{}` is locked by another dac build", out.display())?;
                match holder {
                    Some(pid) => write!(f, " (process {pid})"),
                    None => Ok(()),
                }
            }
            Rejected { command, .. } => write!(f, "`{command}` rejected the new build"),
            VerifierMissing(program) => {
                write!(f, "`--verify` needs `{program}`, and it is not on the PATH")
            }
            Io {
                action,
                path,
                error,
            } => write!(f, "cannot {action} `{}`: {error}", path.display()),
        }
    }
}

impl OutputError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        use OutputError::*;
        let (code, help) = match self {
            Symlink(_) | NotADirectory(_) | IsADirectory(_) => (
                Code::InTheWay,
                "remove it, or choose another output directory with `-o`".to_string(),
            ),
            Foreign(_) => (
                Code::ForeignFile,
                "move the file out of the output directory (or delete it if it is an old \
                 output of dac), then build again"
                    .to_string(),
            ),
            ManifestSymlink(_) | ManifestEntry { .. } => (
                Code::Manifest,
                "the manifest says which files dac may replace and remove, so it must be the \
                 plain file dac wrote: delete it (files dac wrote then count as foreign) or \
                 restore it"
                    .to_string(),
            ),
            NotWritable(_) => (
                Code::Permission,
                "a build replaces the whole tree in one step and then removes the old one, \
                 which needs write access to each of its directories: make them writable \
                 (`chmod -R u+w`), or choose another output directory with `-o`"
                    .to_string(),
            ),
            MountPoint(_) => (
                Code::MountPoint,
                "a build switches to the new tree by renaming the output directory, which \
                 a mount point cannot be: write into a directory inside the volume \
                 (e.g. `-o out/monitoring`)"
                    .to_string(),
            ),
            Locked { lock, .. } => (
                Code::Locked,
                format!(
                    "wait for it to finish, or run without `--no-wait` to wait for it (the \
                     lock is `{}`)",
                    lock.display()
                ),
            ),
            Rejected { .. } => (
                Code::Verify,
                "fix the rules the report names; the previous output was left as it was"
                    .to_string(),
            ),
            VerifierMissing(_) => (
                Code::Verify,
                "install it (Debian and Ubuntu: `apt-get install prometheus`, which gives \
                 `promtool`), or build without `--verify`"
                    .to_string(),
            ),
            UnsafePath(_) | DuplicatePath(_) | Io { .. } => (
                Code::Write,
                "the previous output was left as it was".to_string(),
            ),
        };
        let d = Diagnostic::error(code, self.to_string()).with_help(help);
        match self {
            Rejected { report, .. } => d.with_note(report.trim_end().to_string()),
            _ => d,
        }
    }
}

/// Maps an `io::Error` on `path` (as shown to the user) to an [`OutputError`].
pub fn io_error<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |e| OutputError::Io {
        action,
        path: path.to_path_buf(),
        error: e.to_string(),
    }
}
