//! The dac parser: `grammar/dac.pest` in, the spanned syntax tree of [`crate::ast`] out.
//! pest's types stay in this module.

mod brackets;
mod comments;
mod duration;
mod error;
mod fence;
mod indent_hint;
mod limits;
mod lower;
mod parser;
mod pest_error;
mod strings;
mod wordy_duration;

pub use duration::parse_duration;
pub use error::{SyntaxError, SyntaxErrorKind};

use pest::Parser as _;

use crate::ast::{Comment, File};
use crate::diagnostic::{Diagnostic, FileId, Span};
use parser::{DacParser, Rule};

/// Parses one file. Errors that do not stop parsing (a bad escape, a bad duration) come
/// with a tree; a file that does not parse gives no tree.
pub fn parse(file: FileId, text: &str) -> (Option<File>, Vec<Diagnostic>) {
    let scan = brackets::check(file, text);
    if let Some(error) = scan.fault {
        return (None, vec![error.to_diagnostic()]);
    }
    let pairs = match DacParser::parse(Rule::file, text) {
        Ok(pairs) => pairs,
        Err(_) => {
            // Only a failing parse pays for the detail of what each rule tried. The switch
            // is global and stays on, so concurrent parses all report the same way.
            pest::set_error_detail(true);
            let detailed = DacParser::parse(Rule::file, text).err();
            let Some(err) = detailed else {
                return (None, Vec::new());
            };
            let error = pest_error::convert(file, text, &err);
            // A query that swallowed the next one's opening backtick explains a failure
            // after it better than the failure does.
            let error = match scan.unclosed_query {
                Some(query) if query.span.start < error.span.start => query,
                _ => error,
            };
            return (None, vec![error.to_diagnostic()]);
        }
    };
    let mut comments: Vec<Comment> = pairs
        .clone()
        .flatten()
        .filter(|p| p.as_rule() == Rule::COMMENT)
        .map(|p| {
            let s = p.as_span();
            Comment {
                text: p.as_str().trim_start_matches('#').to_string(),
                span: Span::new(file, s.start(), s.end()),
            }
        })
        .collect();
    comments.sort_by_key(|c| c.span.start);
    let mut lowerer = lower::Lowerer {
        file,
        errors: Vec::new(),
        text,
        comment_spans: comments.iter().map(|c| c.span).collect(),
    };
    let mut stmts = Vec::new();
    for pair in pairs {
        if pair.as_rule() == Rule::file {
            stmts = lowerer.stmts(pair);
        }
    }
    let dangling = comments::attach(&mut stmts, comments, text);
    let diagnostics = lowerer
        .errors
        .iter()
        .map(SyntaxError::to_diagnostic)
        .collect();
    (
        Some(File {
            file,
            stmts,
            dangling,
        }),
        diagnostics,
    )
}

#[cfg(test)]
mod tests;
