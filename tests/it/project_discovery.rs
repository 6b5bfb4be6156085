//! `dac` finds its project as cargo and ruff do: `dac build` with no arguments, from the
//! repository root or any directory below it, builds Cryptobot with the settings of its
//! `dac.toml`; `--config` overrides the search; without a dac.toml, `.` is searched,
//! skipping hidden directories, `target/` and what `.gitignore` lists.

use crate::dac_bin;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use dac_bin::{CRYPTOBOT, build_cryptobot, crate_root, dac, files, tree};

/// Cryptobot's project (dac.toml, the sources, the templates) copied into `dir`, with a
/// broken source under `tests/fixtures/` as the repository has: a build of `.` would
/// stop on it.
fn copy_project(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::copy(crate_root().join("dac.toml"), dir.join("dac.toml")).unwrap();
    for sub in CRYPTOBOT.iter().chain(&["lib"]) {
        fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in fs::read_dir(crate_root().join(sub)).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).unwrap();
        }
    }
    fs::create_dir_all(dir.join("tests/fixtures")).unwrap();
    fs::write(dir.join("tests/fixtures/broken.dac"), "dashboard {\n").unwrap();
}

/// The project's dac.toml with another namespace, so its use shows in every manifest.
fn set_namespace(project: &Path, namespace: &str) {
    let path = project.join("dac.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("namespace = \"monitoring\""));
    let text = text.replace(
        "namespace = \"monitoring\"",
        &format!("namespace = \"{namespace}\""),
    );
    fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn no_arguments_in_the_repository_root_build_cryptobot() {
    // In the repository itself: the sources of dac.toml, not `tests/fixtures`.
    let tmp = tempfile::tempdir().unwrap();
    let reference = tmp.path().join("reference");
    build_cryptobot(&reference);
    let args = [OsStr::new("build"), OsStr::new("--check"), OsStr::new("-o")];
    let run = dac(
        &crate_root(),
        args.into_iter().chain([reference.as_os_str()]),
    )
    .expect(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("using ./dac.toml; sources: dashboards, alerts, catalog (from [build] sources)"),
        "{run}"
    );

    // In a copy, where it may write: into `out/`, as dac.toml says.
    let project = tmp.path().join("project");
    copy_project(&project);
    let run = dac(&project, ["build"]).expect(0);
    assert!(run.stderr.is_empty(), "{run}");
    assert!(
        run.stdout.lines().nth(1).unwrap_or("").starts_with("out: "),
        "{run}"
    );
    assert_eq!(tree(&project.join("out")), tree(&reference));
}

#[test]
fn no_arguments_in_a_subdirectory_build_the_whole_project_with_its_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_project(&project);
    set_namespace(&project, "cryptobot-monitoring");
    let run = dac(&project.join("dashboards"), ["build"]).expect(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some(
            "using ../dac.toml; sources: ../dashboards, ../alerts, ../catalog \
             (from [build] sources)"
        ),
        "{run}"
    );
    // `out_dir` is relative to dac.toml, not to where dac runs.
    assert!(!project.join("dashboards/out").exists());
    let out = project.join("out");
    let manifest = read(&out.join("kubernetes/prometheusrule-trade-service.yaml"));
    assert!(
        manifest.contains("namespace: cryptobot-monitoring"),
        "{manifest}"
    );
    // Every source of the project, alerts and services included.
    let written = files(&tree(&out)).len();
    let reference = tmp.path().join("reference");
    build_cryptobot(&reference);
    assert_eq!(written, files(&tree(&reference)).len());

    // From `lib/`, with `--check`: the same project, up to date.
    let run = dac(&project.join("lib"), ["build", "--check"]).expect(0);
    assert!(run.stdout.contains("../out: up to date"), "{run}");
}

#[test]
fn paths_given_from_outside_use_the_dac_toml_of_their_project() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("repo");
    copy_project(&project);
    set_namespace(&project, "from-dac-toml");
    let run = dac(tmp.path(), ["build", "repo/dashboards", "repo/alerts"]).expect(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("using repo/dac.toml; sources: repo/dashboards, repo/alerts"),
        "{run}"
    );
    let manifest = read(&project.join("out/kubernetes/prometheusrule-trade-service.yaml"));
    assert!(manifest.contains("namespace: from-dac-toml"), "{manifest}");
}

#[test]
fn config_flag_overrides_the_search() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_project(&project);
    fs::write(
        project.join("staging.toml"),
        "[build]\nsources = [\"alerts\"]\nout_dir = \"staging\"\n\
         [kubernetes]\nnamespace = \"staging\"\n",
    )
    .unwrap();
    let run = dac(
        &project.join("alerts"),
        ["build", "--config", "../staging.toml"],
    )
    .expect(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("using ../staging.toml (--config); sources: ../alerts (from [build] sources)"),
        "{run}"
    );
    let manifest = read(&project.join("staging/kubernetes/prometheusrule-trade-service.yaml"));
    assert!(manifest.contains("namespace: staging"), "{manifest}");
    assert!(!project.join("out").exists());
    assert!(
        !project.join("staging/grafana").exists(),
        "only the alerts were built"
    );

    let run = dac(&project, ["build", "--config", "nowhere.toml"]).expect(2);
    assert!(
        run.stderr.contains("cannot read dac.toml: `nowhere.toml`"),
        "{run}"
    );
}

const DASHBOARD: &str =
    "dashboard \"Up\" {\n  uid = \"up\"\n  stat \"Up\" {\n    query `min(up)`\n  }\n}\n";

#[test]
fn without_dac_toml_hidden_target_and_gitignored_directories_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("up.dac"), DASHBOARD).unwrap();
    for skipped in [".git", ".cache", "target", "generated", "nested/tmp"] {
        fs::create_dir_all(dir.join(skipped)).unwrap();
        fs::write(dir.join(skipped).join("broken.dac"), "dashboard {\n").unwrap();
    }
    fs::write(dir.join(".gitignore"), "generated/\n").unwrap();
    fs::write(dir.join("nested/.gitignore"), "tmp\n").unwrap();
    let run = dac(dir, ["build"]).expect(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("using no dac.toml (none here or above; default settings); sources: ."),
        "{run}"
    );
    assert!(dir.join("out/grafana/general/up.json").is_file());
}

#[test]
fn exclude_globs_in_dac_toml_skip_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("up.dac"), DASHBOARD).unwrap();
    fs::create_dir_all(dir.join("drafts")).unwrap();
    fs::write(dir.join("drafts/broken.dac"), "dashboard {\n").unwrap();
    fs::write(dir.join("wip.draft.dac"), "dashboard {\n").unwrap();
    fs::write(dir.join("dac.toml"), "[build]\nexclude = [\"drafts/\"]\n").unwrap();
    let run = dac(dir, ["build"]).expect(2);
    assert!(run.stderr.contains("wip.draft.dac"), "{run}");
    assert!(!run.stderr.contains("drafts/broken.dac"), "{run}");
    fs::write(
        dir.join("dac.toml"),
        "[build]\nexclude = [\"drafts/\", \"*.draft.dac\"]\n",
    )
    .unwrap();
    dac(dir, ["build"]).expect(0);
}

#[test]
fn a_source_missing_from_dac_toml_points_at_dac_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir(dir.join("dashboards")).unwrap();
    fs::write(dir.join("dashboards/up.dac"), DASHBOARD).unwrap();
    fs::write(
        dir.join("dac.toml"),
        "[build]\nsources = [\"dashboards\", \"alerts\"]\n",
    )
    .unwrap();
    let run = dac(&dir.join("dashboards"), ["build"]).expect(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert_eq!(files(&tree(dir)), ["dac.toml", "dashboards/up.dac"]);
    insta::assert_snapshot!(run.stderr);
}
