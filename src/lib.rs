//! dac: dashboards and alerts as code.
//!
//! The stages, in the order a `.dac` file goes through them: [`syntax`] → [`ast`] →
//! [`resolve`] → [`model`] → checks → emit → [`report`]. PromQL has its own front end in
//! [`promql`]. [`compile()`] runs them all, reading and writing only through an
//! [`env::Environment`]; every command starts there.

pub mod ast;
pub mod cli;
pub mod codes;
pub mod compile;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod emit;
pub mod env;
pub mod gotmpl;
pub mod layout;
pub mod lint;
pub mod model;
pub mod output;
pub mod par;
pub mod promql;
pub mod report;
pub mod resolve;
pub mod severity;
pub mod source;
pub mod syntax;

pub use compile::{Compilation, CompileOptions, Retain, compile};
