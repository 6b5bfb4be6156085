//! The blocks of the language: the names the schema's tables are looked up by.

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
    /// `routing "name" { ... }`: an Alertmanager configuration.
    Routing,
    Receiver,
    /// `slack`, `pagerduty`, `email`, `webhook` or `opsgenie` in a receiver.
    Integration,
    Route,
    Inhibit,
    TimeInterval,
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
        Block::Routing,
        Block::Receiver,
        Block::Integration,
        Block::Route,
        Block::Inhibit,
        Block::TimeInterval,
    ];
}
