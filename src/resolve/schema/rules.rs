//! Rule sets and what they hold: groups, alerts, recording rules and rule tests.

use super::attr::{BlockInfo, attr};
use super::block::Block;
use super::value::Value::*;

pub static RULE_SET: BlockInfo = BlockInfo {
    id: "rule-set",
    context: "a rule set",
    form: "rules \"name\" { group \"name\" { ... } }",
    kinds: &[],
    attrs: &[&[
        attr("labels", Map, "extra labels of the PrometheusRule manifest"),
        attr("group", Block(Block::Group), "a rule group, in order"),
    ]],
};

pub static GROUP: BlockInfo = BlockInfo {
    id: "group",
    context: "a rule group",
    form: "group \"name\" { ... }",
    kinds: &[],
    attrs: &[&[
        attr("interval", Duration, "how often the rules are evaluated")
            .defaults_to("Prometheus' global interval"),
        attr(
            "limit",
            Whole {
                min: 0,
                max: u32::MAX as u64,
            },
            "at most this many alerts or series per evaluation",
        )
        .defaults_to("no limit"),
        attr("query_offset", Duration, "evaluate this far in the past"),
        attr(
            "scope",
            Matchers,
            "label matchers added to every selector of the group's rules",
        ),
        attr("alert", Block(Block::Alert), "an alerting rule"),
        attr("record", Block(Block::Record), "a recording rule"),
        attr(
            "test",
            Block(Block::Test),
            "a promtool unit test of the group's rules",
        ),
    ]],
};

pub static ALERT: BlockInfo = BlockInfo {
    id: "alert",
    context: "an alert",
    form: "alert \"Name\" { expr = `...` }",
    kinds: &[],
    attrs: &[&[
        attr(
            "expr",
            Described("PromQL, maybe compared with a number: `` `error_ratio` > 0.05 ``"),
            "required; the alert fires while it returns series",
        ),
        attr(
            "for",
            Duration,
            "how long it must hold before the alert fires",
        )
        .defaults_to("fires at once"),
        attr(
            "keep_firing_for",
            Duration,
            "how long the alert keeps firing after it stops holding",
        ),
        attr("severity", Word, "the `severity` label"),
        attr("summary", String, "the `summary` annotation"),
        attr("description", String, "the `description` annotation"),
        attr("runbook", String, "the `runbook_url` annotation"),
        attr("labels", Map, "labels of the alert (Go templates)"),
        attr(
            "annotations",
            Map,
            "annotations of the alert (Go templates)",
        ),
    ]],
};

pub static RECORD: BlockInfo = BlockInfo {
    id: "record",
    context: "a recording rule",
    form: "record \"name\" = `PROMQL`",
    kinds: &[],
    attrs: &[&[attr("labels", Map, "labels added to the recorded series")]],
};

pub static TEST: BlockInfo = BlockInfo {
    id: "test",
    context: "a rule test",
    form: "test \"name\" { ... }",
    kinds: &[],
    attrs: &[&[
        attr("interval", Duration, "the step between a series' values")
            .defaults_to("`1m` (promtool's)"),
        attr(
            "series",
            Statement("series `metric{label=\"value\"}` = \"0+10x30\""),
            "an input series and its values, in promtool's notation",
        ),
        attr(
            "expect",
            Statement(
                "expect alert \"Name\" at 10m { labels = { ... } }, expect no alert \"Name\" at 5m, or expect query `...` at 10m { ... }",
            ),
            "what the rules give at a time: alerts, no alert, or a query's samples",
        ),
    ]],
};

pub static EXPECT_ALERT: BlockInfo = BlockInfo {
    id: "expect-alert",
    context: "an expected alert",
    form: "expect alert \"Name\" at 10m { ... }",
    kinds: &[],
    attrs: &[&[
        attr("labels", Map, "the alert's labels, exactly"),
        attr("annotations", Map, "the alert's annotations, exactly"),
    ]],
};

pub static EXPECT_QUERY: BlockInfo = BlockInfo {
    id: "expect-query",
    context: "an expected query result",
    form: "expect query `...` at 10m { ... }",
    kinds: &[],
    attrs: &[&[attr(
        "sample",
        Statement("sample `{label=\"value\"}` = 1"),
        "a series the query returns, by its labels, and its value",
    )]],
};
