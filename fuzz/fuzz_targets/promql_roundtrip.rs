//! parse → print → parse: any input must parse or fail without a panic, and whatever
//! parses must print to text that parses back to the same tree and prints the same.
#![no_main]

use dac::diagnostic::FileId;
use dac::promql::{ParseOptions, parse, print};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for grafana in [false, true] {
        let opts = ParseOptions { file: FileId(0), offset: 0, grafana };
        let Ok(tree) = parse(src, &opts) else { continue };
        let printed = print(&tree);
        let reparsed = match parse(&printed, &opts) {
            Ok(t) => t,
            Err(e) => panic!("printed form does not parse: {printed:?} from {src:?}: {e:?}"),
        };
        assert_eq!(tree.without_spans(), reparsed.without_spans(), "round trip changed {src:?} -> {printed:?}");
        assert_eq!(print(&reparsed), printed, "printing is not stable for {src:?}");
    }
});
