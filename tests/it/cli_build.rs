//! `dac build`'s command line: help, bad flags, and the defaults (sources in `.`,
//! output in `out`, or where `dac.toml` says).

use crate::dac_bin;

use std::fs;
use std::path::Path;

use dac_bin::{CRYPTOBOT, build_cryptobot, crate_root, dac, files, tree};

/// A copy of Cryptobot's project (sources, the templates they import, `dac.toml`) in
/// `dir`.
fn copy_project(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    let settings = crate_root().join("dac.toml");
    if settings.exists() {
        fs::copy(settings, dir.join("dac.toml")).unwrap();
    }
    for sub in CRYPTOBOT.iter().chain(&["lib"]) {
        fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in fs::read_dir(crate_root().join(sub)).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn help_describes_paths_out_and_check() {
    let run = dac(&crate_root(), ["build", "--help"]).expect(0);
    for needle in [
        "Usage: dac build [OPTIONS] [PATHS]...",
        "[build] sources",
        "--config <FILE>",
        "-o, --out <DIR>",
        "--check",
    ] {
        assert!(run.stdout.contains(needle), "missing {needle:?}: {run}");
    }
    assert!(run.stderr.is_empty(), "{run}");
    insta::assert_snapshot!(run.stdout);

    let run = dac(&crate_root(), ["--help"]).expect(0);
    assert!(run.stdout.contains("build"), "{run}");
}

#[test]
fn unknown_flags_and_missing_values_exit_2_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    copy_project(tmp.path());
    let before = tree(tmp.path());
    for args in [
        &["build", "--bogus"][..],
        &["build", "-x", "dashboards"],
        &["build", "dashboards", "-o"],
        &["build", "--check=yes"],
        &["biuld"],
        &[],
    ] {
        let run = dac(tmp.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(run.stderr.contains("help"), "{args:?}: {run}");
        assert!(run.stdout.is_empty(), "{args:?}: {run}");
    }
    let run = dac(tmp.path(), ["build", "--bogus"]);
    assert!(
        run.stderr.contains("unexpected argument '--bogus'"),
        "{run}"
    );
    assert_eq!(
        tree(tmp.path()),
        before,
        "a bad command line wrote something"
    );
}

#[test]
fn no_arguments_build_the_current_directory_into_out() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_project(&project);
    let run = dac(&project, ["build"]).expect(0);
    assert!(
        run.stdout.starts_with(
            "using ./dac.toml; sources: dashboards, alerts, catalog (from [build] sources)\nout: "
        ),
        "{run}"
    );
    assert!(run.stderr.is_empty(), "{run}");

    // The same tree as `dac build dashboards alerts catalog -o DIR` from the crate root:
    // `lib/` only holds templates, and they are the same wherever they are found.
    let reference = tmp.path().join("reference");
    build_cryptobot(&reference);
    let out = project.join("out");
    assert_eq!(tree(&out), tree(&reference));
    assert!(files(&tree(&out)).len() > 40);

    // Up to date now; `--check` with no arguments looks at the same place.
    let run = dac(&project, ["build", "--check"]).expect(0);
    assert!(run.stdout.contains("up to date"), "{run}");
    fs::remove_file(out.join("kubernetes/kustomization.yaml")).unwrap();
    dac(&project, ["build", "--check"]).expect(1);
}

#[test]
fn dac_toml_sets_the_output_directory_and_o_overrides_it() {
    let tmp = tempfile::tempdir().unwrap();
    copy_project(tmp.path());
    fs::write(
        tmp.path().join("dac.toml"),
        "[build]\nout_dir = \"deploy/monitoring\"\n",
    )
    .unwrap();
    dac(tmp.path(), ["build"]).expect(0);
    assert!(
        tmp.path()
            .join("deploy/monitoring/kubernetes/kustomization.yaml")
            .is_file()
    );
    assert!(!tmp.path().join("out").exists());

    dac(tmp.path(), ["build", "-o", "elsewhere"]).expect(0);
    assert_eq!(
        tree(&tmp.path().join("elsewhere")),
        tree(&tmp.path().join("deploy/monitoring"))
    );
}

#[test]
fn no_arguments_in_a_directory_without_sources_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "not a project\n").unwrap();
    let run = dac(tmp.path(), ["build"]).expect(2);
    assert!(run.stderr.contains("no `.dac` files in `.`"), "{run}");
    assert_eq!(files(&tree(tmp.path())), ["notes.txt"]);
}

/// A folder or group name made of `..` and `/` cannot take a file out of `out/`.
#[test]
fn hostile_names_stay_inside_the_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("a/b/project");
    fs::create_dir_all(&project).unwrap();
    fs::write(
        project.join("escape.dac"),
        "dashboard \"Escape\" {\n  uid = \"escape\"\n  folder = \"../../../../escaped\"\n  \
         stat \"Up\" {\n    query `min(up)`\n  }\n}\n\
         rules \"esc\" {\n  group \"../../group\" {\n    record \"job:up:min\" = `min by (job) (up)`\n  }\n}\n",
    )
    .unwrap();
    dac(&project, ["build"]).expect(0);
    let written: Vec<String> = tree(tmp.path())
        .into_keys()
        .filter(|p| !p.ends_with('/'))
        .collect();
    assert!(written.len() > 4, "{written:?}");
    for p in &written {
        assert!(
            p == "a/b/project/escape.dac" || p.starts_with("a/b/project/out/"),
            "{p} written outside out/"
        );
    }
}
