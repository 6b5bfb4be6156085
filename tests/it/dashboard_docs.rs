//! docs/language.md lists, for every panel attribute, the kinds that take it: the same
//! table resolve checks panels with.

use dac::resolve::panel_schema::{ATTRS, Attr, Block};

const ALL_KINDS: usize = 8;

fn kinds(attr: &Attr, block: Block) -> String {
    let kinds = attr.kinds(block);
    match kinds.len() {
        0 => "—".to_string(),
        ALL_KINDS => "all".to_string(),
        _ => kinds
            .iter()
            .map(|k| k.plugin_id())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The row of the docs' table for `attr`.
fn row(attr: &Attr) -> String {
    format!(
        "| `{}` | {} | {} | {} |",
        attr.name,
        kinds(attr, Block::Panel),
        kinds(attr, Block::Override),
        attr.doc
    )
}

#[test]
fn the_language_reference_lists_what_each_panel_kind_takes() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md"),
    )
    .unwrap();
    let missing: Vec<String> = ATTRS
        .iter()
        .map(row)
        .filter(|r| !docs.lines().any(|l| l == r))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/language.md lacks these rows (or has them otherwise):\n{}",
        missing.join("\n")
    );
}
