//! `dac build` killed with SIGKILL while it writes: the output directory holds the old
//! tree or the new one, never a mix, and the next build removes whatever the killed one
//! left beside it.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::dac_bin::tree;
use crate::output_project::{Pair, Seeded, build, names, pair, spawn};

/// The old tree (project a's build, plus a file of the user's) in `tmp/out`.
fn old_tree(p: &Pair, out: &Path) {
    if out.exists() {
        fs::remove_dir_all(out).unwrap();
    }
    build(&p.a, out).expect(0);
    fs::write(out.join("notes.txt"), "mine\n").unwrap();
}

/// A reference tree with the user's file in it too.
fn with_notes(
    reference: &std::collections::BTreeMap<String, Vec<u8>>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = reference.clone();
    t.insert("notes.txt".into(), b"mine\n".to_vec());
    t
}

fn leftovers(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".out.dac-"))
        .collect()
}

#[test]
fn killed_with_the_new_tree_staged_the_old_tree_stays_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pair(tmp.path(), 3);
    let out = tmp.path().join("out");
    old_tree(&p, &out);
    let mut running = spawn(&p.b, &out, &[], &[("DAC_TEST_PAUSE", "staged:30000")]);
    running.wait_for("paused at staged");
    running.kill();
    assert_eq!(tree(&out), with_notes(&p.tree_a));
    // The staged tree is there, complete: the kill came after every file was written.
    let left = leftovers(tmp.path());
    assert!(
        left.iter().any(|n| n.starts_with(".out.dac-staging-")),
        "{left:?}"
    );
    assert!(left.iter().any(|n| n == ".out.dac-lock"), "{left:?}");

    build(&p.b, &out).expect(0);
    assert_eq!(tree(&out), with_notes(&p.tree_b));
    assert_eq!(names(tmp.path()), ["a", "b", "out"]);
}

#[test]
fn killed_after_the_switch_the_new_tree_is_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pair(tmp.path(), 3);
    let out = tmp.path().join("out");
    old_tree(&p, &out);
    let mut running = spawn(&p.b, &out, &[], &[("DAC_TEST_PAUSE", "switched:30000")]);
    running.wait_for("paused at switched");
    running.kill();
    assert_eq!(tree(&out), with_notes(&p.tree_b));
    // The old tree, swapped out, waits beside it for the next build to remove it.
    let left = leftovers(tmp.path());
    let old: Vec<&String> = left.iter().filter(|n| n.contains("staging")).collect();
    assert_eq!(old.len(), 1, "{left:?}");
    assert_eq!(tree(&tmp.path().join(old[0])), with_notes(&p.tree_a));

    let run = build(&p.b, &out).expect(0);
    assert!(run.stdout.contains(" 0 written"), "{run}");
    assert_eq!(tree(&out), with_notes(&p.tree_b));
    assert_eq!(names(tmp.path()), ["a", "b", "out"]);
}

#[test]
fn killed_at_random_moments_the_tree_is_the_old_or_the_new_never_a_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pair(tmp.path(), 4);
    let out = tmp.path().join("out");
    let (old, new) = (with_notes(&p.tree_a), with_notes(&p.tree_b));

    // How long one build takes here, so the kills spread over all of it.
    old_tree(&p, &out);
    let started = Instant::now();
    build(&p.b, &out).expect(0);
    let span = started.elapsed().as_micros() as u64 + 1_000;

    let mut rng = Seeded(0x5eed_0002);
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..30 {
        old_tree(&p, &out);
        let running = spawn(&p.b, &out, &[], &[]);
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        running.kill();
        let now = tree(&out);
        assert!(now == old || now == new, "round {round}: a mixed tree");
        if now == old {
            saw_old += 1;
        } else {
            saw_new += 1;
        }
        // The next build cleans up after the killed one.
        build(&p.b, &out).expect(0);
        assert_eq!(tree(&out), new, "round {round}");
        assert_eq!(names(tmp.path()), ["a", "b", "out"], "round {round}");
    }
    assert_eq!(saw_old + saw_new, 30);
}
