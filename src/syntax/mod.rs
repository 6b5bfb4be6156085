//! The dac parser: `grammar/dac.pest` in, the spanned syntax tree of [`crate::ast`] out.

#[allow(dead_code)]
mod parser;
