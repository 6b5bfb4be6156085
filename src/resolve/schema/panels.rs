//! What panels take, per kind, and the blocks inside them: queries, links, value
//! mappings, overrides and the legend.

use super::attr::{Attr, BlockInfo, attr};
use super::block::Block;
use super::value::Value::{self, *};

/// The panel kinds, as written in a dashboard: the keywords that open a panel block.
pub const PANEL_KINDS: &[&str] = &[
    "timeseries",
    "stat",
    "gauge",
    "bargauge",
    "table",
    "heatmap",
    "text",
    "logs",
];

/// Every kind that runs queries.
const QUERIED: &[&str] = &[
    "timeseries",
    "stat",
    "gauge",
    "bargauge",
    "table",
    "heatmap",
    "logs",
];
/// Kinds whose `fieldConfig.defaults` carry unit, decimals, bounds, thresholds, mappings.
const FIELDS: &[&str] = &["timeseries", "stat", "gauge", "bargauge", "table"];
/// [`FIELDS`] and the heatmap, which takes a unit (its y axis) and a color of its own.
const FIELDS_HEATMAP: &[&str] = &[
    "timeseries",
    "stat",
    "gauge",
    "bargauge",
    "table",
    "heatmap",
];
/// Kinds that reduce each series to one value.
const REDUCING: &[&str] = &["stat", "gauge", "bargauge"];
const LEGENDS: &[&str] = &["timeseries", "bargauge"];
const GRAPH: &[&str] = &["timeseries"];

const THRESHOLDS: Value = Described("`[BASE_COLOR, VALUE: COLOR, ...]`, values ascending");
const COLOR: Value = Described("`palette_classic`, `thresholds`, or a [color](#display)");
const STACK: Value = OneOf(&["none", "normal", "percent"]);

pub static PANEL: BlockInfo = BlockInfo {
    id: "panel",
    context: "a panel",
    form: "PANEL_KIND \"Title\" { ... }",
    kinds: PANEL_KINDS,
    attrs: &[&[
        attr(
            "description",
            String,
            "text shown in the panel's info tooltip",
        ),
        attr("repeat", Word, "a variable name: one panel per value"),
        attr(
            "scope",
            Matchers,
            "label matchers added to every selector of the panel's queries",
        )
        .only(QUERIED),
        attr(
            "query",
            Block(Block::Query),
            "a PromQL query, with its legend and options",
        )
        .only(QUERIED),
        attr(
            "link",
            Block(Block::PanelLink),
            "a link in the panel's header",
        ),
        attr(
            "mapping",
            Block(Block::Mapping),
            "shows a value, range or regex match as text and color",
        )
        .only(FIELDS),
        attr(
            "override",
            Block(Block::Override),
            "display attributes for the series a name or regex picks",
        )
        .only(FIELDS_HEATMAP),
        attr("width", Whole { min: 1, max: 24 }, "grid columns").defaults_to("the kind's"),
        attr("height", Whole { min: 1, max: 200 }, "grid rows of 30 px").defaults_to("the kind's"),
        attr("x", Whole { min: 0, max: 23 }, "explicit column").defaults_to("placed in order"),
        attr(
            "y",
            Whole {
                min: 0,
                max: 100_000,
            },
            "explicit grid row",
        )
        .defaults_to("placed in order"),
        attr("content", String, "the text of a text panel").only(&["text"]),
        attr("mode", OneOf(&["markdown", "html"]), "how the text is read")
            .defaults_to("`markdown`")
            .only(&["text"]),
        attr(
            "unit",
            String,
            "a Grafana unit id: `\"reqps\"`, `\"s\"`, `\"bytes\"`, ...",
        )
        .only(FIELDS_HEATMAP),
        attr("decimals", Whole { min: 0, max: 20 }, "decimals shown").only(FIELDS),
        attr("min", Number, "lower bound of the scale").only(FIELDS),
        attr("max", Number, "upper bound of the scale").only(FIELDS),
        attr(
            "thresholds",
            THRESHOLDS,
            "colors by value, from a base color up",
        )
        .only(FIELDS),
        attr(
            "thresholds_mode",
            OneOf(&["absolute", "percentage"]),
            "whether threshold values are values or percents of the scale",
        )
        .defaults_to("`absolute`")
        .only(FIELDS),
        attr("color", COLOR, "how series are colored").only(FIELDS_HEATMAP),
        attr(
            "color_scheme",
            String,
            "a Grafana color scheme: `\"GrYlRd\"`, `\"continuous-BlPu\"`, a heatmap's `\"Blues\"`",
        )
        .only(FIELDS_HEATMAP),
        attr("stack", STACK, "stacking of the series").only(GRAPH),
        attr(
            "fill",
            Whole { min: 0, max: 100 },
            "opacity of the area under a line",
        )
        .only(GRAPH),
        attr(
            "line_width",
            Whole { min: 0, max: 10 },
            "line width in pixels",
        )
        .only(GRAPH),
        attr(
            "reduce",
            Described("a Grafana calc: `lastNotNull`, `last`, `mean`, `max`, `sum`, ..."),
            "the calculation that reduces a series to one value",
        )
        .only(REDUCING),
        attr(
            "graph_mode",
            OneOf(&["area", "none"]),
            "`area` draws a sparkline behind the value",
        )
        .only(&["stat"]),
        attr(
            "orientation",
            OneOf(&["auto", "horizontal", "vertical"]),
            "the direction values are laid out in",
        )
        .only(REDUCING),
        attr(
            "legend",
            Block(Block::Legend),
            "the legend's mode, placement and values",
        )
        .only(LEGENDS),
        attr(
            "max_data_points",
            Whole {
                min: 0,
                max: 1_000_000,
            },
            "most points a query returns",
        )
        .only(QUERIED),
        attr(
            "min_interval",
            Described("duration or string (`\"$__interval\"`)"),
            "lower limit of the query step",
        )
        .only(QUERIED),
        attr(
            "time_from",
            Duration,
            "a relative time range of this panel's own",
        )
        .only(QUERIED),
    ]],
};

/// What an `override` takes, for the series its matcher picks: the kinds are those of
/// its panel.
pub static OVERRIDE: BlockInfo = BlockInfo {
    id: "override",
    context: "an override",
    form: "override name \"SERIES\" { ... }",
    kinds: PANEL_KINDS,
    attrs: &[&[
        attr("unit", String, "a Grafana unit id").only(FIELDS),
        attr("decimals", Whole { min: 0, max: 20 }, "decimals shown").only(FIELDS),
        attr("min", Number, "lower bound of the scale").only(FIELDS),
        attr("max", Number, "upper bound of the scale").only(FIELDS),
        attr(
            "thresholds",
            THRESHOLDS,
            "colors by value, from a base color up",
        )
        .only(FIELDS),
        attr("color", COLOR, "how the series are colored").only(FIELDS),
        attr("stack", STACK, "stacking of the series").only(GRAPH),
        attr(
            "fill",
            Whole { min: 0, max: 100 },
            "opacity of the area under a line",
        )
        .only(GRAPH),
        attr(
            "line_width",
            Whole { min: 0, max: 10 },
            "line width in pixels",
        )
        .only(GRAPH),
        attr(
            "display_name",
            String,
            "the series' name in legend and tooltip",
        )
        .only(FIELDS_HEATMAP),
        attr(
            "hidden",
            Bool,
            "hides the series from legend, tooltip and graph",
        )
        .only(FIELDS_HEATMAP),
        attr(
            "property",
            Statement("property \"GRAFANA.ID\" = VALUE"),
            "any Grafana field property by id, its value written as JSON as it stands",
        )
        .only(FIELDS_HEATMAP),
    ]],
};

pub static QUERY: BlockInfo = BlockInfo {
    id: "query",
    context: "a query",
    form: "query `PROMQL` legend \"FORMAT\" { ... }",
    kinds: &[],
    attrs: &[&[
        attr(
            "legend",
            String,
            "legend format with `{{label}}` placeholders (also `legend \"...\"` after the query)",
        )
        .defaults_to("Grafana's"),
        attr("instant", Bool, "an instant query").defaults_to("`false`"),
        attr("range", Bool, "with `instant = true`: run both")
            .defaults_to("`true` unless `instant`"),
        attr(
            "interval",
            Described("duration or string (`\"$__interval\"`)"),
            "the query's minimum step",
        ),
        attr(
            "format",
            OneOf(&["time_series", "table", "heatmap"]),
            "the form Grafana reads the result in",
        )
        .defaults_to("`time_series`"),
        attr("hide", Bool, "run the query without showing it").defaults_to("`false`"),
    ]],
};

pub static PANEL_LINK: BlockInfo = BlockInfo {
    id: "panel-link",
    context: "a panel link",
    form: "link \"Title\" { url = \"...\" }",
    kinds: &[],
    attrs: &[&[
        attr("url", String, "where the link goes (required)"),
        attr("new_tab", Bool, "open it in a new tab").defaults_to("`false`"),
    ]],
};

pub static MAPPING: BlockInfo = BlockInfo {
    id: "mapping",
    context: "a value mapping",
    form: "mapping value 1 = \"Up\" { color = \"green\" }",
    kinds: &[],
    attrs: &[&[attr(
        "color",
        Described("a [color](#display)"),
        "the color the mapped value is shown in",
    )]],
};

pub static LEGEND: BlockInfo = BlockInfo {
    id: "legend",
    context: "a legend",
    form: "legend = { mode = list, placement = bottom, calcs = [mean, max] }",
    kinds: &[],
    attrs: &[&[
        attr(
            "mode",
            OneOf(&["list", "table", "hidden"]),
            "how the legend is shown",
        )
        .defaults_to("`list`"),
        attr(
            "placement",
            OneOf(&["bottom", "right"]),
            "where the legend is",
        )
        .defaults_to("`bottom`"),
        attr(
            "calcs",
            Described("list of Grafana calcs: `[mean, max]`"),
            "values computed per series in the legend",
        ),
    ]],
};

/// "a gauge panel": the panel's kind names it in messages.
pub fn panel_context(kind: &str) -> &'static str {
    match kind {
        "timeseries" => "a timeseries panel",
        "stat" => "a stat panel",
        "gauge" => "a gauge panel",
        "bargauge" => "a bargauge panel",
        "table" => "a table panel",
        "heatmap" => "a heatmap panel",
        "text" => "a text panel",
        "logs" => "a logs panel",
        _ => PANEL.context,
    }
}

/// "an override of a gauge panel".
pub fn override_context(kind: &str) -> &'static str {
    match kind {
        "timeseries" => "an override of a timeseries panel",
        "stat" => "an override of a stat panel",
        "gauge" => "an override of a gauge panel",
        "bargauge" => "an override of a bargauge panel",
        "table" => "an override of a table panel",
        "heatmap" => "an override of a heatmap panel",
        "text" => "an override of a text panel",
        "logs" => "an override of a logs panel",
        _ => OVERRIDE.context,
    }
}

/// Panels as the rows of a dashboard or row: one per kind.
pub const PANEL_ROWS: &[Attr] = &[
    attr(
        "timeseries",
        Block(Block::Panel),
        "lines, bars or points over time",
    ),
    attr("stat", Block(Block::Panel), "one big value per series"),
    attr("gauge", Block(Block::Panel), "a value on a dial"),
    attr("bargauge", Block(Block::Panel), "values as bars"),
    attr("table", Block(Block::Panel), "a table of series or values"),
    attr(
        "heatmap",
        Block(Block::Panel),
        "buckets over time as colors",
    ),
    attr("text", Block(Block::Panel), "Markdown or HTML text"),
    attr(
        "logs",
        Block(Block::Panel),
        "what its PromQL returns, as log lines",
    ),
];
