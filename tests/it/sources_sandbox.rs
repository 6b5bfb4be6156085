//! Sources cannot reach outside the project: an import of `/proc/self/environ`,
//! `/etc/passwd`, `/dev/zero` or a FIFO is refused at the import, quickly, and nothing of
//! the file is printed; `..` cannot leave the root; `[build] import_paths` lets a shared
//! library in on purpose; links are followed only where they stay inside; a file over
//! the size limit is refused.

use crate::dac_bin::Run;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "hunter2-secret";

/// Far more than a refused build takes; only a build that blocks or reads forever
/// gets near it.
const PATIENCE: Duration = Duration::from_secs(60);

const DASHBOARD: &str =
    "dashboard \"Up\" {\n  uid = \"up\"\n  stat \"Up\" {\n    query `min(up)`\n  }\n}\n";

/// Runs `dac build ARGS` in `cwd` with a secret in its environment; kills it (and fails
/// the test) if it has not finished within `PATIENCE`. The secret must never be printed.
fn build(cwd: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dac"))
        .arg("build")
        .args(args)
        .current_dir(cwd)
        .env("DAC_TEST_SECRET", SECRET)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dac starts");
    let started = Instant::now();
    while child.try_wait().expect("dac runs").is_none() {
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dac build {args:?} did not finish within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("dac's output");
    let run = Run {
        code: output.status.code().expect("dac exited, not killed"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "{run}"
    );
    assert!(!run.stderr.contains("panicked"), "{run}");
    run
}

/// A project in `TMP/project` whose dac.toml builds `up.dac`, which starts with `import`.
fn project_importing(tmp: &Path, import: &str) -> std::path::PathBuf {
    let project = tmp.join("project");
    fs::create_dir_all(&project).unwrap();
    fs::write(
        project.join("dac.toml"),
        "[build]\nsources = [\"up.dac\"]\n",
    )
    .unwrap();
    fs::write(
        project.join("up.dac"),
        format!("import \"{import}\"\n{DASHBOARD}"),
    )
    .unwrap();
    project
}

/// A build that fails with exit 2, writes nothing, and names `up.dac:1:8`, the import
/// string; its stderr with the temporary directory as `[TMP]`.
fn refused(tmp: &Path, import: &str) -> String {
    let project = project_importing(tmp, import);
    let run = build(&project, &[]).expect(2);
    assert!(run.stderr.contains(" --> up.dac:1:8"), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(!project.join("out").exists(), "{run}");
    run.stderr.replace(&tmp.display().to_string(), "[TMP]")
}

#[test]
fn an_import_of_the_environment_is_refused_and_nothing_of_it_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr = refused(tmp.path(), "/proc/self/environ");
    assert!(stderr.contains("not an absolute path"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_import_of_etc_passwd_is_refused_and_nothing_of_it_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr = refused(tmp.path(), "/etc/passwd");
    assert!(!stderr.contains("root:"), "{stderr}");
    // The same file by climbing out of the project.
    let climbs = "../".repeat(Path::new("/").join(tmp.path()).components().count() + 2);
    let stderr = refused(tmp.path(), &format!("{climbs}etc/passwd"));
    assert!(!stderr.contains("root:"), "{stderr}");
    assert!(
        stderr.contains("is outside the project root `.`"),
        "{stderr}"
    );
}

#[test]
fn an_import_of_dev_zero_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    refused(tmp.path(), "/dev/zero");
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project_importing(tmp.path(), "pipe.dac");
    let made = Command::new("mkfifo")
        .arg(project.join("pipe.dac"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Imported, found by the directory walk, named: refused each time, never opened to
    // wait for a writer.
    let run = build(&project, &[]).expect(2);
    assert!(
        run.stderr
            .contains("`pipe.dac` is a FIFO (named pipe), not a regular file"),
        "{run}"
    );
    assert!(run.stderr.contains(" --> up.dac:1:8"), "{run}");
    for args in [&["."][..], &["pipe.dac"]] {
        let run = build(&project, args).expect(2);
        assert!(run.stderr.contains("`pipe.dac` is a FIFO"), "{run}");
    }
}

#[test]
fn a_dot_dot_escape_is_refused_at_the_import() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("outside.dac"),
        format!("# {SECRET}\n{DASHBOARD}"),
    )
    .unwrap();
    let stderr = refused(tmp.path(), "lib/../../outside.dac");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_file_that_is_not_a_dac_source_is_never_parsed() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project_importing(tmp.path(), "secrets.env");
    fs::write(project.join("secrets.env"), format!("TOKEN={SECRET}\n")).unwrap();
    let run = build(&project, &[]).expect(2);
    assert!(
        run.stderr.contains("`secrets.env` is not a `.dac` file"),
        "{run}"
    );
}

#[test]
fn import_paths_let_a_shared_library_outside_the_root_in() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    fs::create_dir(&library).unwrap();
    fs::write(
        library.join("panels.dac"),
        "template panel up_stat(job: string) {\n  stat \"Up\" {\n    scope = { job = @job }\n    query `min(up)`\n  }\n}\n",
    )
    .unwrap();
    let project = tmp.path().join("project");
    fs::create_dir(&project).unwrap();
    fs::write(
        project.join("up.dac"),
        "import \"panels.dac\"\ndashboard \"Up\" {\n  uid = \"up\"\n  use up_stat(job = \"trade\")\n}\n",
    )
    .unwrap();
    fs::write(project.join("dac.toml"), "").unwrap();
    let run = build(&project, &[]).expect(2);
    assert!(run.stderr.contains("cannot import `panels.dac`"), "{run}");

    fs::write(
        project.join("dac.toml"),
        "[build]\nimport_paths = [\"../library\"]\n",
    )
    .unwrap();
    build(&project, &[]).expect(0);
    let json = fs::read_to_string(project.join("out/grafana/general/up.json")).unwrap();
    assert!(json.contains("min(up{job=\\\"trade\\\"})"), "{json}");
    // Relative to the importing file, the library is as reachable as from the import path.
    fs::write(
        project.join("up.dac"),
        fs::read_to_string(project.join("up.dac"))
            .unwrap()
            .replace("import \"panels.dac\"", "import \"../library/panels.dac\""),
    )
    .unwrap();
    build(&project, &[]).expect(0);
}

#[test]
fn a_link_inside_the_project_is_followed_and_one_leaving_it_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    fs::create_dir_all(project.join("real")).unwrap();
    fs::write(project.join("dac.toml"), "").unwrap();
    fs::write(project.join("real/up.dac"), DASHBOARD).unwrap();
    symlink("real/up.dac", project.join("linked.dac")).unwrap();
    // The file and the link to it are one source (else its uid would be defined twice).
    build(&project, &[]).expect(0);
    build(&project, &["linked.dac"]).expect(0);

    fs::write(tmp.path().join("outside.dac"), format!("# {SECRET}\n")).unwrap();
    symlink("../outside.dac", project.join("escape.dac")).unwrap();
    // Found by the walk, named on the command line, imported: refused, named, each time.
    for args in [&[][..], &["escape.dac"]] {
        let run = build(&project, args).expect(2);
        assert!(
            run.stderr.contains("`escape.dac` is a symbolic link to `")
                && run
                    .stderr
                    .contains("outside.dac`, outside the project root `.`"),
            "{run}"
        );
    }
    fs::remove_file(project.join("escape.dac")).unwrap();

    let outside_dir = tmp.path().join("elsewhere");
    fs::create_dir(&outside_dir).unwrap();
    fs::write(outside_dir.join("more.dac"), DASHBOARD).unwrap();
    symlink(&outside_dir, project.join("more")).unwrap();
    let run = build(&project, &[]).expect(2);
    assert!(
        run.stderr.contains("`./more` is a symbolic link to `"),
        "{run}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    fs::create_dir(&project).unwrap();
    fs::write(project.join("up.dac"), DASHBOARD).unwrap();
    fs::write(project.join("dac.toml"), "[build]\nmax_file_size = 64\n").unwrap();
    let run = build(&project, &[]).expect(2);
    assert!(
        run.stderr.contains(&format!(
            "`up.dac` is {} bytes, over the limit of 64 bytes for a source file",
            DASHBOARD.len()
        )),
        "{run}"
    );
    fs::write(
        project.join("dac.toml"),
        "[build]\nmax_file_size = \"1 KiB\"\n",
    )
    .unwrap();
    build(&project, &[]).expect(0);
}
