//! The online lint checks (`dac lint --prometheus URL`): a Prometheus HTTP API client and
//! the pure functions that turn its answers into findings' data.
//!
//! Layers, top to bottom: [`probe`] asks a [`PrometheusApi`] what a check needs (in
//! batches of at most [`batch::MAX_IN_FLIGHT`] requests); [`checks`] are pure functions
//! of those answers, testable without a server; [`client`] is the real HTTP
//! implementation of the trait. The rules that turn these results into diagnostics live
//! with the lint engine.

pub mod answers;
pub mod api;
pub mod batch;
pub mod checks;
pub mod client;
pub mod duration;
pub mod error;
pub mod memory;
pub mod probe;
pub mod selector;
pub mod url;

pub use api::PrometheusApi;
pub use client::{Client, DEFAULT_TIMEOUT};
pub use error::{ApiError, ApiErrorKind};
pub use selector::Selector;
