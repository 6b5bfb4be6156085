//! Lint checks. The engine (rules, registry) lands beside this; `online` holds the
//! checks that need a live Prometheus.

pub mod online;
