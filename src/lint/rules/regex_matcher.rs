//! ## What it does
//! Flags a label matcher regex (`=~`, `!~`) that says less than it seems to:
//!
//! - one that matches everything, `=~".*"`: the matcher filters nothing out, and
//!   `!~".*"` selects no series at all;
//! - one that could be `=` (or `!=`): `=~"payments"`, with no regex syntax, or only
//!   escaped punctuation (`=~"api\\.v1"`);
//! - anchors: `=~"^pay.*$"`. Prometheus anchors every label regex at both ends
//!   already, so `^` and `$` add nothing.
//!
//! A regex that is not valid RE2 has the same name, `promql/regex`, but is no lint
//! finding: the PromQL front end refuses it, as an error of every `dac build` and
//! `dac lint`, since Prometheus would reject the query. Neither `[lint]` nor a
//! `# dac: disable` comment turns that off; `dac explain promql/regex` explains both.
//! Values holding a Grafana variable (`=~"$job"`) are not checked: Grafana fills them
//! in, with a regex of the values picked.
//!
//! ## Why is this bad?
//! A matcher that matches everything looks like a filter and is none; `!~".*"` makes a
//! panel empty or an alert one that never fires. A regex where `=` would do hides the
//! plain meaning and is slower to match. An anchor suggests that the regex is not
//! anchored without it, which misleads the next reader into writing `=~"pay"` for
//! "contains pay" (it means "is exactly pay").
//!
//! ## Example
//! ```text
//! sum by (job) (rate(http_requests_total{job=~"^payments$", env=~".*"}[5m]))
//! ```
//!
//! ## Use instead
//! ```text
//! sum by (job) (rate(http_requests_total{job="payments"}[5m]))
//! ```

use crate::lint::context::LintInput;
use crate::lint::finding::Finding;
use crate::lint::settings::LintSettings;
use crate::promql::ast::{MatchOp, Matcher};
use crate::promql::grafana_text::contains_variable;
use crate::promql::literal::quote;
use crate::promql::visit::selectors;

pub fn check(input: &LintInput, _: &LintSettings, out: &mut Vec<Finding>) {
    for query in input.queries() {
        for selector in selectors(&query.expr) {
            for matcher in &selector.matchers {
                if let Some(finding) = check_matcher(matcher) {
                    out.push(finding);
                }
            }
        }
    }
}

fn check_matcher(m: &Matcher) -> Option<Finding> {
    let negated = match m.op {
        MatchOp::Regex => false,
        MatchOp::NotRegex => true,
        MatchOp::Equal | MatchOp::NotEqual => return None,
    };
    if contains_variable(&m.value) {
        return None;
    }
    let (body, anchored) = strip_anchors(&m.value);
    let (op, plain) = if negated { ("!~", "!=") } else { ("=~", "=") };
    if matches!(body, ".*" | "(.*)" | "(?:.*)") {
        return Some(match_all(m, negated));
    }
    let literal = literal(body);
    if anchored {
        let finding = Finding::new(
            m.value_span,
            format!(
                "`{}{op}{}` has anchors, and Prometheus anchors label regexes at both ends \
                 already",
                m.label.name,
                quote(&m.value)
            ),
            "redundant `^` or `$`",
        );
        let help = match literal {
            Some(text) => format!(
                "without them it needs no regex: write `{}{plain}{}`",
                m.label.name,
                quote(&text)
            ),
            None => format!("remove them: `{}{op}{}`", m.label.name, quote(body)),
        };
        return Some(finding.with_help(help));
    }
    let text = literal?;
    Some(
        Finding::new(
            m.span,
            format!(
                "`{}{op}{}` has no regex syntax: it matches one value exactly",
                m.label.name,
                quote(&m.value)
            ),
            format!("could be `{plain}`"),
        )
        .with_help(format!(
            "write `{}{plain}{}`; a regex is for several values (`a|b`) or a pattern",
            m.label.name,
            quote(&text)
        )),
    )
}

fn match_all(m: &Matcher, negated: bool) -> Finding {
    if negated {
        return Finding::new(
            m.span,
            format!(
                "`{}!~{}` excludes every value, the empty one too: the selector selects \
                 no series",
                m.label.name,
                quote(&m.value)
            ),
            "matches no series",
        )
        .with_help(format!(
            "to select series without `{0}`, write `{0}=\"\"`; otherwise remove the \
             matcher",
            m.label.name
        ));
    }
    Finding::new(
        m.span,
        format!(
            "`{}=~{}` matches every value, the empty one too: it filters nothing out",
            m.label.name,
            quote(&m.value)
        ),
        "matches every series",
    )
    .with_help(format!(
        "remove the matcher; to require `{0}` to be set, write `{0}!=\"\"`",
        m.label.name
    ))
}

/// The regex without a leading `^` and a trailing, unescaped `$`; whether it had one.
fn strip_anchors(regex: &str) -> (&str, bool) {
    let mut body = regex;
    let mut anchored = false;
    if let Some(rest) = body.strip_prefix('^') {
        body = rest;
        anchored = true;
    }
    if let Some(rest) = body.strip_suffix('$') {
        let escapes = rest.chars().rev().take_while(|&c| c == '\\').count();
        if escapes % 2 == 0 {
            body = rest;
            anchored = true;
        }
    }
    (body, anchored)
}

/// The one string a regex matches when it has no regex syntax: its characters, with
/// escaped punctuation unescaped. `None` for anything else (`\d`, `.`, `a|b`).
fn literal(regex: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = regex.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) if e.is_ascii_punctuation() => out.push(e),
                _ => return None,
            },
            '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' => {
                return None;
            }
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_regexes_without_syntax() {
        assert_eq!(literal("payments").as_deref(), Some("payments"));
        assert_eq!(literal(r"api\.v1").as_deref(), Some("api.v1"));
        assert_eq!(literal("").as_deref(), Some(""));
        for regex in ["a|b", "a.b", r"\d+", "a*", "(a)", "[ab]", "a{2}", r"\"] {
            assert_eq!(literal(regex), None, "{regex}");
        }
    }

    #[test]
    fn anchors_are_stripped_unless_escaped() {
        assert_eq!(strip_anchors("^a$"), ("a", true));
        assert_eq!(strip_anchors("^a"), ("a", true));
        assert_eq!(strip_anchors(r"a\$"), (r"a\$", false));
        assert_eq!(strip_anchors(r"a\\$"), (r"a\\", true));
        assert_eq!(strip_anchors("a|b"), ("a|b", false));
    }
}
