//! Grafana's named colors. Apart from `color.rs`, which reports through the resolve
//! context, so the error messages can list them without importing what imports them.

/// The hues of Grafana's visualization palette; each comes in five shades.
const HUES: [&str; 6] = ["red", "orange", "yellow", "green", "blue", "purple"];
const SHADES: [&str; 5] = ["super-light-", "light-", "", "semi-dark-", "dark-"];
/// Names outside the palette that Grafana's `getColorByName` knows.
const SPECIAL: [&str; 3] = ["transparent", "text", "panel-bg"];

/// The named colors, for the help of an error.
pub const NAMES_DOC: &str = "red, orange, yellow, green, blue, purple, each also with \
    `super-light-`, `light-`, `semi-dark-` or `dark-` before it; transparent, text, panel-bg";

/// Every named color: the palette's 30, then the special ones.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = HUES
        .iter()
        .flat_map(|h| SHADES.iter().map(move |s| format!("{s}{h}")))
        .collect();
    out.extend(SPECIAL.iter().map(|s| s.to_string()));
    out
}

/// One of Grafana's named colors.
pub fn is_named(s: &str) -> bool {
    SPECIAL.contains(&s)
        || SHADES
            .iter()
            .any(|shade| s.strip_prefix(shade).is_some_and(|hue| HUES.contains(&hue)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_hue_shade_and_special_name() {
        let shades = SHADES.iter().filter(|s| !s.is_empty());
        for word in HUES.iter().chain(shades).chain(&SPECIAL) {
            assert!(NAMES_DOC.contains(word), "{word}");
        }
        assert_eq!(names().len(), HUES.len() * SHADES.len() + SPECIAL.len());
        assert!(names().iter().all(|n| is_named(n)));
    }
}
