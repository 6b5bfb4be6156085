//! Where a build's files go: a tree that takes a whole build at once, or says how it
//! differs from one.

use std::path::Path;

use crate::emit::OutputFile;
use crate::output::{OutputError, StaleFile, WriteSummary};

pub trait OutputTree {
    /// The tree's directory as the user names it, for messages.
    fn shown(&self) -> &Path;

    /// What writing `files` would change (empty when the tree is up to date); writes
    /// nothing.
    fn check(&mut self, files: &[OutputFile]) -> Result<Vec<StaleFile>, OutputError>;

    /// Makes the tree hold exactly `files` (plus what dac did not write), all or
    /// nothing: on an error the tree is as it was.
    fn write(&mut self, files: &[OutputFile]) -> Result<WriteSummary, OutputError>;
}
