//! The colours of the human report, as rustc and cargo use them; none when the output
//! is not a terminal or colour is turned off (`--color`, `NO_COLOR`).

use anstyle::{AnsiColor, Style};

use crate::diagnostic::Severity;

/// The styles of one report: all plain, or the colours below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    error: Style,
    warning: Style,
    info: Style,
    /// The message after `error[code]:`.
    emphasis: Style,
    /// Gutter, `-->`, line numbers and secondary markers.
    frame: Style,
    /// `help:`, `note:`, and the verbs of `-v`.
    note: Style,
}

impl Palette {
    pub const PLAIN: Palette = Palette {
        error: Style::new(),
        warning: Style::new(),
        info: Style::new(),
        emphasis: Style::new(),
        frame: Style::new(),
        note: Style::new(),
    };

    pub const COLOR: Palette = Palette {
        error: AnsiColor::BrightRed.on_default().bold(),
        warning: AnsiColor::BrightYellow.on_default().bold(),
        info: AnsiColor::BrightCyan.on_default().bold(),
        emphasis: Style::new().bold(),
        frame: AnsiColor::BrightBlue.on_default().bold(),
        note: AnsiColor::BrightGreen.on_default().bold(),
    };

    pub fn new(color: bool) -> Palette {
        if color {
            Palette::COLOR
        } else {
            Palette::PLAIN
        }
    }

    pub fn severity(&self, severity: Severity, text: &str) -> String {
        let style = match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        };
        paint(style, text)
    }

    pub fn emphasis(&self, text: &str) -> String {
        paint(self.emphasis, text)
    }

    pub fn frame(&self, text: &str) -> String {
        paint(self.frame, text)
    }

    pub fn note(&self, text: &str) -> String {
        paint(self.note, text)
    }
}

/// `text` between the style's escape codes; `text` alone for the plain style, so a
/// plain report holds no escape code at all.
fn paint(style: Style, text: &str) -> String {
    if style == Style::new() || text.is_empty() {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_has_no_escape_codes_and_color_has_them() {
        assert_eq!(Palette::PLAIN.severity(Severity::Error, "error"), "error");
        assert_eq!(Palette::PLAIN.frame("|"), "|");
        let red = Palette::COLOR.severity(Severity::Error, "error");
        assert!(
            red.starts_with('\u{1b}') && red.contains("error"),
            "{red:?}"
        );
        assert!(red.ends_with("\u{1b}[0m"), "{red:?}");
    }
}
