//! From a byte range in a string's text to its place in the `.dac` file.
//!
//! A string's text is not its source: `\"` and `\u{e9}` are longer in the file, a
//! `"""` string loses its indentation, and `"a" + @x` joins pieces from several places.
//! A fault inside the text (a broken alert template) must still point at the exact
//! character, so each literal piece is mapped byte by byte from its source; a piece that
//! cannot be (a name, or a source that does not match) maps to its whole span.

use std::ops::Range;

use crate::ast::{Value, ValueKind};
use crate::diagnostic::{FileId, Span};
use crate::source::SourceMap;

pub struct StringSpans {
    pieces: Vec<Piece>,
}

struct Piece {
    /// Where the piece starts in the joined text, and its length.
    start: usize,
    len: usize,
    map: PieceMap,
}

enum PieceMap {
    /// The source offset of each byte of the piece, and one past its end.
    Exact(FileId, Vec<u32>),
    Whole(Span),
}

impl StringSpans {
    /// The map of `value`'s text, as [`super::cx::joined`] builds it.
    pub fn of(sources: Option<&SourceMap>, value: &Value) -> StringSpans {
        let mut spans = StringSpans { pieces: Vec::new() };
        spans.add(sources, value, 0);
        spans
    }

    /// Adds the pieces of `value` from `at` in the text; returns the text's new length.
    fn add(&mut self, sources: Option<&SourceMap>, value: &Value, at: usize) -> usize {
        let (len, map) = match &value.kind {
            ValueKind::Join(parts) => {
                return parts.iter().fold(at, |at, p| self.add(sources, p, at));
            }
            ValueKind::String { text, raw } => {
                let source = sources.and_then(|s| s.get(value.span.file)).and_then(|f| {
                    f.text
                        .get(value.span.start as usize..value.span.end as usize)
                });
                let offsets = source.and_then(|s| {
                    let base = value.span.start;
                    if *raw {
                        dedented(s, text, base)
                    } else {
                        escaped(s, text, base)
                    }
                });
                let map = match offsets {
                    Some(o) => PieceMap::Exact(value.span.file, o),
                    None => PieceMap::Whole(value.span),
                };
                (text.len(), map)
            }
            ValueKind::Name(n) => (n.len(), PieceMap::Whole(value.span)),
            ValueKind::Number { text, .. } => (text.len(), PieceMap::Whole(value.span)),
            _ => (0, PieceMap::Whole(value.span)),
        };
        self.pieces.push(Piece {
            start: at,
            len,
            map,
        });
        at + len
    }

    /// The source span of `range` of the text.
    pub fn span(&self, range: Range<usize>) -> Span {
        let Some(first) = self.piece_at(range.start) else {
            return Span::DUMMY;
        };
        let start = first.offset(range.start);
        let end = match self.piece_at(range.end.saturating_sub(1).max(range.start)) {
            Some(last) if range.end > range.start && last.file() == first.file() => {
                last.end_offset(range.end - 1)
            }
            // A range across pieces from two files ends with the first piece.
            Some(_) if range.end > range.start => {
                first.end_offset((first.start + first.len).saturating_sub(1))
            }
            _ => start,
        };
        match (&first.map, start) {
            (PieceMap::Whole(span), _) => *span,
            (PieceMap::Exact(file, _), start) => Span::new(*file, start, end.max(start)),
        }
    }

    fn piece_at(&self, at: usize) -> Option<&Piece> {
        self.pieces
            .iter()
            .find(|p| at >= p.start && at < p.start + p.len)
            .or_else(|| self.pieces.last())
    }
}

impl Piece {
    fn file(&self) -> FileId {
        match &self.map {
            PieceMap::Exact(file, _) => *file,
            PieceMap::Whole(span) => span.file,
        }
    }

    /// Source offset of text byte `at`.
    fn offset(&self, at: usize) -> usize {
        match &self.map {
            PieceMap::Exact(_, o) => o[(at.saturating_sub(self.start)).min(o.len() - 1)] as usize,
            PieceMap::Whole(span) => span.start as usize,
        }
    }

    /// Source offset just past text byte `at` (the last byte of a character).
    fn end_offset(&self, at: usize) -> usize {
        match &self.map {
            PieceMap::Exact(_, o) => {
                o[(at.saturating_sub(self.start) + 1).min(o.len() - 1)] as usize
            }
            PieceMap::Whole(span) => span.end as usize,
        }
    }
}

/// Offsets for a `"..."` literal (`source`, quotes included) whose unescaped text is
/// `text`: an escape's character maps to the backslash.
fn escaped(source: &str, text: &str, base: u32) -> Option<Vec<u32>> {
    let inner = source.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = base + 1 + i as u32;
        let ch = if c == '\\' {
            let (_, e) = chars.next()?;
            match e {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => {
                    let mut hex = String::new();
                    chars.next().filter(|(_, b)| *b == '{')?;
                    for (_, h) in chars.by_ref() {
                        if h == '}' {
                            break;
                        }
                        hex.push(h);
                    }
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                other => other,
            }
        } else {
            c
        };
        out.push(ch);
        offsets.extend(std::iter::repeat_n(at, ch.len_utf8()));
    }
    offsets.push(base + source.len() as u32 - 1);
    (out == text).then_some(offsets)
}

/// Offsets for a `"""` literal whose dedented text is `text`. Dedenting only removes
/// whitespace, so matching each character to its first occurrence from the last match
/// places every other character exactly.
fn dedented(source: &str, text: &str, base: u32) -> Option<Vec<u32>> {
    let inner = source.strip_prefix("\"\"\"")?.strip_suffix("\"\"\"")?;
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut rest = inner.char_indices();
    for c in text.chars() {
        let (i, _) = rest.find(|&(_, r)| r == c)?;
        offsets.extend(std::iter::repeat_n(base + 3 + i as u32, c.len_utf8()));
    }
    let end = rest.next().map_or(inner.len(), |(i, _)| i);
    offsets.push(base + 3 + end as u32);
    Some(offsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn string(sources: &mut SourceMap, src: &str, text: &str, raw: bool) -> (FileId, Value) {
        let file = sources.add("a.dac", format!("x = {src}\n"));
        let value = Value {
            kind: ValueKind::String {
                text: text.to_string(),
                raw,
            },
            span: Span::new(file, 4, 4 + src.len()),
        };
        (file, value)
    }

    #[test]
    fn escapes_and_dedents_map_back_to_the_source() {
        let mut sources = SourceMap::new();
        let (_, v) = string(&mut sources, r#""\"é\" {{ x }}""#, "\"é\" {{ x }}", false);
        let spans = StringSpans::of(Some(&sources), &v);
        let text = "\"é\" {{ x }}";
        let x = text.find('x').unwrap();
        let s = spans.span(x..x + 1);
        let file = sources.get(s.file).unwrap();
        assert_eq!(&file.text[s.start as usize..s.end as usize], "x");
        let e = text.find('é').unwrap();
        let s = spans.span(e..e + 2);
        assert_eq!(&file.text[s.start as usize..s.end as usize], "é");

        let (_, v) = string(
            &mut sources,
            "\"\"\"\n    a\n      {{ y }}\n    \"\"\"",
            "a\n  {{ y }}\n",
            true,
        );
        let spans = StringSpans::of(Some(&sources), &v);
        let s = spans.span(7..8);
        let file = sources.get(s.file).unwrap();
        assert_eq!(&file.text[s.start as usize..s.end as usize], "y");
    }
}
