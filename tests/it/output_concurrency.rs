//! Two builds into one output directory at once (make twice, an editor hook and CI
//! overlapping, `make -j`): the second waits for the first, so the directory always ends
//! as exactly one complete build, and its manifest lists exactly what is on disk.

use std::path::Path;

use crate::dac_bin::tree;
use crate::output_project::{Seeded, build, build_with, manifest_and_disk, names, pair, spawn};

const PAIRS: usize = 50;

#[test]
fn fifty_pairs_of_concurrent_builds_each_end_as_one_complete_build() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pair(tmp.path(), 4);
    let out = tmp.path().join("out");
    let mut rng = Seeded(0x5eed_0001);
    let (mut ended_a, mut ended_b) = (0, 0);
    for round in 0..PAIRS {
        // Into an empty directory half the time, over the other build the rest.
        if round % 2 == 0 && out.exists() {
            std::fs::remove_dir_all(&out).unwrap();
        }
        let (first, second) = if rng.below(2) == 0 {
            (&p.a, &p.b)
        } else {
            (&p.b, &p.a)
        };
        let one = spawn(first, &out, &[], &[]);
        let two = spawn(second, &out, &[], &[]);
        let (code_one, said_one) = one.finish();
        let (code_two, said_two) = two.finish();
        assert_eq!(
            (code_one, code_two),
            (0, 0),
            "round {round}:\n{said_one}\n{said_two}"
        );
        let now = tree(&out);
        assert!(
            now == p.tree_a || now == p.tree_b,
            "round {round}: the tree is neither build's: {:?}",
            now.keys().collect::<Vec<_>>()
        );
        if now == p.tree_a {
            ended_a += 1;
        } else {
            ended_b += 1;
        }
        let (listed, on_disk) = manifest_and_disk(&out);
        assert_eq!(listed, on_disk, "round {round}");
        assert_eq!(names(tmp.path()), ["a", "b", "out"], "round {round}");
    }
    assert_eq!(ended_a + ended_b, PAIRS);
}

/// A build paused (test hook) with its new tree staged, holding the lock.
fn paused_build(src: &Path, out: &Path) -> crate::output_project::Running {
    let mut running = spawn(src, out, &[], &[("DAC_TEST_PAUSE", "staged:30000")]);
    running.wait_for("paused at staged");
    running
}

#[test]
fn no_wait_fails_at_once_while_another_build_holds_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pair(tmp.path(), 2);
    let out = tmp.path().join("out");
    build(&p.a, &out).expect(0);
    let before = tree(tmp.path());
    let holder = paused_build(&p.b, &out);
    let pid = holder.child.id();

    for (name, extra) in [
        ("build", &["--no-wait"][..]),
        ("check", &["--no-wait", "--check"]),
    ] {
        let run = build_with(&p.a, &out, extra).expect(2);
        let said = run
            .stderr
            .replace(&tmp.path().display().to_string(), "[TMP]");
        let said = said.replace(&pid.to_string(), "[PID]");
        assert!(
            said.contains("is locked by another dac build (process [PID])"),
            "{said}"
        );
        assert!(said.trim_end().ends_with("nothing was written"), "{said}");
        insta::assert_snapshot!(format!("no_wait_{name}"), said);
    }
    holder.kill();
    // The killed build left its staging directory; the old tree is whole.
    assert_eq!(tree(&out), p.tree_a);
    assert_ne!(tree(tmp.path()), before);
    build(&p.b, &out).expect(0);
    assert_eq!(tree(&out), p.tree_b);
    assert_eq!(names(tmp.path()), ["a", "b", "out"]);
}

#[test]
fn a_second_build_says_it_waits_and_builds_when_the_first_is_done() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pair(tmp.path(), 2);
    let out = tmp.path().join("out");
    let holder = paused_build(&p.a, &out);
    let pid = holder.child.id();
    let mut waiting = spawn(&p.b, &out, &[], &[]);
    waiting.wait_for("waiting for another dac build");
    assert!(
        waiting.seen.contains(&format!(
            "(process {pid}) to finish with `{}`",
            out.display()
        )),
        "{}",
        waiting.seen
    );
    // A check waits for the build too, rather than read a tree being switched.
    let mut check = spawn(&p.b, &out, &["--check"], &[]);
    check.wait_for("waiting for another dac build");
    holder.kill();
    let (code, said) = waiting.finish();
    assert_eq!(code, 0, "{said}");
    assert_eq!(tree(&out), p.tree_b);
    let (code, said) = check.finish();
    assert!(code == 0 || code == 1, "{said}");
    assert_eq!(names(tmp.path()), ["a", "b", "out"]);
}
