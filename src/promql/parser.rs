//! Parsing PromQL text into the spanned tree of [`crate::promql::ast`].
//!
//! Three passes, each with its own errors: [`crate::promql::lex`] finds lexical faults
//! and bounds nesting; the pest grammar (`grammar/promql.pest`) checks the structure;
//! [`lower`] builds the tree, applying precedence and Prometheus' rules about where
//! ranges and modifiers may go. pest's types stay inside this module.

mod lower;
mod operators;
mod syntax_error;

use pest::Parser as _;

use crate::diagnostic::{Diagnostic, FileId};
use crate::promql::ast;
use crate::promql::lex::{self, Location};
use crate::promql::parse_error::{ParseError, ParseErrorKind};

/// How deeply brackets, unary operators and `^` may nest. Deeper input is an error rather
/// than a stack overflow in pest's recursion and in the precedence climber.
pub const MAX_DEPTH: usize = 256;

/// How tall the finished tree may be. A flat chain `a + b + c ...` is no nesting to the
/// parser (the climber builds it in a loop), but it is a left-deep tree every later pass
/// walks recursively: Prometheus accepts long chains, and this keeps those passes on the
/// stack they have (a debug build needs about 3 KiB a level in the deepest of them, so
/// 1,500 levels fit in the usual 8 MiB main-thread stack with room to spare).
pub const MAX_HEIGHT: usize = 1500;

/// How many tokens one query may have: the scanner stops here, before pest builds its
/// pairs (tens of bytes a token) and before the lowering builds a tree, so a hostile
/// query costs memory in proportion to this bound, not to its length.
pub const MAX_TOKENS: usize = 100_000;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/promql.pest"]
struct PromqlGrammar;

/// Where a query comes from and how to read it.
#[derive(Clone, Copy, Debug)]
pub struct ParseOptions {
    /// The file the query is in.
    pub file: FileId,
    /// The byte offset of the query inside that file: every span is shifted by it.
    pub offset: usize,
    /// Accept Grafana variables (`$var`, `${var}`, `[[var]]`, `$__rate_interval`).
    pub grafana: bool,
}

impl ParseOptions {
    /// A standalone query (a command-line argument or a rule expression).
    pub fn new(file: FileId) -> Self {
        ParseOptions {
            file,
            offset: 0,
            grafana: false,
        }
    }
}

/// Parses one PromQL expression. On failure, returns every syntax error found (at least
/// one), each with code `promql/syntax` and a span into `opts.file`.
pub fn parse(src: &str, opts: &ParseOptions) -> Result<ast::Expr, Vec<Diagnostic>> {
    parse_to_errors(src, opts)
        .map_err(|errors| errors.iter().map(ParseError::to_diagnostic).collect())
}

/// Nesting up to this depth is parsed on the caller's stack; deeper input gets a thread
/// with a stack of [`DEEP_STACK`] bytes, since a debug build needs tens of kilobytes of
/// stack per level and test threads have only 2 MiB.
const SHALLOW_NESTING: usize = 24;
const DEEP_STACK: usize = 64 * 1024 * 1024;

/// Like [`parse`], with the errors still as [`ParseError`]s.
pub fn parse_to_errors(src: &str, opts: &ParseOptions) -> Result<ast::Expr, Vec<ParseError>> {
    let at = Location {
        file: opts.file,
        offset: opts.offset,
    };
    let scanned = lex::scan(src, opts.grafana, MAX_DEPTH, MAX_TOKENS, &at).map_err(|e| vec![e])?;
    if scanned.nesting <= SHALLOW_NESTING {
        return parse_tokens(src, &scanned.tokens, opts, &at);
    }
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("promql-parse".to_string())
            .stack_size(DEEP_STACK)
            .spawn_scoped(scope, || parse_tokens(src, &scanned.tokens, opts, &at));
        match worker.map(|w| w.join()) {
            Ok(Ok(result)) => result,
            // The worker could not start or did not finish: report the depth, the only
            // thing that sends parsing there.
            _ => Err(vec![ParseError::new(
                at.span(0, src.len()),
                ParseErrorKind::TooDeep { limit: MAX_DEPTH },
            )]),
        }
    })
}

fn parse_tokens(
    src: &str,
    tokens: &[lex::Token],
    opts: &ParseOptions,
    at: &Location,
) -> Result<ast::Expr, Vec<ParseError>> {
    if tokens.is_empty() {
        return Err(vec![ParseError::new(
            at.span(0, src.len()),
            ParseErrorKind::NoExpression,
        )]);
    }
    let pairs = match PromqlGrammar::parse(Rule::query, src) {
        Ok(pairs) => pairs,
        Err(e) => return Err(vec![syntax_error::convert(&e, src, tokens, at)]),
    };
    lower::lower_query(pairs, tokens, opts)
}

#[cfg(test)]
mod tests;
