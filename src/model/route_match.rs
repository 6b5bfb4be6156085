//! Which routes an alert takes, exactly as Alertmanager's dispatcher decides: a route
//! matches when all its matchers do (a missing label reads as empty); its children are
//! tried in order, depth first, and the first that matches ends the search unless it
//! says `continue`; a matching route none of whose children match is taken itself.
//! Receivers and settings not written are the parent's.

use super::routing::{MatcherOp, Route, RouteMatcher, Routing};

/// One route an alert takes: where it is in the tree and who it notifies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taken {
    /// The child indexes from the root, 0-based; empty: the root route.
    pub path: Vec<usize>,
    pub receiver: String,
    /// The labels it groups by (`None`: Alertmanager's default, no grouping).
    pub group_by: Option<Vec<String>>,
}

impl Taken {
    /// `root`, or `root/1/2` with 1-based child numbers as the sources read.
    pub fn path_text(&self) -> String {
        let mut out = String::from("root");
        for i in &self.path {
            out.push_str(&format!("/{}", i + 1));
        }
        out
    }
}

impl RouteMatcher {
    /// Whether the label set passes this matcher; a regex is anchored, as Alertmanager's.
    pub fn matches(&self, labels: &[(String, String)]) -> bool {
        let value = labels
            .iter()
            .find(|(k, _)| *k == self.label)
            .map_or("", |(_, v)| v.as_str());
        match self.op {
            MatcherOp::Equal => value == self.value,
            MatcherOp::NotEqual => value != self.value,
            MatcherOp::Regex => anchored(&self.value).is_some_and(|re| re.is_match(value)),
            MatcherOp::NotRegex => anchored(&self.value).is_some_and(|re| !re.is_match(value)),
        }
    }
}

/// The pattern as Alertmanager compiles it; `None` when it does not compile (resolve
/// reports that, so a project that builds has none).
pub fn anchored(pattern: &str) -> Option<regex::Regex> {
    regex::Regex::new(&format!("^(?s:{pattern})$")).ok()
}

/// Whether every matcher passes.
pub fn all_match(matchers: &[RouteMatcher], labels: &[(String, String)]) -> bool {
    matchers.iter().all(|m| m.matches(labels))
}

impl Routing {
    /// The routes an alert with `labels` takes, in tree order.
    pub fn routes_for(&self, labels: &[(String, String)]) -> Vec<Taken> {
        let root = Inherited {
            receiver: self.route.receiver.clone().unwrap_or_default(),
            group_by: self.route.group_by.clone(),
        };
        let mut path = Vec::new();
        let mut out = Vec::new();
        walk(&self.route, &root, labels, &mut path, &mut out);
        out
    }

    /// The receivers an alert with `labels` reaches, in order, each once.
    pub fn receivers_for(&self, labels: &[(String, String)]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self.routes_for(labels) {
            if !out.contains(&t.receiver) {
                out.push(t.receiver);
            }
        }
        out
    }
}

/// What a route takes from its parent.
struct Inherited {
    receiver: String,
    group_by: Option<Vec<String>>,
}

/// Alertmanager's `Route.Match`: whether `route` matches, and if so the routes taken.
fn walk(
    route: &Route,
    parent: &Inherited,
    labels: &[(String, String)],
    path: &mut Vec<usize>,
    out: &mut Vec<Taken>,
) -> bool {
    if !all_match(&route.matchers, labels) {
        return false;
    }
    let own = Inherited {
        receiver: route
            .receiver
            .clone()
            .unwrap_or_else(|| parent.receiver.clone()),
        group_by: route.group_by.clone().or_else(|| parent.group_by.clone()),
    };
    let before = out.len();
    for (i, child) in route.routes.iter().enumerate() {
        path.push(i);
        let matched = walk(child, &own, labels, path, out);
        path.pop();
        if matched && !child.continue_ {
            break;
        }
    }
    if out.len() == before {
        out.push(Taken {
            path: path.clone(),
            receiver: own.receiver,
            group_by: own.group_by,
        });
    }
    true
}
