//! Every text of a dashboard that Grafana fills variables into, with where it is
//! written: what the variable rules read.

use crate::diagnostic::Span;
use crate::model::{Dashboard, DashboardLinkKind, Item, Panel, VariableKind};

/// One text Grafana interpolates.
pub struct Text<'a> {
    pub text: &'a str,
    /// Where it is written (the string itself where the model knows it).
    pub span: Span,
    /// What it is, for messages: "title", "legend", "link".
    pub what: &'static str,
    /// Whether the resolver already checks its variables (`dac/undeclared-variable`):
    /// queries, variables' queries and `repeat`.
    pub resolved: bool,
}

/// The texts of `d`, in source order of their kinds; `repeat`s count as texts naming
/// their variable.
pub fn texts(d: &Dashboard) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for v in &d.variables {
        if let VariableKind::Query { query } = &v.kind {
            out.push(text(query, v.span, "query", true));
        }
        if let Some(regex) = &v.regex {
            out.push(text(regex, v.span, "regex", false));
        }
    }
    for link in &d.links {
        out.push(text(&link.title, link.span, "link", false));
        if let DashboardLinkKind::Url(url) = &link.kind {
            out.push(text(url, link.span, "link", false));
        }
    }
    for item in &d.items {
        match item {
            Item::Panel(p) => panel(p, &mut out),
            Item::Row(row) => {
                out.push(text(&row.title, row.span, "title", false));
                if let Some(repeat) = &row.repeat {
                    out.push(text(repeat, row.span, "repeat", true));
                }
                for p in &row.panels {
                    panel(p, &mut out);
                }
            }
        }
    }
    out
}

fn panel<'a>(p: &'a Panel, out: &mut Vec<Text<'a>>) {
    out.push(text(&p.title, p.title_span, "title", false));
    if let Some(description) = &p.description {
        out.push(text(description, p.span, "description", false));
    }
    if let Some(content) = &p.content {
        out.push(text(&content.text, p.span, "content", false));
    }
    if let Some(repeat) = &p.repeat {
        out.push(text(repeat, p.span, "repeat", true));
    }
    for link in &p.links {
        out.push(text(&link.title, link.span, "link", false));
        out.push(text(&link.url, link.span, "link", false));
    }
    for t in &p.targets {
        out.push(text(&t.query.text, t.query.span, "query", true));
        if let Some(legend) = &t.legend {
            let span = t.legend_span.unwrap_or(t.span);
            out.push(text(legend, span, "legend", false));
        }
    }
}

fn text<'a>(text: &'a str, span: Span, what: &'static str, resolved: bool) -> Text<'a> {
    Text {
        text,
        span,
        what,
        resolved,
    }
}
