//! What a panel's body and its `override` blocks take: one row per attribute, naming
//! the panel kinds it means something for and what it does.
//!
//! Both "unknown attribute" and "does not apply to this kind" come from this one table,
//! so the list an error offers is always the kind's own. The table is shaped to grow
//! into the language's block schema (value type and default are the next columns).

use super::cx::Cx;
use super::error::ErrorKind;
use crate::ast::Stmt;
use crate::model::PanelKind;
use crate::promql::suggest::did_you_mean;

use PanelKind::*;

/// The blocks whose attributes depend on the panel kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// The panel's own body.
    Panel,
    /// An `override name|regex "..." { ... }` block of the panel.
    Override,
}

/// One attribute (or nested block keyword) of a panel.
pub struct Attr {
    pub name: &'static str,
    /// The kinds whose body takes it; empty: not written in a panel's body.
    pub panel: &'static [PanelKind],
    /// The kinds whose `override` blocks take it; empty: not an override attribute.
    pub overrides: &'static [PanelKind],
    /// One line for the reference.
    pub doc: &'static str,
}

impl Attr {
    pub fn kinds(&self, block: Block) -> &'static [PanelKind] {
        match block {
            Block::Panel => self.panel,
            Block::Override => self.overrides,
        }
    }
}

const ALL: &[PanelKind] = &[
    Timeseries, Stat, Gauge, BarGauge, Table, Heatmap, Text, Logs,
];
/// Every kind that runs queries.
const QUERIED: &[PanelKind] = &[Timeseries, Stat, Gauge, BarGauge, Table, Heatmap, Logs];
/// Kinds whose `fieldConfig.defaults` carry unit, decimals, bounds, thresholds, mappings.
const FIELDS: &[PanelKind] = &[Timeseries, Stat, Gauge, BarGauge, Table];
/// [`FIELDS`] and the heatmap, which takes a unit (its y axis) and a color of its own.
const FIELDS_HEATMAP: &[PanelKind] = &[Timeseries, Stat, Gauge, BarGauge, Table, Heatmap];
/// Kinds that reduce each series to one value.
const REDUCING: &[PanelKind] = &[Stat, Gauge, BarGauge];
const LEGENDS: &[PanelKind] = &[Timeseries, BarGauge];
const GRAPH: &[PanelKind] = &[Timeseries];
const NONE: &[PanelKind] = &[];

pub const ATTRS: &[Attr] = &[
    Attr {
        name: "description",
        panel: ALL,
        overrides: NONE,
        doc: "text shown in the panel's info tooltip",
    },
    Attr {
        name: "repeat",
        panel: ALL,
        overrides: NONE,
        doc: "a variable name: one panel per value",
    },
    Attr {
        name: "scope",
        panel: QUERIED,
        overrides: NONE,
        doc: "label matchers added to every selector of the panel's queries",
    },
    Attr {
        name: "query",
        panel: QUERIED,
        overrides: NONE,
        doc: "a PromQL query, with its legend and options",
    },
    Attr {
        name: "link",
        panel: ALL,
        overrides: NONE,
        doc: "a link in the panel's header",
    },
    Attr {
        name: "mapping",
        panel: FIELDS,
        overrides: NONE,
        doc: "shows a value, range or regex match as text and color",
    },
    Attr {
        name: "override",
        panel: FIELDS_HEATMAP,
        overrides: NONE,
        doc: "display attributes for the series a name or regex picks",
    },
    Attr {
        name: "width",
        panel: ALL,
        overrides: NONE,
        doc: "grid columns, 1 to 24",
    },
    Attr {
        name: "height",
        panel: ALL,
        overrides: NONE,
        doc: "grid rows of 30 px",
    },
    Attr {
        name: "x",
        panel: ALL,
        overrides: NONE,
        doc: "explicit column, 0 to 23",
    },
    Attr {
        name: "y",
        panel: ALL,
        overrides: NONE,
        doc: "explicit grid row",
    },
    Attr {
        name: "content",
        panel: &[Text],
        overrides: NONE,
        doc: "the text of a text panel",
    },
    Attr {
        name: "mode",
        panel: &[Text],
        overrides: NONE,
        doc: "`markdown` or `html`",
    },
    Attr {
        name: "unit",
        panel: FIELDS_HEATMAP,
        overrides: FIELDS,
        doc: "a Grafana unit id",
    },
    Attr {
        name: "decimals",
        panel: FIELDS,
        overrides: FIELDS,
        doc: "decimals shown",
    },
    Attr {
        name: "min",
        panel: FIELDS,
        overrides: FIELDS,
        doc: "lower bound of the scale",
    },
    Attr {
        name: "max",
        panel: FIELDS,
        overrides: FIELDS,
        doc: "upper bound of the scale",
    },
    Attr {
        name: "thresholds",
        panel: FIELDS,
        overrides: FIELDS,
        doc: "`[BASE_COLOR, VALUE: COLOR, ...]`, values ascending",
    },
    Attr {
        name: "thresholds_mode",
        panel: FIELDS,
        overrides: NONE,
        doc: "`absolute` or `percentage`",
    },
    Attr {
        name: "color",
        panel: FIELDS_HEATMAP,
        overrides: FIELDS,
        doc: "`palette_classic`, `thresholds`, or a fixed color",
    },
    Attr {
        name: "color_scheme",
        panel: FIELDS_HEATMAP,
        overrides: NONE,
        doc: "a Grafana color scheme",
    },
    Attr {
        name: "stack",
        panel: GRAPH,
        overrides: GRAPH,
        doc: "`none`, `normal` or `percent`",
    },
    Attr {
        name: "fill",
        panel: GRAPH,
        overrides: GRAPH,
        doc: "opacity of the area under a line, 0 to 100",
    },
    Attr {
        name: "line_width",
        panel: GRAPH,
        overrides: GRAPH,
        doc: "line width in pixels",
    },
    Attr {
        name: "reduce",
        panel: REDUCING,
        overrides: NONE,
        doc: "the calculation that reduces a series to one value",
    },
    Attr {
        name: "graph_mode",
        panel: &[Stat],
        overrides: NONE,
        doc: "`area` (a sparkline) or `none`",
    },
    Attr {
        name: "orientation",
        panel: REDUCING,
        overrides: NONE,
        doc: "`auto`, `horizontal` or `vertical`",
    },
    Attr {
        name: "legend",
        panel: LEGENDS,
        overrides: NONE,
        doc: "`{ mode, placement, calcs }`",
    },
    Attr {
        name: "max_data_points",
        panel: QUERIED,
        overrides: NONE,
        doc: "most points a query returns",
    },
    Attr {
        name: "min_interval",
        panel: QUERIED,
        overrides: NONE,
        doc: "lower limit of the query step",
    },
    Attr {
        name: "time_from",
        panel: QUERIED,
        overrides: NONE,
        doc: "a relative time range of this panel's own",
    },
    Attr {
        name: "display_name",
        panel: NONE,
        overrides: FIELDS_HEATMAP,
        doc: "the series' name in legend and tooltip",
    },
    Attr {
        name: "hidden",
        panel: NONE,
        overrides: FIELDS_HEATMAP,
        doc: "hides the series from legend, tooltip and graph",
    },
    Attr {
        name: "property",
        panel: NONE,
        overrides: FIELDS_HEATMAP,
        doc: "any Grafana field property by id",
    },
];

/// The names `block` takes in a panel of `kind`, in table order.
pub fn taken(block: Block, kind: PanelKind) -> Vec<&'static str> {
    ATTRS
        .iter()
        .filter(|a| a.kinds(block).contains(&kind))
        .map(|a| a.name)
        .collect()
}

/// Whether `stmt` is something `block` takes in a panel of `kind`; if not, reports it:
/// unknown everywhere (with a "did you mean" from this kind's list), or known but
/// meaningless for this kind.
pub fn check(cx: &mut Cx, stmt: &Stmt, block: Block, kind: PanelKind) -> bool {
    let name = stmt.key.text.as_str();
    let known = taken(block, kind);
    if known.contains(&name) {
        return true;
    }
    let context = context(block, kind);
    match ATTRS
        .iter()
        .find(|a| a.name == name && !a.kinds(block).is_empty())
    {
        Some(attr) => cx.error(
            stmt.key.span,
            ErrorKind::InapplicableAttribute {
                name: name.to_string(),
                doc: attr.doc,
                context,
                applies_to: attr
                    .kinds(block)
                    .iter()
                    .map(|k| k.plugin_id())
                    .collect::<Vec<_>>()
                    .join(", "),
                known: known.join(", "),
            },
        ),
        None => {
            let suggestion = did_you_mean(name, known.iter().copied()).map(str::to_string);
            cx.error(
                stmt.key.span,
                ErrorKind::UnknownKeyword {
                    keyword: name.to_string(),
                    context,
                    suggestion,
                    known: known.join(", "),
                },
            );
        }
    }
    false
}

/// "a gauge panel", "an override of a gauge panel": what the messages call the block.
fn context(block: Block, kind: PanelKind) -> &'static str {
    match (block, kind) {
        (Block::Panel, Timeseries) => "a timeseries panel",
        (Block::Panel, Stat) => "a stat panel",
        (Block::Panel, Gauge) => "a gauge panel",
        (Block::Panel, BarGauge) => "a bargauge panel",
        (Block::Panel, Table) => "a table panel",
        (Block::Panel, Heatmap) => "a heatmap panel",
        (Block::Panel, Text) => "a text panel",
        (Block::Panel, Logs) => "a logs panel",
        (Block::Override, Timeseries) => "an override of a timeseries panel",
        (Block::Override, Stat) => "an override of a stat panel",
        (Block::Override, Gauge) => "an override of a gauge panel",
        (Block::Override, BarGauge) => "an override of a bargauge panel",
        (Block::Override, Table) => "an override of a table panel",
        (Block::Override, Heatmap) => "an override of a heatmap panel",
        (Block::Override, Text) => "an override of a text panel",
        (Block::Override, Logs) => "an override of a logs panel",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_is_written_somewhere_and_named_once() {
        for (i, a) in ATTRS.iter().enumerate() {
            assert!(
                !a.panel.is_empty() || !a.overrides.is_empty(),
                "{} is taken nowhere",
                a.name
            );
            assert!(!a.doc.is_empty(), "{} has no doc", a.name);
            assert!(
                ATTRS[..i].iter().all(|b| b.name != a.name),
                "{} twice",
                a.name
            );
        }
    }

    #[test]
    fn each_kind_takes_its_own_attributes() {
        let gauge = taken(Block::Panel, Gauge);
        assert!(gauge.contains(&"reduce") && gauge.contains(&"thresholds"));
        assert!(!gauge.contains(&"stack") && !gauge.contains(&"legend"));
        assert!(!gauge.contains(&"graph_mode"));
        let timeseries = taken(Block::Panel, Timeseries);
        assert!(timeseries.contains(&"stack") && !timeseries.contains(&"reduce"));
        assert!(!timeseries.contains(&"content"));
        let text = taken(Block::Panel, Text);
        assert!(text.contains(&"content") && !text.contains(&"query"));
        assert!(!text.contains(&"unit"));
        assert!(taken(Block::Override, Timeseries).contains(&"fill"));
        assert!(!taken(Block::Override, Stat).contains(&"fill"));
        assert!(taken(Block::Override, Text).is_empty());
    }
}
