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
            MatcherOp::Regex => anchored(&self.value).is_ok_and(|re| re.is_match(value)),
            MatcherOp::NotRegex => anchored(&self.value).is_ok_and(|re| !re.is_match(value)),
        }
    }
}

/// The pattern as Alertmanager compiles it (Go's RE2, anchored, as Prometheus's
/// matchers), compiled once a thread; an error when it does not compile (resolve
/// reports that, so a project that builds has none).
pub fn anchored(pattern: &str) -> Result<regex::Regex, String> {
    crate::promql::check::compile_anchored(pattern)
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
        receivers(&self.routes_for(labels))
    }
}

/// The receivers of `routes`, in order, each once.
pub fn receivers(routes: &[Taken]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in routes {
        if !out.contains(&t.receiver) {
            out.push(t.receiver.clone());
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn matcher(label: &str, op: MatcherOp, value: &str) -> RouteMatcher {
        RouteMatcher {
            label: label.into(),
            op,
            value: value.into(),
            span: Span::DUMMY,
            label_span: Span::DUMMY,
            value_span: Span::DUMMY,
        }
    }

    fn route(matchers: Vec<RouteMatcher>, receiver: Option<&str>, routes: Vec<Route>) -> Route {
        Route {
            matchers,
            receiver: receiver.map(str::to_string),
            routes,
            ..Route::empty(Span::DUMMY, Span::DUMMY)
        }
    }

    fn routing(root: Route) -> Routing {
        Routing {
            name: "r".into(),
            name_span: Span::DUMMY,
            secrets_dir: String::new(),
            secret: String::new(),
            receivers: Vec::new(),
            route: root,
            inhibit_rules: Vec::new(),
            time_intervals: Vec::new(),
            expectations: Vec::new(),
            span: Span::DUMMY,
        }
    }

    fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The tree of the examples: team routes with severity children, the first child
    /// `continue`s into a copy for an audit receiver.
    fn tree() -> Routing {
        let mut audit = route(
            vec![matcher("severity", MatcherOp::Regex, "critical|warning")],
            Some("audit"),
            Vec::new(),
        );
        audit.continue_ = true;
        let trading = route(
            vec![matcher("team", MatcherOp::Equal, "trading")],
            None,
            vec![
                route(
                    vec![matcher("severity", MatcherOp::Equal, "critical")],
                    Some("pager"),
                    Vec::new(),
                ),
                route(
                    vec![matcher("severity", MatcherOp::NotEqual, "critical")],
                    Some("chat"),
                    Vec::new(),
                ),
            ],
        );
        routing(route(Vec::new(), Some("null"), vec![audit, trading]))
    }

    #[test]
    fn the_first_matching_child_takes_the_alert_unless_it_continues() {
        let r = tree();
        let critical = labels(&[("team", "trading"), ("severity", "critical")]);
        assert_eq!(r.receivers_for(&critical), ["audit", "pager"]);
        let taken: Vec<String> = r
            .routes_for(&critical)
            .iter()
            .map(Taken::path_text)
            .collect();
        assert_eq!(taken, ["root/1", "root/2/1"]);
        let info = labels(&[("team", "trading"), ("severity", "info")]);
        assert_eq!(r.receivers_for(&info), ["chat"]);
    }

    #[test]
    fn a_route_without_a_matching_child_is_taken_with_its_parents_receiver() {
        let r = tree();
        // `team = trading` matches, neither child does: the team route itself, whose
        // receiver is the root's. No team at all: the root.
        let mut t = r.clone();
        t.route.routes[1].routes.truncate(1);
        let info = labels(&[("team", "trading"), ("severity", "info")]);
        let taken = t.routes_for(&info);
        assert_eq!(taken.len(), 1);
        assert_eq!(
            (taken[0].path_text(), taken[0].receiver.as_str()),
            ("root/2".into(), "null")
        );
        let other = r.routes_for(&labels(&[("severity", "info")]));
        assert_eq!(other[0].path_text(), "root");
        assert_eq!(other[0].receiver, "null");
    }

    #[test]
    fn matchers_read_a_missing_label_as_empty_and_anchor_regexes() {
        let empty = matcher("team", MatcherOp::Equal, "");
        assert!(empty.matches(&[]));
        let not = matcher("team", MatcherOp::NotEqual, "a");
        assert!(not.matches(&[]));
        let re = matcher("team", MatcherOp::Regex, "trad");
        assert!(!re.matches(&labels(&[("team", "trading")])));
        let any = matcher("team", MatcherOp::Regex, ".+");
        assert!(!any.matches(&[]));
        let nre = matcher("team", MatcherOp::NotRegex, "trad.*");
        assert!(!nre.matches(&labels(&[("team", "trading")])));
    }
}
