//! Grafana dashboard JSON, as Grafana itself saves it (schemaVersion 41): every field
//! Grafana writes, keys in its (alphabetical) order, 2-space indentation.

mod fieldconfig;
pub mod layout;
mod options;
mod panel;
mod variables;

use serde::Serialize;
use serde_json::{Value, json};

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Dashboard, DashboardLinkKind, DatasourceRef, GraphTooltip, Item};

use layout::Placed;
use panel::PanelEntry;
use variables::VariableJson;

pub const SCHEMA_VERSION: u32 = 41;

/// Grafana's field color modes (`FieldColorModeId`); a `color_scheme` must be one.
pub const COLOR_MODES: &[&str] = &[
    "continuous-BlPu",
    "continuous-BlYlRd",
    "continuous-blues",
    "continuous-cividis",
    "continuous-GrYlRd",
    "continuous-greens",
    "continuous-inferno",
    "continuous-magma",
    "continuous-plasma",
    "continuous-purples",
    "continuous-RdYlGr",
    "continuous-reds",
    "continuous-viridis",
    "continuous-YlBl",
    "continuous-YlRd",
    "fixed",
    "palette-classic",
    "palette-classic-by-name",
    "shades",
    "thresholds",
];

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
pub fn dashboard_json(dashboard: &Dashboard, diagnostics: &mut Vec<Diagnostic>) -> String {
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
        refresh: dashboard.refresh.clone().unwrap_or_default(),
        schema_version: SCHEMA_VERSION,
        tags: dashboard.tags.clone(),
        templating: Templating {
            list: variables::variables(dashboard, diagnostics),
        },
        time: json!({ "from": dashboard.time_from, "to": dashboard.time_to }),
        timepicker: json!({}),
        timezone: dashboard.timezone.clone(),
        title: dashboard.title.clone(),
        uid: dashboard.uid.clone(),
        version: 1,
        week_start: String::new(),
    };
    check_panels(dashboard, diagnostics);
    // Serializing plain structs and string-keyed maps cannot fail.
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}

/// The field color mode a `color_scheme` names: a mode as Grafana spells it, in any
/// case, with or without its `continuous-` prefix (`GrYlRd`, `continuous-blues`).
pub fn color_mode_id(scheme: &str) -> Option<&'static str> {
    COLOR_MODES.iter().copied().find(|m| {
        m.eq_ignore_ascii_case(scheme)
            || m.strip_prefix("continuous-")
                .is_some_and(|rest| rest.eq_ignore_ascii_case(scheme))
    })
}

/// What would make Grafana's schema reject the dashboard and the resolver let through.
fn check_panels(dashboard: &Dashboard, diagnostics: &mut Vec<Diagnostic>) {
    let panels = dashboard.items.iter().flat_map(|item| match item {
        Item::Panel(p) => std::slice::from_ref(p),
        Item::Row(r) => r.panels.as_slice(),
    });
    for p in panels {
        // A heatmap's scheme is its own (`Blues`, `Spectral`, ...), not a field color mode.
        if let Some(crate::model::ColorMode::Scheme(s)) = &p.display.color_mode
            && p.kind != crate::model::PanelKind::Heatmap
            && color_mode_id(s).is_none()
        {
            diagnostics.push(
                Diagnostic::error(
                    Code::ColorScheme,
                    format!("`{s}` is not a Grafana color scheme"),
                )
                .with_primary(p.span, "in this panel")
                .with_help(format!("use one of: {}", COLOR_MODES.join(", "))),
            );
        }
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
