//! Inline suppressions (`# dac: disable RULE -- reason`) run as a user runs them: what
//! they cover (the block after them, or the file from its top comments), and the
//! findings about them (no reason, nothing suppressed, an unknown rule, no place).

use crate::dac_bin::{crate_root, dac};

#[test]
fn suppressions_cover_their_block_or_file_and_report_their_own_faults() {
    let run = dac(
        &crate_root(),
        ["lint", "tests/fixtures/lint/suppressions.dac"],
    )
    .expect(0);
    let stderr = &run.stderr;
    // Suppressed: the Watchdog's two findings (by the comment before it) and the
    // recording rule's name (by the comment at the top of the file).
    assert!(!stderr.contains("Watchdog"), "{run}");
    assert!(!stderr.contains("record/name"), "{run}");
    // The suppression without a reason still suppresses, and is a finding itself.
    assert!(
        !stderr.contains("`PaymentsFailing` has no summary"),
        "{run}"
    );
    assert!(stderr.contains("suppressions.dac:15:5"), "{run}");
    assert_eq!(
        stderr.matches("warning[lint/suppression-reason]").count(),
        1,
        "{run}"
    );
    // Three suppress nothing: nothing to find, an unknown rule, no block after it.
    assert_eq!(
        stderr.matches("warning[lint/unused-suppression]").count(),
        3,
        "{run}"
    );
    assert!(stderr.contains("did you mean `alert/summary`?"), "{run}");
    // The misspelt one did not suppress the finding it was meant for.
    assert!(stderr.contains("`PaymentsStuck` has no summary"), "{run}");
    assert_eq!(run.stdout, "lint: 0 error(s), 5 warning(s), 0 info(s)\n");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn suppression_findings_follow_the_settings() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("dac.toml"),
        "[lint]\ndisable = [\"lint/unused-suppression\"]\n[lint.severity]\n\"lint/suppression-reason\" = \"error\"\n",
    )
    .unwrap();
    std::fs::copy(
        crate_root().join("tests/fixtures/lint/suppressions.dac"),
        tmp.path().join("a.dac"),
    )
    .unwrap();
    let run = dac(tmp.path(), ["lint"]).expect(1);
    assert!(
        run.stderr.contains("error[lint/suppression-reason]"),
        "{run}"
    );
    assert!(!run.stderr.contains("lint/unused-suppression"), "{run}");
}
