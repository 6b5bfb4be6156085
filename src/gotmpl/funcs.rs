//! The functions an alert template may call: Go's text/template builtins and the ones
//! Prometheus adds (`template/template.go`), as the promtool dac checks against knows
//! them. `tmpl` is missing on purpose: Prometheus defines it for console templates only,
//! and promtool rejects it in a rule.

pub const FUNCTIONS: &[&str] = &[
    // Prometheus.
    "humanize",
    "humanize1024",
    "humanizeDuration",
    "humanizePercentage",
    "humanizeTimestamp",
    "toTime",
    "title",
    "toUpper",
    "toLower",
    "match",
    "reReplaceAll",
    "label",
    "value",
    "first",
    "query",
    "sortByLabel",
    "args",
    "safeHtml",
    "stripPort",
    "stripDomain",
    "graphLink",
    "tableLink",
    "externalURL",
    "pathPrefix",
    "parseDuration",
    "strvalue",
    // Go's builtins.
    "and",
    "or",
    "not",
    "len",
    "index",
    "slice",
    "print",
    "printf",
    "println",
    "html",
    "js",
    "urlquery",
    "call",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
];

/// The variables Prometheus declares before an alert's template (`$` is Go's own).
pub const ALERT_VARIABLES: &[&str] = &["$", "$labels", "$externalLabels", "$externalURL", "$value"];

pub fn is_function(name: &str) -> bool {
    FUNCTIONS.contains(&name)
}
