//! Parsing a query text once per thread, however often it is written. Templates and
//! generated dashboards repeat the same query in panel after panel; a tree parsed once
//! is copied to each place with its spans moved there, which costs a fraction of a parse.
//!
//! Only queries that parse are kept (a failure is parsed again where it is, for its
//! diagnostics), only short ones, and at most [`MAX_ENTRIES`] of them: no input can make
//! the cache large. It lives as long as the thread: the thread that reads the blocks
//! keeps it for the whole stage, while `par::map`'s helpers start afresh with each batch
//! (64 blocks), so a text repeated across batches is parsed again there.

use std::cell::RefCell;
use std::collections::HashMap;

use super::ast::Expr;
use super::parser::{ParseOptions, parse};
use crate::diagnostic::{Diagnostic, FileId, Span};

/// Longer texts are rarely repeated, and copying a large tree saves less.
const MAX_TEXT: usize = 4096;
/// Past this many texts the cache starts over.
const MAX_ENTRIES: usize = 4096;
/// The file the kept trees are parsed in: none of the project's, and not
/// [`Span::DUMMY`]'s, so a span the parser leaves dummy stays dummy when moved.
const CACHE_FILE: FileId = FileId(u32::MAX - 1);

thread_local! {
    /// Trees by text, parsed at offset 0 of [`CACHE_FILE`]: rule queries first, then
    /// dashboard queries (Grafana variables allowed), indexed by `grafana as usize`.
    static TREES: RefCell<[HashMap<String, Expr>; 2]> = RefCell::default();
}

/// [`parse`], from this thread's cache when the same text was parsed before.
pub fn parse_cached(src: &str, opts: &ParseOptions) -> Result<Expr, Vec<Diagnostic>> {
    if src.len() > MAX_TEXT {
        return parse(src, opts);
    }
    let mode = usize::from(opts.grafana);
    let hit = TREES.with(|trees| trees.borrow()[mode].get(src).map(|tree| moved(tree, opts)));
    if let Some(expr) = hit {
        return Ok(expr);
    }
    let at_zero = ParseOptions {
        file: CACHE_FILE,
        offset: 0,
        grafana: opts.grafana,
    };
    let Ok(tree) = parse(src, &at_zero) else {
        return parse(src, opts);
    };
    let expr = moved(&tree, opts);
    TREES.with(|trees| {
        let trees = &mut trees.borrow_mut()[mode];
        if trees.len() >= MAX_ENTRIES {
            trees.clear();
        }
        trees.insert(src.to_string(), tree);
    });
    Ok(expr)
}

/// The tree parsed at offset 0 of [`CACHE_FILE`], as if parsed where `opts` says.
fn moved(tree: &Expr, opts: &ParseOptions) -> Expr {
    let (file, offset) = (opts.file, opts.offset);
    tree.map_spans(&|s| {
        if s.file != CACHE_FILE {
            return s;
        }
        Span::new(file, s.start as usize + offset, s.end as usize + offset)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_tree_is_the_tree_parsed_in_place() {
        let text = r#"sum by (job) (rate(http_requests_total{job="a", code=~"5.."}[5m] offset 1m)) / on (job) group_left sum by (job) (rate(x_total[$__rate_interval]))"#;
        for (file, offset) in [(FileId(3), 17), (FileId(3), 400), (FileId(9), 0)] {
            let opts = ParseOptions {
                file,
                offset,
                grafana: true,
            };
            let first = parse_cached(text, &opts).unwrap();
            let again = parse_cached(text, &opts).unwrap();
            let direct = parse(text, &opts).unwrap();
            assert_eq!(first, direct);
            assert_eq!(again, direct);
        }
    }

    #[test]
    fn failures_are_reported_in_place_and_not_kept() {
        let opts = ParseOptions {
            file: FileId(2),
            offset: 10,
            grafana: false,
        };
        let direct = parse("rate(x[5m]", &opts).unwrap_err();
        assert_eq!(parse_cached("rate(x[5m]", &opts).unwrap_err(), direct);
        assert!(TREES.with(|t| !t.borrow()[0].contains_key("rate(x[5m]")));
    }

    #[test]
    fn grafana_mode_is_part_of_the_key() {
        let text = "rate(x[$__rate_interval])";
        let dashboard = ParseOptions {
            file: FileId(1),
            offset: 0,
            grafana: true,
        };
        let rule = ParseOptions {
            grafana: false,
            ..dashboard
        };
        assert!(parse_cached(text, &dashboard).is_ok());
        assert_eq!(parse_cached(text, &rule), parse(text, &rule));
    }
}
