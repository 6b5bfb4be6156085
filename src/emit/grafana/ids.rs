//! Grafana's spelling of the model's enums: the one place each mapping is written.

use crate::model::{
    ColorScheme, GraphMode, LegendMode, LegendPlacement, Orientation, Reducer, SpecialValue,
    Stacking, VariableSort,
};

/// A field color scheme's `FieldColorModeId`.
pub fn color_scheme(scheme: ColorScheme) -> &'static str {
    match scheme {
        ColorScheme::ContinuousBlPu => "continuous-BlPu",
        ColorScheme::ContinuousBlYlRd => "continuous-BlYlRd",
        ColorScheme::ContinuousBlues => "continuous-blues",
        ColorScheme::ContinuousCividis => "continuous-cividis",
        ColorScheme::ContinuousGrYlRd => "continuous-GrYlRd",
        ColorScheme::ContinuousGreens => "continuous-greens",
        ColorScheme::ContinuousInferno => "continuous-inferno",
        ColorScheme::ContinuousMagma => "continuous-magma",
        ColorScheme::ContinuousPlasma => "continuous-plasma",
        ColorScheme::ContinuousPurples => "continuous-purples",
        ColorScheme::ContinuousRdYlGr => "continuous-RdYlGr",
        ColorScheme::ContinuousReds => "continuous-reds",
        ColorScheme::ContinuousViridis => "continuous-viridis",
        ColorScheme::ContinuousYlBl => "continuous-YlBl",
        ColorScheme::ContinuousYlRd => "continuous-YlRd",
        ColorScheme::Fixed => "fixed",
        ColorScheme::PaletteClassic => "palette-classic",
        ColorScheme::PaletteClassicByName => "palette-classic-by-name",
        ColorScheme::Shades => "shades",
        ColorScheme::Thresholds => "thresholds",
    }
}

/// A reducer's calculation id (`lastNotNull`, `mean`, ...).
pub fn reducer(r: Reducer) -> &'static str {
    match r {
        Reducer::LastNotNull => "lastNotNull",
        Reducer::Last => "last",
        Reducer::FirstNotNull => "firstNotNull",
        Reducer::First => "first",
        Reducer::Mean => "mean",
        Reducer::Max => "max",
        Reducer::Min => "min",
        Reducer::Sum => "sum",
        Reducer::Count => "count",
        Reducer::Range => "range",
        Reducer::Delta => "delta",
        Reducer::Step => "step",
        Reducer::Diff => "diff",
        Reducer::DiffPercent => "diffperc",
        Reducer::LogMin => "logmin",
        Reducer::AllIsZero => "allIsZero",
        Reducer::AllIsNull => "allIsNull",
        Reducer::ChangeCount => "changeCount",
        Reducer::DistinctCount => "distinctCount",
        Reducer::AllValues => "allValues",
        Reducer::UniqueValues => "uniqueValues",
        Reducer::Median => "median",
        Reducer::Variance => "variance",
        Reducer::StdDev => "stdDev",
    }
}

/// What a special value mapping `match`es.
pub fn special_value(v: SpecialValue) -> &'static str {
    match v {
        SpecialValue::Null => "null",
        SpecialValue::NaN => "nan",
        SpecialValue::NullOrNaN => "null+nan",
        SpecialValue::True => "true",
        SpecialValue::False => "false",
        SpecialValue::Empty => "empty",
    }
}

/// A variable's `sort` id.
pub fn variable_sort(s: VariableSort) -> u32 {
    match s {
        VariableSort::None => 0,
        VariableSort::AlphabeticalAsc => 1,
        VariableSort::AlphabeticalDesc => 2,
        VariableSort::NumericalAsc => 3,
        VariableSort::NumericalDesc => 4,
        VariableSort::AlphabeticalCaseInsensitiveAsc => 5,
        VariableSort::AlphabeticalCaseInsensitiveDesc => 6,
        VariableSort::NaturalAsc => 7,
        VariableSort::NaturalDesc => 8,
    }
}

pub fn stacking(s: Stacking) -> &'static str {
    match s {
        Stacking::None => "none",
        Stacking::Normal => "normal",
        Stacking::Percent => "percent",
    }
}

pub fn graph_mode(g: GraphMode) -> &'static str {
    match g {
        GraphMode::Area => "area",
        GraphMode::None => "none",
    }
}

pub fn orientation(o: Orientation) -> &'static str {
    match o {
        Orientation::Auto => "auto",
        Orientation::Horizontal => "horizontal",
        Orientation::Vertical => "vertical",
    }
}

/// The legend's `displayMode`: a hidden legend is a list with `showLegend: false`.
pub fn legend_mode(m: LegendMode) -> &'static str {
    match m {
        LegendMode::List | LegendMode::Hidden => "list",
        LegendMode::Table => "table",
    }
}

pub fn legend_placement(p: LegendPlacement) -> &'static str {
    match p {
        LegendPlacement::Bottom => "bottom",
        LegendPlacement::Right => "right",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_color_scheme_and_reducer_has_its_own_id() {
        let schemes: std::collections::BTreeSet<&str> =
            ColorScheme::ALL.iter().map(|s| color_scheme(*s)).collect();
        assert_eq!(schemes.len(), ColorScheme::ALL.len());
        let reducers: std::collections::BTreeSet<&str> =
            Reducer::ALL.iter().map(|r| reducer(*r)).collect();
        assert_eq!(reducers.len(), Reducer::ALL.len());
    }
}
