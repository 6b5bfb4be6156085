//! A row of the schema, and a block's table of rows.

use super::value::Value;

/// One block: how it is written and what it takes.
pub struct BlockInfo {
    /// Its name in the reference: the marker around its table in `docs/language.md`.
    pub id: &'static str,
    /// What messages call it: "a dashboard".
    pub context: &'static str,
    /// How it is written, for "not written like this".
    pub form: &'static str,
    /// The kinds its attributes may be restricted to ([`Attr::only`]); empty: one kind.
    pub kinds: &'static [&'static str],
    /// Its attributes and nested statements, in canonical order (parts joined).
    pub attrs: &'static [&'static [Attr]],
}

/// One attribute (`unit = "s"`) or nested statement (`query ...`, `row "..." { }`).
#[derive(Clone, Copy, Debug)]
pub struct Attr {
    pub name: &'static str,
    pub value: Value,
    /// What it is when not written; empty: nothing (Grafana's own default, or none).
    pub default: &'static str,
    /// The block's kinds it applies to; empty: all of them.
    pub only: &'static [&'static str],
    /// One line for the reference and for "applies to" errors.
    pub doc: &'static str,
}

/// A row of a table: `name`, its value and its doc; refined with the methods below.
pub const fn attr(name: &'static str, value: Value, doc: &'static str) -> Attr {
    Attr {
        name,
        value,
        default: "",
        only: &[],
        doc,
    }
}

impl Attr {
    pub const fn defaults_to(self, default: &'static str) -> Attr {
        Attr { default, ..self }
    }

    pub const fn only(self, only: &'static [&'static str]) -> Attr {
        Attr { only, ..self }
    }

    /// Whether it applies to `kind` of its block.
    pub fn applies_to(&self, kind: &str) -> bool {
        self.only.is_empty() || self.only.contains(&kind)
    }
}
