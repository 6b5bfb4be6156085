//! What the rules read: the resolved project and its sources.

use crate::emit::OutputFile;
use crate::model::{AlertRule, Dashboard, Item, Panel, Project, Query, RecordingRule, Rule};
use crate::source::SourceMap;

pub struct LintInput<'a> {
    pub project: &'a Project,
    pub sources: &'a SourceMap,
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
            outputs: None,
        }
    }

    pub fn with_outputs(mut self, outputs: Option<&'a [OutputFile]>) -> Self {
        self.outputs = outputs;
        self
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
        let panels = self.project.dashboards.iter().flat_map(panels);
        let targets = panels.flat_map(|p| p.targets.iter().map(|t| &t.query));
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

/// A dashboard's panels, top-level and in rows, in source order.
pub fn panels(d: &Dashboard) -> impl Iterator<Item = &Panel> {
    d.items.iter().flat_map(|item| match item {
        Item::Panel(p) => std::slice::from_ref(p),
        Item::Row(row) => row.panels.as_slice(),
    })
}
