//! pest's errors, reworded: what was expected, in words, and what was found.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::error::{SyntaxError, SyntaxErrorKind};
use super::parser::Rule;
use crate::diagnostic::{FileId, Span};

pub fn convert(file: FileId, text: &str, err: &Error<Rule>) -> SyntaxError {
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(text.len());
    if let Some(error) = bad_duration(file, text, pos) {
        return error;
    }
    if let Some(error) = super::wordy_duration::check(file, text, pos) {
        return error;
    }
    let mut expected: Vec<&'static str> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| describe(*r)).collect()
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    if let Some(attempts) = err.parse_attempts() {
        expected.extend(
            attempts
                .expected_tokens()
                .iter()
                .filter_map(|t| describe_token(&t.to_string())),
        );
    }
    expected.sort_unstable();
    expected.dedup();
    simplify(&mut expected);
    let before = text[..pos].trim_end();
    // After an operator, what is missing is its right-hand side.
    let operator = ["=~", "!~", "!=", ">=", "<=", "=", ">", "<", "+"]
        .into_iter()
        .find(|op| before.ends_with(op));
    let expected = if let Some(op) = operator {
        format!("a value after `{op}`")
    } else if expected.is_empty() {
        "a statement".to_string()
    } else {
        join_or(&expected)
    };
    let (found, len) = found(&text[pos..]);
    // A missing value is shown right after its operator, even when the parser only
    // noticed on a later line.
    let span = if operator.is_some() && before.len() < pos {
        Span::new(file, before.len(), before.len())
    } else {
        Span::new(file, pos, pos + len)
    };
    SyntaxError::new(span, SyntaxErrorKind::Unexpected { expected, found })
}

/// A number run into letters where a value goes (`5min`, `1.5h`, `-5m`, `5M`) is a
/// duration the grammar does not take: say so at the value, not "expected a value".
fn bad_duration(file: FileId, text: &str, pos: usize) -> Option<SyntaxError> {
    let rest = &text[pos..];
    let start = pos + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let token: &str = text[start..]
        .split(|c: char| c.is_whitespace() || ",;{}[]()".contains(c))
        .next()
        .unwrap_or("");
    let digits = token.strip_prefix('-').unwrap_or(token);
    let number_len = digits
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(digits.len());
    let unit = &digits[number_len..];
    if number_len == 0 || unit.is_empty() || !unit.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let reason = if token.starts_with('-') {
        "a duration cannot be negative"
    } else if digits[..number_len].contains('.') {
        "each unit takes a whole number: write `1h30m` rather than `1.5h`"
    } else {
        "the units are `ms`, `s`, `m`, `h`, `d`, `w` and `y`"
    };
    Some(SyntaxError::new(
        Span::new(file, start, start + token.len()),
        SyntaxErrorKind::BadDuration {
            text: token.to_string(),
            reason,
            meant: (!token.starts_with('-'))
                .then(|| meant(digits, number_len))
                .flatten(),
        },
    ))
}

/// `5min` → `5m`: the duration meant when the unit is a word dac knows.
fn meant(digits: &str, number_len: usize) -> Option<String> {
    let (number, word) = digits.split_at(number_len);
    super::wordy_duration::joined(number, word)
        .map(|(joined, _)| joined)
        .filter(|joined| joined != digits)
}

fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::stmt | Rule::key => "a statement",
        Rule::ident | Rule::call_name => "a name",
        Rule::value => "a value",
        Rule::header => "a name or title",
        Rule::assign_op => "`=`",
        Rule::body => "`{`",
        Rule::list | Rule::list_item => "a list item",
        Rule::call_arg => "a parameter",
        Rule::type_name => "a type",
        Rule::string | Rule::raw_string => "a string",
        Rule::query => "a query in backticks",
        Rule::number | Rule::list_key => "a number",
        Rule::duration => "a duration",
        Rule::EOI => "end of file",
        _ => return None,
    })
}

/// Keeps what the writer most likely meant: inside `[...]`/`(...)` the separator and the
/// closing bracket; elsewhere, if the statement could end here, the end of statement.
fn simplify(expected: &mut Vec<&'static str>) {
    const END: &str = "a line break or `;`";
    let noise = ["`+`", "`:`", "end of file"];
    if expected.iter().any(|e| !noise.contains(e)) {
        expected.retain(|e| !noise.contains(e));
    }
    if expected.contains(&"a list item") {
        expected.retain(|e| *e == "a list item" || *e == "`]`");
        return;
    }
    if *expected == ["`{`"] {
        // After a complete statement, a block is rarely what is missing.
        *expected = vec![END];
        return;
    }
    if expected.contains(&"`]`") || expected.contains(&"`)`") {
        expected.retain(|e| *e != END && *e != "`=`");
    } else if expected.contains(&END) {
        expected.retain(|e| *e == END);
    }
}

fn describe_token(token: &str) -> Option<&'static str> {
    Some(match token {
        "\n" | "\r\n" | "\r" | ";" => "a line break or `;`",
        "," => "`,`",
        "=" | "=~" | "!=" | "!~" => "`=`",
        "{" => "`{`",
        "}" => "`}`",
        "]" => "`]`",
        ")" => "`)`",
        ":" => "`:`",
        "+" => "`+`",
        "\"" | "\"\"\"" => "a string",
        "`" => "a query in backticks",
        "@" => "a parameter",
        _ => return None,
    })
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A description of what starts `rest`, and how many bytes to underline.
fn found(rest: &str) -> (String, usize) {
    let Some(c) = rest.chars().next() else {
        return ("end of file".to_string(), 0);
    };
    if c == '\n' || c == '\r' {
        return ("end of line".to_string(), 1);
    }
    if c.is_alphanumeric() || c == '_' {
        let len = rest
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '-'))
            .unwrap_or(rest.len());
        return (format!("`{}`", &rest[..len]), len);
    }
    match c {
        '"' => ("a string".to_string(), 1),
        '`' => ("a query".to_string(), 1),
        _ => (format!("`{c}`"), c.len_utf8()),
    }
}
