//! Colors as Grafana reads them: its named colors, `#RRGGBB`, `#RRGGBBAA`, `rgb()` and
//! `rgba()`. Anything else Grafana would draw in a fallback color without a word.

use super::color_names::{is_named, names};
use super::cx::Cx;
use super::error::ErrorKind;
use crate::ast::Value;
use crate::promql::suggest::did_you_mean;

pub fn is_color(s: &str) -> bool {
    is_named(s) || is_hex(s) || is_rgb(s)
}

/// `#RRGGBB` or `#RRGGBBAA`.
fn is_hex(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `rgb(R, G, B)` with channels 0-255, or `rgba(R, G, B, A)` with alpha 0-1.
fn is_rgb(s: &str) -> bool {
    let (args, alpha) = if let Some(rest) = s.strip_prefix("rgba(") {
        (rest, true)
    } else if let Some(rest) = s.strip_prefix("rgb(") {
        (rest, false)
    } else {
        return false;
    };
    let Some(args) = args.strip_suffix(')') else {
        return false;
    };
    let parts: Vec<&str> = args.split(',').map(str::trim).collect();
    if parts.len() != if alpha { 4 } else { 3 } {
        return false;
    }
    let channel = |p: &str| p.parse::<u16>().is_ok_and(|n| n <= 255);
    parts[..3].iter().all(|p| channel(p))
        && (!alpha
            || parts[3]
                .parse::<f64>()
                .is_ok_and(|a| (0.0..=1.0).contains(&a)))
}

/// A color value (a name or a string), checked; `what` names the attribute.
pub fn color_value(cx: &mut Cx, v: &Value, what: &str) -> Option<String> {
    let text = cx.word(v, what)?;
    checked(cx, v, text)
}

/// `text`, read from `v`, if it is a color Grafana knows; otherwise an error at `v`.
pub fn checked(cx: &mut Cx, v: &Value, text: String) -> Option<String> {
    if is_color(&text) {
        return Some(text);
    }
    let names = names();
    let suggestion = did_you_mean(&text, names.iter().map(String::as_str)).map(str::to_string);
    cx.error(
        v.span,
        ErrorKind::BadColor {
            color: text,
            suggestion,
        },
    );
    None
}

#[cfg(test)]
mod tests {
    use super::is_color;

    #[test]
    fn grafana_colors_are_accepted() {
        for c in [
            "red",
            "dark-green",
            "semi-dark-orange",
            "light-blue",
            "super-light-purple",
            "yellow",
            "transparent",
            "text",
            "#FF9830",
            "#ff983080",
            "rgb(0, 211, 255)",
            "rgba(0,211,255,0.5)",
            "rgba(0, 0, 0, 1)",
        ] {
            assert!(is_color(c), "{c}");
        }
    }

    #[test]
    fn other_colors_are_rejected() {
        for c in [
            "gren",
            "Red",
            "dark-",
            "very-dark-red",
            "pink",
            "#FFF",
            "#GG9830",
            "#FF98301",
            "rgb(0, 211)",
            "rgb(0, 256, 0)",
            "rgba(0, 0, 0, 2)",
            "rgba(0, 0, 0)",
            "rgb(0, 0, 0",
            "",
        ] {
            assert!(!is_color(c), "{c}");
        }
    }
}
