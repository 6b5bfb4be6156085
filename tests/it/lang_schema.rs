//! The block schema and the resolver agree: every statement the schema declares is read
//! by the resolver (written in its block, it is never "unknown"), and an attribute is
//! refused exactly in the kinds of its block it does not apply to.
//!
//! The other direction, every attribute the resolver reads is declared, is a debug
//! assertion in `Cx::attr` that every test and example here runs through.

use std::path::PathBuf;

use dac::codes::Code;
use dac::diagnostic::Diagnostic;
use dac::resolve::schema::{Attr, Block, Value};
use dac::resolve::{MemoryFs, load_project_from};
use dac::source::SourceMap;

/// `stmt` written inside a `block` of `kind`, in the smallest file that has one.
fn wrap(block: Block, kind: &str, stmt: &str) -> String {
    let dashboard = |body: &str| format!("dashboard \"d\" {{\n  uid = \"d\"\n{body}\n}}\n");
    let panel = |kind: &str, body: &str| dashboard(&format!("{kind} \"p\" {{\n{body}\n}}"));
    let group = |body: &str| format!("rules \"r\" {{\n  group \"g\" {{\n{body}\n  }}\n}}\n");
    let test = |body: &str| group(&format!("test \"t\" {{\n{body}\n}}"));
    let routing = |body: &str| format!("routing \"r\" {{\n{body}\n}}\n");
    match block {
        Block::File => stmt.to_string(),
        Block::Dashboard => dashboard(stmt),
        Block::DashboardLink => dashboard(&format!("link \"l\" {{\n{stmt}\n}}")),
        Block::Variable => dashboard(&format!("variable v = [\"a\"] {{\n{stmt}\n}}")),
        Block::Row => dashboard(&format!("row \"r\" {{\n{stmt}\n}}")),
        Block::Panel => panel(kind, stmt),
        Block::Override => panel(kind, &format!("override name \"s\" {{\n{stmt}\n}}")),
        Block::PanelLink => panel("timeseries", &format!("link \"l\" {{\n{stmt}\n}}")),
        Block::Query => panel("timeseries", &format!("query `up` {{\n{stmt}\n}}")),
        Block::Mapping => panel("stat", &format!("mapping value 1 = \"x\" {{\n{stmt}\n}}")),
        Block::Legend => panel("timeseries", &format!("legend = {{\n{stmt}\n}}")),
        Block::RuleSet => format!("rules \"r\" {{\n{stmt}\n}}\n"),
        Block::Group => group(stmt),
        Block::Alert => group(&format!("alert \"a\" {{\n{stmt}\n}}")),
        Block::Record => group(&format!("record \"r\" = `up` {{\n{stmt}\n}}")),
        Block::Test => test(stmt),
        Block::ExpectAlert => test(&format!("expect alert \"a\" at 1m {{\n{stmt}\n}}")),
        Block::ExpectQuery => test(&format!("expect query `up` at 1m {{\n{stmt}\n}}")),
        Block::Service => format!("service \"s\" {{\n{stmt}\n}}\n"),
        Block::Exporter => format!("exporter \"s\" {{\n{stmt}\n}}\n"),
        Block::Metric => format!("service \"s\" {{\n{kind} m \"help\" {{\n{stmt}\n}}\n}}\n"),
        Block::Routing => routing(stmt),
        Block::Receiver => routing(&format!("receiver \"x\" {{\n{stmt}\n}}")),
        Block::Integration => routing(&format!("receiver \"x\" {{\n{kind} {{\n{stmt}\n}}\n}}")),
        Block::Route => routing(&format!("route {{\n{stmt}\n}}")),
        Block::Inhibit => routing(&format!("inhibit {{\n{stmt}\n}}")),
        Block::TimeInterval => routing(&format!("time_interval \"t\" {{\n{stmt}\n}}")),
    }
}

/// The statement written as a user might: an attribute with a value of its type, or a
/// nested statement with a header and an empty body (whose own errors do not matter).
fn statement(attr: &Attr) -> String {
    match attr.value {
        Value::Block(_) | Value::Statement(_) => format!("{} \"x\" {{}}", attr.name),
        v => format!("{} = {}", attr.name, v.sample()),
    }
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let fs = MemoryFs::new([("schema.dac", text)]);
    let mut sources = SourceMap::new();
    load_project_from(&[PathBuf::from("schema.dac")], &fs, &mut sources).1
}

/// The kinds to try an attribute of `block` in: those the enclosing block lets hold it.
fn kinds(block: Block) -> Vec<&'static str> {
    let info = block.info();
    match block {
        // An override is itself refused in a panel kind that takes none.
        Block::Override => info
            .kinds
            .iter()
            .copied()
            .filter(|k| Block::Panel.taken(k).contains(&"override"))
            .collect(),
        _ if info.kinds.is_empty() => vec![""],
        _ => info.kinds.to_vec(),
    }
}

#[test]
fn every_statement_of_the_schema_is_read_where_it_applies_and_refused_elsewhere() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for &block in Block::ALL {
        for attr in block.attrs() {
            for kind in kinds(block) {
                let text = wrap(block, kind, &statement(attr));
                let found = diagnostics(&text);
                let count = |code: Code| found.iter().filter(|d| d.code == code).count();
                let unknown = count(Code::UnknownKeyword);
                let inapplicable = count(Code::InapplicableAttribute);
                let expected = usize::from(!attr.applies_to(kind));
                if unknown != 0 || inapplicable != expected {
                    failures.push(format!(
                        "{block:?} {kind} `{}`: {unknown} unknown, {inapplicable} inapplicable (expected {expected}) in\n{text}",
                        attr.name
                    ));
                }
                tried += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every block, and each panel kind for each panel attribute.
    assert!(tried > 400, "only {tried} statements tried");
}

#[test]
fn a_keyword_no_block_declares_is_unknown_in_every_block() {
    for &block in Block::ALL {
        let kind = kinds(block)[0];
        let text = wrap(block, kind, "no_such_keyword = 1");
        let found = diagnostics(&text);
        let unknown: Vec<_> = found
            .iter()
            .filter(|d| d.code == Code::UnknownKeyword)
            .collect();
        assert_eq!(unknown.len(), 1, "{block:?}: {found:?}");
        let help = unknown[0].help.as_deref().unwrap_or_default();
        let taken = block.taken(kind).join(", ");
        assert!(
            help.ends_with(&taken),
            "{block:?}: the help lists the block's own statements: {help}"
        );
    }
}

/// Run as a user runs it: misplaced statements in catalog and rule blocks (not only
/// panels) are reported from the schema, at their `file:line:col`, with a "did you mean"
/// from the block's own list; exit 2 and nothing written.
#[test]
fn misplaced_statements_are_reported_from_the_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = crate::dac_bin::dac(
        &crate::dac_bin::crate_root(),
        [
            "build",
            "tests/fixtures/schema/misplaced.dac",
            "-o",
            &out.display().to_string(),
        ],
    )
    .expect(2);
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(!out.exists(), "a failed build wrote {}", out.display());
    for (message, at) in [
        ("unknown statement `jobs` in a service", "misplaced.dac:3:3"),
        ("`buckets` does not apply to a counter", "misplaced.dac:6:5"),
        (
            "unknown statement `label` in a recording rule",
            "misplaced.dac:12:49",
        ),
        (
            "unknown statement `severty` in an alert",
            "did you mean `severity`?",
        ),
        ("`series` is not written like this", "misplaced.dac:18:7"),
        (
            "unknown statement `label` in an expected alert",
            "misplaced.dac:19:40",
        ),
    ] {
        assert!(
            run.stderr.contains(message),
            "missing {message:?} in:\n{run}"
        );
        assert!(run.stderr.contains(at), "missing {at:?} in:\n{run}");
    }
    insta::assert_snapshot!("misplaced_statements", run.stderr);
}
