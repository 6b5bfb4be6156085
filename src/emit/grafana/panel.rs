//! One panel (or row) of a dashboard as Grafana saves it.

use serde::Serialize;
use serde_json::{Value, json};

use crate::emit::duration;
use crate::model::{DatasourceRef, Panel, PanelKind, QueryKind, Row, TargetFormat};

use super::datasource_json;
use super::fieldconfig::{FieldConfigJson, field_config};
use super::layout::GridPos;
use super::options::{Options, options};

/// The Grafana release whose panel plugins wrote these options; Grafana runs a panel's
/// migrations only when its `pluginVersion` is older than the running plugin.
pub const PLUGIN_VERSION: &str = "12.0.0";

/// Fields in the order Grafana saves them (sorted by name).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PanelJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    datasource: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    field_config: FieldConfigJson,
    grid_pos: GridPos,
    id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_data_points: Option<u32>,
    options: Options,
    plugin_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    repeat: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repeat_direction: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    targets: Option<Vec<TargetJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_from: Option<String>,
    title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    transformations: Vec<Value>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetJson {
    datasource: Value,
    editor_mode: &'static str,
    exemplar: bool,
    expr: String,
    format: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hide: bool,
    instant: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<String>,
    legend_format: String,
    range: bool,
    ref_id: String,
}

#[derive(Debug, Serialize)]
pub struct RowJson {
    pub collapsed: bool,
    #[serde(rename = "gridPos")]
    pub grid_pos: GridPos,
    pub id: u32,
    pub panels: Vec<PanelJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<String>,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// A dashboard's `panels` entry: a panel, or a row (whose panels sit inside it only
/// when it is collapsed).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PanelEntry {
    Panel(Box<PanelJson>),
    Row(RowJson),
}

pub fn row(row: &Row, id: u32, grid_pos: GridPos, panels: Vec<PanelJson>) -> RowJson {
    RowJson {
        collapsed: row.collapsed,
        grid_pos,
        id,
        panels,
        repeat: row.repeat.clone(),
        title: row.title.clone(),
        kind: "row",
    }
}

pub fn panel(panel: &Panel, id: u32, grid_pos: GridPos, datasource: &DatasourceRef) -> PanelJson {
    let has_queries = !matches!(panel.kind, PanelKind::Text);
    let ds = datasource_json(datasource);
    let targets = has_queries.then(|| {
        panel
            .targets
            .iter()
            .map(|t| TargetJson {
                datasource: ds.clone(),
                editor_mode: "code",
                exemplar: false,
                expr: t.query.text.clone(),
                format: match t.format {
                    TargetFormat::TimeSeries => "time_series",
                    TargetFormat::Table => "table",
                    TargetFormat::Heatmap => "heatmap",
                },
                hide: t.hide,
                instant: matches!(t.kind, QueryKind::Instant | QueryKind::Both),
                interval: t.interval.as_ref().map(duration::grafana_step),
                legend_format: t.legend.clone().unwrap_or_else(|| "__auto".to_string()),
                range: matches!(t.kind, QueryKind::Range | QueryKind::Both),
                ref_id: t.ref_id.clone(),
            })
            .collect()
    });
    // A table of several queries shows one row per series only once they are merged.
    let transformations = if panel.kind == PanelKind::Table && panel.targets.len() > 1 {
        vec![json!({ "id": "merge", "options": {} })]
    } else {
        Vec::new()
    };
    let d = &panel.display;
    PanelJson {
        datasource: has_queries.then_some(ds),
        description: panel.description.clone(),
        field_config: field_config(panel),
        grid_pos,
        id,
        interval: d.min_interval.as_ref().map(duration::grafana_step),
        links: panel
            .links
            .iter()
            .map(|l| {
                // The saved shape of a panel link is a dashboard link of type `link`.
                json!({
                    "asDropdown": false,
                    "icon": "external link",
                    "includeVars": false,
                    "keepTime": false,
                    "tags": [],
                    "targetBlank": l.target_blank,
                    "title": l.title,
                    "tooltip": "",
                    "type": "link",
                    "url": l.url,
                })
            })
            .collect(),
        max_data_points: d.max_data_points,
        options: options(panel),
        plugin_version: PLUGIN_VERSION,
        repeat: panel.repeat.clone(),
        repeat_direction: panel.repeat.as_ref().map(|_| "h"),
        targets,
        time_from: d.time_from.map(duration::grafana),
        title: panel.title.clone(),
        transformations,
        kind: panel.kind.plugin_id(),
    }
}
