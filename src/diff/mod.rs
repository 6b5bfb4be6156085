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
/// for every other document). So is a file the old side has the same without its text
/// ([`side::Files::same`]). The new side is always what dac just emitted, so such a
/// file is always dac's own output.
pub fn diff_files(old: &side::Files, new: &side::Files) -> Result<DiffReport, String> {
    let by_path: HashMap<&str, usize> = old
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let same: HashSet<&str> = old.same.iter().map(String::as_str).collect();
    // For each new file, whether the old side has it the same: `Some(Some(i))` as its
    // file `i`, `Some(None)` without its text.
    let twin: Vec<Option<Option<usize>>> = new
        .files
        .iter()
        .map(|f| match by_path.get(f.path.as_str()) {
            Some(&i) if old.files[i].text == f.text => Some(Some(i)),
            None if same.contains(f.path.as_str()) => Some(None),
            _ => None,
        })
        .collect();
    let mut is_twin = vec![false; old.files.len()];
    twin.iter()
        .flatten()
        .flatten()
        .for_each(|&i| is_twin[i] = true);
    let new_twin: Vec<bool> = twin.iter().map(Option::is_some).collect();
    let mut old_docs = normalised(old, &is_twin)?;
    let mut new_docs = normalised(new, &new_twin)?;
    let ids = twin_identities(new, &new_twin)?;
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
    let mut old_extra = Vec::new();
    for (j, ids) in ids.into_iter().enumerate() {
        if !contested[j] {
            same_docs.extend(ids.into_iter().map(compare::unchanged));
            continue;
        }
        // Read where it is on each side, so matching sees the sides in file order.
        let docs = read_normalised(&new.files[j], new)?;
        match twin[j] {
            Some(Some(i)) => old_docs[i].clone_from(&docs),
            _ => old_extra.extend(docs.iter().cloned()),
        }
        new_docs[j] = docs;
    }
    let old_list = old_docs.into_iter().flatten().chain(old_extra).collect();
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
            same: Vec::new(),
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
    fn a_file_the_old_side_has_the_same_without_its_text_is_as_one_with_it() {
        let new = files(&[("g/a.json", A), ("g/b.json", B2)]);
        let with_text = files(&[("g/a.json", A), ("g/b.json", B)]);
        let mut without = files(&[("g/b.json", B)]);
        without.same = vec!["g/a.json".to_string()];
        let expected = diff_files(&with_text, &new).unwrap();
        assert_eq!(
            statuses(&diff_files(&without, &new).unwrap()),
            statuses(&expected)
        );
        // The same, where its identity is also found elsewhere (matching decides).
        let new = files(&[("g/a.json", A), ("h/a.json", A)]);
        let with_text = files(&[("g/a.json", A)]);
        let mut without = files(&[]);
        without.same = vec!["g/a.json".to_string()];
        let expected = diff_files(&with_text, &new).unwrap();
        assert_eq!(
            statuses(&diff_files(&without, &new).unwrap()),
            statuses(&expected)
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
