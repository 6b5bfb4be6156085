//! Which `{` is probably the one left open, judged by indentation as rustc does.
//!
//! A missing `}` is only noticed at the end of the file, and the `{` then left over is
//! the outermost block's: every `}` after the missing one closed the block one level up.
//! Where the fix goes is the first block whose indentation says it ended while it was
//! still open: a statement indented no deeper than the block's `{` line, or a `}`
//! indented less than the `{` line it closes (and as little as an outer block's).

/// An open bracket of the scan: the byte (`{`, `[` or `(`), where it is, the indentation
/// of its line, and whether the first line after it is indented deeper (`None` until one
/// is seen).
#[derive(Clone, Copy, Debug)]
pub struct Open {
    pub byte: u8,
    pub at: usize,
    pub indent: usize,
    pub deeper: Option<bool>,
}

/// A `{` that indentation says ended before its `}`, and the evidence: the byte range of
/// the dedented statement or of the dedented `}` (`by_close`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suspect {
    pub open: usize,
    pub evidence: (usize, usize),
    pub by_close: bool,
}

/// Keeps the first suspect of a scan, in file order: after a missing `}`, every later
/// block's indentation looks wrong too.
#[derive(Debug, Default)]
pub struct IndentHint {
    pub suspect: Option<Suspect>,
}

impl IndentHint {
    /// A line of code at `indent` inside `stack`: its text spans `start..end`, and
    /// `closer` says it starts with a closing bracket (judged when it closes, in
    /// `closed`).
    pub fn line(
        &mut self,
        stack: &mut [Open],
        indent: usize,
        (start, end): (usize, usize),
        closer: bool,
    ) {
        let Some(top) = stack.last_mut() else {
            return;
        };
        let deeper = *top.deeper.get_or_insert(indent > top.indent);
        if closer || self.suspect.is_some() || top.byte != b'{' || !deeper || indent > top.indent {
            return;
        }
        self.suspect = Some(Suspect {
            open: top.at,
            evidence: (start, end),
            by_close: false,
        });
    }

    /// `open` is closed at `at`, on a line at `indent`; `parent` is the bracket around it.
    pub fn closed(&mut self, open: &Open, parent: Option<&Open>, indent: usize, at: usize) {
        if self.suspect.is_some() || open.byte != b'{' || indent >= open.indent {
            return;
        }
        // A `}` a little less indented than its `{` is sloppy, not misplaced; one as
        // little indented as the outer block's `{` looks like the outer block's.
        if parent.is_some_and(|p| indent > p.indent) {
            return;
        }
        self.suspect = Some(Suspect {
            open: open.at,
            evidence: (at, at + 1),
            by_close: true,
        });
    }
}
