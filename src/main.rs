use std::process::ExitCode;

// See Cargo.toml: jemalloc where it builds, the system allocator elsewhere.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    dac::cli::main(std::env::args_os())
}
