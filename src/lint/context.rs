//! What the rules read: the resolved project and its sources.

use crate::model::{AlertRule, Project, RecordingRule, Rule};
use crate::source::SourceMap;

pub struct LintInput<'a> {
    pub project: &'a Project,
    pub sources: &'a SourceMap,
}

impl<'a> LintInput<'a> {
    pub fn new(project: &'a Project, sources: &'a SourceMap) -> Self {
        LintInput { project, sources }
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

    pub fn records(&self) -> impl Iterator<Item = &'a RecordingRule> + use<'a> {
        self.rules().filter_map(|rule| match rule {
            Rule::Record(record) => Some(record),
            Rule::Alert(_) => None,
        })
    }
}
