//! The reference's attribute tables, generated from the schema: `docs/language.md` holds
//! each between `<!-- schema:ID:begin -->` and `<!-- schema:ID:end -->`, and a test
//! fails when one is out of date.

use super::attr::Attr;
use super::block::Block;

/// The Markdown table of what `block` takes, in canonical order.
pub fn markdown_table(block: Block) -> String {
    let info = block.info();
    let kinds = !info.kinds.is_empty();
    let mut out = String::from(if kinds {
        "| statement | value | default | kinds | meaning |\n|---|---|---|---|---|\n"
    } else {
        "| statement | value | default | meaning |\n|---|---|---|---|\n"
    });
    for a in block.attrs() {
        let default = if a.default.is_empty() {
            "—"
        } else {
            a.default
        };
        let mut cells = vec![format!("`{}`", a.name), a.value.to_string(), default.into()];
        if kinds {
            cells.push(applies_to(a, info.kinds));
        }
        cells.push(a.doc.to_string());
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// "all", or the kinds `attr` applies to.
fn applies_to(attr: &Attr, all: &[&str]) -> String {
    if attr.only.is_empty() || attr.only.len() == all.len() {
        "all".into()
    } else {
        attr.only.join(", ")
    }
}
