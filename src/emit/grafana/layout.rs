//! Automatic layout on Grafana's 24-column grid.
//!
//! Panels go left to right and wrap; each lands as high as the panels above it allow
//! (a skyline per column), which is also where Grafana's own vertical compaction would
//! move it, so Grafana shows the layout unchanged. An explicit width, height, x or y
//! wins over the automatic choice.

use serde::Serialize;

use crate::model::{LayoutHint, Panel, PanelKind};

pub const COLUMNS: u32 = 24;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GridPos {
    pub h: u32,
    pub w: u32,
    pub x: u32,
    pub y: u32,
}

/// The grid filled so far: per column, the first free row.
#[derive(Clone, Debug)]
pub struct Grid {
    columns: [u32; COLUMNS as usize],
    cursor: u32,
}

impl Grid {
    pub fn new() -> Grid {
        Grid::starting_at(0)
    }

    /// An empty grid whose first free row is `y` (the panels of a collapsed row).
    pub fn starting_at(y: u32) -> Grid {
        Grid {
            columns: [y; COLUMNS as usize],
            cursor: 0,
        }
    }

    pub fn bottom(&self) -> u32 {
        self.columns.iter().copied().max().unwrap_or(0)
    }

    /// A row header: full width, height 1, below everything so far.
    pub fn row(&mut self) -> GridPos {
        let y = self.bottom();
        self.columns = [y + 1; COLUMNS as usize];
        self.cursor = 0;
        GridPos {
            h: 1,
            w: COLUMNS,
            x: 0,
            y,
        }
    }

    /// Places a panel of automatic size `(w, h)` under the `hint`'s overrides.
    pub fn place(&mut self, size: (u32, u32), hint: LayoutHint) -> GridPos {
        let w = hint.width.unwrap_or(size.0).clamp(1, COLUMNS);
        let h = hint.height.unwrap_or(size.1).max(1);
        let x = match hint.x {
            Some(x) => x.min(COLUMNS - w),
            None if self.cursor + w > COLUMNS => 0,
            None => self.cursor,
        };
        let span = &mut self.columns[x as usize..(x + w) as usize];
        let y = hint
            .y
            .unwrap_or_else(|| span.iter().copied().max().unwrap_or(0));
        for c in span.iter_mut() {
            *c = (*c).max(y + h);
        }
        self.cursor = x + w;
        GridPos { h, w, x, y }
    }
}

impl Default for Grid {
    fn default() -> Self {
        Grid::new()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SizeClass {
    /// Stat and gauge: side by side in a strip.
    Small,
    /// Graphs: two per line.
    Half,
    /// Tables, text, logs: the full width.
    Full,
}

fn class(kind: PanelKind) -> SizeClass {
    match kind {
        PanelKind::Stat | PanelKind::Gauge => SizeClass::Small,
        PanelKind::Timeseries | PanelKind::BarGauge | PanelKind::Heatmap => SizeClass::Half,
        PanelKind::Table | PanelKind::Text | PanelKind::Logs => SizeClass::Full,
    }
}

fn default_height(panel: &Panel) -> u32 {
    match panel.kind {
        PanelKind::Stat | PanelKind::Gauge => 4,
        PanelKind::Logs => 10,
        PanelKind::Text => {
            // About 0.6 grid units per line of text, plus the title.
            let lines = panel
                .content
                .as_ref()
                .map_or(1, |c| c.text.lines().count().max(1));
            u32::try_from(lines * 3 / 5 + 2).unwrap_or(16).clamp(3, 16)
        }
        _ => 8,
    }
}

/// Automatic `(width, height)` of each panel of one container (the dashboard's top
/// level or one row). A run of small panels shares lines of up to six evenly; a run of
/// graphs goes two per line, an odd last one taking the whole line.
pub fn auto_sizes(panels: &[&Panel]) -> Vec<(u32, u32)> {
    let mut sizes: Vec<(u32, u32)> = panels
        .iter()
        .map(|p| (COLUMNS, default_height(p)))
        .collect();
    let mut i = 0;
    while i < panels.len() {
        let c = class(panels[i].kind);
        let mut end = i;
        while end < panels.len()
            && class(panels[end].kind) == c
            && panels[end].layout.width.is_none()
            && panels[end].layout.x.is_none()
        {
            end += 1;
        }
        if end == i {
            i += 1;
            continue;
        }
        let n = end - i;
        match c {
            SizeClass::Small => {
                let lines = n.div_ceil(6);
                let mut k = i;
                for line in 0..lines {
                    let count = n / lines + usize::from(line < n % lines);
                    for (j, w) in share(count).into_iter().enumerate() {
                        sizes[k + j].0 = w;
                    }
                    k += count;
                }
            }
            SizeClass::Half => {
                for j in 0..n {
                    let last_odd = n % 2 == 1 && j == n - 1;
                    sizes[i + j].0 = if last_odd { COLUMNS } else { COLUMNS / 2 };
                }
            }
            SizeClass::Full => {}
        }
        i = end;
    }
    sizes
}

/// 24 columns shared by `count` panels, the first ones one column wider when it does
/// not divide evenly.
fn share(count: usize) -> Vec<u32> {
    let count = u32::try_from(count.max(1)).unwrap_or(1).min(COLUMNS);
    (0..count)
        .map(|j| COLUMNS / count + u32::from(j < COLUMNS % count))
        .collect()
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
