//! What the rules read: the resolved project and its sources, and the metric catalog
//! indexed once for the rules that read it.

use std::cell::OnceCell;

use super::cardinality::CatalogIndex;
use crate::model::{AlertRule, Item, Project, Query, RecordingRule, Rule};
use crate::source::SourceMap;

pub struct LintInput<'a> {
    pub project: &'a Project,
    pub sources: &'a SourceMap,
    /// Built on first use: several rules read it, and a project of 10,000 rules makes
    /// it worth building once.
    catalog: OnceCell<CatalogIndex>,
}

/// Which budget of `[lint.budgets]` a query answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryRole {
    Panel,
    Alert,
    Record,
}

impl<'a> LintInput<'a> {
    pub fn new(project: &'a Project, sources: &'a SourceMap) -> Self {
        LintInput {
            project,
            sources,
            catalog: OnceCell::new(),
        }
    }

    /// Whether the project has a metric catalog: a service or exporter with metrics.
    /// Without one, no metric is "unknown".
    pub fn has_catalog(&self) -> bool {
        self.project.services.iter().any(|s| !s.metrics.is_empty())
    }

    /// The catalog's metrics (with their histogram series) and the project's recording
    /// rules, as the cardinality estimator reads them.
    pub fn catalog(&self) -> &CatalogIndex {
        self.catalog.get_or_init(|| {
            let mut index = CatalogIndex::new(&self.project.services);
            index.add_recording_rules(self.records());
            index
        })
    }

    /// Every query with the role that sets its budget: panels, then alerts and records.
    pub fn queries_with_role(&self) -> impl Iterator<Item = (&'a Query, QueryRole)> + use<'a> {
        let panels = self.panel_queries().map(|q| (q, QueryRole::Panel));
        let rules = self.rules().map(|rule| match rule {
            Rule::Alert(a) => (&a.expr, QueryRole::Alert),
            Rule::Record(r) => (&r.expr, QueryRole::Record),
        });
        panels.chain(rules)
    }

    fn panel_queries(&self) -> impl Iterator<Item = &'a Query> + use<'a> {
        let panels = self.project.dashboards.iter().flat_map(|d| {
            d.items.iter().flat_map(|item| match item {
                Item::Panel(p) => std::slice::from_ref(p),
                Item::Row(row) => row.panels.as_slice(),
            })
        });
        panels.flat_map(|p| p.targets.iter().map(|t| &t.query))
    }

    /// Every rule of every group, in source order.
    fn rules(&self) -> impl Iterator<Item = &'a Rule> + use<'a> {
        self.project
            .rule_sets
            .iter()
            .flat_map(|set| &set.groups)
            .flat_map(|group| &group.rules)
    }

    pub fn alerts(&self) -> impl Iterator<Item = &'a AlertRule> + use<'a> {
        self.rules().filter_map(|rule| match rule {
            Rule::Alert(alert) => Some(alert),
            Rule::Record(_) => None,
        })
    }

    /// Every query of the project: the panels' targets, then the rules' expressions.
    pub fn queries(&self) -> impl Iterator<Item = &'a Query> + use<'a> {
        let targets = self.panel_queries();
        let rules = self.rules().map(|rule| match rule {
            Rule::Alert(a) => &a.expr,
            Rule::Record(r) => &r.expr,
        });
        targets.chain(rules)
    }

    pub fn records(&self) -> impl Iterator<Item = &'a RecordingRule> + use<'a> {
        self.rules().filter_map(|rule| match rule {
            Rule::Record(record) => Some(record),
            Rule::Alert(_) => None,
        })
    }
}
