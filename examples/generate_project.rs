//! Writes the synthetic benchmark project (the one `benches/build.rs` compiles) to a
//! directory, so a whole `dac build` process can be timed and its peak memory read:
//!
//! ```sh
//! cargo run --release --example generate_project -- /tmp/big 1000 22 10000
//! /usr/bin/time -v target/release/dac build /tmp/big -o /tmp/big-out
//! ```

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: generate_project DIR [DASHBOARDS PANELS RULES]");
        return ExitCode::from(2);
    };
    let number =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let files = generate::generate(number(1, 1000), number(2, 22), number(3, 10_000));
    for file in &files {
        let path = dir.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.text));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!("{} files in {}", files.len(), dir.display());
    ExitCode::SUCCESS
}
