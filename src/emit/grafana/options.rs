//! `options`: each panel plugin's own settings, with the values Grafana writes for a
//! new panel of that type unless the source says otherwise.

use serde_json::{Value, json};

use crate::model::{Display, Panel, PanelKind};

pub fn options(panel: &Panel) -> Value {
    let d = &panel.display;
    match panel.kind {
        PanelKind::Timeseries => json!({
            "legend": legend(d, true),
            "tooltip": { "hideZeros": false, "mode": "single", "sort": "none" },
        }),
        PanelKind::Stat => json!({
            "colorMode": "value",
            "graphMode": d.graph_mode.as_deref().unwrap_or("area"),
            "justifyMode": "auto",
            "orientation": d.orientation.as_deref().unwrap_or("auto"),
            "percentChangeColorMode": "standard",
            "reduceOptions": reduce(d),
            "showPercentChange": false,
            "textMode": "auto",
            "wideLayout": true,
        }),
        PanelKind::Gauge => json!({
            "minVizHeight": 75,
            "minVizWidth": 75,
            "orientation": d.orientation.as_deref().unwrap_or("auto"),
            "reduceOptions": reduce(d),
            "showThresholdLabels": false,
            "showThresholdMarkers": true,
            "sizing": "auto",
        }),
        PanelKind::BarGauge => json!({
            "displayMode": "gradient",
            "legend": legend(d, false),
            "maxVizHeight": 300,
            "minVizHeight": 16,
            "minVizWidth": 8,
            "namePlacement": "auto",
            "orientation": d.orientation.as_deref().unwrap_or("horizontal"),
            "reduceOptions": reduce(d),
            "showUnfilled": true,
            "sizing": "auto",
            "valueMode": "color",
        }),
        PanelKind::Table => json!({
            "cellHeight": "sm",
            "footer": { "countRows": false, "fields": "", "reducer": ["sum"], "show": false },
            "showHeader": true,
        }),
        PanelKind::Heatmap => {
            let mut y_axis = json!({ "axisPlacement": "left", "reverse": false });
            if let (Some(unit), Some(m)) = (&d.unit, y_axis.as_object_mut()) {
                m.insert("unit".into(), json!(unit));
            }
            json!({
                "calculate": false,
                "cellGap": 1,
                "color": {
                    "exponent": 0.5,
                    "fill": "dark-orange",
                    "mode": "scheme",
                    "reverse": false,
                    "scale": "exponential",
                    "scheme": "Oranges",
                    "steps": 64,
                },
                "exemplars": { "color": "rgba(255,0,255,0.7)" },
                "filterValues": { "le": 1e-9 },
                "legend": { "show": true },
                "rowsFrame": { "layout": "auto" },
                "tooltip": { "mode": "single", "showColorScale": false, "yHistogram": false },
                "yAxis": y_axis,
            })
        }
        PanelKind::Text => {
            let (mode, content) = match &panel.content {
                Some(c) => (
                    if c.markdown { "markdown" } else { "html" },
                    c.text.as_str(),
                ),
                None => ("markdown", ""),
            };
            json!({
                "code": { "language": "plaintext", "showLineNumbers": false, "showMiniMap": false },
                "content": content,
                "mode": mode,
            })
        }
        PanelKind::Logs => json!({
            "dedupStrategy": "none",
            "enableLogDetails": true,
            "prettifyLogMessage": false,
            "showCommonLabels": false,
            "showLabels": false,
            "showTime": false,
            "sortOrder": "Descending",
            "wrapLogMessage": false,
        }),
    }
}

fn reduce(d: &Display) -> Value {
    json!({
        "calcs": [d.reduce.as_deref().unwrap_or("lastNotNull")],
        "fields": "",
        "values": false,
    })
}

/// `hidden` is written the way current Grafana does: list mode, `showLegend: false`.
fn legend(d: &Display, shown_by_default: bool) -> Value {
    let (mode, placement, calcs, show) = match &d.legend {
        Some(l) if l.mode == "hidden" => ("list", l.placement.as_str(), l.calcs.clone(), false),
        Some(l) => (l.mode.as_str(), l.placement.as_str(), l.calcs.clone(), true),
        None => ("list", "bottom", Vec::new(), shown_by_default),
    };
    json!({
        "calcs": calcs,
        "displayMode": mode,
        "placement": placement,
        "showLegend": show,
    })
}
