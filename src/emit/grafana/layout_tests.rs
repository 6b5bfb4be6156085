use super::*;
use crate::diagnostic::Span;

fn panel(kind: PanelKind) -> Panel {
    Panel::new(kind, "", Span::DUMMY)
}

fn lay_out(panels: &[Panel]) -> Vec<(u32, u32, u32, u32)> {
    let refs: Vec<&Panel> = panels.iter().collect();
    let mut grid = Grid::new();
    plan(&refs)
        .into_iter()
        .zip(panels)
        .map(|(slot, p)| {
            let g = grid.place(slot, p.layout);
            (g.x, g.y, g.w, g.h)
        })
        .collect()
}

#[test]
fn a_run_of_five_stats_shares_one_line() {
    let panels = vec![panel(PanelKind::Stat); 5];
    assert_eq!(
        lay_out(&panels),
        vec![
            (0, 0, 5, 4),
            (5, 0, 5, 4),
            (10, 0, 5, 4),
            (15, 0, 5, 4),
            (20, 0, 4, 4)
        ]
    );
}

#[test]
fn eight_stats_take_two_lines_of_four() {
    let panels = vec![panel(PanelKind::Gauge); 8];
    let placed = lay_out(&panels);
    assert!(placed.iter().all(|p| p.2 == 6));
    assert_eq!(placed[4], (0, 4, 6, 4));
}

#[test]
fn lines_fill_up_and_take_the_height_of_their_tallest() {
    let mut panels = vec![panel(PanelKind::Stat), panel(PanelKind::Stat)];
    panels.extend(vec![panel(PanelKind::Timeseries); 3]);
    panels.push(panel(PanelKind::Table));
    assert_eq!(
        lay_out(&panels),
        vec![
            (0, 0, 6, 8),
            (6, 0, 6, 8),
            (12, 0, 12, 8),
            (0, 8, 12, 8),
            (12, 8, 12, 8),
            (0, 16, 24, 8),
        ]
    );
}

#[test]
fn a_line_with_room_left_is_stretched() {
    let panels = [
        panel(PanelKind::Gauge),
        panel(PanelKind::BarGauge),
        panel(PanelKind::Table),
        panel(PanelKind::Timeseries),
    ];
    assert_eq!(
        lay_out(&panels),
        vec![(0, 0, 8, 8), (8, 0, 16, 8), (0, 8, 24, 8), (0, 16, 24, 8)]
    );
}

#[test]
fn explicit_widths_are_kept_and_the_others_fill_the_line() {
    let mut stat = panel(PanelKind::Stat);
    stat.layout.width = Some(6);
    stat.layout.height = Some(4);
    let panels = [
        stat,
        panel(PanelKind::Timeseries),
        panel(PanelKind::Timeseries),
    ];
    assert_eq!(
        lay_out(&panels),
        vec![(0, 0, 6, 4), (6, 0, 18, 8), (0, 8, 24, 8)]
    );
}

#[test]
fn explicit_sizes_and_positions_win() {
    let mut a = panel(PanelKind::Timeseries);
    a.layout.width = Some(30);
    a.layout.height = Some(3);
    let mut b = panel(PanelKind::Timeseries);
    b.layout.x = Some(20);
    b.layout.width = Some(8);
    let mut c = panel(PanelKind::Stat);
    c.layout.y = Some(40);
    assert_eq!(
        lay_out(&[a, b, c]),
        vec![(0, 0, 24, 3), (16, 3, 8, 8), (0, 40, 24, 4)]
    );
}

#[test]
fn panels_float_up_into_gaps_like_grafana_compacts_them() {
    let mut tall = panel(PanelKind::Timeseries);
    tall.layout.height = Some(12);
    let mut short = panel(PanelKind::Timeseries);
    short.layout.height = Some(8);
    let next = panel(PanelKind::Timeseries);
    let last = panel(PanelKind::Timeseries);
    let placed = lay_out(&[tall, short, next, last]);
    // The third panel wraps to x 0, under the tall one; the fourth fits under the short one.
    assert_eq!(placed[2], (0, 12, 12, 8));
    assert_eq!(placed[3], (12, 8, 12, 8));
}

#[test]
fn rows_start_below_everything() {
    let mut grid = Grid::new();
    let slot = |w, h| Slot {
        w,
        h,
        new_line: false,
    };
    grid.place(slot(12, 8), LayoutHint::default());
    let row = grid.row();
    assert_eq!(
        row,
        GridPos {
            h: 1,
            w: 24,
            x: 0,
            y: 8
        }
    );
    assert_eq!(grid.place(slot(6, 4), LayoutHint::default()).y, 9);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [PanelKind; 8] = [
        PanelKind::Timeseries,
        PanelKind::Stat,
        PanelKind::Gauge,
        PanelKind::BarGauge,
        PanelKind::Table,
        PanelKind::Heatmap,
        PanelKind::Text,
        PanelKind::Logs,
    ];

    fn any_panel() -> impl Strategy<Value = Panel> {
        (
            0..KINDS.len(),
            proptest::option::of(0u32..30),
            proptest::option::of(0u32..12),
        )
            .prop_map(|(k, width, height)| {
                let mut p = panel(KINDS[k]);
                p.layout.width = width;
                p.layout.height = height;
                p
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn automatic_layout_stays_on_the_grid_without_overlaps(
            panels in proptest::collection::vec(any_panel(), 0..30)
        ) {
            let placed = lay_out(&panels);
            for (i, a) in placed.iter().enumerate() {
                prop_assert!(a.2 >= 1 && a.0 + a.2 <= COLUMNS, "{:?}", a);
                prop_assert!(a.3 >= 1);
                for b in &placed[..i] {
                    let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
                    prop_assert!(apart, "{:?} overlaps {:?}", a, b);
                }
                // Nothing free above it: Grafana's vertical compaction leaves it in place.
                let resting = placed[..i]
                    .iter()
                    .filter(|b| b.0 < a.0 + a.2 && a.0 < b.0 + b.2)
                    .map(|b| b.1 + b.3)
                    .max()
                    .unwrap_or(0);
                prop_assert_eq!(a.1, resting, "{:?} floats above the panels under it", a);
            }
        }
    }
}
