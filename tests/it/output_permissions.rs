//! A build by a user who may not change part of the output directory (a read-only
//! subdirectory): it fails before anything is written, and the old tree is kept byte
//! for byte. Run as uid 65534 through `setpriv`, since root may write anywhere.

use std::fs;
use std::os::unix::fs::{PermissionsExt, chown};
use std::path::Path;
use std::process::Command;

use crate::dac_bin::{Run, tree};
use crate::output_project::write_project;

const NOBODY: u32 = 65534;

/// `dac build SRC -o out` in `dir`, as uid and gid 65534 with no other groups.
fn build_as_nobody(dir: &Path, src: &str) -> Run {
    let output = Command::new("setpriv")
        .args([
            &format!("--reuid={NOBODY}"),
            &format!("--regid={NOBODY}"),
            "--clear-groups",
            env!("CARGO_BIN_EXE_dac"),
            "build",
            src,
            "-o",
            "out",
        ])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv (util-linux) runs; the tests run as root");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_read_only_subdirectory_fails_the_build_and_the_old_tree_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let work = tmp.path().join("work");
    write_project(&work.join("a"), "a", 3);
    write_project(&work.join("b"), "b", 3);
    chown(&work, Some(NOBODY), Some(NOBODY)).unwrap();
    build_as_nobody(&work, "a").expect(0);

    let team = work.join("out/grafana/team");
    fs::set_permissions(&team, fs::Permissions::from_mode(0o555)).unwrap();
    let before = tree(&work);
    let run = build_as_nobody(&work, "b").expect(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr
            .contains("cannot replace `out/grafana/team`: it is not writable"),
        "{run}"
    );
    assert!(
        run.stderr.trim_end().ends_with("nothing was written"),
        "{run}"
    );
    insta::assert_snapshot!(run.stderr);
    assert_eq!(tree(&work), before, "the failed build changed the tree");

    // A build that changes nothing has nothing to replace: it succeeds.
    let run = build_as_nobody(&work, "a").expect(0);
    assert!(run.stdout.contains(" 0 written"), "{run}");
    assert_eq!(tree(&work), before);

    // Writable again, the same build goes through.
    fs::set_permissions(&team, fs::Permissions::from_mode(0o755)).unwrap();
    build_as_nobody(&work, "b").expect(0);
    assert!(work.join("out/grafana/team/b-1.json").is_file());
}

#[test]
fn a_parent_directory_the_user_cannot_write_fails_the_build_with_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let work = tmp.path().join("work");
    write_project(&work.join("a"), "a", 1);
    // `work` stays root's: uid 65534 may read it, not write it.
    let before = tree(&work);
    let run = build_as_nobody(&work, "a").expect(2);
    assert!(
        run.stderr
            .contains("cannot create the lock file `.out.dac-lock`"),
        "{run}"
    );
    assert!(run.stderr.contains("Permission denied"), "{run}");
    assert_eq!(tree(&work), before);
}
