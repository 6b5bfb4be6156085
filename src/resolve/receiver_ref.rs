//! A receiver named in a route or a route expectation: it must be one of the routing
//! block's, and a near miss is suggested.

use super::cx::Cx;
use super::error::ErrorKind;
use super::routing_error::RoutingError;
use crate::diagnostic::Span;
use crate::model::Routing;
use crate::promql::suggest::did_you_mean;

/// Reports `name` at `span` unless the routing block has a receiver of that name.
pub fn check_receiver(cx: &mut Cx, r: &Routing, name: &str, span: Span) {
    if r.receiver(name).is_some() {
        return;
    }
    let names = r.receivers.iter().map(|x| x.name.as_str());
    let suggestion = did_you_mean(name, names.clone()).map(str::to_string);
    let known: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    cx.error(
        span,
        ErrorKind::Routing(RoutingError::UnknownReceiver {
            name: name.to_string(),
            suggestion,
            known: known.join(", "),
        }),
    );
}
