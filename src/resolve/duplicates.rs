//! Names that must be unique within a list (dashboard uids across the project, a
//! routing block's receivers): an error at each repeat, pointing at the first.

use std::collections::HashMap;

use super::error::{Duplicated, ErrorKind, ResolveError};
use crate::diagnostic::Span;

/// Adds to `errors` one error for each name of `items` that an earlier item has.
pub fn report<'a>(
    what: Duplicated,
    items: impl IntoIterator<Item = (&'a str, Span)>,
    errors: &mut Vec<ResolveError>,
) {
    let mut first: HashMap<&str, Span> = HashMap::new();
    for (name, span) in items {
        match first.get(name) {
            Some(f) => errors.push(
                ResolveError::new(
                    span,
                    ErrorKind::Duplicate {
                        what,
                        name: name.to_string(),
                    },
                )
                .with_related(*f, "first defined here"),
            ),
            None => {
                first.insert(name, span);
            }
        }
    }
}
