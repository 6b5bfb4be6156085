//! What a rule reports: the fault and where it is. The engine makes it a
//! [`Diagnostic`](crate::diagnostic::Diagnostic) with the rule's name as its code and
//! the severity the settings give the rule.

use crate::diagnostic::Span;
use crate::severity::Severity;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    /// The exact characters at fault, and what to say under them.
    pub span: Span,
    pub label: String,
    /// Other places involved.
    pub secondary: Vec<(Span, String)>,
    /// What to do.
    pub help: Option<String>,
    /// The most severe this finding may be, whatever the rule's severity: a rule with
    /// two thresholds (`k8s/configmap-size`) reports the lower one as a warning.
    pub at_most: Option<Severity>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Finding {
            message: message.into(),
            span,
            label: label.into(),
            secondary: Vec::new(),
            help: None,
            at_most: None,
        }
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push((span, message.into()));
        self
    }

    pub fn at_most(mut self, severity: Severity) -> Self {
        self.at_most = Some(severity);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
