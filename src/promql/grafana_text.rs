//! Grafana variables inside text: label values, regexes and names that Grafana
//! interpolates before the query reaches Prometheus.

/// Whether `text` contains a Grafana variable reference: `$name`, `${name}`,
/// `${name:format}`, `[[name]]` or `[[name:format]]`. A `$` not followed by a name or
/// a brace (the end anchor of a regex, `"cost$"`) is not one.
/// This follows Grafana's own pattern, so a POSIX class such as `[[:alpha:]]` is not one.
pub fn contains_variable(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| match bytes[i] {
        b'$' => match bytes.get(i + 1) {
            Some(b'{') => word_len(&bytes[i + 2..]) > 0,
            Some(_) => word_len(&bytes[i + 1..]) > 0,
            None => false,
        },
        b'[' => bytes.get(i + 1) == Some(&b'[') && is_bracket_variable(&bytes[i + 2..]),
        _ => false,
    })
}

/// `name]]` or `name:format]]`, after the opening `[[`.
fn is_bracket_variable(rest: &[u8]) -> bool {
    let name = word_len(rest);
    if name == 0 {
        return false;
    }
    let rest = &rest[name..];
    let rest = match rest.first() {
        Some(b':') => {
            let format = word_len(&rest[1..]);
            if format == 0 {
                return false;
            }
            &rest[1 + format..]
        }
        _ => rest,
    };
    rest.starts_with(b"]]")
}

fn word_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_variable_syntax() {
        for text in [
            "$job",
            "${job}",
            "${job:regex}",
            "[[job]]",
            "[[job:csv]]",
            "a-$__all",
            "x|$1",
        ] {
            assert!(contains_variable(text), "{text}");
        }
    }

    #[test]
    fn ignores_regex_anchors_and_classes() {
        for text in [
            "cost$",
            "^a$",
            "(a|b)$",
            "[[:alpha:]]+",
            "[a-z]+",
            "",
            "$",
            "${}",
            "[[a",
        ] {
            assert!(!contains_variable(text), "{text}");
        }
    }
}
