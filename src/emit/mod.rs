//! Emitters: the resolved model in, the files of the output tree out.

pub mod yaml;
