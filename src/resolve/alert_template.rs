//! An alert's labels and annotations are Go templates: Prometheus expands them when the
//! alert fires, and promtool rejects a rule file where one does not parse. Each is
//! checked here with [`crate::gotmpl`], the fault pointed at inside the string literal.

use super::cx::{Cx, joined};
use super::string_spans::StringSpans;
use crate::ast::Value;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::{self, ErrorKind, TemplateError};
use crate::model::TemplateLabelRef;

/// Checks the template in `value` (the label or annotation `key` of alert `alert`) and
/// adds the labels it reads to `refs`.
pub fn check(
    cx: &mut Cx,
    alert: &str,
    kind: &str,
    key: &str,
    value: &Value,
    refs: &mut Vec<TemplateLabelRef>,
) {
    let Some(text) = joined(value) else {
        return;
    };
    // Text without `{{` is one text node: nothing to parse, nothing to map.
    if !text.contains("{{") {
        return;
    }
    let parsed = gotmpl::parse(&text, &format!("__alert_{alert}"));
    let spans = StringSpans::of(cx.sources, value);
    match parsed {
        Ok(t) => refs.extend(t.label_refs.into_iter().map(|r| TemplateLabelRef {
            name: r.name,
            span: spans.span(r.range),
        })),
        Err(e) => {
            let span = spans.span(e.range.clone());
            cx.diagnostics
                .push(diagnostic(&e, kind, key).with_primary(span, label(&e.kind)));
        }
    }
}

fn diagnostic(e: &TemplateError, kind: &str, key: &str) -> Diagnostic {
    let d = Diagnostic::error(
        Code::AlertTemplate,
        format!("the template in {kind} `{key}` does not parse: {}", e.kind),
    )
    .with_note(
        "Prometheus expands alert labels and annotations as Go templates; promtool rejects \
         a rule whose template does not parse",
    );
    match help(&e.kind) {
        Some(h) => d.with_help(h),
        None => d,
    }
}

fn label(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::FunctionNotDefined { .. } => "not a template function",
        ErrorKind::UndefinedVariable { .. } => "not declared here",
        ErrorKind::UnclosedAction => "this action has no closing `}}`",
        ErrorKind::UnexpectedEof => "never closed with `{{ end }}`",
        _ => "here",
    }
}

fn help(kind: &ErrorKind) -> Option<String> {
    let did_you_mean = |s: &Option<String>| s.as_ref().map(|s| format!("did you mean `{s}`?"));
    match kind {
        ErrorKind::FunctionNotDefined { suggestion, .. } => {
            did_you_mean(suggestion).or_else(|| {
                // Prometheus' own, in full; Go's builtins (`printf`, `eq`, ...) by name
                // only, so the help stays short enough to be shown whole.
                let go = gotmpl::FUNCTIONS.iter().position(|f| *f == "and");
                let prometheus = &gotmpl::FUNCTIONS[..go.unwrap_or(gotmpl::FUNCTIONS.len())];
                Some(format!(
                    "Prometheus adds {} to Go's text/template builtins",
                    prometheus.join(", ")
                ))
            })
        }
        ErrorKind::UndefinedVariable { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
            Some(
                "Prometheus declares `$labels`, `$externalLabels`, `$externalURL` and `$value` \
                 (not inside `define` or `block`); declare others first: `{{ $x := ... }}`"
                    .into(),
            )
        }),
        ErrorKind::UnclosedAction | ErrorKind::UnexpectedEof => Some(
            "close every `{{` with `}}`, and every `if`, `range`, `with`, `define` and `block` \
             with `{{ end }}`"
                .into(),
        ),
        ErrorKind::OutsideRange(_) => Some("use it inside `{{ range ... }}`".into()),
        _ => Some(
            "write the template in Go's text/template syntax (pkg.go.dev/text/template)".into(),
        ),
    }
}
