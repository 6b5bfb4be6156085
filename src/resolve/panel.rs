//! Panels: `timeseries "Title" { ... }` and the other kinds, to [`model::Panel`].

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::dash_cx::{DashCx, repeat_variable};
use super::display::{display_attr, thresholds_mode};
use super::error::ErrorKind;
use super::mapping::mapping;
use super::overrides::override_block;
use super::schema::{Block, keywords};
use super::scope::Scope;
use super::target::target;
use crate::ast::Stmt;
use crate::model::{Panel, PanelKind, PanelLink, TextContent};

fn kind(name: &str) -> PanelKind {
    match name {
        "stat" => PanelKind::Stat,
        "gauge" => PanelKind::Gauge,
        "bargauge" => PanelKind::BarGauge,
        "table" => PanelKind::Table,
        "heatmap" => PanelKind::Heatmap,
        "text" => PanelKind::Text,
        "logs" => PanelKind::Logs,
        _ => PanelKind::Timeseries,
    }
}

pub fn panel(cx: &mut Cx, stmt: &Stmt, dash: &mut DashCx, outer: &Scope) -> Option<Panel> {
    let usage = Block::Panel.form();
    let title = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let kind = kind(&stmt.key.text);
    let mut seen = Seen::of(Block::Panel);
    let mut scope = outer.clone();
    for s in body.stmts.iter().filter(|s| s.key.text == "scope") {
        if let Some(v) = cx.attr(s, &mut seen) {
            scope = scope.with(cx, v);
        }
    }
    let mut p = Panel::new(kind, "", stmt.span);
    let mut content = None;
    let mut markdown = true;
    let mut percentage = false;
    let mut y_span = None;
    let mut stmts = body.stmts.iter().peekable();
    while let Some(s) = stmts.next() {
        let key = s.key.text.as_str();
        if key == "legend" && is_legend_continuation(s) {
            cx.error(s.head_span(), ErrorKind::StrayLegend);
            continue;
        }
        if !keywords::check(cx, s, Block::Panel, kind.plugin_id()) {
            continue;
        }
        match key {
            "scope" => {}
            "query" => {
                // `legend "..."` on the line after a query continues it.
                let legend = stmts.next_if(|n| is_legend_continuation(n));
                let ref_id = ref_id(p.targets.len());
                p.targets
                    .extend(target(cx, s, legend, ref_id, dash, &scope));
            }
            "link" => p.links.extend(link(cx, s)),
            "mapping" => p.mappings.extend(mapping(cx, s)),
            "override" => p.overrides.extend(override_block(cx, s, kind)),
            "description" => p.description = cx.attr(s, &mut seen).and_then(|v| cx.string(v, key)),
            "repeat" => p.repeat = repeat_variable(cx, s, &mut seen, dash),
            "width" | "height" | "x" | "y" => {
                let (min, max) = match key {
                    "width" => (1, 24),
                    "height" => (1, 200),
                    "x" => (0, 23),
                    _ => (0, 100_000),
                };
                let n = cx.attr(s, &mut seen).and_then(|v| {
                    let n = cx.count(v, key, max)?;
                    if n < min {
                        cx.error(
                            v.span,
                            ErrorKind::BadValue {
                                what: key.into(),
                                value: n.to_string(),
                                expected: format!("a whole number from {min} to {max}"),
                            },
                        );
                        return None;
                    }
                    Some(n as u32)
                });
                match key {
                    "width" => p.layout.width = n,
                    "height" => p.layout.height = n,
                    "x" => p.layout.x = n,
                    _ => {
                        p.layout.y = n;
                        y_span = s.value.as_ref().map(|v| v.span);
                    }
                }
            }
            "content" | "mode" => {
                if let Some(v) = cx.attr(s, &mut seen) {
                    if key == "content" {
                        content = cx.string(v, key);
                    } else {
                        markdown = cx.choice(v, key, &["markdown", "html"]) != Some("html");
                    }
                }
            }
            "thresholds_mode" => percentage = thresholds_mode(cx, s, &mut seen),
            // The rest of what the schema admits: display attributes.
            _ => display_attr(cx, s, &mut seen, kind, &mut p.display),
        }
    }
    if let Some(t) = &mut p.display.thresholds {
        t.percentage = percentage;
    }
    if kind == PanelKind::Text {
        p.content = Some(TextContent {
            markdown,
            text: content.unwrap_or_default(),
        });
    }
    p.title = title?;
    if let [h] = stmt.headers.as_slice() {
        p.title_span = h.span;
    }
    if kind == PanelKind::Table && p.targets.is_empty() && !has_query(body) {
        cx.error(
            stmt.head_span(),
            ErrorKind::TableWithoutQuery {
                title: p.title.clone(),
            },
        );
    }
    // Reported up in the order the layout walks panels, for the position checks.
    dash.y_spans.push(y_span);
    // Targets are pushed one by one and each holds a whole query tree; the model keeps
    // every panel, so spare room here adds up in a large project.
    p.targets.shrink_to_fit();
    Some(p)
}

/// Whether the body writes a query, even one that did not resolve (already an error).
fn has_query(body: &crate::ast::Body) -> bool {
    body.stmts.iter().any(|s| s.key.text == "query")
}

/// `legend "FORMAT"` without `=`: the legend of the query before it.
fn is_legend_continuation(stmt: &Stmt) -> bool {
    stmt.key.text == "legend" && stmt.op.is_none() && stmt.headers.len() == 1 && stmt.body.is_none()
}

/// A, B, ..., Z, AA, AB, ...: Grafana's refIds.
pub fn ref_id(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn link(cx: &mut Cx, stmt: &Stmt) -> Option<PanelLink> {
    let usage = Block::PanelLink.form();
    let title = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::PanelLink);
    let mut url = None;
    let mut target_blank = false;
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::PanelLink, "") {
            continue;
        }
        let key = s.key.text.as_str();
        match key {
            "url" => url = cx.attr(s, &mut seen).and_then(|v| cx.string(v, key)),
            "new_tab" => {
                target_blank = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.bool(v, key))
                    .unwrap_or(false)
            }
            _ => keywords::unknown(cx, s, Block::PanelLink, ""),
        }
    }
    let Some(url) = url else {
        cx.error(
            stmt.head_span(),
            ErrorKind::MissingAttribute {
                name: "url",
                context: "this link".into(),
            },
        );
        return None;
    };
    Some(PanelLink {
        title: title?,
        url,
        target_blank,
        span: stmt.span,
    })
}

#[cfg(test)]
mod tests {
    use super::ref_id;

    #[test]
    fn ref_ids_count_like_spreadsheet_columns() {
        assert_eq!(ref_id(0), "A");
        assert_eq!(ref_id(25), "Z");
        assert_eq!(ref_id(26), "AA");
        assert_eq!(ref_id(27), "AB");
        assert_eq!(ref_id(701), "ZZ");
        assert_eq!(ref_id(702), "AAA");
    }
}
