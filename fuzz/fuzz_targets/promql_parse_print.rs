//! Any text: the PromQL parser returns a tree or errors (no panic, no hang), in and out
//! of Grafana mode; a tree prints to text that parses back to the same tree and prints
//! the same again.
#![no_main]

use dac::diagnostic::FileId;
use dac::promql::{ParseOptions, parse, print};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    for grafana in [false, true] {
        let opts = ParseOptions {
            file: FileId(0),
            offset: 3,
            grafana,
        };
        let Ok(tree) = parse(src, &opts) else {
            continue;
        };
        let printed = print(&tree);
        let again = match parse(&printed, &opts) {
            Ok(again) => again,
            Err(e) => panic!("{src:?} printed as {printed:?}, which does not parse: {e:?}"),
        };
        assert_eq!(
            format!("{:?}", again.without_spans()),
            format!("{:?}", tree.without_spans()),
            "{src:?} printed as {printed:?} parses to another tree"
        );
        assert_eq!(print(&again), printed, "printing is not stable for {src:?}");
    }
});
