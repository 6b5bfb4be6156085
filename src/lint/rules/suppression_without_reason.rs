//! ## What it does
//! Flags a `# dac: disable RULE` comment that does not say why, after `--`.
//!
//! ## Why is this bad?
//! A suppression turns a check off for good. Without a reason, the next person cannot
//! tell a considered exception from a way to make the build pass, and no one dares to
//! remove it.
//!
//! ## Example
//! ```text
//! # dac: disable alert/no-condition
//! alert "Watchdog" { expr = `vector(1)` }
//! ```
//!
//! ## Use instead
//! ```text
//! # dac: disable alert/no-condition -- the Watchdog fires always, to prove alerting works
//! alert "Watchdog" { expr = `vector(1)` }
//! ```
//! The suppression still applies without a reason; only this finding says one is due.
