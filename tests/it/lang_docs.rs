//! The examples of docs/language.md compile: whole files as they are, fragments inside
//! the smallest block that takes them. Blocks with `...` or an `import` are sketches.

use std::path::{Path, PathBuf};

use dac::report::human::render_all;
use dac::resolve::{MemoryFs, PANEL_KINDS, load_project_from};
use dac::source::SourceMap;

/// The example as a whole file, or `None` for a sketch or a form summary.
fn as_file(block: &str) -> Option<String> {
    const FORMS: &[&str] = &[
        "...",
        "import \"",
        "KIND",
        "PROMQL",
        "ATTRIBUTES",
        "HEADER",
        "BODY",
    ];
    if FORMS.iter().any(|f| block.contains(f)) {
        return None;
    }
    let first = block
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?
        .trim_start();
    let word = first.split([' ', '"', '`']).next()?;
    let dashboard = |body: &str| {
        format!(
            "dashboard \"d\" {{\n  uid = \"d\"\n  variable instance = `label_values(up, instance)`\n{body}\n}}\n"
        )
    };
    Some(match word {
        "dashboard" | "rules" | "template" | "service" | "exporter" => block.to_string(),
        "variable" | "row" | "link" | "scope" => dashboard(block),
        // The test example expects the alert and recording rule of the rules example.
        "test" => format!(
            "rules \"r\" {{\n  group \"g\" {{\n    record \"service:http_requests:rate5m\" = `sum by (service, status) (rate(http_requests_total[5m]))`\n    alert \"TradeServiceHighErrorRate\" {{\n      expr = `sum(service:http_requests:rate5m{{status=~\"5..\"}}) / sum(service:http_requests:rate5m) > 0.05`\n      severity = critical\n    }}\n{block}\n  }}\n}}\n"
        ),
        w if PANEL_KINDS.contains(&w) => dashboard(block),
        "query" | "mapping" | "override" | "unit" => {
            dashboard(&format!("timeseries \"p\" {{\n{block}\n}}"))
        }
        "alert" | "record" => format!("rules \"r\" {{\n  group \"g\" {{\n{block}\n  }}\n}}\n"),
        _ => return None,
    })
}

/// The fenced code blocks of a Markdown text, as Markdown reads them: a line of three or
/// more backticks opens a block and the next line of at least as many closes it, so a
/// block fenced with four may show queries fenced with three.
fn code_blocks(doc: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for line in doc.lines() {
        let trimmed = line.trim_start();
        let run = trimmed.bytes().take_while(|&b| b == b'`').count();
        match &mut open {
            Some((fence, _)) if run >= *fence && trimmed[run..].trim().is_empty() => {
                blocks.extend(open.take().map(|(_, text)| text));
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None if run >= 3 => open = Some((run, String::new())),
            None => {}
        }
    }
    blocks
}

#[test]
fn examples_compile() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let mut compiled = 0;
    // Examples of queries fenced with several backticks, which a naive split would cut.
    let mut fenced = 0;
    let mut failures = String::new();
    for (i, block) in code_blocks(&doc).iter().enumerate() {
        let Some(text) = as_file(block) else { continue };
        let name = format!("example{i}.dac");
        let fs = MemoryFs::new([(name.as_str(), text.as_str())]);
        let mut sources = SourceMap::new();
        let (_, diagnostics) = load_project_from(&[PathBuf::from(&name)], &fs, &mut sources);
        if !diagnostics.is_empty() {
            failures.push_str(&render_all(&diagnostics, &sources));
        }
        compiled += 1;
        fenced += usize::from(block.contains("```"));
    }
    assert!(failures.is_empty(), "{failures}");
    assert!(compiled >= 13, "only {compiled} examples compiled");
    assert!(fenced >= 1, "no example of a longer fence compiled");
}
