//! ## What it does
//! Flags a `# dac: disable RULE` comment that suppresses nothing: the rule finds nothing
//! in the block after it, the rule name is unknown, or the comment is neither on the
//! line before a block (dashboard, panel, query, rule set, group, alert, record) nor at
//! the top of the file.
//!
//! ## Why is this bad?
//! A suppression left behind after its cause was fixed hides the next real finding of
//! that rule in that block. One with a misspelt rule name, or in the wrong place,
//! suppresses nothing while looking like it does.
//!
//! ## Example
//! ```text
//! # dac: disable alert/for -- fires at once by design
//! alert "Watchdog" {
//!   expr = `vector(1)`
//!   for  = 1m
//! }
//! ```
//!
//! ## Use instead
//! Remove the comment, or correct the rule name:
//! ```text
//! alert "Watchdog" {
//!   expr = `vector(1)`
//!   for  = 1m
//! }
//! ```
