//! The lock on an output directory: `flock` on `.NAME.dac-lock` beside it.
//!
//! A build holds it exclusively from before it reads the old tree until the new one is
//! in place and the old one removed; `--check` holds it shared, so it never reads a tree
//! that is being switched. The lock file is removed when a build ends, so it does not
//! linger beside the output: whoever locks checks afterwards that the file it locked is
//! still the one at that path (else it was removed under it, and it tries again), and
//! only an exclusive holder removes it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::dir::OutputDir;
use super::error::{OutputError, io_error};
use super::sys;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockMode {
    /// A build: nobody else reads or writes the tree meanwhile.
    Exclusive,
    /// `--check`: other checks may read too, builds wait.
    Shared,
}

/// Who is waiting for whom, for the message shown while waiting.
#[derive(Debug)]
pub struct Waiting<'a> {
    /// The output directory, as the user wrote it.
    pub out: &'a Path,
    /// The process that holds the lock, when it said so.
    pub holder: Option<u32>,
}

#[derive(Debug)]
pub struct OutputLock {
    dir: OutputDir,
    mode: LockMode,
    path: PathBuf,
    /// `None` where no lock could be taken because nothing can be built there (a check
    /// of a directory whose parent does not exist or cannot be written).
    file: Option<File>,
    /// Parent directories this build created; removed again if still empty.
    created: Vec<PathBuf>,
}

impl OutputLock {
    /// Locks the output directory `out`. If another build holds it: fails with
    /// [`OutputError::Locked`] unless `wait`, else calls `on_wait` once and waits.
    pub fn acquire(
        out: &Path,
        mode: LockMode,
        wait: bool,
        on_wait: impl FnOnce(Waiting<'_>),
    ) -> Result<OutputLock, OutputError> {
        let (dir, created) = OutputDir::resolve(out, mode == LockMode::Exclusive)?;
        let path = dir.sibling("dac-lock");
        let mut lock = OutputLock {
            dir,
            mode,
            path,
            file: None,
            created,
        };
        lock.file = lock.lock_file(wait, on_wait)?;
        Ok(lock)
    }

    pub fn dir(&self) -> &OutputDir {
        &self.dir
    }

    pub fn mode(&self) -> LockMode {
        self.mode
    }

    fn shown_path(&self) -> PathBuf {
        self.dir.show_beside(&self.dir.sibling_name("dac-lock"))
    }

    fn lock_file(
        &self,
        wait: bool,
        on_wait: impl FnOnce(Waiting<'_>),
    ) -> Result<Option<File>, OutputError> {
        let mut on_wait = Some(on_wait);
        loop {
            let Some(file) = self.open()? else {
                return Ok(None);
            };
            let tried = match self.mode {
                LockMode::Exclusive => file.try_lock(),
                LockMode::Shared => file.try_lock_shared(),
            };
            match tried {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let holder = fs::read_to_string(&self.path)
                        .ok()
                        .and_then(|s| s.trim().parse().ok());
                    if !wait {
                        return Err(OutputError::Locked {
                            out: self.dir.shown().to_path_buf(),
                            lock: self.shown_path(),
                            holder,
                        });
                    }
                    if let Some(tell) = on_wait.take() {
                        tell(Waiting {
                            out: self.dir.shown(),
                            holder,
                        });
                    }
                    let locked = match self.mode {
                        LockMode::Exclusive => file.lock(),
                        LockMode::Shared => file.lock_shared(),
                    };
                    locked.map_err(io_error("lock", &self.shown_path()))?;
                }
                Err(TryLockError::Error(e)) => return Err(io_error("lock", &self.shown_path())(e)),
            }
            if self.still_at_path(&file) {
                if self.mode == LockMode::Exclusive {
                    // Who holds it, for the message of a build that has to wait.
                    let mut f = &file;
                    let _ = f.set_len(0);
                    let _ = writeln!(f, "{}", std::process::id());
                }
                return Ok(Some(file));
            }
            // The holder removed the file as it finished: lock the current one.
        }
    }

    /// Opens (a build: creates) the lock file.
    fn open(&self) -> Result<Option<File>, OutputError> {
        let shown = self.shown_path();
        match self.mode {
            LockMode::Exclusive => OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&self.path)
                .map(Some)
                .map_err(|e| OutputError::Io {
                    action: "create the lock file",
                    path: shown,
                    error: format!(
                        "{e} (a build keeps its lock and stages the new tree beside `{}`, so \
                         it needs write access to the directory that holds it)",
                        self.dir.shown().display()
                    ),
                }),
            LockMode::Shared => {
                let created = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&self.path);
                match created {
                    Ok(f) => Ok(Some(f)),
                    // Where no lock file can be made no build can run either.
                    Err(e) if no_build_possible(&e) => match File::open(&self.path) {
                        Ok(f) => Ok(Some(f)),
                        Err(_) => Ok(None),
                    },
                    Err(e) => Err(io_error("open", &shown)(e)),
                }
            }
        }
    }

    fn still_at_path(&self, file: &File) -> bool {
        match (file.metadata(), fs::metadata(&self.path)) {
            (Ok(held), Ok(now)) => sys::same_file(&held, &now) || !cfg!(unix),
            _ => false,
        }
    }
}

fn no_build_possible(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied
            | io::ErrorKind::ReadOnlyFilesystem
            | io::ErrorKind::NotFound
    )
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            // Only a holder of the exclusive lock may remove the file: a shared holder
            // that did could let a build lock a new file while another check still reads.
            let exclusive = match self.mode {
                LockMode::Exclusive => true,
                LockMode::Shared => file.unlock().is_ok() && file.try_lock().is_ok(),
            };
            if exclusive && cfg!(unix) && self.still_at_path(&file) {
                let _ = fs::remove_file(&self.path);
            }
            drop(file);
        }
        // A build that failed before creating the output leaves no empty parents.
        for dir in self.created.iter().rev() {
            if fs::remove_dir(dir).is_err() {
                break;
            }
        }
    }
}
