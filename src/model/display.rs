//! What a panel shows and how: units, bounds, colors, stacking, legend, reduction.
//! Meaning only; emitters spell it the way their format does.

use super::Millis;

/// The display settings of a panel. `None` leaves the output format's own default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Display {
    /// A unit id from the language's unit list (`s`, `percentunit`, `reqps`, ...).
    pub unit: Option<String>,
    pub decimals: Option<u32>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub thresholds: Option<Thresholds>,
    pub color_mode: Option<ColorMode>,
    pub stacking: Option<Stacking>,
    /// Fill opacity, 0 to 100.
    pub fill: Option<u32>,
    pub line_width: Option<u32>,
    /// How a stat, gauge or bar gauge reduces each series to one value.
    pub reduce: Option<Reducer>,
    pub legend: Option<LegendDisplay>,
    pub graph_mode: Option<GraphMode>,
    pub orientation: Option<Orientation>,
    pub max_data_points: Option<u32>,
    pub min_interval: Option<Step>,
    pub time_from: Option<Millis>,
}

/// A query step: a duration, or text the datasource reads as one (`$__interval`,
/// `$step`), kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Duration(Millis),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    pub percentage: bool,
    /// The first step has no value: it is the base, below every other step.
    pub steps: Vec<ThresholdStep>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThresholdStep {
    pub value: Option<f64>,
    pub color: String,
}

/// How the values of a panel are colored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColorMode {
    /// A color per series from the classic palette.
    PaletteClassic,
    /// The color of the threshold step the value falls in.
    Thresholds,
    /// One color.
    Fixed(String),
    /// A named field color scheme (`color_scheme` on any panel but a heatmap).
    Scheme(ColorScheme),
    /// A heatmap's own cell color scheme (`Oranges`, `Spectral`, ...), as written.
    HeatmapScheme(String),
}

/// The field color schemes a `color_scheme` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColorScheme {
    ContinuousBlPu,
    ContinuousBlYlRd,
    ContinuousBlues,
    ContinuousCividis,
    ContinuousGrYlRd,
    ContinuousGreens,
    ContinuousInferno,
    ContinuousMagma,
    ContinuousPlasma,
    ContinuousPurples,
    ContinuousRdYlGr,
    ContinuousReds,
    ContinuousViridis,
    ContinuousYlBl,
    ContinuousYlRd,
    Fixed,
    PaletteClassic,
    PaletteClassicByName,
    Shades,
    Thresholds,
}

impl ColorScheme {
    pub const ALL: [ColorScheme; 20] = [
        ColorScheme::ContinuousBlPu,
        ColorScheme::ContinuousBlYlRd,
        ColorScheme::ContinuousBlues,
        ColorScheme::ContinuousCividis,
        ColorScheme::ContinuousGrYlRd,
        ColorScheme::ContinuousGreens,
        ColorScheme::ContinuousInferno,
        ColorScheme::ContinuousMagma,
        ColorScheme::ContinuousPlasma,
        ColorScheme::ContinuousPurples,
        ColorScheme::ContinuousRdYlGr,
        ColorScheme::ContinuousReds,
        ColorScheme::ContinuousViridis,
        ColorScheme::ContinuousYlBl,
        ColorScheme::ContinuousYlRd,
        ColorScheme::Fixed,
        ColorScheme::PaletteClassic,
        ColorScheme::PaletteClassicByName,
        ColorScheme::Shades,
        ColorScheme::Thresholds,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stacking {
    None,
    Normal,
    Percent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendDisplay {
    pub mode: LegendMode,
    pub placement: LegendPlacement,
    /// Calculations shown in the legend.
    pub calcs: Vec<Reducer>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LegendMode {
    #[default]
    List,
    Table,
    Hidden,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LegendPlacement {
    #[default]
    Bottom,
    Right,
}

/// A stat or gauge's sparkline: under the value, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphMode {
    Area,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Auto,
    Horizontal,
    Vertical,
}

/// A calculation that reduces a series to one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reducer {
    LastNotNull,
    Last,
    FirstNotNull,
    First,
    Mean,
    Max,
    Min,
    Sum,
    Count,
    Range,
    Delta,
    Step,
    Diff,
    DiffPercent,
    LogMin,
    AllIsZero,
    AllIsNull,
    ChangeCount,
    DistinctCount,
    AllValues,
    UniqueValues,
    Median,
    Variance,
    StdDev,
}

impl Reducer {
    pub const ALL: [Reducer; 24] = [
        Reducer::LastNotNull,
        Reducer::Last,
        Reducer::FirstNotNull,
        Reducer::First,
        Reducer::Mean,
        Reducer::Max,
        Reducer::Min,
        Reducer::Sum,
        Reducer::Count,
        Reducer::Range,
        Reducer::Delta,
        Reducer::Step,
        Reducer::Diff,
        Reducer::DiffPercent,
        Reducer::LogMin,
        Reducer::AllIsZero,
        Reducer::AllIsNull,
        Reducer::ChangeCount,
        Reducer::DistinctCount,
        Reducer::AllValues,
        Reducer::UniqueValues,
        Reducer::Median,
        Reducer::Variance,
        Reducer::StdDev,
    ];
}
