//! The compiler's one door to the world, as taplo's `Environment`: files (sources and
//! dac.toml), the output tree, HTTP (for the live peers of `diff` and online lint) and
//! the clock. The core reaches them only through these traits, so the same pipeline runs
//! on disk in the CLI and wholly in memory in tests.
//!
//! - [`FileSystem`]: reading sources and config ([`DiskFs`], [`MemoryFs`]).
//! - [`OutputTree`]: writing (or checking) the output tree; the CLI's disk tree takes the
//!   output directory's lock and swaps the tree in one step (`crate::output`), and
//!   [`MemoryTree`] receives the files in memory.
//! - [`HttpClient`]: blocking GETs with request headers: [`UreqHttp`] (the real one, over
//!   ureq, which the commands that reach a live peer create), [`FakeHttp`] for tests, and
//!   [`Offline`], which refuses every request.
//! - [`git`]: a git revision's sources, read from git's objects into a [`MemoryFs`].
//! - [`Clock`]: [`SystemClock`], or a [`FixedClock`] for tests.

mod clock;
mod fs;
pub mod git;
mod http;
mod http_ureq;
mod memory_tree;
mod output_tree;

pub use clock::{Clock, FixedClock, SystemClock};
pub use fs::{DiskFs, FileSystem, Listing, MemoryFs, ReadError, is_dac};
pub use http::{FakeHttp, HttpClient, HttpError, HttpErrorKind, Offline, Response};
pub use http_ureq::UreqHttp;
pub use memory_tree::MemoryTree;
pub use output_tree::OutputTree;

/// Everything outside the process that the compiler may read.
pub trait Environment {
    fn fs(&self) -> &dyn FileSystem;
    fn http(&self) -> &dyn HttpClient;
    fn clock(&self) -> &dyn Clock;
}

/// The machine dac runs on: the disk, the system clock, and (for now) no network.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskEnv;

impl Environment for DiskEnv {
    fn fs(&self) -> &dyn FileSystem {
        &DiskFs
    }

    fn http(&self) -> &dyn HttpClient {
        &Offline
    }

    fn clock(&self) -> &dyn Clock {
        &SystemClock
    }
}

/// A world held in memory, for tests: files, canned HTTP answers and a stopped clock.
#[derive(Default)]
pub struct MemoryEnv {
    pub fs: MemoryFs,
    pub http: FakeHttp,
    pub clock: FixedClock,
}

impl MemoryEnv {
    /// Files at paths relative to `/`, with dac running in `/`.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        MemoryEnv {
            fs: MemoryFs::new(files),
            ..MemoryEnv::default()
        }
    }
}

impl Environment for MemoryEnv {
    fn fs(&self) -> &dyn FileSystem {
        &self.fs
    }

    fn http(&self) -> &dyn HttpClient {
        &self.http
    }

    fn clock(&self) -> &dyn Clock {
        &self.clock
    }
}
