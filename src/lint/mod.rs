//! Lint checks. The engine (rules, registry) lands beside this; `cardinality` is the
//! offline estimate the rules call, `online` the checks that need a live Prometheus.

pub mod cardinality;
pub mod online;
