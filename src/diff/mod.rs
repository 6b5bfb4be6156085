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

use std::collections::{HashMap, HashSet};

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
/// documents are unchanged without comparing them, unless another document has the same
/// identity (then matching decides, as for every other document).
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
    let new_docs = normalised(new, &same)?;
    let twins: HashSet<usize> = same.iter().flatten().copied().collect();
    // The identities of the documents that are not in a file both sides share.
    let elsewhere: HashSet<String> = old_docs
        .iter()
        .enumerate()
        .filter(|(i, _)| !twins.contains(i))
        .flat_map(|(_, docs)| docs)
        .chain(new_docs.iter().flatten())
        .map(|d| d.key.clone())
        .collect();
    let (mut old_list, mut new_list, mut same_docs) = (Vec::new(), Vec::new(), Vec::new());
    for (i, docs) in old_docs.into_iter().enumerate() {
        for doc in docs {
            if !twins.contains(&i) {
                old_list.push(doc);
            } else if elsewhere.contains(&doc.key) {
                new_list.push(doc.clone());
                old_list.push(doc);
            } else {
                same_docs.push(compare::unchanged(&doc));
            }
        }
    }
    new_list.extend(new_docs.into_iter().flatten());
    let mut report = compare(old_list, new_list);
    report.objects.extend(same_docs);
    compare::sort(&mut report.objects);
    Ok(report)
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
