//! Display attributes of panels (and of overrides): unit, thresholds, colors, stacking.

use super::block::step;
use super::color::{checked, color_value};
use super::cx::{Cx, Seen};
use super::error::{ErrorKind, ResolveError};
use super::schema::{Block, keywords};
use super::units;
use crate::ast::{Stmt, Value, ValueKind};
use crate::diagnostic::Span;
use crate::model::{
    ColorMode, ColorScheme, Display, GraphMode, LegendDisplay, LegendMode, LegendPlacement, Millis,
    Orientation, PanelKind, Reducer, Stacking, ThresholdStep, Thresholds,
};
use crate::promql::suggest::did_you_mean;

/// The reducers, as the language names them (Grafana's calculation ids), in the order
/// of [`Reducer::ALL`].
pub const CALCS: [&str; 24] = [
    "lastNotNull",
    "last",
    "firstNotNull",
    "first",
    "mean",
    "max",
    "min",
    "sum",
    "count",
    "range",
    "delta",
    "step",
    "diff",
    "diffperc",
    "logmin",
    "allIsZero",
    "allIsNull",
    "changeCount",
    "distinctCount",
    "allValues",
    "uniqueValues",
    "median",
    "variance",
    "stdDev",
];

/// The field color schemes, as the language names them (Grafana's color mode ids), in
/// the order of [`ColorScheme::ALL`].
pub const COLOR_SCHEMES: [&str; 20] = [
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

/// One of `names`, as the value of the same place in `values`.
fn choice_of<T: Copy, const N: usize>(
    cx: &mut Cx,
    v: &Value,
    what: &str,
    names: &[&'static str; N],
    values: &[T; N],
) -> Option<T> {
    let name = cx.choice(v, what, names)?;
    names.iter().position(|n| *n == name).map(|i| values[i])
}

/// Sets one display attribute of `display` from `stmt`.
pub fn display_attr(
    cx: &mut Cx,
    stmt: &Stmt,
    seen: &mut Seen,
    kind: PanelKind,
    display: &mut Display,
) {
    let key = stmt.key.text.as_str();
    let Some(v) = cx.attr(stmt, seen) else { return };
    match key {
        "unit" => display.unit = unit(cx, v),
        "decimals" => display.decimals = cx.count(v, key, 20).map(|n| n as u32),
        "min" => display.min = cx.number(v, key),
        "max" => display.max = cx.number(v, key),
        "thresholds" => display.thresholds = thresholds(cx, v),
        "color" => display.color_mode = color(cx, v),
        "color_scheme" => display.color_mode = color_scheme(cx, v, kind),
        "stack" => display.stacking = stacking(cx, v),
        "fill" => display.fill = cx.count(v, key, 100).map(|n| n as u32),
        "line_width" => display.line_width = cx.count(v, key, 10).map(|n| n as u32),
        "reduce" => display.reduce = choice_of(cx, v, key, &CALCS, &Reducer::ALL),
        "graph_mode" => {
            display.graph_mode = choice_of(
                cx,
                v,
                key,
                &["area", "none"],
                &[GraphMode::Area, GraphMode::None],
            )
        }
        "orientation" => {
            display.orientation = choice_of(
                cx,
                v,
                key,
                &["auto", "horizontal", "vertical"],
                &[
                    Orientation::Auto,
                    Orientation::Horizontal,
                    Orientation::Vertical,
                ],
            )
        }
        "legend" => display.legend = legend(cx, v),
        "max_data_points" => {
            display.max_data_points = cx.count(v, key, 1_000_000).map(|n| n as u32)
        }
        "min_interval" => display.min_interval = step(cx, v, key),
        "time_from" => display.time_from = cx.duration(v, key).map(Millis),
        // The panel's schema admits nothing else: a row of it that gets here is not read.
        _ => keywords::unknown(cx, stmt, Block::Panel, kind.plugin_id()),
    }
}

/// `thresholds_mode = absolute | percentage`: whether thresholds are percentages.
pub fn thresholds_mode(cx: &mut Cx, stmt: &Stmt, seen: &mut Seen) -> bool {
    cx.attr(stmt, seen)
        .and_then(|v| cx.choice(v, "thresholds_mode", &["absolute", "percentage"]))
        == Some("percentage")
}

pub fn unit(cx: &mut Cx, v: &Value) -> Option<String> {
    let unit = cx.string(v, "unit")?;
    if units::is_known(&unit) {
        return Some(unit);
    }
    let suggestion = did_you_mean(&unit, units::UNITS.iter().copied()).map(str::to_string);
    cx.error(v.span, ErrorKind::UnknownUnit { unit, suggestion });
    None
}

/// `[BASE, VALUE: COLOR, ...]`.
pub fn thresholds(cx: &mut Cx, v: &Value) -> Option<Thresholds> {
    let ValueKind::List(items) = &v.kind else {
        cx.wrong_type(v, "thresholds", "a list such as `[green, 80: red]`");
        return None;
    };
    let mut steps = Vec::with_capacity(items.len());
    // The value and place of the step before, for the order check.
    let mut previous: Option<(f64, Span)> = None;
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let value = match &item.key {
            Some(k) => {
                let n = cx.number(k, "threshold")?;
                if let Some((p, at)) = previous
                    && n <= p
                {
                    cx.errors.push(
                        ResolveError::new(
                            k.span,
                            ErrorKind::ThresholdsOrder {
                                value: format!("{n}"),
                                previous: format!("{p}"),
                            },
                        )
                        .with_related(at, "the threshold before"),
                    );
                }
                previous = Some((n, k.span));
                Some(n)
            }
            None if i == 0 => None,
            None => {
                cx.error(
                    item.span,
                    ErrorKind::BadValue {
                        what: "thresholds".into(),
                        value: "a color without a value".into(),
                        expected: "`VALUE: COLOR` after the base color, e.g. `80: red`".into(),
                    },
                );
                continue;
            }
        };
        // Every bad color is reported, not only the first.
        match color_value(cx, &item.value, "threshold color") {
            Some(color) => steps.push(ThresholdStep { value, color }),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(Thresholds {
        percentage: false,
        steps,
    })
}

pub fn color(cx: &mut Cx, v: &Value) -> Option<ColorMode> {
    let word = cx.word(v, "color")?;
    Some(match word.as_str() {
        "palette_classic" => ColorMode::PaletteClassic,
        "thresholds" => ColorMode::Thresholds,
        _ => ColorMode::Fixed(checked(cx, v, word)?),
    })
}

pub fn stacking(cx: &mut Cx, v: &Value) -> Option<Stacking> {
    choice_of(
        cx,
        v,
        "stack",
        &["none", "normal", "percent"],
        &[Stacking::None, Stacking::Normal, Stacking::Percent],
    )
}

/// `color_scheme = "GrYlRd"`: a field color scheme, in any case, with or without its
/// `continuous-` prefix. A heatmap's schemes are its own (`Blues`, `Spectral`, ...) and
/// kept as written.
fn color_scheme(cx: &mut Cx, v: &Value, kind: PanelKind) -> Option<ColorMode> {
    let scheme = cx.string(v, "color_scheme")?;
    if kind == PanelKind::Heatmap {
        return Some(ColorMode::HeatmapScheme(scheme));
    }
    let found = COLOR_SCHEMES.iter().position(|m| {
        m.eq_ignore_ascii_case(&scheme)
            || m.strip_prefix("continuous-")
                .is_some_and(|rest| rest.eq_ignore_ascii_case(&scheme))
    });
    if let Some(i) = found {
        return Some(ColorMode::Scheme(ColorScheme::ALL[i]));
    }
    let suggestion = did_you_mean(&scheme, COLOR_SCHEMES.iter().copied()).map(str::to_string);
    cx.error(
        v.span,
        ErrorKind::UnknownColorScheme {
            scheme,
            suggestion,
            known: COLOR_SCHEMES
                .iter()
                .map(|m| m.strip_prefix("continuous-").unwrap_or(m))
                .collect::<Vec<_>>()
                .join(", "),
        },
    );
    None
}

fn legend(cx: &mut Cx, v: &Value) -> Option<LegendDisplay> {
    let ValueKind::Map(body) = &v.kind else {
        cx.wrong_type(v, "legend", "a map `{ mode = table, placement = right }`");
        return None;
    };
    let mut out = LegendDisplay {
        mode: LegendMode::List,
        placement: LegendPlacement::Bottom,
        calcs: Vec::new(),
    };
    let mut seen = Seen::of(Block::Legend);
    for s in &body.stmts {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Legend, "") {
            continue;
        }
        let Some(a) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "mode" => {
                let modes = [LegendMode::List, LegendMode::Table, LegendMode::Hidden];
                if let Some(m) = choice_of(cx, a, key, &["list", "table", "hidden"], &modes) {
                    out.mode = m;
                }
            }
            "placement" => {
                let places = [LegendPlacement::Bottom, LegendPlacement::Right];
                if let Some(p) = choice_of(cx, a, key, &["bottom", "right"], &places) {
                    out.placement = p;
                }
            }
            "calcs" => {
                out.calcs = cx
                    .list(a, key, |cx, item| {
                        choice_of(cx, item, "calcs", &CALCS, &Reducer::ALL)
                    })
                    .unwrap_or_default()
            }
            _ => keywords::unknown(cx, s, Block::Legend, ""),
        }
    }
    Some(out)
}
