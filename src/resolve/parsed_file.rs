//! A source file that parsed: what the loader gives, and what [`super::Reuse`] offers a
//! second compilation.

use std::path::PathBuf;

use crate::ast::File;
use crate::diagnostic::FileId;

/// A source file that parsed, and its syntax tree as written.
#[derive(Debug)]
pub struct ParsedFile {
    pub path: PathBuf,
    pub id: FileId,
    pub ast: File,
}
