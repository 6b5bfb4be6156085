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
//! blocks) and the keys inside free-form maps (`labels`, `annotations`, `selector`,
//! `scope`), which are the user's.

mod attr;
mod block;
mod catalog;
mod dashboards;
mod docs;
pub mod keywords;
mod panels;
mod routing;
mod rules;
mod value;

pub use attr::{Attr, BlockInfo, attr};
pub use block::Block;
pub use docs::markdown_table;
pub use panels::PANEL_KINDS;
pub use value::Value;

impl Block {
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
            Block::Routing => &routing::ROUTING,
            Block::Receiver => &routing::RECEIVER,
            Block::Integration => &routing::INTEGRATION,
            Block::Route => &routing::ROUTE,
            Block::Inhibit => &routing::INHIBIT,
            Block::TimeInterval => &routing::TIME_INTERVAL,
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
