//! The live peers as sides of a diff: what a running server holds, read over HTTP and
//! turned into the same [`super::Document`]s the compiled sources give.
//!
//! - [`grafana`]: the dashboards of a Grafana (`--grafana URL`), read through
//!   [`grafana_api`], with the fields Grafana adds on save dropped by [`grafana_noise`].

pub mod grafana;
pub mod grafana_api;
pub mod grafana_noise;
