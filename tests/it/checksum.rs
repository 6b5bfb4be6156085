//! The output, byte for byte, of Cryptobot (the repo's own dac.toml and sources) and of a
//! small generated project, pinned by SHA-256. Refactors of the model and the language's
//! schema must not change a single output byte; a change that means to change the output
//! updates the checksum here, in the same commit, saying why.
//!
//! The checksum: for each file of the tree except `.dac-manifest`, sorted by path, the
//! path, a NUL byte, the length as 8 bytes little-endian, and the bytes.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::dac_bin::{crate_root, dac, files, tree};

#[path = "../../benches/support/generate.rs"]
mod generate;

/// Recorded from main before the typed-model and schema refactors (commit c96ced4),
/// then once more when the trade dashboard's second "Portfolio value" panel (a graph
/// beside the stat of that title) became "Portfolio value over time", the fix of
/// `dashboard/panel-title`'s finding; then when Cryptobot's dac.toml moved to
/// `[prometheus] mode = "both"` (issue 11): `prometheus/prometheus.yml` and
/// `kubernetes/prometheus-config.yaml` are new and the kustomization lists the latter;
/// every other file is as it was (mode "operator" then gave 44 files and
/// 19bd4816dac082e706f86ff4cfaec359c8ded8e72d885ec4abe3935d3d814791); then on purpose
/// for alert routing (issue 11): Cryptobot's alerts carry `service` and `team` labels,
/// the Watchdog rule set is new (3 files), and the routing block writes
/// alertmanager.yml, its ConfigMap and the AlertmanagerConfig (3 files).
const CRYPTOBOT: (usize, &str) = (
    52,
    "ecfb92678bc47316373b7a727345b866a10961c25bb3d8fc429df67e40fc1f8d",
);
const GENERATED: (usize, &str) = (
    56,
    "a9fba75a2c9ae41a6cb6e7970815cd4d549bf968345c15ba0236739bd354e983",
);

/// The number of files in the tree at `out` and their checksum (see the module doc).
fn checksum(out: &Path) -> (usize, String) {
    let tree = tree(out);
    let paths: Vec<&str> = files(&tree)
        .into_iter()
        .filter(|p| *p != ".dac-manifest")
        .collect();
    let mut hash = Sha256::new();
    for path in &paths {
        let bytes = &tree[*path];
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let hex = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    (paths.len(), hex)
}

fn assert_same(what: &str, got: (usize, String), want: (usize, &str)) {
    assert_eq!(
        (got.0, got.1.as_str()),
        want,
        "{what}: the output bytes changed; if that is meant, say why and record the new \
         checksum here"
    );
}

#[test]
fn cryptobot_output_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    dac(
        &crate_root(),
        ["build".as_ref(), "-o".as_ref(), out.as_os_str()],
    )
    .expect(0);
    assert_same("Cryptobot", checksum(&out), CRYPTOBOT);
}

#[test]
fn generated_project_output_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let mut by_path = BTreeMap::new();
    for file in generate::generate(20, 10, 200) {
        let path = tmp.path().join("project").join(&file.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &file.text).unwrap();
        by_path.insert(file.path, file.text);
    }
    // The generator is deterministic: the same numbers give the same sources.
    let again: BTreeMap<String, String> = generate::generate(20, 10, 200)
        .into_iter()
        .map(|f| (f.path, f.text))
        .collect();
    assert_eq!(by_path, again);
    dac(tmp.path(), ["build", "project", "-o", "out"]).expect(0);
    assert_same(
        "generated project",
        checksum(&tmp.path().join("out")),
        GENERATED,
    );
}
