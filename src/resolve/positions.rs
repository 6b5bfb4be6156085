//! Explicit `y` positions, checked against the layout the emitter will write: a panel
//! above its own row's header, or over another panel, is an error at its `y`.
//!
//! The automatic layout never overlaps anything; only an explicit `y` can, so each
//! panel with one is compared with everything placed in the same grid (the dashboard's,
//! or a collapsed row's own).

use super::cx::Cx;
use super::error::{ErrorKind, ResolveError};
use crate::diagnostic::Span;
use crate::emit::grafana::layout::{self, GridPos, Placed};
use crate::model::Dashboard;

/// One thing on a grid: where, what it is called in a message, and its `y`, if explicit.
struct Entry {
    grid: usize,
    pos: GridPos,
    name: String,
    span: Span,
    y: Option<Span>,
    /// The y of the header of the row it is in.
    row_y: Option<u32>,
}

/// `y_spans` holds, per panel in reading order, where its `y` is written.
pub fn check(cx: &mut Cx, dashboard: &Dashboard, y_spans: &[Option<Span>]) {
    if y_spans.iter().all(Option::is_none) {
        return;
    }
    let placed = layout::dashboard(dashboard);
    let panels = placed
        .iter()
        .filter(|p| matches!(p, Placed::Panel { .. }))
        .count();
    // A panel or row that did not resolve is missing from the model (and already an
    // error): the spans no longer line up with the panels.
    if panels != y_spans.len() {
        return;
    }
    let entries = entries(&placed, y_spans);
    for (i, e) in entries.iter().enumerate() {
        let Some(y_span) = e.y else { continue };
        if let Some(row_y) = e.row_y
            && e.pos.y <= row_y
        {
            cx.error(y_span, ErrorKind::PanelAboveRow { y: e.pos.y, row_y });
            continue;
        }
        // Against everything before it, and against what comes after without a `y` of
        // its own (a pair of explicit ones is reported once, at the later).
        let other = entries.iter().enumerate().find(|(j, o)| {
            *j != i && (*j < i || o.y.is_none()) && o.grid == e.grid && overlap(o.pos, e.pos)
        });
        if let Some((_, o)) = other {
            cx.errors.push(
                ResolveError::new(
                    y_span,
                    ErrorKind::PanelOverlap {
                        other: o.name.clone(),
                    },
                )
                .with_related(o.span, "overlapped"),
            );
        }
    }
}

fn entries(placed: &[Placed<'_>], y_spans: &[Option<Span>]) -> Vec<Entry> {
    let mut out = Vec::with_capacity(placed.len());
    let mut spans = y_spans.iter();
    let mut row_y = None;
    // Grid 0 is the dashboard's; each collapsed row has its own.
    let mut grids = 0;
    for p in placed {
        match p {
            Placed::Row(row, pos) => {
                row_y = Some(pos.y);
                grids += 1;
                out.push(Entry {
                    grid: 0,
                    pos: *pos,
                    name: format!("row `{}`", row.title),
                    span: row.span,
                    y: None,
                    row_y: None,
                });
            }
            Placed::Panel { panel, pos, nested } => out.push(Entry {
                grid: if *nested { grids } else { 0 },
                pos: *pos,
                name: format!("panel `{}`", panel.title),
                span: panel.span,
                y: spans.next().copied().flatten(),
                row_y,
            }),
        }
    }
    out
}

fn overlap(a: GridPos, b: GridPos) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

#[cfg(test)]
mod tests {
    use super::{GridPos, overlap};

    #[test]
    fn rectangles_overlap_only_when_they_share_a_cell() {
        let at = |x, y, w, h| GridPos { x, y, w, h };
        assert!(overlap(at(0, 0, 12, 8), at(6, 4, 12, 8)));
        assert!(!overlap(at(0, 0, 12, 8), at(12, 0, 12, 8)));
        assert!(!overlap(at(0, 0, 12, 8), at(0, 8, 12, 8)));
        assert!(overlap(at(0, 0, 24, 1), at(3, 0, 2, 2)));
    }
}
