//! Field overrides: display settings for the series a matcher picks.

use super::{ColorMode, Stacking, Thresholds};
use crate::diagnostic::Span;

/// Field overrides for the series a matcher picks.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub matcher: OverrideMatcher,
    pub properties: Vec<OverrideProperty>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverrideMatcher {
    /// The series whose display name is this.
    Name(String),
    /// The series whose display name matches this regex.
    Regex(String),
}

/// One setting an override changes, in source order.
#[derive(Clone, Debug, PartialEq)]
pub enum OverrideProperty {
    Unit(String),
    Decimals(u32),
    Min(f64),
    Max(f64),
    /// Fill opacity, 0 to 100.
    FillOpacity(u32),
    LineWidth(u32),
    DisplayName(String),
    /// Hidden from the legend, the tooltip and the graph.
    Hidden(bool),
    Stacking(Stacking),
    Color(ColorMode),
    Thresholds(Thresholds),
    /// `property "ID" = VALUE`: a property the language has no word for, by the output
    /// format's own id, with its value as written.
    Custom {
        id: String,
        value: PropertyValue,
    },
}

/// The value of a [`OverrideProperty::Custom`]: plain data, as written.
#[derive(Clone, Debug, PartialEq)]
pub enum PropertyValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<PropertyValue>),
    /// Entries in source order, as written.
    Map(Vec<(String, PropertyValue)>),
}
