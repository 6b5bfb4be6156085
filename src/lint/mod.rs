//! `dac lint`: best-practice checks over the resolved project. Each rule is a file in
//! [`rules`]; [`registry`] is the one table of them. The engine runs the rules the
//! settings leave on, gives each finding the rule's name as its code and the rule's
//! severity, and applies the inline suppressions ([`suppression`]).

pub mod baseline;
pub mod cardinality;
pub mod checks;
pub mod context;
pub mod dashboard_texts;
pub mod finding;
pub mod known_labels;
pub mod online;
pub mod registry;
pub mod routing_facts;
pub mod rules;
pub mod settings;
pub mod signals;
pub mod suppression;
pub mod text_refs;

use std::collections::BTreeSet;

use crate::codes::Code;
use crate::diagnostic::{self, Diagnostic, Severity, Span};
use crate::emit::OutputFile;
use crate::model::Project;
use crate::promql::suggest::did_you_mean;
use crate::source::SourceMap;
use checks::Check;
use context::LintInput;
use finding::Finding;
use online::{ApiError, PrometheusApi};
use registry::RuleId;
use settings::LintSettings;
use suppression::Suppression;

/// Runs every offline rule the settings leave on; findings in report order. The rules
/// that read emitted files run only when `input` has them.
pub fn lint(input: &LintInput, settings: &LintSettings) -> Vec<Diagnostic> {
    finish(input, settings, offline(input, settings), false)
}

/// Runs every rule the settings leave on, the online ones against `api` (`dac lint
/// --prometheus URL`). A failed request fails the whole run: a finding missing because
/// the server did not answer would read as a clean bill.
pub fn lint_online(
    input: &LintInput,
    settings: &LintSettings,
    api: &dyn PrometheusApi,
) -> Result<Vec<Diagnostic>, ApiError> {
    // Asked first, so an unreachable server fails the run even when no rule asks.
    api.build_info()?;
    let mut found = offline(input, settings);
    for &rule in RuleId::ALL {
        let Check::Online(check) = checks::check(rule) else {
            continue;
        };
        if settings.severity(rule).is_none() {
            continue;
        }
        let mut findings = Vec::new();
        check(input, settings, api, &mut findings)?;
        found.extend(findings.into_iter().map(|f| (rule, f)));
    }
    superseded_by_live_intervals(&mut found);
    Ok(finish(input, settings, found, true))
}

/// The rules that read emitted files alone, for the build's gate after emitting: the
/// model may be gone by then (a build frees it while emitting), so the suppressions
/// are found before, from it. Whether a suppression suppressed something is `lint`'s
/// to report.
pub fn lint_outputs(
    outputs: &[OutputFile],
    sources: &SourceMap,
    suppressions: &[Suppression],
    settings: &LintSettings,
) -> Vec<Diagnostic> {
    let project = Project::default();
    let input = LintInput::new(&project, sources).with_outputs(Some(outputs));
    let found: Vec<_> = offline(&input, settings)
        .into_iter()
        .filter(|(rule, _)| matches!(checks::check(*rule), Check::Outputs(_)))
        .collect();
    let (mut out, _) = suppress(found, suppressions, settings, false);
    diagnostic::sort(&mut out);
    out
}

/// A range judged against the real scrape interval (`promql/scrape-interval`) is not
/// also reported against the catalog's (`promql/rate-interval`): the live figure wins,
/// and a catalog interval that is off is `catalog/drift`'s finding.
fn superseded_by_live_intervals(found: &mut Vec<(RuleId, Finding)>) {
    let live: Vec<_> = found
        .iter()
        .filter(|(rule, _)| *rule == RuleId::ScrapeInterval)
        .map(|(_, f)| f.span)
        .collect();
    found.retain(|(rule, f)| *rule != RuleId::RateInterval || !live.contains(&f.span));
}

/// The findings of every offline rule that is on (those reading outputs too, when
/// `input` has them), each reported once.
fn offline(input: &LintInput, settings: &LintSettings) -> Vec<(RuleId, Finding)> {
    let mut checks = Vec::new();
    for &rule in RuleId::ALL {
        let info = rule.info();
        let check = match checks::check(rule) {
            Check::Model(check) => check,
            Check::Outputs(check) if input.outputs.is_some() => check,
            Check::Outputs(_) | Check::Online(_) | Check::Engine => continue,
        };
        if info.online || settings.severity(rule).is_none() {
            continue;
        }
        checks.push((rule, check));
    }
    // The rules read the project and write their own findings: they run on every core,
    // and the findings come back in the registry's order.
    let found = crate::par::map(checks, |(rule, check)| {
        let mut findings = Vec::new();
        check(input, settings, &mut findings);
        (rule, findings)
    });
    found
        .into_iter()
        .flat_map(|(rule, findings)| findings.into_iter().map(move |f| (rule, f)))
        .collect()
}

/// The findings as diagnostics, in report order: each reported once, suppressions
/// applied, and the findings about the suppressions added. `online` says whether the
/// online rules ran: when they did not, a suppression of one is not unused.
fn finish(
    input: &LintInput,
    settings: &LintSettings,
    mut found: Vec<(RuleId, Finding)>,
    online: bool,
) -> Vec<Diagnostic> {
    // A template's rule is checked once per use, at the same place: report it once.
    let mut seen = BTreeSet::new();
    found.retain(|(rule, f)| seen.insert((*rule, f.span, f.message.clone())));
    let suppressions = suppression::find(input.project, input.sources);
    let (mut out, used) = suppress(found, &suppressions, settings, online);
    out.extend(about_suppressions(&suppressions, &used, settings));
    diagnostic::sort(&mut out);
    out
}

/// The findings no suppression covers, as diagnostics; and which rule of each
/// suppression suppressed something (a suppression of an online rule counts as used
/// when the online rules did not run).
fn suppress(
    mut found: Vec<(RuleId, Finding)>,
    suppressions: &[Suppression],
    settings: &LintSettings,
    online: bool,
) -> (Vec<Diagnostic>, Vec<Vec<bool>>) {
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| {
            s.rules
                .iter()
                .map(|r| !online && RuleId::from_name(&r.name).is_some_and(|r| r.info().online))
                .collect()
        })
        .collect();
    found.retain(|(rule, f)| !suppressed(suppressions, &mut used, rule.name(), f.span));
    let out = found
        .into_iter()
        .filter_map(|(rule, f)| Some(to_diagnostic(rule, settings.severity(rule)?, f)))
        .collect();
    (out, used)
}

/// Whether a suppression covers the finding; marks the ones that do as used.
fn suppressed(all: &[Suppression], used: &mut [Vec<bool>], rule: &str, at: Span) -> bool {
    let mut any = false;
    for (s, used) in all.iter().zip(used.iter_mut()) {
        if !s.covers(rule, at) {
            continue;
        }
        for (r, used) in s.rules.iter().zip(used.iter_mut()) {
            *used |= r.name == rule;
        }
        any = true;
    }
    any
}

fn to_diagnostic(rule: RuleId, severity: Severity, f: Finding) -> Diagnostic {
    // The lower of the rule's severity and the finding's own bound (Error < Warning).
    let severity = f.at_most.map_or(severity, |most| severity.max(most));
    let mut d =
        Diagnostic::new(severity, Code::Rule(rule), f.message).with_primary(f.span, f.label);
    for (span, message) in f.secondary {
        d = d.with_secondary(span, message);
    }
    match f.help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// The findings about the suppressions themselves: no reason, or nothing suppressed.
fn about_suppressions(
    all: &[Suppression],
    used: &[Vec<bool>],
    settings: &LintSettings,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(severity) = settings.severity(RuleId::SuppressionReason) {
        for s in all.iter().filter(|s| s.reason.is_empty()) {
            let f = Finding::new(
                s.span,
                "this suppression does not say why",
                "no `-- reason`",
            )
            .with_help("end the comment with `-- ` and the reason the rule does not apply here");
            out.push(to_diagnostic(RuleId::SuppressionReason, severity, f));
        }
    }
    let Some(severity) = settings.severity(RuleId::UnusedSuppression) else {
        return out;
    };
    for (s, used) in all.iter().zip(used) {
        if s.rules.is_empty() {
            let f = Finding::new(s.span, "this suppression names no rule", "no rule").with_help(
                "write `# dac: disable RULE -- reason`; `dac lint --list` lists the rules",
            );
            out.push(to_diagnostic(RuleId::UnusedSuppression, severity, f));
            continue;
        }
        for (r, &used) in s.rules.iter().zip(used) {
            if !used {
                let f = unused(r, s.covers.is_some(), settings);
                out.push(to_diagnostic(RuleId::UnusedSuppression, severity, f));
            }
        }
    }
    out
}

/// Why one rule of a suppression suppressed nothing.
fn unused(r: &suppression::Suppressed, placed: bool, settings: &LintSettings) -> Finding {
    let Some(rule) = RuleId::from_name(&r.name) else {
        let names = RuleId::ALL.iter().map(|r| r.name());
        let hint = match did_you_mean(&r.name, names) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        return Finding::new(
            r.span,
            format!(
                "`{}` is not a lint rule, so this suppresses nothing",
                r.name
            ),
            "unknown rule",
        )
        .with_help(format!("{hint}`dac lint --list` lists the rules"));
    };
    let (message, help) = if !placed {
        (
            format!("this suppression of `{}` is not before a block", r.name),
            "put it on the line right before the dashboard, panel, query, rule set, group, \
             alert or record it is about, or among the comments at the top of the file",
        )
    } else if settings.severity(rule).is_none() {
        (
            format!(
                "`{}` is turned off in dac.toml, so this suppresses nothing",
                r.name
            ),
            "remove the comment",
        )
    } else {
        (
            format!(
                "`{}` finds nothing here, so this suppresses nothing",
                r.name
            ),
            "remove the comment: what it suppressed is gone",
        )
    };
    Finding::new(r.span, message, "suppresses nothing").with_help(help)
}

#[cfg(test)]
#[path = "online_tests.rs"]
mod online_tests;
