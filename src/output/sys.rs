//! The few file-system calls std does not have, one place per platform.

use std::fs::Metadata;
use std::io;
use std::path::Path;

/// Swaps two directories in one step: `renameat2(RENAME_EXCHANGE)` on Linux,
/// `renameatx_np(RENAME_SWAP)` on Apple systems. `Unsupported` elsewhere, or where the
/// file system cannot (see [`is_unsupported`]).
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    {
        let _ = (a, b);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Renames `from` to `to` unless something is already at `to`.
pub fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE).map_err(io::Error::from) {
            Err(e) if is_unsupported(&e) => std::fs::rename(from, to),
            other => other,
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    {
        std::fs::rename(from, to)
    }
}

/// The kernel or the file system does not offer the flag asked for (old kernels,
/// some network and FUSE file systems): not a failure of the build itself.
pub fn is_unsupported(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        let raw = e.raw_os_error();
        [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP, Errno::NOTSUP]
            .iter()
            .any(|errno| Some(errno.raw_os_error()) == raw)
    }
    #[cfg(not(unix))]
    false
}

/// Whether this process may add and remove entries in `dir` (write and search
/// permission, for the real user: root may always).
pub fn can_modify(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{Access, access};
        access(dir, Access::WRITE_OK | Access::EXEC_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        true
    }
}

/// Whether two metadata describe the same file (device and inode).
pub fn same_file(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Whether `dir` is on another device than `parent`: a mount point, which no rename
/// can move.
pub fn is_mount_point(dir: &Metadata, parent: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        dir.dev() != parent.dev()
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, parent);
        false
    }
}

/// Creates at `at` a symbolic link to `target` (a user's link, carried into the new tree).
pub fn symlink(target: &Path, at: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, at)
    }
    #[cfg(not(unix))]
    {
        let _ = (target, at);
        Err(io::ErrorKind::Unsupported.into())
    }
}
