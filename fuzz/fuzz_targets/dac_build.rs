//! Any text as a `.dac` file, with a second file that imports it: the whole front end
//! (parse, imports, templates, resolve) and the emitters run in memory, and end in a
//! project and its files or in diagnostics. No panic, no hang (`-timeout=2`), no run over
//! 1 GiB (`-rss_limit_mb=1024`): hostile input such as templates that multiply is
//! refused by its budget, not by the machine.
#![no_main]

use std::path::PathBuf;

use dac::config::Config;
use dac::resolve::{MemoryFs, load_project_from};
use dac::source::SourceMap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fs = MemoryFs::new([
        ("p/a.dac", text),
        ("p/b.dac", "import \"a.dac\"\n"),
    ]);
    let mut sources = SourceMap::new();
    let (project, diagnostics) = load_project_from(&[PathBuf::from("p")], &fs, &mut sources);
    // Rendering is part of the build a user sees: every span must fall in its file.
    let _ = dac::report::human::render_all(&diagnostics, &sources);
    if let Some(project) = project {
        let _ = dac::emit::emit(&project, &Config::default());
    }
});
