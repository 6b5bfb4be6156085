//! Syntax errors where the fix goes, run as a user runs `dac build` over the output of an
//! earlier good build: exit 2, the message and its `file:line:col` (snapshot of stderr),
//! and the output directory byte for byte as it was. Each case also names what its stderr
//! must contain, so a snapshot cannot drift silently.

use crate::dac_bin;

use std::path::Path;

use dac_bin::{crate_root, dac, tree};

const F: &str = "tests/fixtures/syntax/";

/// Builds a good fixture into `TMP/out`, then runs `dac build FIXTURE -o TMP/out` from the
/// crate root; checks exit 2, an empty stdout and an untouched temporary directory;
/// returns stderr.
fn failing_build(tmp: &Path, fixture: &str) -> String {
    let out = tmp.join("out");
    let good = format!("{F}fenced_queries.dac");
    let out_arg = out.to_str().expect("a UTF-8 temporary path");
    dac(&crate_root(), ["build", &good, "-o", out_arg]).expect(0);
    let before = tree(tmp);

    let run = dac(&crate_root(), ["build", fixture, "-o", out_arg]).expect(2);
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr
            .trim_end()
            .ends_with("build failed with 1 error(s); nothing was written"),
        "{run}"
    );
    assert!(
        tree(tmp) == before,
        "a failed build changed the output directory"
    );
    run.stderr
}

macro_rules! case {
    ($name:ident, $fixture:expr, [$(($message:expr, $at:expr)),+ $(,)?]) => {
        #[test]
        fn $name() {
            let tmp = tempfile::tempdir().unwrap();
            let stderr = failing_build(tmp.path(), &format!("{F}{}", $fixture));
            $(
                assert!(stderr.contains($message), "missing {:?} in:\n{stderr}", $message);
                assert!(stderr.contains($at), "missing {:?} in:\n{stderr}", $at);
            )+
            insta::assert_snapshot!(stringify!($name), stderr);
        }
    };
}

// The `}` of `Trades executed` is missing. Every later `}` closes the block one level
// up, so the parser is left with the dashboard's `{`; the next panel, indented as the
// unclosed one, says which block ended without its `}`.
case!(
    missing_brace_shown_by_the_next_statement,
    "unclosed_panel.dac",
    [
        (
            "this `{` is probably the one not closed",
            "unclosed_panel.dac:5:34"
        ),
        ("left open at the end of the file", "1 | dashboard"),
        ("indented no deeper than the `{` line", "9 |     stat"),
    ]
);

// The last `}` is indented as the dashboard's, not as the panel's.
case!(
    missing_brace_shown_by_a_dedented_close,
    "unclosed_panel_at_end.dac",
    [
        ("unclosed `{`", "unclosed_panel_at_end.dac:3:32"),
        ("probably closes an outer block", "6 | }"),
    ]
);

case!(
    unclosed_backtick_at_the_end_of_the_file,
    "unclosed_query.dac",
    [
        ("unterminated PromQL query", "unclosed_query.dac:4:18"),
        ("this query is never closed", "4 |       expr     = `up"),
    ]
);

// The next query's opening backtick closes the open one; the error is still the open one.
case!(
    unclosed_backtick_before_another_query,
    "unclosed_query_before_another.dac",
    [
        (
            "unterminated PromQL query",
            "unclosed_query_before_another.dac:4:11"
        ),
        (
            "this backtick ends it instead",
            "8 |     query `sum(rate(http_requests_total"
        ),
    ]
);

// Opened with three backticks; the runs of two inside and at the end do not close it.
case!(
    unclosed_longer_fence,
    "unclosed_fence.dac",
    [
        ("unterminated PromQL query", "unclosed_fence.dac:4:14"),
        ("a run of exactly 3 backticks", "unclosed_fence.dac"),
    ]
);

case!(
    duration_written_with_a_space,
    "duration_with_space.dac",
    [(
        "a duration is written `15m`, not `15 min`",
        "duration_with_space.dac:5:18"
    )]
);

case!(
    fractional_duration_written_with_a_space,
    "duration_fraction_with_space.dac",
    [(
        "a duration is written `1h30m`, not `1.5 hours`",
        "duration_fraction_with_space.dac:3:10"
    )]
);

// In a header the words parse, as `at`, `10` and `min`; the duration is still named, and
// read as meant, so the statement's shape is not reported as well.
case!(
    duration_written_with_a_space_in_a_header,
    "duration_header_with_space.dac",
    [(
        "a duration is written `10m`, not `10 min`",
        "duration_header_with_space.dac:9:35"
    )]
);

// A PromQL error inside a query fenced with three backticks points at its own column.
case!(
    promql_error_inside_a_longer_fence,
    "fenced_query_promql_error.dac",
    [(
        "unexpected right parenthesis ')'",
        "fenced_query_promql_error.dac:4:80"
    )]
);
