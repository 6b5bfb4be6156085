//! The live peers as sides of a diff: each asks its peer (over HTTP, or through
//! `kubectl`) and turns the answer into the same [`Document`]s the sources compile to.
//! Each module holds one peer; what they share is here.
//!
//! - [`grafana`]: the dashboards of a Grafana (`--grafana URL`), read through
//!   [`grafana_api`], with the fields Grafana adds on save dropped by [`grafana_noise`].
//! - [`prometheus`]: the rules a Prometheus has loaded (`--prometheus URL`).
//! - [`kube`]: the objects in the cluster, through [`kubectl`] (`--kube`) or from a file
//!   (`--live-file`).

pub mod grafana;
pub mod grafana_api;
pub mod grafana_noise;
pub mod kube;
pub mod kubectl;
pub mod prometheus;
use std::collections::BTreeMap;

use super::document::Document;

/// Live documents under the paths the sources write them to, so an object both sides
/// have is matched as it is, not shown as `renamed`; an orphan keeps the name its peer
/// gives it.
pub fn adopt_paths(live: &mut [Document], local: &[Document]) {
    let mut paths: BTreeMap<&str, &str> = BTreeMap::new();
    for doc in local {
        paths.entry(doc.key.as_str()).or_insert(doc.path.as_str());
    }
    for doc in live {
        if let Some(path) = paths.get(doc.key.as_str()) {
            doc.path = (*path).to_string();
        }
    }
}
