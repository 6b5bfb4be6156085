//! Automatic layout on Grafana's 24-column grid.
//!
//! Panels go left to right and wrap; each lands as high as the panels above it allow
//! (a skyline per column), which is also where Grafana's own vertical compaction would
//! move it, so Grafana shows the layout unchanged. An explicit width, height, x or y
//! wins over the automatic choice.

use serde::Serialize;

use crate::model::{Dashboard, Item, LayoutHint, Panel, PanelKind, Row};

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

    /// Places a panel in its slot, at the `hint`'s position if it has one.
    pub fn place(&mut self, slot: Slot, hint: LayoutHint) -> GridPos {
        let w = slot.w.clamp(1, COLUMNS);
        let h = slot.h.max(1);
        if slot.new_line {
            self.cursor = 0;
        }
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

/// A row header or a panel where the layout put it.
#[derive(Clone, Copy, Debug)]
pub enum Placed<'d> {
    Row(&'d Row, GridPos),
    /// `nested`: a panel of a collapsed row, which Grafana keeps inside the row; its
    /// position is where it shows once the row is expanded.
    Panel {
        panel: &'d Panel,
        pos: GridPos,
        nested: bool,
    },
}

/// Every row header and panel of `dashboard` in reading order, placed. The emitter
/// writes these positions, and resolve checks explicit positions against them.
pub fn dashboard(dashboard: &Dashboard) -> Vec<Placed<'_>> {
    let mut grid = Grid::new();
    let mut out = Vec::new();
    // Top-level panels between rows form containers of their own for sizing.
    let mut pending: Vec<&Panel> = Vec::new();
    for item in &dashboard.items {
        match item {
            Item::Panel(p) => pending.push(p),
            Item::Row(row) => {
                place_all(&pending, &mut grid, false, &mut out);
                pending.clear();
                let pos = grid.row();
                out.push(Placed::Row(row, pos));
                let inner: Vec<&Panel> = row.panels.iter().collect();
                if row.collapsed {
                    // Positioned as if expanded, right under the row header.
                    let mut inside = Grid::starting_at(pos.y + 1);
                    place_all(&inner, &mut inside, true, &mut out);
                } else {
                    place_all(&inner, &mut grid, false, &mut out);
                }
            }
        }
    }
    place_all(&pending, &mut grid, false, &mut out);
    out
}

fn place_all<'d>(panels: &[&'d Panel], grid: &mut Grid, nested: bool, out: &mut Vec<Placed<'d>>) {
    for (panel, slot) in panels.iter().zip(plan(panels)) {
        out.push(Placed::Panel {
            panel,
            pos: grid.place(slot, panel.layout),
            nested,
        });
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

/// Where a panel goes: its size, and whether it starts a new line of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub w: u32,
    pub h: u32,
    pub new_line: bool,
}

/// Sizes of the panels of one container (the dashboard's top level, or one row).
///
/// Stats and gauges are 6 wide, and a run of four or more shares lines of up to six
/// evenly; graphs are 12 wide; tables, text and logs the full width. Panels then fill
/// lines left to right; a line with room left is stretched to the full width, and its
/// panels take the height of its tallest, so no gaps remain. Explicit sizes are kept,
/// and a panel with an explicit `x` stands on a line of its own.
pub fn plan(panels: &[&Panel]) -> Vec<Slot> {
    let auto_w: Vec<bool> = panels
        .iter()
        .map(|p| p.layout.width.is_none() && p.layout.x.is_none())
        .collect();
    let mut slots: Vec<Slot> = panels
        .iter()
        .map(|p| Slot {
            w: p.layout
                .width
                .unwrap_or(base_width(p.kind))
                .clamp(1, COLUMNS),
            h: p.layout.height.unwrap_or_else(|| default_height(p)).max(1),
            new_line: false,
        })
        .collect();
    share_small_runs(panels, &auto_w, &mut slots);

    let mut line: Vec<usize> = Vec::new();
    let mut used = 0;
    for i in 0..panels.len() {
        let alone = panels[i].layout.x.is_some();
        if !line.is_empty() && (alone || used + slots[i].w > COLUMNS) {
            finish_line(&line, panels, &auto_w, &mut slots);
            line.clear();
            used = 0;
        }
        line.push(i);
        used += slots[i].w;
        if alone {
            finish_line(&line, panels, &auto_w, &mut slots);
            line.clear();
            used = 0;
        }
    }
    finish_line(&line, panels, &auto_w, &mut slots);
    slots
}

fn base_width(kind: PanelKind) -> u32 {
    match class(kind) {
        SizeClass::Small => 6,
        SizeClass::Half => COLUMNS / 2,
        SizeClass::Full => COLUMNS,
    }
}

/// Four or more stats in a row share lines of up to six evenly (five are 5, 5, 5, 5, 4).
fn share_small_runs(panels: &[&Panel], auto_w: &[bool], slots: &mut [Slot]) {
    let mut i = 0;
    while i < panels.len() {
        let small = |j: usize| auto_w[j] && class(panels[j].kind) == SizeClass::Small;
        let mut end = i;
        while end < panels.len() && small(end) {
            end += 1;
        }
        let n = end - i;
        if n >= 4 {
            let lines = n.div_ceil(6);
            let mut k = i;
            for line in 0..lines {
                let count = n / lines + usize::from(line < n % lines);
                for (j, w) in share(count).into_iter().enumerate() {
                    slots[k + j].w = w;
                }
                k += count;
            }
        }
        i = end.max(i + 1);
    }
}

/// Stretches a line's automatic widths to fill it, evens out automatic heights, and
/// marks where it starts.
fn finish_line(line: &[usize], panels: &[&Panel], auto_w: &[bool], slots: &mut [Slot]) {
    let Some(&first) = line.first() else {
        return;
    };
    slots[first].new_line = true;
    let used: u32 = line.iter().map(|&i| slots[i].w).sum();
    let stretchable: Vec<usize> = line.iter().copied().filter(|&i| auto_w[i]).collect();
    let base: u32 = stretchable.iter().map(|&i| slots[i].w).sum();
    if used < COLUMNS && base > 0 {
        let slack = COLUMNS - used;
        let mut given = 0;
        for &i in &stretchable {
            let extra = slack * slots[i].w / base;
            slots[i].w += extra;
            given += extra;
        }
        for &i in stretchable.iter().take((slack - given) as usize) {
            slots[i].w += 1;
        }
    }
    let tallest = line.iter().map(|&i| slots[i].h).max().unwrap_or(1);
    for &i in line {
        if panels[i].layout.height.is_none() {
            slots[i].h = tallest;
        }
    }
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
