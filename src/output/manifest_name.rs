//! The manifest's file name, apart from `manifest.rs`: the path checks refuse it as an
//! output path, and the manifest reader uses those checks.

/// The file at the top of the output tree listing what the last build wrote.
pub const MANIFEST: &str = ".dac-manifest";
