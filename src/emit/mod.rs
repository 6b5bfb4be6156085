//! Emitters: the resolved model in, the files of the output tree out.

pub mod duration;
pub mod grafana;
pub mod names;
pub mod yaml;
