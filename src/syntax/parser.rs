//! The pest parser of `grammar/dac.pest`. Its `Rule` and `Pair` types stay inside
//! `syntax`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/dac.pest"]
pub(super) struct DacParser;
