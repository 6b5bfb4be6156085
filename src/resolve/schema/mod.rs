//! The language's blocks, and for each the attributes and nested statements it takes:
//! name, value, default, the kinds it applies to (panel kinds, metric kinds) and one
//! line of documentation.
//!
//! This is the single list of what a block takes. The resolver's "unknown statement"
//! and "does not apply to this kind" errors come from it (with a "did you mean" from
//! the block's own list), as do the attribute tables of `docs/language.md`.
//!
//! **The order of each table is the canonical attribute order**: the order a block's
//! attributes are listed in errors and in the reference, and the order `dac fmt` is to
//! write them in.
//!
//! Not here: `use` (a template use is expanded before resolve, anywhere a body takes
//! blocks) and the free-form maps (`labels`, `annotations`, `selector`, `scope`), whose
//! keys are the user's.

mod catalog;
mod check;
mod dashboards;
mod docs;
mod panels;
mod rules;
mod value;

pub use check::{check, misshapen, misshapen_statement, unknown};
pub use docs::markdown_table;
pub use panels::PANEL_KINDS;
pub use value::Value;

/// Every block of the language that has a body of statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Block {
    /// A `.dac` file's top level.
    File,
    Dashboard,
    /// `link` in a dashboard.
    DashboardLink,
    Variable,
    Row,
    /// A panel of any kind: `timeseries "Title" { ... }`.
    Panel,
    /// `link` in a panel.
    PanelLink,
    /// `query` in a panel.
    Query,
    /// `mapping` in a panel.
    Mapping,
    /// `override` in a panel; its kinds are the panel's.
    Override,
    /// `legend = { ... }` in a panel.
    Legend,
    RuleSet,
    Group,
    Alert,
    Record,
    Test,
    /// `expect alert` in a rule test.
    ExpectAlert,
    /// `expect query` in a rule test.
    ExpectQuery,
    Service,
    Exporter,
    /// `counter`, `gauge`, `histogram` or `summary` in a service or exporter.
    Metric,
}

/// One block: how it is written and what it takes.
pub struct BlockInfo {
    /// Its name in the reference: the marker around its table in `docs/language.md`.
    pub id: &'static str,
    /// What messages call it: "a dashboard".
    pub context: &'static str,
    /// How it is written, for "not written like this".
    pub form: &'static str,
    /// The kinds its attributes may be restricted to ([`Attr::only`]); empty: one kind.
    pub kinds: &'static [&'static str],
    /// Its attributes and nested statements, in canonical order (parts joined).
    pub attrs: &'static [&'static [Attr]],
}

/// One attribute (`unit = "s"`) or nested statement (`query ...`, `row "..." { }`).
#[derive(Clone, Copy, Debug)]
pub struct Attr {
    pub name: &'static str,
    pub value: Value,
    /// What it is when not written; empty: nothing (Grafana's own default, or none).
    pub default: &'static str,
    /// The block's kinds it applies to; empty: all of them.
    pub only: &'static [&'static str],
    /// One line for the reference and for "applies to" errors.
    pub doc: &'static str,
}

/// A row of a table: `name`, its value and its doc; refined with the methods below.
pub const fn attr(name: &'static str, value: Value, doc: &'static str) -> Attr {
    Attr {
        name,
        value,
        default: "",
        only: &[],
        doc,
    }
}

impl Attr {
    pub const fn defaults_to(self, default: &'static str) -> Attr {
        Attr { default, ..self }
    }

    pub const fn only(self, only: &'static [&'static str]) -> Attr {
        Attr { only, ..self }
    }

    /// Whether it applies to `kind` of its block.
    pub fn applies_to(&self, kind: &str) -> bool {
        self.only.is_empty() || self.only.contains(&kind)
    }
}

impl Block {
    /// Every block, in the order of the reference.
    pub const ALL: &'static [Block] = &[
        Block::File,
        Block::Dashboard,
        Block::DashboardLink,
        Block::Variable,
        Block::Row,
        Block::Panel,
        Block::Override,
        Block::PanelLink,
        Block::Query,
        Block::Mapping,
        Block::Legend,
        Block::RuleSet,
        Block::Group,
        Block::Alert,
        Block::Record,
        Block::Test,
        Block::ExpectAlert,
        Block::ExpectQuery,
        Block::Service,
        Block::Exporter,
        Block::Metric,
    ];

    pub fn info(self) -> &'static BlockInfo {
        match self {
            Block::File => &dashboards::FILE,
            Block::Dashboard => &dashboards::DASHBOARD,
            Block::DashboardLink => &dashboards::DASHBOARD_LINK,
            Block::Variable => &dashboards::VARIABLE,
            Block::Row => &dashboards::ROW,
            Block::Panel => &panels::PANEL,
            Block::PanelLink => &panels::PANEL_LINK,
            Block::Query => &panels::QUERY,
            Block::Mapping => &panels::MAPPING,
            Block::Override => &panels::OVERRIDE,
            Block::Legend => &panels::LEGEND,
            Block::RuleSet => &rules::RULE_SET,
            Block::Group => &rules::GROUP,
            Block::Alert => &rules::ALERT,
            Block::Record => &rules::RECORD,
            Block::Test => &rules::TEST,
            Block::ExpectAlert => &rules::EXPECT_ALERT,
            Block::ExpectQuery => &rules::EXPECT_QUERY,
            Block::Service => &catalog::SERVICE,
            Block::Exporter => &catalog::EXPORTER,
            Block::Metric => &catalog::METRIC,
        }
    }

    /// How the block is written: `dashboard "Title" { ... }`.
    pub fn form(self) -> &'static str {
        self.info().form
    }

    /// Its attributes and nested statements, in canonical order.
    pub fn attrs(self) -> impl Iterator<Item = &'static Attr> {
        self.info().attrs.iter().flat_map(|part| part.iter())
    }

    /// The row for `name`, whatever kind it applies to.
    pub fn attr(self, name: &str) -> Option<&'static Attr> {
        self.attrs().find(|a| a.name == name)
    }

    /// The names a block of `kind` takes, in canonical order.
    pub fn taken(self, kind: &str) -> Vec<&'static str> {
        self.attrs()
            .filter(|a| a.applies_to(kind))
            .map(|a| a.name)
            .collect()
    }

    /// What messages call a block of `kind`: "a gauge panel", "an exporter".
    pub fn context(self, kind: &str) -> &'static str {
        match self {
            Block::Panel => panels::panel_context(kind),
            Block::Override => panels::override_context(kind),
            Block::Metric => catalog::metric_context(kind),
            _ => self.info().context,
        }
    }
}

#[cfg(test)]
mod tests;
