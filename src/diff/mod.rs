//! `dac diff`: what a change will do. Both sides become the same [`Document`]s (the files
//! `dac build` emits, read from a compilation or from a directory, and later from the live
//! peers), are normalised so only real changes remain, matched object by object, and
//! compared: a summary, the changes in words, and the exact text diff.
//!
//! The stages, one file each: [`document`] (reading a file into a typed document),
//! [`normalise`], [`matching`] (which old object is which new one), [`dashboard`] and
//! [`rules`] (changes in words), [`fields`] (field by field, for everything else),
//! [`compare`] (the objects' outcome), [`text_diff`] and [`query_diff`], then one
//! renderer a format: [`render_text`], [`render_markdown`], [`render_json`]. Where the
//! documents come from is a [`side::Side`]; the live ones ([`live`]) reach their server
//! through the [`crate::env::HttpClient`] they are given. Nothing here prints.

pub mod compare;
pub mod dashboard;
pub mod document;
pub mod fields;
pub mod live;
pub mod matching;
pub mod normalise;
pub mod outcome;
pub mod query_diff;
pub mod render_json;
pub mod render_markdown;
pub mod render_text;
pub mod rules;
pub mod side;
pub mod text_diff;
pub mod words;

pub use compare::compare;
pub use document::{Document, Kind};
pub use outcome::{DiffReport, ObjectDiff, QueryChange, Status, Summary};
pub use side::{Side, SideError};

/// Compares two sides' documents: read, normalised and matched.
pub fn diff(old: Vec<Document>, new: Vec<Document>) -> DiffReport {
    compare(normalise::all(old), normalise::all(new))
}
