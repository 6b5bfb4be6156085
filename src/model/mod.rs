//! The resolved model: what a project's `.dac` files mean once imports, templates and
//! selector scopes are applied. `resolve` produces it; `emit` and the checks consume it.
//!
//! Everything here is plain data with spans back into the sources, in source order.
//! Emitters sort where Grafana, Prometheus or Kubernetes want an order of their own.

mod alert_routes;
mod catalog;
mod dashboard;
mod display;
mod overrides;
mod panel;
mod route_match;
mod routing;
mod rules;
mod variable;

pub use alert_routes::*;
pub use catalog::*;
pub use dashboard::*;
pub use display::*;
pub use overrides::*;
pub use panel::*;
pub use route_match::*;
pub use routing::*;
pub use rules::*;
pub use variable::*;

use crate::diagnostic::Span;
use crate::promql::ast::Expr;

/// Everything one build compiles.
#[derive(Clone, Debug, Default)]
pub struct Project {
    pub dashboards: Vec<Dashboard>,
    pub rule_sets: Vec<RuleSet>,
    pub services: Vec<Service>,
    /// `routing` blocks; a project has at most one (a second is an error).
    pub routing: Vec<Routing>,
}

/// A PromQL query after scope injection: the tree, for checks, and its canonical text,
/// which is what every emitter writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub expr: Expr,
    pub text: String,
    /// Where the query was written (inside the backticks).
    pub span: Span,
}

/// A duration in milliseconds. Each output format prints it its own way
/// (`crate::emit::duration`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Millis(pub u64);

/// A key/value pair as written, with the span of the whole entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub key: String,
    pub value: String,
    pub span: Span,
}
