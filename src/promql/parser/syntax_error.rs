//! Turns pest's "expected <rules>" into Prometheus' wording: `unexpected <what was
//! found> in <context>, expected <what fits>`. The context comes from the tokens before
//! the failure, which say far more than pest's rule names (never shown to users).

use pest::error::{Error, ErrorVariant, InputLocation};

use super::Rule;
use crate::promql::lex::{self, Location, Token, TokenKind};
use crate::promql::parse_error::{Hint, ParseError, ParseErrorKind};

pub(super) fn convert(
    error: &Error<Rule>,
    src: &str,
    tokens: &[Token],
    at: &Location,
) -> ParseError {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    let found_index = tokens.iter().position(|t| t.end > pos);
    let found = found_index.and_then(|i| tokens.get(i));
    let before = &tokens[..found_index.unwrap_or(tokens.len())];
    let (context, expected) = context(src, before, positives);
    let span = match found {
        Some(t) => at.span(t.start, t.end),
        None => at.span(src.len(), src.len()),
    };
    let hint = if context.is_none() {
        found.and_then(|t| hint(src, t, positives))
    } else {
        None
    };
    ParseError::new(
        span,
        ParseErrorKind::Unexpected {
            found: lex::describe(src, found),
            context,
            expected,
            hint,
        },
    )
}

/// A likely intent behind a token found where it cannot go, outside any construct.
fn hint(src: &str, found: &Token, positives: &[Rule]) -> Option<Hint> {
    let text = src.get(found.start..found.end)?.to_ascii_lowercase();
    match (found.kind, text.as_str()) {
        (TokenKind::Punct, "=") => Some(Hint::CompareWithDoubleEquals),
        (TokenKind::Word, "by" | "without") => Some(Hint::GroupingNeedsAggregation),
        (TokenKind::Word, "group_left" | "group_right") => Some(Hint::GroupNeedsMatching),
        (TokenKind::Word | TokenKind::Number | TokenKind::String | TokenKind::Duration, _)
            if positives.contains(&Rule::binary_op) =>
        {
            Some(Hint::MissingOperator)
        }
        _ => None,
    }
}

/// Where the parser was, judged from the tokens before the failure.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Top,
    Braces,
    Brackets { colon: bool },
    LabelList,
}

fn context(
    src: &str,
    before: &[Token],
    positives: &[Rule],
) -> (Option<&'static str>, Option<String>) {
    let text = |t: &Token| src.get(t.start..t.end).unwrap_or("").to_ascii_lowercase();
    let mut place = Place::Top;
    let mut list_pending = false;
    let mut paren_is_list = Vec::new();
    for t in before {
        let s = text(t);
        match (place, s.as_str()) {
            (_, "{") => place = Place::Braces,
            (Place::Braces, "}") => place = Place::Top,
            (_, "[") => place = Place::Brackets { colon: false },
            (Place::Brackets { .. }, ":") => place = Place::Brackets { colon: true },
            (Place::Brackets { .. }, "]") => place = Place::Top,
            (_, "(") => {
                paren_is_list.push(list_pending);
                if list_pending {
                    place = Place::LabelList;
                }
            }
            (_, ")") if paren_is_list.pop() == Some(true) => place = Place::Top,
            _ => {}
        }
        list_pending = t.kind == TokenKind::Word
            && matches!(
                s.as_str(),
                "by" | "without" | "on" | "ignoring" | "group_left" | "group_right"
            );
    }
    let last = before.last();
    let last_text = last.map(text).unwrap_or_default();
    let last_kind = last.map(|t| t.kind);
    let quoted = |s: &str| format!("{s:?}");
    match place {
        Place::Braces => {
            let expected = if positives.contains(&Rule::match_op) {
                "label matching operator".to_string()
            } else if matches!(last_text.as_str(), "=" | "!=" | "=~" | "!~") {
                "string".to_string()
            } else if matches!(last_text.as_str(), "{" | ",") {
                format!("identifier or {}", quoted("}"))
            } else {
                format!("{} or {}", quoted(","), quoted("}"))
            };
            (Some("label matching"), Some(expected))
        }
        Place::Brackets { colon } => match last_kind {
            Some(TokenKind::Punct) if last_text == "[" => (
                Some("subquery selector"),
                Some("number or duration".to_string()),
            ),
            Some(TokenKind::Punct) if last_text == ":" => (
                Some("subquery selector"),
                Some(format!("number or duration or {}", quoted("]"))),
            ),
            _ if colon => (Some("subquery selector"), Some(quoted("]"))),
            _ => (
                Some("subquery or range"),
                Some(format!("{} or {}", quoted(":"), quoted("]"))),
            ),
        },
        Place::LabelList => {
            if matches!(last_text.as_str(), "(" | ",") {
                (Some("grouping opts"), Some("label".to_string()))
            } else {
                (
                    Some("grouping opts"),
                    Some(format!("{} or {}", quoted(","), quoted(")"))),
                )
            }
        }
        Place::Top => match last_text.as_str() {
            "offset" if last_kind == Some(TokenKind::Word) => {
                (Some("offset"), Some("number or duration".to_string()))
            }
            "-" if before.len() >= 2 && text(&before[before.len() - 2]) == "offset" => {
                (Some("offset"), Some("number or duration".to_string()))
            }
            "@" => (Some("@"), Some("timestamp".to_string())),
            "by" | "without" | "on" | "ignoring" if last_kind == Some(TokenKind::Word) => {
                (Some("grouping opts"), Some(quoted("(")))
            }
            _ if positives.contains(&Rule::call_args) && !positives.contains(&Rule::binary_op) => {
                (Some("aggregation"), None)
            }
            _ => (None, None),
        },
    }
}
