use crate::diagnostic::FileId;
use crate::promql::{ParseOptions, parse, print};

#[test]
fn prints_grafana_variables_back() {
    let opts = ParseOptions {
        file: FileId(0),
        offset: 0,
        grafana: true,
    };
    for src in [
        "rate(x{job=\"$job\"}[$__rate_interval])",
        "topk($n, x)",
        "sum by ($label) (x)",
        "${metric}_total",
        "rate(x[[[interval]]])",
    ] {
        let tree = parse(src, &opts).unwrap_or_else(|d| panic!("{src}: {d:?}"));
        assert_eq!(print(&tree), src);
    }
}

#[test]
fn quoted_variable_like_names_stay_quoted() {
    for grafana in [false, true] {
        let opts = ParseOptions {
            file: FileId(0),
            offset: 3,
            grafana,
        };
        let tree = parse("{\"$_\"}", &opts).unwrap();
        assert_eq!(print(&tree), "{\"$_\"}");
    }
}
