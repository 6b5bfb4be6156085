//! Properties of the checker and the label analysis over generated queries: they never
//! panic, and they judge a query and its canonical print the same way.

use dac::diagnostic::FileId;
use dac::promql::check::{check, value_type};
use dac::promql::labels::output_labels;
use dac::promql::parser::{ParseOptions, parse};
use dac::promql::printer::print;
use dac::promql::visit::{metric_names, selectors};
use proptest::prelude::*;

use crate::support;

use support::query;

fn options(grafana: bool) -> ParseOptions {
    ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn checker_is_total_and_agrees_with_the_canonical_print(src in query(), grafana in any::<bool>()) {
        let Ok(expr) = parse(&src, &options(grafana)) else {
            return Ok(());
        };
        let messages: Vec<String> = check(&expr, grafana).into_iter().map(|d| d.message).collect();
        let labels = output_labels(&expr);
        let kind = value_type(&expr);
        let _ = (selectors(&expr), metric_names(&expr));

        let printed = print(&expr);
        let again = parse(&printed, &options(grafana));
        prop_assert!(again.is_ok(), "{src} printed as {printed} does not parse");
        let again = again.unwrap();
        let mut messages_again: Vec<String> =
            check(&again, grafana).into_iter().map(|d| d.message).collect();
        let mut sorted = messages.clone();
        sorted.sort();
        messages_again.sort();
        prop_assert_eq!(sorted, messages_again, "{} printed as {}", src, printed);
        prop_assert_eq!(output_labels(&again), labels);
        prop_assert_eq!(value_type(&again), kind);
    }

    #[test]
    fn checker_never_panics_on_arbitrary_text(src in ".{0,80}", grafana in any::<bool>()) {
        if let Ok(expr) = parse(&src, &options(grafana)) {
            let _ = check(&expr, grafana);
            let _ = output_labels(&expr);
            let _ = metric_names(&expr);
        }
    }
}
