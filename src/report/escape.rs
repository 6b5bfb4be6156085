//! Text from sources made safe to print: control characters escaped, lengths capped.
//!
//! A `.dac` file can hold any character, raw or through an escape (`"\u{1b}[2J"`), and
//! messages quote values from it. Printed as they are, ESC sequences would clear or
//! recolour the screen of whoever reads the terminal or the CI log, and bidi overrides
//! would show text in another order than the compiler saw it. Every format escapes them.

use std::borrow::Cow;

/// The most characters of one message, label, note or help text that are printed.
pub const MAX_TEXT: usize = 400;

/// Whether `c` must not reach a terminal or log as it is: C0 controls except tab, DEL,
/// C1 controls, bidi controls (overrides, embeddings, isolates, marks), and the Unicode
/// line and paragraph separators, which some log viewers take for line breaks.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{a}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// Appends the printed form of one character: itself, or the escape a `.dac` string
/// literal would use for it (`\n`, `\r`, `\u{1b}`), so it can be copied back.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if is_unsafe(c) => {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
        c => out.push(c),
    }
}

/// The width in columns of a character as printed by [`push_escaped`] (1 for any
/// character that is printed as it is).
pub fn escaped_width(c: char) -> usize {
    match c {
        '\n' | '\r' => 2,
        c if is_unsafe(c) => format!("{:x}", u32::from(c)).len() + 4,
        _ => 1,
    }
}

/// `text` with its unsafe characters escaped; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// `text` cut to about [`MAX_TEXT`] characters: a message that quotes a 100 KB value
/// must not print it whole. Its start and its end are kept, since a message often ends
/// with what is wrong (`... is 100000 characters long; Grafana allows at most 40`),
/// and the middle says how much was left out.
pub fn cap(text: &str) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= MAX_TEXT {
        return Cow::Borrowed(text);
    }
    let head = MAX_TEXT * 3 / 4;
    let tail = MAX_TEXT - head;
    let byte = |nth: usize| text.char_indices().nth(nth).map_or(text.len(), |(i, _)| i);
    let (cut, resume) = (byte(head), byte(count - tail));
    let left_out = count - head - tail;
    let plural = if left_out == 1 { "" } else { "s" };
    Cow::Owned(format!(
        "{}...({left_out} character{plural} left out)...{}",
        &text[..cut],
        &text[resume..]
    ))
}

/// A message, label, note or help text as printed to a terminal or log: capped, then
/// escaped.
pub fn clean(text: &str) -> Cow<'_, str> {
    match cap(text) {
        Cow::Borrowed(t) => escape(t),
        Cow::Owned(t) => Cow::Owned(escape(&t).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_bidi_but_not_tabs_or_text() {
        assert_eq!(
            escape("a\u{1b}[2J\0b\tc\u{202e}d\u{2066}é\u{85}\u{7f}"),
            "a\\u{1b}[2J\\u{0}b\tc\\u{202e}d\\u{2066}é\\u{85}\\u{7f}"
        );
        assert_eq!(escape("line\nnext\r"), "line\\nnext\\r");
        assert!(matches!(escape("plain `uid` ü"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_width_is_the_printed_width() {
        for c in [
            'a', '\t', '\n', '\0', '\u{1b}', '\u{9b}', '\u{202e}', '\u{2069}', 'ç',
        ] {
            let mut s = String::new();
            push_escaped(&mut s, c);
            assert_eq!(s.chars().count(), escaped_width(c), "{c:?} -> {s}");
        }
    }

    #[test]
    fn caps_long_text_keeping_both_ends() {
        let long = format!("uid `{}` is too long", "x".repeat(MAX_TEXT + 1000));
        let capped = cap(&long);
        assert!(capped.starts_with("uid `xxx"), "{capped}");
        assert!(capped.ends_with("xxx` is too long"), "{capped}");
        assert!(
            capped.contains("...(1018 characters left out)..."),
            "{capped}"
        );
        assert!(capped.chars().count() < MAX_TEXT + 40, "{capped}");
        assert_eq!(cap("short"), "short");
        let exact = "é".repeat(MAX_TEXT);
        assert_eq!(cap(&exact), exact);
        let multibyte = "é".repeat(MAX_TEXT + 1);
        assert!(cap(&multibyte).contains("(1 character left out)"));
    }

    #[test]
    fn clean_caps_before_escaping_so_escapes_are_never_cut() {
        let text = "\u{1b}".repeat(MAX_TEXT + 5);
        let cleaned = clean(&text);
        assert!(cleaned.starts_with("\\u{1b}\\u{1b}"));
        assert!(
            cleaned.contains("\\u{1b}...(5 characters left out)...\\u{1b}"),
            "{cleaned}"
        );
        assert!(cleaned.ends_with("\\u{1b}"), "{cleaned}");
    }
}
