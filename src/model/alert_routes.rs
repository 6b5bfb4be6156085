//! Every alert of a project with the labels known before it fires, and where the
//! routing block sends it: what `dac routes` prints and the routing lint rules read.

use super::route_match::{Taken, receivers};
use super::rules::{AlertRule, Rule};
use super::{Project, Routing};

/// One alert and its routes.
#[derive(Clone, Debug)]
pub struct AlertRoute<'a> {
    pub alert: &'a AlertRule,
    /// The rule set it is in.
    pub rule_set: &'a str,
    /// `alertname` and the rule's labels, sorted by name.
    pub labels: Vec<(String, String)>,
    pub routes: Vec<Taken>,
    /// The receivers reached, in tree order, each once.
    pub receivers: Vec<String>,
}

/// The labels Alertmanager sees that dac knows statically: `alertname` and the rule's
/// `labels`. Those the expression gives are known only when it fires.
pub fn static_labels(alert: &AlertRule) -> Vec<(String, String)> {
    let mut labels: Vec<(String, String)> = alert
        .labels
        .iter()
        .map(|p| (p.key.clone(), p.value.clone()))
        .collect();
    labels.push(("alertname".into(), alert.name.clone()));
    labels.sort();
    labels
}

/// Every alert of `project`, in source order, routed by `routing`.
pub fn alert_routes<'a>(project: &'a Project, routing: &Routing) -> Vec<AlertRoute<'a>> {
    let mut out = Vec::new();
    for set in &project.rule_sets {
        for rule in set.groups.iter().flat_map(|g| &g.rules) {
            let Rule::Alert(alert) = rule else {
                continue;
            };
            let labels = static_labels(alert);
            let routes = routing.routes_for(&labels);
            out.push(AlertRoute {
                alert,
                rule_set: &set.name,
                receivers: receivers(&routes),
                routes,
                labels,
            });
        }
    }
    out
}
