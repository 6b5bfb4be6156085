//! Limits on the shape of a source file, shared by the bracket scan that enforces them
//! and the error that reports them.

/// Deeper nesting than any real file needs; the recursive-descent parser must not
/// overflow its stack on a hostile one.
pub const MAX_DEPTH: usize = 128;
