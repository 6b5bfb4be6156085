use super::{Block, Value};

#[test]
fn names_are_unique_documented_and_kinds_known() {
    for &block in Block::ALL {
        let info = block.info();
        let attrs: Vec<_> = block.attrs().collect();
        assert!(!attrs.is_empty(), "{block:?} takes nothing");
        for (i, a) in attrs.iter().enumerate() {
            assert!(!a.doc.is_empty(), "{block:?}.{} has no doc", a.name);
            assert!(
                attrs[..i].iter().all(|b| b.name != a.name),
                "{block:?}.{} twice",
                a.name
            );
            for k in a.only {
                assert!(info.kinds.contains(k), "{block:?}.{}: kind {k}", a.name);
            }
            // A cell of the reference's tables cannot hold a `|`.
            assert!(!a.doc.contains('|') && !a.value.to_string().contains('|'));
        }
    }
}

#[test]
fn every_nested_block_is_reachable_from_a_file() {
    let mut reached = vec![Block::File];
    let mut i = 0;
    while i < reached.len() {
        for a in reached[i].attrs() {
            if let Value::Block(b) = a.value
                && !reached.contains(&b)
            {
                reached.push(b);
            }
        }
        i += 1;
    }
    // The expectations of a test are written `expect ...`, one statement of two forms.
    reached.extend([Block::ExpectAlert, Block::ExpectQuery]);
    for b in Block::ALL {
        assert!(reached.contains(b), "{b:?} is not reachable");
    }
}

#[test]
fn each_kind_takes_its_own_attributes() {
    let gauge = Block::Panel.taken("gauge");
    assert!(gauge.contains(&"reduce") && gauge.contains(&"thresholds"));
    assert!(!gauge.contains(&"stack") && !gauge.contains(&"legend"));
    assert!(!gauge.contains(&"graph_mode"));
    let timeseries = Block::Panel.taken("timeseries");
    assert!(timeseries.contains(&"stack") && !timeseries.contains(&"reduce"));
    let text = Block::Panel.taken("text");
    assert!(text.contains(&"content") && !text.contains(&"query"));
    assert!(!text.contains(&"unit"));
    assert!(Block::Override.taken("timeseries").contains(&"fill"));
    assert!(!Block::Override.taken("stat").contains(&"fill"));
    assert!(Block::Override.taken("text").is_empty());
    assert!(Block::Metric.taken("histogram").contains(&"buckets"));
    assert!(!Block::Metric.taken("counter").contains(&"buckets"));
}

/// The tables in docs/language.md are generated from the schema. When one differs, the
/// test prints it; `UPDATE_DOCS=1 cargo test schema_tables` rewrites them.
#[test]
fn schema_tables_in_the_docs_match_the_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md");
    let mut doc = std::fs::read_to_string(&path).expect("docs/language.md is readable");
    let mut stale = Vec::new();
    for &block in Block::ALL {
        let id = block.info().id;
        let begin = format!("<!-- schema:{id}:begin -->\n");
        let end = format!("<!-- schema:{id}:end -->");
        let start = doc
            .find(&begin)
            .unwrap_or_else(|| panic!("docs/language.md has no {begin}"))
            + begin.len();
        let stop = start
            + doc[start..]
                .find(&end)
                .unwrap_or_else(|| panic!("docs/language.md has no {end} after its begin"));
        let expected = super::markdown_table(block);
        if doc[start..stop] != expected {
            stale.push(format!("{id}:\n{expected}"));
            doc.replace_range(start..stop, &expected);
        }
    }
    if stale.is_empty() {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, doc).expect("docs/language.md is writable");
        return;
    }
    panic!(
        "attribute tables in docs/language.md are out of date; run \
         `UPDATE_DOCS=1 cargo test schema_tables` or paste:\n\n{}",
        stale.join("\n")
    );
}

/// The other direction: an attribute the resolver reads from a block's [`Seen`] must be
/// a row of that block, or debug builds (every test) stop at the read.
#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "which the schema does not declare")]
fn reading_an_undeclared_attribute_is_caught() {
    use crate::diagnostic::FileId;
    use crate::resolve::cx::{Cx, Seen};
    let (file, _) = crate::syntax::parse(FileId(0), "collapsed = true\nrefresh = 1m\n");
    let file = file.expect("parses");
    let mut cx = Cx::default();
    let mut seen = Seen::of(Block::Row);
    for stmt in &file.stmts {
        cx.attr(stmt, &mut seen);
    }
}

#[test]
fn reading_a_declared_attribute_is_fine() {
    use crate::diagnostic::FileId;
    use crate::resolve::cx::{Cx, Seen};
    let (file, _) = crate::syntax::parse(FileId(0), "collapsed = true\n");
    let file = file.expect("parses");
    let mut cx = Cx::default();
    let mut seen = Seen::of(Block::Row);
    assert!(cx.attr(&file.stmts[0], &mut seen).is_some());
    assert!(cx.errors.is_empty());
}
