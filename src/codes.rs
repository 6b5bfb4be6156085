//! The registry of diagnostic codes: one enum, one table. Each code has a stable name
//! (public: reports, CI annotations and docs name it, so it never changes once released),
//! the severity it is reported with by default, a one-line summary, and a longer
//! explanation (`src/codes/<name>.md`) that `dac explain CODE` prints.

use std::fmt;
use std::sync::OnceLock;

use crate::lint::registry::RuleId;
use crate::severity::Severity;

/// What the registry knows of one code.
#[derive(Debug)]
pub struct CodeInfo {
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// Declares [`Code`] and its table from one list, so a code cannot lack an entry.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// A diagnostic code. Its name is [`Code::name`]; see [`CodeInfo`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
            /// A finding of a lint rule: its name is the rule's (`alert/for`), and its
            /// table is the rule registry ([`crate::lint::registry`]).
            Rule(RuleId),
        }

        impl Code {
            /// Every code of this table, in its order (sorted by name). Lint rules are
            /// listed by [`RuleId::ALL`].
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn info(self) -> &'static CodeInfo {
                match self {
                    $(Code::$variant => &CodeInfo {
                        name: $name,
                        severity: Severity::$severity,
                        summary: $summary,
                        explanation: include_str!(concat!("codes/", $name, ".md")),
                    },)*
                    Code::Rule(rule) => rule_info(rule),
                }
            }
        }
    };
}

codes! {
    NoDirectory = "build/no-directory", Error, "dac cannot tell which directory it runs in";
    NothingToBuild = "build/nothing-to-build", Error, "no `.dac` sources, or sources with no block to build";
    ConfigInvalid = "config/invalid", Error, "`dac.toml` has an unknown key or a wrong value";
    RuleFiles = "config/rule-files", Error, "a `[prometheus] rule_files` entry that names no rule file of the rules ConfigMap";
    AlertTemplate = "dac/alert-template", Error, "an alert's label or annotation template that Prometheus cannot parse";
    Color = "dac/color", Error, "a color that is not a Grafana color name, `#RRGGBB(AA)`, `rgb()` or `rgba()`";
    ColorScheme = "dac/color-scheme", Error, "a panel color scheme that is not a Grafana color mode";
    DatasourceVariable = "dac/datasource-variable", Error, "the dashboard's datasource variable is declared with another type";
    Duplicate = "dac/duplicate", Error, "a duplicate template, parameter, rule group or service name";
    DuplicateAlert = "dac/duplicate-alert", Error, "two alerts with one name and the same labels";
    DuplicateAttribute = "dac/duplicate-attribute", Error, "an attribute set twice";
    DuplicateJob = "dac/duplicate-job", Error, "two services or exporters that would be one scrape job of `prometheus.yml`";
    DuplicateRecord = "dac/duplicate-record", Warning, "two recording rules that record one name with the same labels";
    DuplicateRuleSet = "dac/duplicate-rule-set", Error, "two rule sets with one name";
    DuplicateUid = "dac/duplicate-uid", Error, "two dashboards with one uid";
    Duration = "dac/duration", Error, "a malformed or out-of-range duration";
    Encoding = "dac/encoding", Error, "a source file that is not UTF-8";
    GrafanaVariableInRule = "dac/grafana-variable-in-rule", Error, "`$var` or a `$__` macro in a rule expression";
    Import = "dac/import", Error, "a missing file, an import cycle, or an import outside the project";
    InapplicableAttribute = "dac/inapplicable-attribute", Error, "an attribute the block's kind does not use (`stack` on a gauge, `buckets` on a counter)";
    InlineSecret = "dac/inline-secret", Error, "a receiver's secret (a URL, key or password) written inline instead of in a file";
    IntervalAuto = "dac/interval-auto", Warning, "the `auto` option of an interval variable, which Grafana's schema cannot hold";
    KubernetesLabel = "dac/kubernetes-label", Error, "a Kubernetes label or annotation that Kubernetes rejects";
    Layout = "dac/layout", Error, "a panel after a row that is not inside one; an explicit `y` above the panel's own row header or over another panel";
    MissingAttribute = "dac/missing-attribute", Error, "a required attribute is missing (a dashboard's `uid`, an alert's `expr`, a link's `url`)";
    Name = "dac/name", Error, "a rule set or service name Kubernetes rejects (DNS-1123)";
    NoQuery = "dac/no-query", Warning, "a table without a query";
    OutputPathCollision = "dac/output-path-collision", Error, "two objects whose names would give one output file";
    Routing = "dac/routing", Error, "a routing block that Alertmanager would reject or misread: an unknown receiver or time interval, a bad matcher, a misshapen root route";
    ScrapeJob = "dac/scrape-job", Error, "a service `prometheus.yml` cannot scrape: no `port` named, or a timeout longer than its interval";
    Source = "dac/source", Error, "a source that is a link out of the project, not a regular file, or too large";
    Syntax = "dac/syntax", Error, "the file does not parse";
    Template = "dac/template", Error, "an unknown template, a missing, unknown or mistyped parameter, `@name` outside a template, a template using itself";
    Test = "dac/test", Error, "a rule test's series that is not a selector, an expected alert the group does not define, an expected label the alert never carries, or a routing expectation that does not hold";
    Thresholds = "dac/thresholds", Error, "threshold values not strictly ascending";
    Type = "dac/type", Error, "a value of the wrong kind";
    Uid = "dac/uid", Error, "a uid longer than 40 characters or with characters Grafana rejects";
    UndeclaredVariable = "dac/undeclared-variable", Error, "a dashboard query uses a variable the dashboard does not declare";
    Unit = "dac/unit", Error, "an unknown Grafana unit";
    UnknownKeyword = "dac/unknown-keyword", Error, "a keyword or attribute dac does not know here (for a panel: that no kind takes)";
    VariableQuery = "dac/variable-query", Error, "a variable query that is not `label_values`, `query_result`, `label_names` or `metrics`";
    ForeignFile = "output/foreign-file", Error, "a file in the output directory that dac did not write";
    InTheWay = "output/in-the-way", Error, "a link, file or directory where the output must go";
    Locked = "output/locked", Error, "another dac build holds the output directory";
    Manifest = "output/manifest", Error, "the output manifest is not the plain file dac wrote";
    MountPoint = "output/mount-point", Error, "the output directory is a mount point";
    Permission = "output/permission", Error, "part of the output tree is not writable";
    Verify = "output/verify", Error, "`--verify` found promtool missing, or promtool rejected the build";
    Write = "output/write", Error, "writing the output failed";
    PromqlExperimental = "promql/experimental", Warning, "a function or aggregation that needs a Prometheus feature flag";
    PromqlFunction = "promql/function", Error, "an unknown or removed function, or a wrong number of arguments";
    PromqlRegex = "promql/regex", Error, "a label matcher regex that is not valid RE2";
    PromqlSelector = "promql/selector", Error, "a selector that selects nothing (no matchers, the name twice)";
    PromqlSyntax = "promql/syntax", Error, "a query that does not parse";
    PromqlType = "promql/type", Error, "a query whose types do not fit (a range vector where an instant vector is needed, ...)";
}

impl Code {
    /// The stable name, such as `dac/duplicate-uid`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Rule(rule) => rule.name(),
            _ => self.info().name,
        }
    }

    /// The code of a name: one of this table's, or a lint rule's.
    pub fn from_name(name: &str) -> Option<Code> {
        let code = Code::ALL.iter().copied().find(|c| c.name() == name);
        code.or_else(|| RuleId::from_name(name).map(Code::Rule))
    }

    /// The code that took over a name no longer used, so that `dac explain` still
    /// answers for reports written by an older dac.
    pub fn renamed(old: &str) -> Option<Code> {
        RENAMED
            .iter()
            .find(|(name, _)| *name == old)
            .map(|&(_, code)| code)
    }

    /// The Markdown table of every code, as `docs/language.md` holds it between
    /// `<!-- codes:begin -->` and `<!-- codes:end -->`.
    pub fn markdown_table() -> String {
        let mut out = String::from("| code | severity | when |\n|---|---|---|\n");
        for code in Code::ALL {
            let info = code.info();
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                info.name, info.severity, info.summary
            ));
        }
        out
    }
}

/// The [`CodeInfo`] of a lint rule, made once from the rule registry. Its explanation is
/// the rule's documentation, read from the rule's own file: made at run time, so kept
/// for the rest of the run.
fn rule_info(rule: RuleId) -> &'static CodeInfo {
    static INFOS: OnceLock<Vec<CodeInfo>> = OnceLock::new();
    let infos = INFOS.get_or_init(|| {
        RuleId::ALL
            .iter()
            .map(|r| CodeInfo {
                name: r.name(),
                severity: r.info().severity,
                summary: r.info().summary,
                explanation: r.doc().leak(),
            })
            .collect()
    });
    // `ALL` lists every rule in declaration order, so a rule's number is its index.
    &infos[rule as usize]
}

/// Names once used, and the code each fault has now.
const RENAMED: &[(&str, Code)] = &[
    // One fault, found by the resolver or by the PromQL checker, had a code for each.
    ("promql/grafana-variable", Code::GrafanaVariableInRule),
    // Checks the emitter made until the resolver took them over, so that a command that
    // does not emit (lint) finds them too.
    ("emit/color-scheme", Code::ColorScheme),
    ("emit/datasource-variable", Code::DatasourceVariable),
    ("emit/interval-auto", Code::IntervalAuto),
    ("emit/kubernetes-label", Code::KubernetesLabel),
    // Found while emitting until the check on the resolved project took it over.
    ("emit/path-collision", Code::OutputPathCollision),
    // Size checks the emitter made until the lint rule that reads the emitted files took
    // them over; the build runs it after emitting, so it still refuses them.
    (
        "emit/config-map-too-large",
        Code::Rule(RuleId::ConfigMapSize),
    ),
    ("emit/dashboard-large", Code::Rule(RuleId::ConfigMapSize)),
    (
        "emit/dashboard-too-large",
        Code::Rule(RuleId::ConfigMapSize),
    ),
];

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
#[path = "codes_tests.rs"]
mod tests;
