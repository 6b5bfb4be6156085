//! What a build refuses to do to an output directory, each refused before anything is
//! written (exit 2, the directory byte for byte as it was): overwrite a file it did not
//! write, or trust a manifest that is a link or lists paths through links. Messages
//! name paths as the user gave them (`-o out` gives `out/grafana/...`).

use std::fs;
use std::path::Path;

use crate::dac_bin::{Run, tree};
use crate::output_project::{names, write_project};

/// `dac build a -o out` run in `dir`, as a user types it: relative paths.
fn build_here(dir: &Path) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dac"))
        .args(["build", "a", "-o", "out"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the build in `dir`, which must fail and leave `dir` as it was; its stderr.
fn refused(dir: &Path) -> String {
    let before = tree(dir);
    let run = build_here(dir).expect(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.trim_end().ends_with("nothing was written"),
        "{run}"
    );
    assert!(
        !run.stderr.contains(&dir.display().to_string()),
        "an absolute path: {run}"
    );
    assert_eq!(tree(dir), before, "a refused build changed something");
    run.stderr
}

#[test]
fn a_file_dac_did_not_write_in_the_way_is_an_error_that_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 2);
    let mine = tmp.path().join("out/grafana/team");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("a-1.json"), "{\"mine\": true}\n").unwrap();
    let said = refused(tmp.path());
    assert!(
        said.contains("`out/grafana/team/a-1.json` is in the way: dac did not write it"),
        "{said}"
    );
    insta::assert_snapshot!(said);

    // Over an earlier build too: a file it never wrote, where this build would write.
    fs::remove_dir_all(tmp.path().join("out")).unwrap();
    build_here(tmp.path()).expect(0);
    write_project(&tmp.path().join("a"), "a", 3);
    fs::write(tmp.path().join("out/grafana/team/a-2.json"), "mine\n").unwrap();
    let said = refused(tmp.path());
    assert!(
        said.contains("`out/grafana/team/a-2.json` is in the way"),
        "{said}"
    );
}

#[test]
fn a_manifest_that_is_a_symlink_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 2);
    build_here(tmp.path()).expect(0);
    let manifest = tmp.path().join("out/.dac-manifest");
    fs::rename(&manifest, tmp.path().join("list")).unwrap();
    std::os::unix::fs::symlink("../list", &manifest).unwrap();
    write_project(&tmp.path().join("a"), "a", 3);
    let said = refused(tmp.path());
    assert!(
        said.contains("refusing to use `out/.dac-manifest`: it is a symbolic link"),
        "{said}"
    );
    insta::assert_snapshot!(said);
}

#[test]
fn a_manifest_that_lists_a_path_through_a_symlink_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 2);
    build_here(tmp.path()).expect(0);
    // A link in the tree to a directory elsewhere, and the manifest claims a file in
    // it: honoured, a build would delete that file.
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("precious.yaml"), "keep me\n").unwrap();
    std::os::unix::fs::symlink("../elsewhere", tmp.path().join("out/deploy")).unwrap();
    let manifest = tmp.path().join("out/.dac-manifest");
    let mut text = fs::read_to_string(&manifest).unwrap();
    text.push_str("deploy/precious.yaml\n");
    fs::write(&manifest, text).unwrap();
    let said = refused(tmp.path());
    assert!(
        said.contains(
            "it lists `deploy/precious.yaml`, which goes through the symbolic link `out/deploy`"
        ),
        "{said}"
    );
    insta::assert_snapshot!(said);
    assert_eq!(names(&elsewhere), ["precious.yaml"]);
}

/// The user's own files in `out/` survive every build, and are not overwritten.
#[test]
fn the_users_files_in_the_output_survive_builds() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 2);
    build_here(tmp.path()).expect(0);
    fs::write(tmp.path().join("out/README.md"), "mine\n").unwrap();
    fs::write(tmp.path().join("out/grafana/team/notes.txt"), "mine too\n").unwrap();
    write_project(&tmp.path().join("a"), "a", 1);
    let run = build_here(tmp.path()).expect(0);
    assert!(run.stdout.contains("removed"), "{run}");
    let out = tmp.path().join("out");
    assert_eq!(fs::read_to_string(out.join("README.md")).unwrap(), "mine\n");
    assert_eq!(
        fs::read_to_string(out.join("grafana/team/notes.txt")).unwrap(),
        "mine too\n"
    );
    assert!(!out.join("grafana/team/a-1.json").exists());
    assert_eq!(names(tmp.path()), ["a", "out"]);
}

/// Section 2 of issue 7: with `-o out`, messages say `out/...`, not a resolved path.
#[test]
fn write_errors_name_the_path_as_the_user_gave_it() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(&tmp.path().join("a"), "a", 1);
    fs::create_dir_all(tmp.path().join("out/grafana/team/a-0.json")).unwrap();
    let said = refused(tmp.path());
    assert!(
        said.contains(
            "error[output/in-the-way]: `out/grafana/team/a-0.json` is in the way: it is a directory"
        ),
        "{said}"
    );
}
