//! What a diff found: one entry an object, and the summary counts.

use super::document::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Added,
    Removed,
    Changed,
    Unchanged,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }
}

/// A query that changed: where, and its old and new canonical text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryChange {
    /// `panel "p95 latency" query A`, `alert HighErrorRate`.
    pub place: String,
    pub old: String,
    pub new: String,
}

#[derive(Clone, Debug)]
pub struct ObjectDiff {
    pub status: Status,
    pub kind: Kind,
    /// How the report names it (see [`super::Document::name`]).
    pub name: String,
    /// The new side's path (the old one's for a removed object).
    pub path: String,
    /// The old path, when the object moved to another file.
    pub renamed_from: Option<String>,
    /// The changes in words, one line each.
    pub changes: Vec<String>,
    pub queries: Vec<QueryChange>,
    /// The normalised documents as text (empty for the side that lacks the object; both
    /// empty for an unchanged one, which needs no text diff).
    pub old_text: String,
    pub new_text: String,
}

#[derive(Clone, Debug, Default)]
pub struct DiffReport {
    /// Every object of either side, by identity.
    pub objects: Vec<ObjectDiff>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub unchanged: usize,
}

impl DiffReport {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for o in &self.objects {
            match o.status {
                Status::Added => s.added += 1,
                Status::Removed => s.removed += 1,
                Status::Changed => s.changed += 1,
                Status::Unchanged => s.unchanged += 1,
            }
        }
        s
    }

    /// Whether anything differs (exit 1, as `kubectl diff`).
    pub fn has_changes(&self) -> bool {
        self.objects.iter().any(|o| o.status != Status::Unchanged)
    }

    /// The objects that differ, in report order.
    pub fn differing(&self) -> impl Iterator<Item = &ObjectDiff> {
        self.objects
            .iter()
            .filter(|o| o.status != Status::Unchanged)
    }
}

impl Summary {
    /// `2 changed, 1 added, 0 removed, 41 unchanged`.
    pub fn line(&self) -> String {
        format!(
            "{} changed, {} added, {} removed, {} unchanged",
            self.changed, self.added, self.removed, self.unchanged
        )
    }
}
