//! Rendering of diagnostics: the only place, with `cli`, that produces text for people.

pub mod human;
pub mod json;
