//! Rendering of diagnostics: the only place, with `cli`, that produces text for people.
//!
//! Four formats share one set of rules: control characters from sources are escaped
//! ([`escape`]), long text is capped, and positions come from one place ([`location`]).

pub mod escape;
pub mod excerpt;
pub mod format;
pub mod github;
pub mod human;
pub mod json;
pub mod location;
pub mod sarif;
pub mod style;

pub use format::Format;
