use super::*;
use crate::codes::Code;
use crate::diagnostic::Span;
use crate::lint::registry::RuleId;

fn finding(sources: &mut SourceMap, file: &str, at: usize, message: &str) -> Diagnostic {
    let id = sources.add(file, "x".repeat(200));
    Diagnostic::warning(Code::Rule(RuleId::AlertFor), message)
        .with_primary(Span::new(id, at, at + 1), "here")
}

#[test]
fn findings_match_by_rule_file_and_message_not_by_place_or_number() {
    let mut old_sources = SourceMap::new();
    let before = vec![
        finding(
            &mut old_sources,
            "a.dac",
            10,
            "alert `A` fires after 3 errors",
        ),
        finding(&mut old_sources, "a.dac", 50, "alert `B` has no `for`"),
    ];
    let mut sources = SourceMap::new();
    let now = vec![
        // Moved, and its number changed: old.
        finding(&mut sources, "a.dac", 90, "alert `A` fires after 4 errors"),
        // The same message in another file: new.
        finding(&mut sources, "b.dac", 50, "alert `B` has no `for`"),
        // Twice now, once before: one is new.
        finding(&mut sources, "a.dac", 60, "alert `B` has no `for`"),
        finding(&mut sources, "a.dac", 70, "alert `B` has no `for`"),
    ];
    let new = new_since(now, &sources, &before, &old_sources);
    let shown: Vec<(String, u32)> = new
        .iter()
        .map(|d| {
            let span = d.primary_span().unwrap();
            (sources.get(span.file).unwrap().name.clone(), span.start)
        })
        .collect();
    assert_eq!(
        shown,
        [("b.dac".to_string(), 50), ("a.dac".to_string(), 70)]
    );
}
