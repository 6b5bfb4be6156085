//! The PromQL front end: a spanned parser (`grammar/promql.pest`), a type checker, a
//! canonical printer, and the label facts later checks rely on.

pub mod ast;
pub mod check;
pub mod check_error;
pub mod functions;
pub mod grafana_text;
pub mod labels;
pub mod suggest;
pub mod types;
pub mod visit;
