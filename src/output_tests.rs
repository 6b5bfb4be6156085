use super::*;

/// `write_tree` as a build calls it: under the exclusive lock.
fn write(out: &Path, files: &[OutputFile]) -> Result<WriteSummary, OutputError> {
    let lock = OutputLock::acquire(out, LockMode::Exclusive, false, |_| {})?;
    write_tree(&lock, files, &mut ())
}

/// `check_tree` as `--check` calls it: under the shared lock.
fn check(out: &Path, files: &[OutputFile]) -> Vec<StaleFile> {
    let lock = OutputLock::acquire(out, LockMode::Shared, false, |_| {}).unwrap();
    check_tree(&lock, files).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn file(path: &str, contents: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: contents.as_bytes().to_vec(),
        origin: crate::emit::Origin {
            span: crate::diagnostic::Span::DUMMY,
            what: String::new(),
        },
    }
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap()
}

#[test]
fn writes_files_and_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let files = [
        file("grafana/a/x.json", "{}\n"),
        file("kubernetes/k.yaml", "a: b\n"),
    ];
    let summary = write(&out, &files).unwrap();
    assert_eq!(summary.written, ["grafana/a/x.json", "kubernetes/k.yaml"]);
    assert_eq!(read(&out, "grafana/a/x.json"), "{}\n");
    assert_eq!(
        read(&out, MANIFEST),
        format!("{MANIFEST_HEADER}grafana/a/x.json\nkubernetes/k.yaml\n")
    );
    // No staging directory or temporary file is left behind.
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out"]);
    assert!(check(&out, &files).is_empty());
}

#[test]
fn unchanged_files_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [file("a.json", "1"), file("b.json", "2")];
    write(tmp.path(), &files).unwrap();
    let files = [file("a.json", "1"), file("b.json", "3")];
    let summary = write(tmp.path(), &files).unwrap();
    assert_eq!(summary.written, ["b.json"]);
    assert_eq!(summary.unchanged, 1);
}

#[test]
fn removes_what_it_wrote_before_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    write(
        out,
        &[file("grafana/old/x.json", "x"), file("keep.json", "k")],
    )
    .unwrap();
    fs::write(out.join("README.md"), "mine").unwrap();
    fs::create_dir_all(out.join("grafana/mine")).unwrap();
    fs::write(out.join("grafana/mine/y.json"), "mine").unwrap();

    let files = [file("keep.json", "k2")];
    assert_eq!(
        check(out, &files),
        vec![
            StaleFile {
                path: MANIFEST.into(),
                kind: Staleness::Changed
            },
            StaleFile {
                path: "grafana/old/x.json".into(),
                kind: Staleness::Extra
            },
            StaleFile {
                path: "keep.json".into(),
                kind: Staleness::Changed
            },
        ]
    );
    let summary = write(out, &files).unwrap();
    assert_eq!(summary.removed, ["grafana/old/x.json"]);
    assert!(
        !out.join("grafana/old").exists(),
        "emptied directory is removed"
    );
    assert_eq!(read(out, "README.md"), "mine");
    assert_eq!(read(out, "grafana/mine/y.json"), "mine");
    assert!(check(out, &files).is_empty());
}

#[test]
fn check_reports_missing_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let stale = check(&out, &[file("a.json", "1")]);
    assert_eq!(
        stale[0],
        StaleFile {
            path: MANIFEST.into(),
            kind: Staleness::Missing
        }
    );
    assert_eq!(
        stale[1],
        StaleFile {
            path: "a.json".into(),
            kind: Staleness::Missing
        }
    );
    assert!(!out.exists());
}

#[test]
fn unsafe_paths_are_refused_before_anything_is_written() {
    for bad in [
        "/etc/passwd",
        "../x",
        "a/../../x",
        "a//b",
        "./a",
        "a\\b",
        "",
        MANIFEST,
        "a/./b",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let err = write(&out, &[file("ok.json", "1"), file(bad, "x")]).unwrap_err();
        assert_eq!(err, OutputError::UnsafePath(bad.to_string()));
        assert!(!out.exists(), "{bad:?}");
    }
}

#[test]
fn duplicate_paths_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let err = write(tmp.path(), &[file("a", "1"), file("a", "2")]).unwrap_err();
    assert_eq!(err, OutputError::DuplicatePath("a".into()));
}

#[test]
fn a_tampered_manifest_is_refused_and_cannot_delete_outside() {
    for entry in ["../victim", "/etc/hostname", "a/../../victim"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(tmp.path().join("victim"), "v").unwrap();
        fs::write(out.join(MANIFEST), format!("{entry}\n")).unwrap();
        let err = write(&out, &[file("a", "1")]).unwrap_err();
        assert!(
            matches!(&err, OutputError::ManifestEntry { entry: e, fault: EntryFault::NotPlain, .. } if e == entry),
            "{err}"
        );
        assert_eq!(read(tmp.path(), "victim"), "v");
        assert_eq!(names(&out), [MANIFEST]);
    }
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_tree_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("grafana")).unwrap();
    let err = write(&out, &[file("grafana/x.json", "1")]).unwrap_err();
    assert!(matches!(err, OutputError::Symlink(_)), "{err}");
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn a_failed_write_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write(&out, &[file("a.json", "old"), file("b.json", "old")]).unwrap();
    let before = read(&out, MANIFEST);
    // A directory where a file must go makes staging fail before anything moves.
    let files = [file("a.json", "new"), file("b.json/c", "new")];
    let err = write(&out, &files).unwrap_err();
    assert!(matches!(err, OutputError::NotADirectory(_)), "{err}");
    assert_eq!(read(&out, "a.json"), "old");
    assert_eq!(read(&out, MANIFEST), before);

    // So does a directory where the file itself must go.
    fs::create_dir_all(out.join("c.json")).unwrap();
    let files = [file("a.json", "new"), file("c.json", "new")];
    let err = write(&out, &files).unwrap_err();
    assert!(matches!(err, OutputError::IsADirectory(_)), "{err}");
    assert_eq!(read(&out, "a.json"), "old");
    assert_eq!(read(&out, MANIFEST), before);
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out"], "no staging directory is left behind");
}

/// The lock and the staging directory live beside the output directory: a parent that
/// cannot be written is an error, with nothing written. (Root may write anywhere, so
/// this runs as another user in `tests/it/output_permissions.rs`; here only the message
/// of the failing lock is checked, through a parent that is a file.)
#[test]
fn a_parent_that_cannot_hold_the_lock_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("file"), "x").unwrap();
    let err = write(&tmp.path().join("file/out"), &[file("a.json", "1")]).unwrap_err();
    assert!(
        matches!(&err, OutputError::Io { .. } | OutputError::NotADirectory(_)),
        "{err}"
    );
    assert_eq!(names(tmp.path()), ["file"]);
}

#[test]
fn is_safe_relative_accepts_plain_paths() {
    assert!(is_safe_relative("grafana/cryptobot/trade.json"));
    assert!(is_safe_relative(".hidden"));
    assert!(!is_safe_relative("a/"));
}

#[test]
fn an_up_to_date_tree_is_not_touched_at_all() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [file("a.json", "1")];
    write(tmp.path(), &files).unwrap();
    let stamp = |p: &str| {
        fs::metadata(tmp.path().join(p))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = (stamp("a.json"), stamp(MANIFEST));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let summary = write(tmp.path(), &files).unwrap();
    assert!(summary.written.is_empty() && summary.removed.is_empty());
    assert_eq!((stamp("a.json"), stamp(MANIFEST)), before);
}

#[test]
fn a_file_dac_did_not_write_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("grafana")).unwrap();
    fs::write(out.join("grafana/x.json"), "mine").unwrap();
    let err = write(
        &out,
        &[file("a.json", "1"), file("grafana/x.json", "dac's")],
    )
    .unwrap_err();
    assert_eq!(err, OutputError::Foreign(out.join("grafana/x.json")));
    assert_eq!(read(&out, "grafana/x.json"), "mine");
    assert_eq!(names(&out), ["grafana"]);
    assert_eq!(names(tmp.path()), ["out"]);

    // Once it holds what dac would write, it is adopted: nothing is overwritten.
    fs::write(out.join("grafana/x.json"), "dac's").unwrap();
    let summary = write(
        &out,
        &[file("a.json", "1"), file("grafana/x.json", "dac's")],
    )
    .unwrap();
    assert_eq!(summary.written, ["a.json"]);
    assert_eq!(summary.unchanged, 1);
}

#[cfg(unix)]
#[test]
fn a_manifest_that_is_a_symlink_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write(&out, &[file("a.json", "1")]).unwrap();
    let elsewhere = tmp.path().join("list");
    fs::write(&elsewhere, "a.json\n").unwrap();
    fs::remove_file(out.join(MANIFEST)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join(MANIFEST)).unwrap();
    let err = write(&out, &[file("b.json", "2")]).unwrap_err();
    assert_eq!(err, OutputError::ManifestSymlink(out.join(MANIFEST)));
    assert_eq!(read(&out, "a.json"), "1");
    let lock = OutputLock::acquire(&out, LockMode::Shared, false, |_| {}).unwrap();
    assert_eq!(
        check_tree(&lock, &[file("a.json", "1")]).unwrap_err(),
        OutputError::ManifestSymlink(out.join(MANIFEST))
    );
}

#[cfg(unix)]
#[test]
fn a_manifest_entry_through_a_symlink_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("precious"), "p").unwrap();
    write(&out, &[file("a.json", "1")]).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("link")).unwrap();
    fs::write(
        out.join(MANIFEST),
        format!("{MANIFEST_HEADER}a.json\nlink/precious\n"),
    )
    .unwrap();
    let err = write(&out, &[file("a.json", "2")]).unwrap_err();
    assert_eq!(
        err,
        OutputError::ManifestEntry {
            manifest: out.join(MANIFEST),
            entry: "link/precious".into(),
            fault: EntryFault::ThroughSymlink(out.join("link")),
        }
    );
    assert_eq!(read(&elsewhere, "precious"), "p");
    assert_eq!(read(&out, "a.json"), "1");
}

#[cfg(unix)]
#[test]
fn the_users_files_are_carried_over_as_the_same_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write(&out, &[file("grafana/a.json", "1"), file("keep.json", "k")]).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    fs::create_dir_all(out.join("grafana/mine/empty")).unwrap();
    std::os::unix::fs::symlink("../notes.txt", out.join("grafana/link")).unwrap();
    fs::set_permissions(out.join("grafana"), fs::Permissions::from_mode(0o750)).unwrap();
    let inode = |rel: &str| fs::symlink_metadata(out.join(rel)).unwrap().ino();
    let before = (inode("notes.txt"), inode("keep.json"));

    let summary = write(&out, &[file("grafana/b.json", "2"), file("keep.json", "k")]).unwrap();
    assert_eq!(summary.written, ["grafana/b.json"]);
    assert_eq!(summary.removed, ["grafana/a.json"]);
    assert_eq!(names(&out), [MANIFEST, "grafana", "keep.json", "notes.txt"]);
    assert_eq!(names(&out.join("grafana")), ["b.json", "link", "mine"]);
    assert_eq!(names(&out.join("grafana/mine")), ["empty"]);
    assert_eq!(read(&out, "grafana/link"), "mine");
    assert_eq!((inode("notes.txt"), inode("keep.json")), before);
    let mode = fs::metadata(out.join("grafana"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o750);
    assert_eq!(names(tmp.path()), ["out"]);
}

#[test]
fn what_killed_builds_left_beside_the_output_is_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write(&out, &[file("a.json", "1")]).unwrap();
    for left in [".out.dac-staging-999-0/grafana", ".out.dac-old-999/x"] {
        fs::create_dir_all(tmp.path().join(left)).unwrap();
    }
    fs::create_dir_all(out.join(".dac-staging-998-0")).unwrap();
    fs::write(out.join("a.json.dac-tmp-998"), "half").unwrap();
    fs::write(tmp.path().join(".out.dac-lock"), "999\n").unwrap();
    write(&out, &[file("a.json", "1")]).unwrap();
    assert_eq!(names(tmp.path()), ["out"]);
    assert_eq!(names(&out), [MANIFEST, "a.json"]);
}

/// Killed between the two renames of the fallback switch: the old tree is moved back.
#[test]
fn an_old_tree_moved_aside_is_moved_back_when_the_output_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write(&out, &[file("a.json", "old"), file("b.json", "old")]).unwrap();
    fs::rename(&out, tmp.path().join(".out.dac-old-999")).unwrap();
    let lock = OutputLock::acquire(&out, LockMode::Shared, false, |_| {}).unwrap();
    assert_eq!(
        check_tree(&lock, &[]).unwrap().len(),
        1,
        "only the manifest"
    );
    drop(lock);
    let summary = write(&out, &[file("a.json", "old")]).unwrap();
    assert_eq!((summary.unchanged, summary.removed.len()), (1, 1));
    assert_eq!(names(tmp.path()), ["out"]);
}

#[cfg(unix)]
#[test]
fn an_output_directory_that_is_a_link_is_switched_behind_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink("real", tmp.path().join("out")).unwrap();
    write(&tmp.path().join("out"), &[file("a.json", "1")]).unwrap();
    write(&tmp.path().join("out"), &[file("a.json", "2")]).unwrap();
    assert_eq!(read(&real, "a.json"), "2");
    assert!(
        fs::symlink_metadata(tmp.path().join("out"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names(tmp.path()), ["out", "real"]);
}

#[test]
fn a_second_build_waits_or_fails_while_the_lock_is_held() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let held = OutputLock::acquire(&out, LockMode::Exclusive, false, |_| {}).unwrap();
    let err = OutputLock::acquire(&out, LockMode::Exclusive, false, |_| {}).unwrap_err();
    assert!(
        matches!(&err, OutputError::Locked { holder: Some(pid), .. } if *pid == std::process::id()),
        "{err}"
    );
    let err = OutputLock::acquire(&out, LockMode::Shared, false, |_| {}).unwrap_err();
    assert!(matches!(err, OutputError::Locked { .. }), "{err}");
    drop(held);
    assert_eq!(
        names(tmp.path()),
        Vec::<String>::new(),
        "the lock file goes with the lock"
    );

    // Checks share the lock; a build waits for them.
    let first = OutputLock::acquire(&out, LockMode::Shared, false, |_| {}).unwrap();
    let second = OutputLock::acquire(&out, LockMode::Shared, false, |_| {}).unwrap();
    assert!(OutputLock::acquire(&out, LockMode::Exclusive, false, |_| {}).is_err());
    let waiter = std::thread::spawn({
        let out = out.clone();
        move || {
            let mut told = false;
            let lock = OutputLock::acquire(&out, LockMode::Exclusive, true, |_| told = true);
            (lock.is_ok(), told)
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(50));
    drop((first, second));
    assert_eq!(waiter.join().unwrap(), (true, true));
    assert_eq!(names(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_failed_first_build_leaves_no_directory_it_created() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("deploy/monitoring/out");
    let err = write(&out, &[file("a", "1"), file("a", "2")]).unwrap_err();
    assert_eq!(err, OutputError::DuplicatePath("a".into()));
    assert_eq!(names(tmp.path()), Vec::<String>::new());
}
