//! Checks on the resolved model. The engine and its rules come with `dac lint`; the
//! cardinality estimate they call lives here already.

pub mod cardinality;
