//! Grafana dashboard JSON, as Grafana itself saves it (schemaVersion 41): every field
//! Grafana writes, keys in its (alphabetical) order, 2-space indentation.

mod fieldconfig;
mod ids;
pub mod layout;
mod options;
mod panel;
mod variables;

use serde::Serialize;
use serde_json::{Value, json};

use super::duration;
use crate::model::{Dashboard, DashboardLinkKind, DatasourceRef, GraphTooltip, TimePoint};

use layout::Placed;
use panel::PanelEntry;
use variables::VariableJson;

pub const SCHEMA_VERSION: u32 = 41;

/// Fields in the order Grafana saves them (sorted by name).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DashboardJson {
    annotations: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    editable: bool,
    fiscal_year_start_month: u32,
    graph_tooltip: u8,
    /// `null`: Grafana assigns its own id on import and provisioning.
    id: Option<u32>,
    links: Vec<Value>,
    panels: Vec<PanelEntry>,
    refresh: String,
    schema_version: u32,
    tags: Vec<String>,
    templating: Templating,
    time: Value,
    timepicker: Value,
    timezone: String,
    title: String,
    uid: String,
    version: u32,
    week_start: String,
}

#[derive(Debug, Serialize)]
struct Templating {
    list: Vec<VariableJson>,
}

/// The `datasource` of panels, targets and query variables.
pub(crate) fn datasource_json(ds: &DatasourceRef) -> Value {
    match ds {
        DatasourceRef::Variable(name) => {
            json!({ "type": "prometheus", "uid": format!("${{{name}}}") })
        }
        DatasourceRef::Uid(uid) => json!({ "type": "prometheus", "uid": uid }),
    }
}

/// The dashboard as pretty JSON with a trailing newline.
pub fn dashboard_json(dashboard: &Dashboard) -> String {
    let json = DashboardJson {
        annotations: json!({ "list": [builtin_annotation()] }),
        description: dashboard.description.clone(),
        editable: true,
        fiscal_year_start_month: 0,
        graph_tooltip: match dashboard.graph_tooltip {
            GraphTooltip::Default => 0,
            GraphTooltip::SharedCrosshair => 1,
            GraphTooltip::SharedTooltip => 2,
        },
        id: None,
        links: dashboard.links.iter().map(link).collect(),
        panels: panels(dashboard),
        refresh: dashboard.refresh.map(duration::grafana).unwrap_or_default(),
        schema_version: SCHEMA_VERSION,
        tags: dashboard.tags.clone(),
        templating: Templating {
            list: variables::variables(dashboard),
        },
        time: json!({ "from": time_point(&dashboard.time.from), "to": time_point(&dashboard.time.to) }),
        timepicker: json!({}),
        timezone: dashboard.timezone.clone(),
        title: dashboard.title.clone(),
        uid: dashboard.uid.clone(),
        version: 1,
        week_start: String::new(),
    };
    // Serializing plain structs and string-keyed maps cannot fail.
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}

/// One end of the time range in Grafana's time syntax: `now`, `now-6h`.
fn time_point(p: &TimePoint) -> String {
    match p {
        TimePoint::Now => "now".to_string(),
        TimePoint::Ago(d) => format!("now-{}", duration::grafana(*d)),
        TimePoint::Written(text) => text.clone(),
    }
}

/// "Annotations & Alerts": the annotation Grafana adds to every dashboard.
fn builtin_annotation() -> Value {
    json!({
        "builtIn": 1,
        "datasource": { "type": "grafana", "uid": "-- Grafana --" },
        "enable": true,
        "hide": true,
        "iconColor": "rgba(0, 211, 255, 1)",
        "name": "Annotations & Alerts",
        "type": "dashboard",
    })
}

fn link(l: &crate::model::DashboardLink) -> Value {
    let (kind, url, tags) = match &l.kind {
        DashboardLinkKind::Url(url) => ("link", url.clone(), Vec::new()),
        DashboardLinkKind::Dashboards { tags } => ("dashboards", String::new(), tags.clone()),
    };
    json!({
        "asDropdown": l.as_dropdown,
        "icon": l.icon.clone().unwrap_or_else(|| "external link".to_string()),
        "includeVars": l.include_vars,
        "keepTime": l.keep_time,
        "tags": tags,
        "targetBlank": l.target_blank,
        "title": l.title,
        "tooltip": l.tooltip.clone().unwrap_or_default(),
        "type": kind,
        "url": url,
    })
}

/// Every panel and row where the layout puts it, numbered 1, 2, ... in reading order;
/// the panels of a collapsed row inside it.
fn panels(dashboard: &Dashboard) -> Vec<PanelEntry> {
    let mut out = Vec::new();
    for (placed, id) in layout::dashboard(dashboard).into_iter().zip(1..) {
        match placed {
            Placed::Row(row, pos) => {
                out.push(PanelEntry::Row(panel::row(row, id, pos, Vec::new())))
            }
            Placed::Panel {
                panel: p,
                pos,
                nested,
            } => {
                let json = panel::panel(p, id, pos, &dashboard.datasource);
                match out.last_mut() {
                    Some(PanelEntry::Row(row)) if nested => row.panels.push(json),
                    _ => out.push(PanelEntry::Panel(Box::new(json))),
                }
            }
        }
    }
    out
}
