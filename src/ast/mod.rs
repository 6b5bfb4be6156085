//! The spanned syntax tree of a `.dac` file, as written: statements, values and
//! comments, before imports, templates and scopes are resolved.
//!
//! dac has one statement shape, `KEY HEADER... [= VALUE] [{ BODY }]`; what a keyword
//! means is decided by `resolve`, so this tree stays small and a formatter can reprint
//! any file from it.

mod comment;
mod value;

pub use comment::{Comment, Comments};
pub use value::{Arg, Call, CompareOp, ListItem, QueryLit, Value, ValueKind};

use crate::diagnostic::{FileId, Span};

/// One parsed `.dac` file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub file: FileId,
    pub stmts: Vec<Stmt>,
    /// Comments after the last statement.
    pub dangling: Vec<Comment>,
}

/// `KEY HEADER... [OP VALUE] [{ BODY }]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub key: Name,
    pub headers: Vec<Value>,
    pub op: Option<AssignOp>,
    pub value: Option<Value>,
    pub body: Option<Body>,
    pub comments: Comments,
    pub span: Span,
}

impl Stmt {
    /// The span of the keyword and headers: what an error about the statement as a whole
    /// underlines, rather than its whole body.
    pub fn head_span(&self) -> Span {
        self.headers
            .last()
            .map_or(self.key.span, |h| self.key.span.to(h.span))
    }
}

/// A keyword, attribute name or map key, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    /// Written as a string (`"app.kubernetes.io/name" = ...`).
    pub quoted: bool,
    pub span: Span,
}

/// `=`, or a PromQL matcher operator in a `scope` map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOpKind {
    Eq,
    NotEq,
    Regex,
    NotRegex,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssignOp {
    pub kind: AssignOpKind,
    pub span: Span,
}

/// `{ ... }`: a block's body, or a map value.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub stmts: Vec<Stmt>,
    /// Comments after the last statement, before `}`.
    pub dangling: Vec<Comment>,
    pub span: Span,
}
