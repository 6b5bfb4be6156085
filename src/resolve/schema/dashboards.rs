//! A file's top level, dashboards and what they hold besides panels: links, variables
//! and rows.

use super::attr::{BlockInfo, attr};
use super::block::Block;
use super::panels::PANEL_ROWS;
use super::value::Value::*;

pub static FILE: BlockInfo = BlockInfo {
    id: "file",
    context: "a file",
    form: "dashboard \"Title\" { ... }",
    kinds: &[],
    attrs: &[&[
        attr(
            "import",
            Statement("import \"path/to/file.dac\""),
            "makes another file's templates visible here",
        ),
        attr(
            "template",
            Statement("template KIND NAME(PARAM, PARAM: TYPE, PARAM = DEFAULT, ...) { BODY }"),
            "a reusable piece: panels, rows, alerts or groups",
        ),
        attr("dashboard", Block(Block::Dashboard), "a Grafana dashboard"),
        attr(
            "rules",
            Block(Block::RuleSet),
            "a rule file and PrometheusRule of rule groups",
        ),
        attr(
            "service",
            Block(Block::Service),
            "a scrape target with a ServiceMonitor, and its metrics",
        ),
        attr(
            "exporter",
            Block(Block::Exporter),
            "a target deployed by someone else, and its metrics",
        ),
        attr(
            "routing",
            Block(Block::Routing),
            "the Alertmanager configuration: receivers, routes, inhibit rules",
        ),
    ]],
};

pub static DASHBOARD: BlockInfo = BlockInfo {
    id: "dashboard",
    context: "a dashboard",
    form: "dashboard \"Title\" { ... }",
    kinds: &[],
    attrs: &[
        &[
            attr(
                "uid",
                String,
                "required; at most 40 characters: A-Z a-z 0-9 - _",
            ),
            attr("folder", String, "the Grafana folder").defaults_to("dac.toml's folder"),
            attr("tags", Strings, "Grafana's dashboard tags"),
            attr("description", String, "the dashboard's description"),
            attr(
                "refresh",
                Described("duration, or `off`"),
                "how often the dashboard reloads",
            )
            .defaults_to("`off`"),
            attr(
                "time",
                Described("duration (`6h`: now-6h to now), or `[FROM, TO]`"),
                "the time range shown",
            )
            .defaults_to("`6h`"),
            attr(
                "timezone",
                Word,
                "`browser`, `utc`, or a zone such as `\"Europe/Berlin\"`",
            )
            .defaults_to("the user's"),
            attr(
                "graph_tooltip",
                OneOf(&["default", "shared_crosshair", "shared_tooltip"]),
                "what hovering one graph shows on the others",
            )
            .defaults_to("`default`"),
            attr("datasource", String, "a fixed Prometheus datasource uid"),
            attr(
                "datasource_variable",
                Word,
                "the datasource variable every panel and query variable uses",
            )
            .defaults_to("`datasource`"),
            attr(
                "scope",
                Matchers,
                "label matchers added to every selector of the dashboard's queries",
            ),
            attr(
                "link",
                Block(Block::DashboardLink),
                "a link in the dashboard's header",
            ),
            attr(
                "variable",
                Block(Block::Variable),
                "a template variable, in order",
            ),
            attr("row", Block(Block::Row), "a row of panels"),
        ],
        PANEL_ROWS,
    ],
};

pub static DASHBOARD_LINK: BlockInfo = BlockInfo {
    id: "dashboard-link",
    context: "a dashboard link",
    form: "link \"Title\" { url = \"...\" }",
    kinds: &[],
    attrs: &[&[
        attr("url", String, "a plain link (this or `tags`)"),
        attr("tags", Strings, "links to the dashboards with these tags"),
        attr("tooltip", String, "shown on hover"),
        attr("icon", String, "Grafana's icon name"),
        attr("new_tab", Bool, "open in a new tab").defaults_to("`false`"),
        attr("include_vars", Bool, "pass the variables' values on").defaults_to("`false`"),
        attr("keep_time", Bool, "pass the time range on").defaults_to("`false`"),
        attr(
            "as_dropdown",
            Bool,
            "show tagged dashboards as one dropdown",
        )
        .defaults_to("`false`"),
    ]],
};

pub static VARIABLE: BlockInfo = BlockInfo {
    id: "variable",
    context: "a variable",
    form: "variable [KIND] NAME = VALUE { ... }",
    kinds: &[],
    attrs: &[&[
        attr("label", String, "shown instead of the name"),
        attr("description", String, "the variable's tooltip"),
        attr("multi", Bool, "several values may be selected").defaults_to("`false`"),
        attr("include_all", Bool, "offer \"All\"").defaults_to("`false`"),
        attr("all_value", String, "the value of \"All\", such as `\".*\"`")
            .defaults_to("Grafana's (all values joined)"),
        attr("regex", String, "filters (and captures) the values"),
        attr(
            "refresh",
            OneOf(&["never", "load", "time_range"]),
            "when the values are queried again",
        )
        .defaults_to("`load`"),
        attr(
            "hide",
            OneOf(&["nothing", "label", "variable"]),
            "what of the variable the dashboard hides",
        )
        .defaults_to("`nothing`"),
        attr(
            "sort",
            OneOf(&[
                "none",
                "alpha_asc",
                "alpha_desc",
                "numeric_asc",
                "numeric_desc",
                "alpha_ci_asc",
                "alpha_ci_desc",
                "natural_asc",
                "natural_desc",
            ]),
            "the order of the values",
        )
        .defaults_to("`none`"),
        attr("current", Word, "the default selection").defaults_to("the first value"),
        attr(
            "auto",
            Bool,
            "interval variables: an `auto` option; Grafana's saved JSON (schema 41) has no field for it, so `dac build` warns and leaves it out",
        )
        .defaults_to("`false`"),
    ]],
};

pub static ROW: BlockInfo = BlockInfo {
    id: "row",
    context: "a row",
    form: "row \"Title\" { ... }",
    kinds: &[],
    attrs: &[
        &[
            attr(
                "scope",
                Matchers,
                "label matchers added to every selector of the row's queries",
            ),
            attr(
                "collapsed",
                Bool,
                "shown folded; its panels live inside the row",
            )
            .defaults_to("`false`"),
            attr("repeat", Word, "a variable name: one row per value"),
        ],
        PANEL_ROWS,
    ],
};
