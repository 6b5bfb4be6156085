//! What the rules read: the resolved project and its sources, and what several rules
//! derive from them (the metric catalog's index, the cardinality pass), built once.

use std::sync::OnceLock;

use super::cardinality::{Analysis, CatalogIndex, analyse};
use super::settings::{Budgets, LintSettings};
use crate::emit::OutputFile;
use crate::model::{AlertRule, Dashboard, Item, Panel, Project, Query, RecordingRule, Rule};
use crate::source::SourceMap;

/// What holds a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    Panel,
    Alert,
    Record,
}

impl QueryKind {
    /// The most series a query of this kind may return.
    pub fn budget(self, budgets: &Budgets) -> u64 {
        match self {
            QueryKind::Panel => budgets.panel_series,
            QueryKind::Alert => budgets.alert_series,
            QueryKind::Record => budgets.record_series,
        }
    }
}

pub struct LintInput<'a> {
    pub project: &'a Project,
    pub sources: &'a SourceMap,
    /// Built on first use: several rules read it, and a project of 10,000 rules makes
    /// it worth building once.
    catalog: OnceLock<CatalogIndex>,
    /// Built on first use, as the catalog: see [`LintInput::cardinality`].
    analyses: OnceLock<Vec<Analysis>>,
    /// The files the project emits; `None` where nothing was emitted (the sources have
    /// errors, or the build's gate runs before emitting): the rules that read outputs
    /// then do not run.
    pub outputs: Option<&'a [OutputFile]>,
}

impl<'a> LintInput<'a> {
    pub fn new(project: &'a Project, sources: &'a SourceMap) -> Self {
        LintInput {
            project,
            sources,
            catalog: OnceLock::new(),
            analyses: OnceLock::new(),
            outputs: None,
        }
    }

    pub fn with_outputs(mut self, outputs: Option<&'a [OutputFile]>) -> Self {
        self.outputs = outputs;
        self
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

    /// The cardinality pass over each query, in the order of
    /// [`LintInput::queries_by_kind`], on every core: `promql/cardinality` reads its
    /// estimates, `promql/high-cardinality-label` its label uses. Built once, with the
    /// high-cardinality labels of the first caller's `settings`: every rule of a run is
    /// given the same.
    pub fn cardinality(&self, settings: &LintSettings) -> &[Analysis] {
        self.analyses.get_or_init(|| {
            let empty = CatalogIndex::default();
            let index = if self.has_catalog() {
                self.catalog()
            } else {
                &empty
            };
            let listed: Vec<&str> = settings
                .high_cardinality_labels
                .iter()
                .map(String::as_str)
                .collect();
            let queries: Vec<&Query> = self.queries().collect();
            crate::par::map(queries, |q| analyse(&q.expr, index, &listed))
        })
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
        self.queries_by_kind().map(|(_, query)| query)
    }

    /// Every query with what holds it, in the order of [`LintInput::queries`]: the
    /// budgets of the cardinality rules differ by kind.
    pub fn queries_by_kind(&self) -> impl Iterator<Item = (QueryKind, &'a Query)> + use<'a> {
        let panels = self.project.dashboards.iter().flat_map(panels);
        let targets = panels.flat_map(|p| p.targets.iter().map(|t| (QueryKind::Panel, &t.query)));
        let rules = self.rules().map(|rule| match rule {
            Rule::Alert(a) => (QueryKind::Alert, &a.expr),
            Rule::Record(r) => (QueryKind::Record, &r.expr),
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

/// A dashboard's panels, top-level and in rows, in source order.
pub fn panels(d: &Dashboard) -> impl Iterator<Item = &Panel> {
    d.items.iter().flat_map(|item| match item {
        Item::Panel(p) => std::slice::from_ref(p),
        Item::Row(row) => row.panels.as_slice(),
    })
}
