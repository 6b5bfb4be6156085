//! The write-out part of `dac build`: the lock on the output directory, `--check`,
//! `--verify`, and the summary of what was written.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::emit::OutputFile;
use crate::env::OutputTree;
use crate::output::{self, LockMode, OutputError, OutputLock, StaleFile, WriteHooks, WriteSummary};

/// Test-only: `DAC_TEST_PAUSE=staged:MS` (or `switched:MS`) makes a build stop for MS
/// milliseconds once its new tree is staged (or switched to), saying so on stderr, so a
/// test can kill it there. Nothing else reads it; unset, it costs one lookup.
const TEST_PAUSE: &str = "DAC_TEST_PAUSE";

/// The output directory on disk, locked, as the build's [`OutputTree`]: `--check`
/// compares under a shared lock, a build writes under an exclusive one, swapping the
/// whole tree in one step (see [`output::write_tree`]).
pub struct DiskTree {
    lock: OutputLock,
    hooks: Hooks,
}

/// Locks the output directory: shared for `--check`, else exclusive. Says so on stderr
/// when it has to wait for another build. With `promtool` (`--verify`), the rule files
/// are checked before the switch (or, with `--check` and an up-to-date tree, as they are).
pub fn open(
    out: &Path,
    check: bool,
    no_wait: bool,
    promtool: Option<PathBuf>,
) -> Result<DiskTree, OutputError> {
    let mode = if check {
        LockMode::Shared
    } else {
        LockMode::Exclusive
    };
    let lock = OutputLock::acquire(out, mode, !no_wait, |waiting| {
        let holder = waiting
            .holder
            .map(|pid| format!(" (process {pid})"))
            .unwrap_or_default();
        eprintln!(
            "waiting for another dac build{holder} to finish with `{}` ...",
            waiting.out.display()
        );
    })?;
    let hooks = Hooks {
        promtool,
        shown: lock.dir().shown().to_path_buf(),
        pause: std::env::var(TEST_PAUSE).ok(),
    };
    Ok(DiskTree { lock, hooks })
}

impl OutputTree for DiskTree {
    fn shown(&self) -> &Path {
        self.lock.dir().shown()
    }

    fn check(&mut self, files: &[OutputFile]) -> Result<Vec<StaleFile>, OutputError> {
        let stale = output::check_tree(&self.lock, files)?;
        if let Some(promtool) = self.hooks.promtool.as_deref().filter(|_| stale.is_empty()) {
            let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
            let dir = self.lock.dir();
            output::promtool_check_rules(promtool, &dir.path(), dir.shown(), &paths)?;
        }
        Ok(stale)
    }

    fn write(&mut self, files: &[OutputFile]) -> Result<WriteSummary, OutputError> {
        output::write_tree(&self.lock, files, &mut self.hooks)
    }
}

struct Hooks {
    promtool: Option<PathBuf>,
    shown: PathBuf,
    pause: Option<String>,
}

impl Hooks {
    fn pause_at(&self, point: &str) {
        let Some((at, ms)) = self.pause.as_deref().and_then(|p| p.split_once(':')) else {
            return;
        };
        if at == point {
            let ms: u64 = ms.parse().unwrap_or(0);
            eprintln!("{TEST_PAUSE}: paused at {point} for {ms} ms");
            std::thread::sleep(Duration::from_millis(ms));
        }
    }
}

impl WriteHooks for Hooks {
    fn staged(&mut self, root: &Path, paths: &[&str]) -> Result<(), OutputError> {
        if let Some(promtool) = &self.promtool {
            output::promtool_check_rules(promtool, root, &self.shown, paths)?;
        }
        self.pause_at("staged");
        Ok(())
    }

    fn switched(&mut self) {
        self.pause_at("switched");
    }
}
