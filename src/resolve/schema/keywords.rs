//! The one place a statement's keyword is checked against its block, and the one place
//! a statement of the wrong shape is reported.

use super::block::Block;
use super::value::Value;
use crate::ast::Stmt;
use crate::promql::suggest::did_you_mean;
use crate::resolve::cx::Cx;
use crate::resolve::error::{ErrorKind, ResolveError};

/// Whether `block` (of `kind`, for blocks with kinds) takes `stmt`'s keyword; if not,
/// reports it: unknown to the block (with a "did you mean" from what this kind takes),
/// or known but meaningless for this kind.
pub fn check(cx: &mut Cx, stmt: &Stmt, block: Block, kind: &str) -> bool {
    match block.attr(&stmt.key.text) {
        Some(attr) if attr.applies_to(kind) => true,
        Some(attr) => {
            let known = block.taken(kind);
            cx.error(
                stmt.key.span,
                ErrorKind::InapplicableAttribute {
                    name: attr.name.to_string(),
                    doc: attr.doc,
                    context: block.context(kind),
                    applies_to: attr.only.join(", "),
                    known: known.join(", "),
                },
            );
            false
        }
        None => {
            unknown(cx, stmt, block, kind);
            false
        }
    }
}

/// Reports `stmt` as a statement `block` does not take. Blocks call [`check`] before
/// their `match` on keywords, so nothing outside the schema reaches an arm; this is the
/// `match`'s last arm, reached only by a row of the schema the block does not read,
/// which `tests/it/lang_schema.rs` writes in every block to catch.
pub fn unknown(cx: &mut Cx, stmt: &Stmt, block: Block, kind: &str) {
    let known = block.taken(kind);
    let suggestion = did_you_mean(&stmt.key.text, known.iter().copied()).map(str::to_string);
    cx.error(
        stmt.key.span,
        ErrorKind::UnknownKeyword {
            keyword: stmt.key.text.clone(),
            context: block.context(kind),
            suggestion,
            known: known.join(", "),
        },
    );
}

/// Reports `stmt`, a `block`, as not written in the block's form.
pub fn misshapen(cx: &mut Cx, stmt: &Stmt, block: Block) {
    not_written_like(cx, stmt, block.form());
}

/// Reports `stmt`, a statement of `parent` with a shape of its own (`series`,
/// `property`), as not written in the form the parent's schema gives it.
pub fn misshapen_statement(cx: &mut Cx, stmt: &Stmt, parent: Block) {
    not_written_like(cx, stmt, form_of(parent, &stmt.key.text));
}

/// How `name` is written in `block`: a nested block's form, or a statement's own.
pub fn form_of(block: Block, name: &str) -> &'static str {
    match block.attr(name).map(|a| a.value) {
        Some(Value::Statement(form)) => form,
        Some(Value::Block(block)) => block.form(),
        // Only rows of these two shapes have a form of their own.
        _ => "NAME = VALUE",
    }
}

fn not_written_like(cx: &mut Cx, stmt: &Stmt, usage: &'static str) {
    cx.errors.push(shape_error(stmt, usage));
}

/// "`KEYWORD` is not written like this: expected `USAGE`", at `stmt`'s head: the one
/// place the error is built, for the stages that collect errors without a [`Cx`].
pub fn shape_error(stmt: &Stmt, usage: &'static str) -> ResolveError {
    ResolveError::new(
        stmt.head_span(),
        ErrorKind::NotABlock {
            keyword: stmt.key.text.clone(),
            usage,
        },
    )
}
