//! `dac diff`: what a change will do. Both sides become the same [`Document`]s (the files
//! `dac build` emits, read from a compilation or from a directory, and later from the live
//! peers), are normalised so only real changes remain, matched object by object, and
//! compared: a summary, the changes in words, and the exact text diff.
//!
//! The stages, one file each: [`document`] (reading a file into a typed document),
//! [`normalise`], [`matching`] (which old object is which new one), [`dashboard`] and
//! [`rules`] (changes in words), [`fields`] (field by field, for everything else),
//! [`compare`] (the objects' outcome), [`text_diff`] and [`query_diff`], then one
//! renderer a format: [`render_text`], [`render_markdown`], [`render_json`]. Where the
//! documents come from is a [`side::Side`]; the live peers' sides are in [`live`], the
//! only place that asks a server or runs `kubectl`. Nothing here prints.

pub mod compare;
pub mod dashboard;
pub mod document;
pub mod fields;
pub mod live;
pub mod matching;
pub mod normalise;
pub mod outcome;
pub mod query_diff;
pub mod render_json;
pub mod render_markdown;
pub mod render_text;
pub mod rules;
pub mod side;
pub mod text_diff;
pub mod words;

use std::collections::HashMap;

pub use compare::compare;
pub use document::{Document, Kind};
pub use outcome::{DiffReport, ObjectDiff, QueryChange, Status, Summary};
pub use side::{Side, SideError};

/// Compares two sides' documents: read, normalised and matched.
pub fn diff(old: Vec<Document>, new: Vec<Document>) -> DiffReport {
    compare(normalise::all(old), normalise::all(new))
}

/// Compares two sides' emitted files. A file with the same path and the same text on
/// both sides (most of them, in a pull request) is read and normalised once, and its
/// documents are the same on both sides.
pub fn diff_files(old: &side::Files, new: &side::Files) -> Result<DiffReport, String> {
    let old_docs = normalised(old, &vec![None; old.files.len()])?;
    let by_path: HashMap<&str, usize> = old
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let same: Vec<Option<usize>> = new
        .files
        .iter()
        .map(|f| {
            by_path
                .get(f.path.as_str())
                .copied()
                .filter(|&i| old.files[i].text == f.text)
        })
        .collect();
    let mut new_docs = normalised(new, &same)?;
    for (docs, twin) in new_docs.iter_mut().zip(&same) {
        if let Some(i) = twin {
            docs.clone_from(&old_docs[*i]);
        }
    }
    let flat = |docs: Vec<Vec<Document>>| docs.into_iter().flatten().collect();
    Ok(compare(flat(old_docs), flat(new_docs)))
}

/// Each file's documents, normalised, on every core; none for a file `skip` marks (its
/// twin on the other side gives them).
fn normalised(files: &side::Files, skip: &[Option<usize>]) -> Result<Vec<Vec<Document>>, String> {
    let work: Vec<_> = files.files.iter().zip(skip).collect();
    let read = crate::par::map(work, |(file, twin)| {
        if twin.is_some() {
            return Ok(Vec::new());
        }
        let docs = Document::read(&file.path, &file.text)?;
        Ok(docs.into_iter().map(normalise::document).collect())
    });
    read.into_iter()
        .map(|docs: Result<Vec<Document>, String>| {
            docs.map_err(|e| format!("{}: {e}", files.context))
        })
        .collect()
}
