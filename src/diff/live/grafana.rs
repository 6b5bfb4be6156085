//! A live Grafana as the other side of a diff (`dac diff --grafana URL`).
//!
//! Which dashboards are dac's: those whose uid the sources compile to (each read with
//! `GET /api/dashboards/uid/:uid`; one Grafana does not have is simply not on this side,
//! so it shows as added), and, as orphans, the dashboards `GET /api/search` lists in a
//! folder dac writes to (but the root, `General`, which holds everyone's) or carrying
//! one of the tags given with `--grafana-tag`, that the sources no longer have.
//!
//! Each becomes the [`Document`] `dac build` would have written for it: the
//! `dashboard` of Grafana's answer (without the `meta` envelope), at
//! `grafana/<folder>/<uid>.json` with the folder Grafana has it in, so it is matched
//! with the compiled dashboard by uid, and a dashboard moved to another folder says so.

use std::collections::BTreeSet;

use serde_json::Value;

use super::grafana_api::GrafanaApi;
use crate::diff::document::{Document, Kind};
use crate::diff::side::{Side, SideError};
use crate::layout::slug;

/// As many dashboards a search page as Grafana gives (its documented maximum).
pub const PAGE_SIZE: usize = 5000;

/// The folder Grafana calls its root.
const ROOT_FOLDER: &str = "General";

pub struct Grafana<'a> {
    pub api: GrafanaApi<'a>,
    /// The compiled dashboards: their uid and where `dac build` writes them.
    managed: Vec<(String, String)>,
    /// Live dashboards with one of these tags are dac's too (for orphans).
    pub tags: Vec<String>,
    pub page_size: usize,
}

impl<'a> Grafana<'a> {
    /// The Grafana behind `api`, compared with these compiled documents' dashboards.
    pub fn new(api: GrafanaApi<'a>, compiled: &[Document], tags: Vec<String>) -> Self {
        let mut managed: Vec<(String, String)> = compiled
            .iter()
            .filter(|d| d.kind == Kind::Dashboard)
            .filter_map(|d| {
                let uid = d.body.get("uid")?.as_str()?;
                Some((uid.to_string(), d.path.clone()))
            })
            .collect();
        managed.sort();
        Grafana {
            api,
            managed,
            tags,
            page_size: PAGE_SIZE,
        }
    }

    /// Every dashboard the search lists, page by page until an empty one: a Grafana
    /// may cap a page below the `limit` asked for, so a short page is not the last. A
    /// page that brings nothing new (a server ignoring `page`) ends it too.
    fn search(&self) -> Result<Vec<Value>, String> {
        let mut hits = Vec::new();
        let mut seen = BTreeSet::new();
        for page in 1.. {
            let found = self.api.search(self.page_size, page)?;
            let before = seen.len();
            for hit in &found {
                seen.insert(
                    hit.get("uid")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                );
            }
            if found.is_empty() || seen.len() == before {
                break;
            }
            hits.extend(found);
        }
        Ok(hits)
    }

    /// The folders dac writes dashboards to, as the path's folder segment.
    fn folders(&self) -> BTreeSet<&str> {
        self.managed
            .iter()
            .filter_map(|(_, path)| path.split('/').nth(1))
            .filter(|folder| *folder != slug(ROOT_FOLDER, 63))
            .collect()
    }

    /// The uids of the live dashboards that are dac's but not in the sources.
    fn orphans(&self, hits: &[Value]) -> Vec<String> {
        let folders = self.folders();
        let mut orphans: Vec<String> = hits
            .iter()
            .filter(|hit| hit.get("type").and_then(Value::as_str) == Some("dash-db"))
            .filter_map(|hit| {
                let uid = hit.get("uid")?.as_str()?;
                if self.managed.iter().any(|(m, _)| m == uid) {
                    return None;
                }
                let folder = hit.get("folderTitle").and_then(Value::as_str);
                let in_folder = folder.is_some_and(|f| folders.contains(slug(f, 63).as_str()));
                let tagged = hit
                    .get("tags")
                    .and_then(Value::as_array)
                    .is_some_and(|tags| {
                        tags.iter()
                            .filter_map(Value::as_str)
                            .any(|t| self.tags.iter().any(|mine| mine == t))
                    });
                (in_folder || tagged).then(|| uid.to_string())
            })
            .collect();
        orphans.sort();
        orphans.dedup();
        orphans
    }

    /// The live dashboard `uid` as a document, at the path of `compiled` (or, for an
    /// orphan, where `dac build` would write it) in Grafana's folder for it.
    fn live(&self, uid: &str, compiled: Option<&str>) -> Result<Option<Document>, String> {
        let Some((mut dashboard, meta)) = self.api.dashboard(uid)? else {
            return Ok(None);
        };
        let folder = meta
            .get("folderTitle")
            .and_then(Value::as_str)
            .filter(|f| !f.is_empty())
            .unwrap_or(ROOT_FOLDER);
        let file = compiled
            .and_then(|p| p.rsplit('/').next())
            .map_or_else(|| format!("{}.json", slug(uid, 40)), str::to_string);
        let path = format!("grafana/{}/{file}", slug(folder, 63));
        if let Value::Object(map) = &mut dashboard {
            // What dac's documents are typed by: a dashboard has a uid and panels.
            map.entry("uid").or_insert_with(|| uid.into());
            map.entry("panels")
                .or_insert_with(|| Value::Array(Vec::new()));
        }
        Ok(Some(Document::of(path, dashboard)))
    }
}

impl Side for Grafana<'_> {
    fn label(&self) -> String {
        // Rules and Kubernetes objects are not in Grafana: the report says what it covers.
        format!("Grafana at {} (dashboards only)", self.api.url())
    }

    fn documents(&self) -> Result<Vec<Document>, SideError> {
        let hits = self.search()?;
        let mut docs = Vec::new();
        for (uid, path) in &self.managed {
            docs.extend(self.live(uid, Some(path))?);
        }
        for uid in self.orphans(&hits) {
            docs.extend(self.live(&uid, None)?);
        }
        Ok(docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::live::grafana_api::Credentials;
    use crate::env::FakeHttp;
    use std::time::Duration;

    const BASE: &str = "http://g";

    fn search_url(page: usize) -> String {
        format!("{BASE}/api/search?type=dash-db&limit=2&page={page}")
    }

    fn hit(uid: &str, folder: Option<&str>, tags: &[&str]) -> Value {
        let mut hit =
            serde_json::json!({"uid": uid, "type": "dash-db", "title": uid, "tags": tags});
        if let Some(folder) = folder {
            hit["folderTitle"] = folder.into();
        }
        hit
    }

    fn answer(uid: &str, folder: &str) -> String {
        serde_json::json!({
            "dashboard": {"uid": uid, "title": uid, "panels": [], "id": 7, "version": 3},
            "meta": {"folderTitle": folder, "version": 3}
        })
        .to_string()
    }

    #[test]
    fn managed_dashboards_orphans_by_folder_and_tag_across_pages() {
        let page1 = Value::from(vec![
            hit("mine", Some("Cryptobot"), &[]),
            hit("old", Some("Cryptobot"), &[]),
        ]);
        let page2 = Value::from(vec![
            hit("tagged", None, &["dac"]),
            hit("theirs", Some("Team X"), &["x"]),
        ]);
        let http = FakeHttp::default()
            .answer(&search_url(1), 200, &page1.to_string())
            .answer(&search_url(2), 200, &page2.to_string())
            .answer(&search_url(3), 200, "[]")
            .answer(
                &format!("{BASE}/api/dashboards/uid/mine"),
                200,
                &answer("mine", "Cryptobot"),
            )
            .answer(&format!("{BASE}/api/dashboards/uid/gone"), 404, "{}")
            .answer(
                &format!("{BASE}/api/dashboards/uid/old"),
                200,
                &answer("old", "Cryptobot"),
            )
            .answer(
                &format!("{BASE}/api/dashboards/uid/tagged"),
                200,
                &answer("tagged", "General"),
            );
        let api = GrafanaApi::new(
            &http,
            BASE,
            Credentials::anonymous(),
            None,
            Duration::from_secs(1),
        )
        .unwrap();
        let compiled = [
            Document::of(
                "grafana/cryptobot/mine.json".into(),
                serde_json::json!({"uid": "mine", "panels": []}),
            ),
            Document::of(
                "grafana/cryptobot/gone.json".into(),
                serde_json::json!({"uid": "gone", "panels": []}),
            ),
        ];
        let mut side = Grafana::new(api, &compiled, vec!["dac".to_string()]);
        side.page_size = 2;
        let docs = side.documents().unwrap();
        let got: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| (d.key.as_str(), d.path.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("dashboard/mine", "grafana/cryptobot/mine.json"),
                ("dashboard/old", "grafana/cryptobot/old.json"),
                ("dashboard/tagged", "grafana/general/tagged.json"),
            ]
        );
        assert!(!http.requests().iter().any(|u| u.ends_with("/theirs")));
        assert_eq!(side.label(), "Grafana at http://g (dashboards only)");
    }
}
