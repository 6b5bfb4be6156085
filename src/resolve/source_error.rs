//! Sources that are refused: imports that leave the project, and files that are not
//! regular `.dac` files of a sane size. Reported where the file was named (the import
//! string), never by reading the file: nothing of a file that is not a source is shown.

use std::fmt;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceErrorKind {
    AbsoluteImport {
        path: String,
    },
    /// An import, or a path given to dac, outside the root and every import path.
    OutsideRoot {
        path: String,
        root: String,
    },
    NotDac {
        path: String,
    },
    LinkOutside {
        path: String,
        target: String,
        root: String,
    },
    NotRegular {
        path: String,
        what: &'static str,
    },
    TooLarge {
        path: String,
        size: Option<u64>,
        limit: u64,
    },
    NotUtf8 {
        path: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// The import string, or the bad byte; none for a path given to dac.
    pub span: Option<Span>,
    pub kind: SourceErrorKind,
}

impl fmt::Display for SourceErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SourceErrorKind::*;
        match self {
            AbsoluteImport { path } => write!(
                f,
                "cannot import `{path}`: an import is a path relative to the importing file, \
                 not an absolute path"
            ),
            OutsideRoot { path, root } => {
                write!(f, "`{path}` is outside the project root `{root}`")
            }
            NotDac { path } => write!(
                f,
                "`{path}` is not a `.dac` file; dac reads only `.dac` sources"
            ),
            LinkOutside { path, target, root } => write!(
                f,
                "`{path}` is a symbolic link to `{target}`, outside the project root `{root}`"
            ),
            NotRegular { path, what } => write!(
                f,
                "`{path}` is {what}, not a regular file; dac reads only regular `.dac` files"
            ),
            TooLarge {
                path,
                size: Some(size),
                limit,
            } => write!(
                f,
                "`{path}` is {size} bytes, over the limit of {} for a source file",
                bytes(*limit)
            ),
            TooLarge {
                path,
                size: None,
                limit,
            } => write!(
                f,
                "`{path}` is over the limit of {} for a source file",
                bytes(*limit)
            ),
            NotUtf8 { path } => write!(f, "`{path}` is not UTF-8 text"),
        }
    }
}

/// A size as dac.toml would write it: `16 MiB` rather than `16777216 bytes`.
fn bytes(n: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}

impl SourceError {
    pub fn new(span: Option<Span>, kind: SourceErrorKind) -> SourceError {
        SourceError { span, kind }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        use SourceErrorKind::*;
        let outside = "keep sources inside the project (the directory of dac.toml); for a \
                       shared library elsewhere, add its directory to `[build] import_paths` \
                       in dac.toml and import it relative to that";
        let (code, label, help) = match &self.kind {
            AbsoluteImport { .. } => (Code::Import, "an absolute path", outside),
            OutsideRoot { .. } => (Code::Import, "outside the project", outside),
            NotDac { .. } => (
                Code::Import,
                "not a `.dac` file",
                "import only `.dac` files; rename the file if it is a dac source",
            ),
            LinkOutside { .. } => (
                Code::Source,
                "a link that leaves the project",
                "copy the file into the project, or add the directory it is in to \
                 `[build] import_paths` in dac.toml",
            ),
            NotRegular { .. } => (
                Code::Source,
                "not a regular file",
                "import a regular `.dac` file; devices, FIFOs and sockets are never read",
            ),
            TooLarge { .. } => (
                Code::Source,
                "too large",
                "split the file, or raise `[build] max_file_size` in dac.toml if it is meant \
                 to be this large",
            ),
            NotUtf8 { .. } => (Code::Encoding, "not UTF-8", "save the file as UTF-8 text"),
        };
        let d = Diagnostic::error(code, self.kind.to_string()).with_help(help);
        match self.span {
            Some(span) => d.with_primary(span, label),
            None => d,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_written_in_the_largest_exact_unit() {
        assert_eq!(super::bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(super::bytes(1536), "1536 bytes");
        assert_eq!(super::bytes(2048), "2 KiB");
        assert_eq!(super::bytes(64), "64 bytes");
    }
}
