//! What each construct does to labels, stated in a compact notation:
//! `only(a, b)` is [`Labels::Exactly`]; `all except(a) with(b)` is [`Labels::AllExcept`];
//! `, name` means `__name__` survives.

use super::*;
use crate::diagnostic::FileId;
use crate::promql::parser::{ParseOptions, parse};

fn show(set: &LabelSet) -> String {
    let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
    let mut text = match &set.labels {
        Labels::Exactly(labels) => format!("only({})", list(labels)),
        Labels::AllExcept { except, added } => {
            let mut text = "all".to_string();
            if !except.is_empty() {
                text += &format!(" except({})", list(except));
            }
            if !added.is_empty() {
                text += &format!(" with({})", list(added));
            }
            text
        }
    };
    if set.metric_name {
        text += ", name";
    }
    text
}

fn labels_of(src: &str) -> String {
    let options = ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana: true,
    };
    match parse(src, &options) {
        Ok(expr) => show(&output_labels(&expr)),
        Err(e) => panic!("{src}: {e:?}"),
    }
}

fn assert_table(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (src, expected) in cases {
        let got = labels_of(src);
        if got != *expected {
            failures.push(format!("{src}\n  expected {expected}\n  got      {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn selectors_keep_everything() {
    assert_table(&[
        ("up", "all, name"),
        ("up{job=\"api\", env!=\"dev\"}", "all with(job), name"),
        ("up{job=\"\"}", "all, name"),
        ("{__name__=\"up\", job=\"a\"}", "all with(job), name"),
        ("up[5m]", "all, name"),
        ("(up)", "all, name"),
        ("up offset 5m", "all, name"),
    ]);
}

#[test]
fn scalars_and_strings_have_no_labels() {
    assert_table(&[
        ("1", "only()"),
        ("\"a\"", "only()"),
        ("1 + 2 * 3", "only()"),
        ("time()", "only()"),
        ("scalar(up)", "only()"),
        ("vector(1)", "only()"),
        ("vector(scalar(up))", "only()"),
        ("hour()", "only()"),
        ("pi()", "only()"),
        ("$n", "only()"),
    ]);
}

#[test]
fn functions_drop_the_name_unless_they_return_input_samples() {
    assert_table(&[
        ("rate(x[5m])", "all"),
        ("rate(x{job=\"a\"}[5m])", "all with(job)"),
        ("abs(x)", "all"),
        ("round(x, 1)", "all"),
        ("clamp(x, 0, 1)", "all"),
        ("hour(x)", "all"),
        ("max_over_time(x[5m])", "all"),
        ("quantile_over_time(0.9, x[5m])", "all"),
        ("predict_linear(x[1h], 60)", "all"),
        ("timestamp(x)", "all"),
        ("last_over_time(x[5m])", "all, name"),
        ("sort_desc(x)", "all, name"),
        ("sort_by_label(x, \"a\")", "all, name"),
        ("rate(x[5m:1m])", "all"),
        ("max_over_time(rate(x[5m])[1h:])", "all"),
        ("-x", "all"),
    ]);
}

#[test]
fn histogram_functions_drop_le() {
    assert_table(&[
        (
            "histogram_quantile(0.9, rate(x_bucket[5m]))",
            "all except(le)",
        ),
        (
            "histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))",
            "only(job)",
        ),
        ("histogram_fraction(0, 1, x)", "all except(le)"),
        ("histogram_count(x)", "all"),
    ]);
}

#[test]
fn label_replace_and_label_join_add_their_target() {
    assert_table(&[
        (
            "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")",
            "all with(dst), name",
        ),
        (
            "label_replace(sum by (a) (x), \"b\", \"$1\", \"a\", \"(.*)\")",
            "only(a, b)",
        ),
        (
            "label_replace(sum without (b) (x), \"b\", \"$1\", \"a\", \"(.*)\")",
            "all with(b)",
        ),
        (
            "label_replace(rate(x[5m]), \"__name__\", \"$1\", \"a\", \"(.*)\")",
            "all, name",
        ),
        (
            "label_join(sum by (a) (x), \"c\", \",\", \"a\")",
            "only(a, c)",
        ),
        (
            "label_join(rate(x[5m]), \"c\", \",\", \"a\")",
            "all with(c)",
        ),
    ]);
}

#[test]
fn absent_keeps_the_equality_matchers() {
    assert_table(&[
        (
            "absent(x{job=\"a\", instance=\"b\"})",
            "only(instance, job)",
        ),
        ("absent(x{job=\"a\", job=\"b\", env=\"c\"})", "only(env)"),
        ("absent(x{job=\"a\", job!=\"b\"})", "only()"),
        ("absent(x{job!=\"a\", job=\"b\"})", "only(job)"),
        ("absent(x{job=~\"a\"})", "only()"),
        ("absent(x{job=\"\"})", "only()"),
        ("absent(sum(x{job=\"a\"}))", "only()"),
        ("absent_over_time(x{job=\"a\"}[5m])", "only(job)"),
        ("absent({__name__=\"x\", job=\"a\"})", "only(job)"),
    ]);
}

#[test]
fn aggregations_group() {
    assert_table(&[
        ("sum(x)", "only()"),
        ("sum by (job, instance) (x)", "only(instance, job)"),
        ("sum(x) by (job)", "only(job)"),
        ("sum without (pod) (x)", "all except(pod)"),
        (
            "sum without (pod) (x{pod=\"a\", job=\"b\"})",
            "all except(pod) with(job)",
        ),
        ("sum without () (x)", "all"),
        ("max by (__name__) (x)", "only(), name"),
        ("max by (__name__, job) (rate(x[5m]))", "only(job)"),
        ("avg by (a) (sum by (a, b) (x))", "only(a)"),
        ("avg by (c) (sum by (a, b) (x))", "only()"),
        ("avg by (a) (sum without (a) (x))", "only()"),
        ("count without (a) (sum by (a, b) (x))", "only(b)"),
        ("quantile by (job) (0.9, x)", "only(job)"),
        ("group by (job) (x)", "only(job)"),
        ("sum by ($label) (x)", "only($label)"),
    ]);
}

#[test]
fn selecting_aggregations_keep_the_input() {
    assert_table(&[
        ("topk(3, x)", "all, name"),
        ("bottomk by (job) (3, x)", "all, name"),
        ("topk(3, sum by (a) (x))", "only(a)"),
        ("topk(3, rate(x[5m]))", "all"),
        ("limitk(3, x)", "all, name"),
        ("limit_ratio(0.5, x)", "all, name"),
    ]);
}

#[test]
fn count_values_adds_its_label() {
    assert_table(&[
        ("count_values(\"version\", x)", "only(version)"),
        ("count_values by (job) (\"v\", x)", "only(job, v)"),
        (
            "count_values without (pod) (\"v\", x)",
            "all except(pod) with(v)",
        ),
    ]);
}

#[test]
fn binary_operators_with_scalars() {
    assert_table(&[
        ("x * 2", "all"),
        ("2 * x", "all"),
        ("x > 2", "all, name"),
        ("2 < x", "all, name"),
        ("x > bool 2", "all"),
        ("sum by (a) (x) / 2", "only(a)"),
    ]);
}

#[test]
fn binary_operators_between_vectors() {
    assert_table(&[
        ("x + y", "all"),
        ("x > y", "all, name"),
        ("x > bool y", "all"),
        ("x{job=\"a\"} / y", "all with(job)"),
        ("sum by (a, b) (x) / sum by (a, b) (y)", "only(a, b)"),
        ("x + on(a, b) y", "only(a, b)"),
        ("x > on(a) y", "only(a)"),
        ("x > on(__name__, a) y", "only(a), name"),
        ("x + ignoring(a) y", "all except(a)"),
        ("x > ignoring(__name__) y", "all"),
        (
            "sum by (a, c) (x) * on(a) group_left(b) sum by (a, b) (y)",
            "only(a, b, c)",
        ),
        ("sum without (b) (x) * on(a) group_left(b) y", "all"),
        ("x * on(a) group_left y", "all"),
        ("x > on(a) group_left y", "all, name"),
        (
            "sum by (a) (x) * on(a) group_right(b) sum by (a, c) (y)",
            "only(a, b, c)",
        ),
    ]);
}

#[test]
fn set_operators() {
    assert_table(&[
        ("x and y", "all, name"),
        ("x unless y", "all, name"),
        ("sum by (a) (x) and y", "only(a)"),
        ("sum by (a) (x) or sum by (b) (y)", "only(a, b)"),
        ("x or sum by (b) (y)", "all, name"),
        (
            "sum without (a) (x) or sum without (a, b) (y)",
            "all except(a)",
        ),
        ("sum without (a) (x) or sum by (a) (y)", "all"),
        ("x{j=\"1\", k=\"2\"} or y{j=\"3\"}", "all with(j), name"),
        ("rate(x[5m]) or rate(y[5m])", "all"),
    ]);
}

#[test]
fn info_adds_unknown_labels() {
    assert_table(&[
        ("info(x)", "all, name"),
        ("info(sum by (a) (x))", "all with(a)"),
    ]);
}

#[test]
fn questions_a_check_can_ask() {
    let options = ParseOptions::new(FileId(0));
    let by_job = output_labels(&parse("sum by (job) (rate(x[5m]))", &options).unwrap());
    assert!(by_job.may_have("job"));
    assert!(!by_job.may_have("instance"));
    assert!(!by_job.may_have("__name__"));
    assert!(!by_job.certainly_has("job"));

    let raw = output_labels(&parse("up{job=\"api\"} == 0", &options).unwrap());
    assert!(raw.may_have("instance"));
    assert!(raw.may_have("__name__"));
    assert!(raw.certainly_has("job"));
    assert!(!raw.certainly_has("instance"));

    let without = output_labels(&parse("sum without (pod) (x)", &options).unwrap());
    assert!(!without.may_have("pod"));
    assert!(without.may_have("namespace"));

    assert_eq!(
        LabelSet::none(),
        output_labels(&parse("1", &options).unwrap())
    );
    assert_eq!(
        LabelSet::all(),
        output_labels(&parse("x", &options).unwrap())
    );
}
