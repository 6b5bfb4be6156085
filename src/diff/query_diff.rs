//! A changed query, old above new, with the part that changed marked by carets below each:
//! the common beginning and end are left unmarked.

/// Four lines: `- old`, its marks, `+ new`, its marks (each indented by `indent`).
pub fn render(old: &str, new: &str, indent: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let marks = |len: usize| {
        let changed = len - prefix - suffix;
        format!("{}{}", " ".repeat(prefix), "^".repeat(changed.max(1)))
    };
    format!(
        "{indent}- {old}\n{indent}  {}\n{indent}+ {new}\n{indent}  {}\n",
        marks(a.len()),
        marks(b.len())
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_changed_part_is_marked() {
        assert_eq!(
            super::render("q(0.95, x)", "q(0.99, x)", ""),
            "- q(0.95, x)\n       ^\n+ q(0.99, x)\n       ^\n"
        );
    }
}
