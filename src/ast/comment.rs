use crate::diagnostic::Span;

/// A `# ...` comment; `text` is everything after `#`, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// The comments attached to a statement, so a formatter can put them back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    /// Whole-line comments just above the statement.
    pub leading: Vec<Comment>,
    /// A comment after the statement on its last line.
    pub trailing: Option<Comment>,
    /// Comments inside the statement's own value or headers (a multi-line list).
    pub inner: Vec<Comment>,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.leading.is_empty() && self.trailing.is_none() && self.inner.is_empty()
    }
}
