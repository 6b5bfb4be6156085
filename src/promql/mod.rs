//! The PromQL front end: a spanned parser (`grammar/promql.pest`), a type checker, a
//! canonical printer, and the label facts later checks rely on.

pub mod ast;
pub mod check;
pub mod check_error;
pub mod compact;
pub mod duration;
pub mod functions;
pub mod grafana_text;
pub mod labels;
pub mod lex;
pub mod literal;
pub mod parse_cache;
pub mod parse_error;
pub mod parser;
pub mod printer;
pub mod suggest;
pub mod types;
pub mod visit;

pub use parse_cache::parse_cached;
pub use parse_error::ParseError;
pub use parser::{ParseOptions, parse};
pub use printer::print;
