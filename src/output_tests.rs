use super::*;

fn file(path: &str, contents: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: contents.as_bytes().to_vec(),
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
    let summary = write_tree(&out, &files).unwrap();
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
    assert!(check_tree(&out, &files).is_empty());
}

#[test]
fn unchanged_files_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [file("a.json", "1"), file("b.json", "2")];
    write_tree(tmp.path(), &files).unwrap();
    let files = [file("a.json", "1"), file("b.json", "3")];
    let summary = write_tree(tmp.path(), &files).unwrap();
    assert_eq!(summary.written, ["b.json"]);
    assert_eq!(summary.unchanged, 1);
}

#[test]
fn removes_what_it_wrote_before_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    write_tree(
        out,
        &[file("grafana/old/x.json", "x"), file("keep.json", "k")],
    )
    .unwrap();
    fs::write(out.join("README.md"), "mine").unwrap();
    fs::create_dir_all(out.join("grafana/mine")).unwrap();
    fs::write(out.join("grafana/mine/y.json"), "mine").unwrap();

    let files = [file("keep.json", "k2")];
    assert_eq!(
        check_tree(out, &files),
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
    let summary = write_tree(out, &files).unwrap();
    assert_eq!(summary.removed, ["grafana/old/x.json"]);
    assert!(
        !out.join("grafana/old").exists(),
        "emptied directory is removed"
    );
    assert_eq!(read(out, "README.md"), "mine");
    assert_eq!(read(out, "grafana/mine/y.json"), "mine");
    assert!(check_tree(out, &files).is_empty());
}

#[test]
fn check_reports_missing_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let stale = check_tree(&out, &[file("a.json", "1")]);
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
        let err = write_tree(&out, &[file("ok.json", "1"), file(bad, "x")]).unwrap_err();
        assert_eq!(err, OutputError::UnsafePath(bad.to_string()));
        assert!(!out.exists(), "{bad:?}");
    }
}

#[test]
fn duplicate_paths_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let err = write_tree(tmp.path(), &[file("a", "1"), file("a", "2")]).unwrap_err();
    assert_eq!(err, OutputError::DuplicatePath("a".into()));
}

#[test]
fn a_tampered_manifest_cannot_delete_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(tmp.path().join("victim"), "v").unwrap();
    fs::write(out.join(MANIFEST), "../victim\n/etc/hostname\n").unwrap();
    write_tree(&out, &[file("a", "1")]).unwrap();
    assert_eq!(read(tmp.path(), "victim"), "v");
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
    let err = write_tree(&out, &[file("grafana/x.json", "1")]).unwrap_err();
    assert!(matches!(err, OutputError::Symlink(_)), "{err}");
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn a_failed_write_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write_tree(&out, &[file("a.json", "old"), file("b.json", "old")]).unwrap();
    let before = read(&out, MANIFEST);
    // A directory where a file must go makes staging fail before anything moves.
    let files = [file("a.json", "new"), file("b.json/c", "new")];
    let err = write_tree(&out, &files).unwrap_err();
    assert!(matches!(err, OutputError::NotADirectory(_)), "{err}");
    assert_eq!(read(&out, "a.json"), "old");
    assert_eq!(read(&out, MANIFEST), before);

    // So does a directory where the file itself must go.
    fs::create_dir_all(out.join("c.json")).unwrap();
    let files = [file("a.json", "new"), file("c.json", "new")];
    let err = write_tree(&out, &files).unwrap_err();
    assert!(matches!(err, OutputError::IsADirectory(_)), "{err}");
    assert_eq!(read(&out, "a.json"), "old");
    assert_eq!(read(&out, MANIFEST), before);
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out"], "no staging directory is left behind");
}

#[cfg(unix)]
#[test]
fn an_unwritable_parent_stages_inside_the_output_directory() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let parent = tmp.path().join("ro");
    let out = parent.join("out");
    write_tree(&out, &[file("a.json", "old")]).unwrap();
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o555)).unwrap();
    let result = write_tree(&out, &[file("a.json", "new")]);
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o755)).unwrap();
    result.unwrap();
    assert_eq!(read(&out, "a.json"), "new");
    let leftovers = |dir: &Path| {
        fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("staging")
            })
            .count()
    };
    assert_eq!(leftovers(&parent) + leftovers(&out), 0);
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
    write_tree(tmp.path(), &files).unwrap();
    let stamp = |p: &str| {
        fs::metadata(tmp.path().join(p))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = (stamp("a.json"), stamp(MANIFEST));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let summary = write_tree(tmp.path(), &files).unwrap();
    assert!(summary.written.is_empty() && summary.removed.is_empty());
    assert_eq!((stamp("a.json"), stamp(MANIFEST)), before);
}
