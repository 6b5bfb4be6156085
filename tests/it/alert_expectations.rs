//! `expect alert` label sets: a label the alert can never carry is a build error at the
//! label; a label set the alert can carry builds, and promtool's test passes.

use std::process::Command;

use crate::alert_templates::{F, case, failing_build};
use crate::dac_bin::{self, crate_root, dac};

case!(
    expected_label_the_expression_drops,
    "expected_label_dropped.dac",
    [
        (
            "the test expects label `instance` on alert `PaymentsFailing`, which the alert never carries",
            "expected_label_dropped.dac:10:61"
        ),
        (
            "the expression keeps labels {job}",
            "remove `instance` from the expected labels"
        )
    ]
);

#[test]
fn expected_labels_the_alert_carries_build_and_pass_promtool() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let fixture = format!("{F}expected_label_ok.dac");
    dac(
        &crate_root(),
        ["build", fixture.as_str(), "-o", out.to_str().unwrap()],
    )
    .expect(0);
    let run = Command::new(dac_bin::program("PROMTOOL", "promtool"))
        .args(["test", "rules", "payments.test.yml"])
        .current_dir(out.join("prometheus"))
        .output()
        .expect("promtool runs");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
