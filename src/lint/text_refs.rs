//! What a dashboard's text refers to: Grafana variables (`$pod`, `${pod:csv}`,
//! `[[pod]]`) in titles, legends, links and variable queries, and the `{{label}}`
//! placeholders of a legend. Found in the model's text, then placed in the `.dac` file
//! by finding the same characters in the source the text was written at, so a finding
//! underlines the reference itself; text a template built elsewhere gets the whole span.

use std::ops::Range;

use crate::diagnostic::Span;
use crate::source::SourceMap;

/// One reference in a text: the name, and the bytes of the whole reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextRef {
    pub name: String,
    pub range: Range<usize>,
}

/// Every Grafana variable in `text`, in order.
pub fn variables(text: &str) -> Vec<TextRef> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let found = match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'{') => braced(bytes, i, 2, b"}"),
            b'$' => {
                let len = word_len(&bytes[i + 1..]);
                (len > 0).then(|| (i + 1..i + 1 + len, i + 1 + len))
            }
            b'[' if bytes.get(i + 1) == Some(&b'[') => braced(bytes, i, 2, b"]]"),
            _ => None,
        };
        match found {
            // `$5` is an amount or a capture group, never a variable anyone declared.
            Some((name, end)) if bytes[name.start].is_ascii_digit() => i = end,
            Some((name, end)) => {
                out.push(TextRef {
                    name: text[name].to_string(),
                    range: i..end,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// `${name}`, `${name:format}`, `[[name]]` or `[[name:format]]` at `start`: the name's
/// bytes and the end of the reference.
fn braced(bytes: &[u8], start: usize, open: usize, close: &[u8]) -> Option<(Range<usize>, usize)> {
    let name_start = start + open;
    let name_len = word_len(&bytes[name_start..]);
    if name_len == 0 {
        return None;
    }
    let mut at = name_start + name_len;
    if bytes.get(at) == Some(&b':') {
        let format = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            .count();
        if format == 0 {
            return None;
        }
        at += 1 + format;
    }
    bytes[at..]
        .starts_with(close)
        .then(|| (name_start..name_start + name_len, at + close.len()))
}

fn word_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count()
}

/// Every `{{ label }}` of a legend, in order; `range` is the label's name alone.
pub fn legend_labels(text: &str) -> Vec<TextRef> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{") {
        let inner_start = rest + open + 2;
        let Some(close) = text[inner_start..].find("}}") else {
            break;
        };
        let inner = &text[inner_start..inner_start + close];
        let name = inner.trim();
        let is_label = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !name.as_bytes()[0].is_ascii_digit();
        if is_label {
            let at = inner_start + (inner.len() - inner.trim_start().len());
            out.push(TextRef {
                name: name.to_string(),
                range: at..at + name.len(),
            });
        }
        rest = inner_start + close + 2;
    }
    out
}

/// Where each of `refs` (found in `text`) is written inside `span`: the same characters
/// searched for in order in the source; the whole span where they are not there (the
/// text came from a template parameter, or an escape changed it).
pub fn place(sources: &SourceMap, span: Span, text: &str, refs: &[TextRef]) -> Vec<Span> {
    let source = sources
        .get(span.file)
        .and_then(|f| f.text.get(span.start as usize..span.end as usize));
    let mut from = 0;
    refs.iter()
        .map(|r| {
            let written = &text[r.range.clone()];
            let found = source.and_then(|s| Some(from + s.get(from..)?.find(written)?));
            match found {
                Some(at) => {
                    from = at + written.len();
                    Span {
                        file: span.file,
                        start: span.start + at as u32,
                        end: span.start + (at + written.len()) as u32,
                    }
                }
                None => span,
            }
        })
        .collect()
}

/// Where the word `name` is first written inside `span` (a variable's name in its
/// declaration); the whole span where it is not there.
pub fn word_span(sources: &SourceMap, span: Span, name: &str) -> Span {
    let source = sources
        .get(span.file)
        .and_then(|f| f.text.get(span.start as usize..span.end as usize));
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let found = source.and_then(|s| {
        s.match_indices(name).map(|(at, _)| at).find(|&at| {
            let before = at.checked_sub(1).map(|i| s.as_bytes()[i]);
            let after = s.as_bytes().get(at + name.len()).copied();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
    });
    match found {
        Some(at) => Span {
            file: span.file,
            start: span.start + at as u32,
            end: span.start + (at + name.len()) as u32,
        },
        None => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(refs: Vec<TextRef>) -> Vec<String> {
        refs.into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn finds_every_variable_syntax_and_skips_what_is_none() {
        let text = "$job ${pod} ${pod:csv} [[env]] [[env:regex]] cost$ [[:alpha:]] ${} $5";
        assert_eq!(names(variables(text)), ["job", "pod", "pod", "env", "env"]);
        let refs = variables("a ${pod:csv}!");
        assert_eq!(refs[0].range, 2..12);
    }

    #[test]
    fn finds_legend_labels_with_spaces_and_skips_templates() {
        let text = "{{pod}} on {{ instance }} {{ $labels.x }} {{}} {{unclosed";
        let refs = legend_labels(text);
        assert_eq!(names(refs.clone()), ["pod", "instance"]);
        assert_eq!(&text[refs[1].range.clone()], "instance");
    }

    #[test]
    fn places_references_in_the_source_or_falls_back_to_the_span() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", r#"title "CPU of $pod and $pod""#);
        let span = Span {
            file,
            start: 6,
            end: 28,
        };
        let text = "CPU of $pod and $pod";
        let spans = place(&sources, span, text, &variables(text));
        assert_eq!((spans[0].start, spans[0].end), (14, 18));
        assert_eq!((spans[1].start, spans[1].end), (23, 27));
        let other = "made by a template: $x";
        assert_eq!(place(&sources, span, other, &variables(other)), [span]);
    }

    #[test]
    fn finds_a_whole_word() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.dac", "variable datasource data = prometheus");
        let span = Span {
            file,
            start: 0,
            end: 37,
        };
        let at = word_span(&sources, span, "data");
        assert_eq!((at.start, at.end), (20, 24));
        assert_eq!(word_span(&sources, span, "missing"), span);
    }
}
