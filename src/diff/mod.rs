//! `dac diff`: what a change will do. Both sides become the same [`Document`]s (the files
//! `dac build` emits, read from a compilation or from a directory, and later from the live
//! peers), are normalised so only real changes remain, matched object by object, and
//! compared: a summary, the changes in words, and the exact text diff.
//!
//! The stages, one file each: [`document`] (reading a file into a typed document;
//! [`identify`] names the documents of a file both sides share without reading it),
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
pub mod identify;
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

use std::collections::{HashMap, HashSet};

pub use compare::compare;
pub use document::{Document, Identity, Kind};
pub use outcome::{DiffReport, ObjectDiff, QueryChange, Status, Summary};
pub use side::{Side, SideError};

/// Compares two sides' documents: read, normalised and matched.
pub fn diff(old: Vec<Document>, new: Vec<Document>) -> DiffReport {
    compare(normalise::all(old), normalise::all(new))
}

/// Compares two sides' emitted files. A file with the same path and the same text on
/// both sides (most of them, in a pull request) is neither parsed nor compared: its
/// documents are unchanged, named by their identities alone ([`identify`]), unless
/// another document has the same identity (then it is read, and matching decides, as
/// for every other document). The new side is always what dac just emitted, so such a
/// file is always dac's own output.
pub fn diff_files(old: &side::Files, new: &side::Files) -> Result<DiffReport, String> {
    let by_path: HashMap<&str, usize> = old
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    // For each new file, the old file with its path and text.
    let twin: Vec<Option<usize>> = new
        .files
        .iter()
        .map(|f| {
            by_path
                .get(f.path.as_str())
                .copied()
                .filter(|&i| old.files[i].text == f.text)
        })
        .collect();
    let mut is_twin = vec![false; old.files.len()];
    twin.iter().flatten().for_each(|&i| is_twin[i] = true);
    let mut old_docs = normalised(old, &is_twin)?;
    let mut new_docs = normalised(new, &twin.iter().map(Option::is_some).collect::<Vec<_>>())?;
    let ids = twin_identities(old, &is_twin)?;
    // The identities of the documents that are not in a file both sides share.
    let elsewhere: HashSet<&str> = old_docs
        .iter()
        .chain(&new_docs)
        .flatten()
        .map(|d| d.key.as_str())
        .collect();
    let contested: Vec<bool> = ids
        .iter()
        .map(|ids| ids.iter().any(|id| elsewhere.contains(id.key.as_str())))
        .collect();
    let mut same_docs = Vec::new();
    for (i, ids) in ids.into_iter().enumerate() {
        if contested[i] {
            // Read where it is on each side, so matching sees the sides in file order.
            old_docs[i] = read_normalised(&old.files[i], old)?;
        } else {
            same_docs.extend(ids.into_iter().map(compare::unchanged));
        }
    }
    for (docs, twin) in new_docs.iter_mut().zip(&twin) {
        if let Some(i) = twin.filter(|&i| contested[i]) {
            docs.clone_from(&old_docs[i]);
        }
    }
    let old_list = old_docs.into_iter().flatten().collect();
    let new_list = new_docs.into_iter().flatten().collect();
    let mut report = compare(old_list, new_list);
    report.objects.extend(same_docs);
    compare::sort(&mut report.objects);
    Ok(report)
}

/// Each file's documents, normalised, on every core; none for a file `skip` marks (it
/// is the same on the other side).
fn normalised(files: &side::Files, skip: &[bool]) -> Result<Vec<Vec<Document>>, String> {
    let work: Vec<_> = files.files.iter().zip(skip).collect();
    crate::par::map(work, |(file, &skip)| {
        if skip {
            return Ok(Vec::new());
        }
        read_normalised(file, files)
    })
    .into_iter()
    .collect()
}

fn read_normalised(file: &side::RawFile, side: &side::Files) -> Result<Vec<Document>, String> {
    let docs =
        Document::read(&file.path, &file.text).map_err(|e| format!("{}: {e}", side.context))?;
    Ok(docs.into_iter().map(normalise::document).collect())
}

/// The identities of the documents of each file `twin` marks (none for the others), on
/// every core: from their top lines, or a full read where those do not say.
fn twin_identities(files: &side::Files, twin: &[bool]) -> Result<Vec<Vec<Identity>>, String> {
    let work: Vec<_> = files.files.iter().zip(twin).collect();
    crate::par::map(work, |(file, &twin)| {
        if !twin {
            return Ok(Vec::new());
        }
        match identify::identities(&file.path, &file.text) {
            Some(ids) => Ok(ids),
            None => Document::read(&file.path, &file.text)
                .map(|docs| docs.iter().map(Document::identity).collect())
                .map_err(|e| format!("{}: {e}", files.context)),
        }
    })
    .into_iter()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::side::{Files, RawFile};
    use super::*;

    fn files(list: &[(&str, &str)]) -> Files {
        Files {
            context: "test".to_string(),
            files: list
                .iter()
                .map(|(path, text)| RawFile {
                    path: path.to_string(),
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    fn statuses(report: &DiffReport) -> Vec<(String, &'static str)> {
        let mut out: Vec<_> = report
            .objects
            .iter()
            .map(|o| (format!("{} {}", o.path, o.name), o.status.word()))
            .collect();
        out.sort();
        out
    }

    const A: &str = r#"{"uid":"u1","title":"A","panels":[]}"#;
    const B: &str = r#"{"uid":"u2","title":"B","panels":[]}"#;
    const B2: &str = r#"{"uid":"u2","title":"B2","panels":[]}"#;

    #[test]
    fn a_file_the_same_on_both_sides_is_unchanged_as_when_compared() {
        let old = files(&[("g/a.json", A), ("g/b.json", B)]);
        let new = files(&[("g/a.json", A), ("g/b.json", B2)]);
        let fast = diff_files(&old, &new).unwrap();
        let slow = diff(
            old.documents().unwrap_or_default(),
            new.documents().unwrap_or_default(),
        );
        assert_eq!(statuses(&fast), statuses(&slow));
        assert_eq!(
            statuses(&fast),
            [
                ("g/a.json \"A\" (u1)".to_string(), "unchanged"),
                ("g/b.json \"B2\" (u2)".to_string(), "changed"),
            ]
        );
    }

    #[test]
    fn an_identity_found_elsewhere_too_is_left_to_matching() {
        // The same dashboard twice on the new side: matching, not the file, decides.
        let old = files(&[("g/a.json", A)]);
        let new = files(&[("g/a.json", A), ("h/a.json", A)]);
        let fast = diff_files(&old, &new).unwrap();
        let slow = diff(
            old.documents().unwrap_or_default(),
            new.documents().unwrap_or_default(),
        );
        assert_eq!(statuses(&fast), statuses(&slow));
        assert_eq!(fast.summary().added, 1);
    }
}
