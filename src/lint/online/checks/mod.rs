//! Pure functions from Prometheus' answers to the online rules' findings. No I/O here:
//! [`super::probe`] gathers the answers, the lint rules turn the results into
//! diagnostics.

pub mod drift;
pub mod live_cardinality;
pub mod no_series;
pub mod scrape_interval;
