//! How our choice prompts look ([`Look`], `ui/select.rs`): dialoguer's
//! colourful theme (still used for yes/no and typed answers), with a cursor
//! marker that shows without colour.
//!
//! dialoguer's theme shows the row under the cursor only by its colour, so
//! with `NO_COLOR` or `--color never` a student could not see what Space
//! will tick. Here that row always carries a marker: `❯` in colour, a plain
//! `>` without.

use console::Style;

use super::select::{Role, Row};

/// The cursor marker: `❯` in colour, a plain `>` without.
pub fn marker(color: bool) -> &'static str {
    if color {
        "❯"
    } else {
        ">"
    }
}

/// How our choice prompts look, matching the colourful theme: the hint
/// line bold after a yellow `?`, the cursor's entry cyan after a green
/// marker, the separator dim.
pub struct Look {
    /// The cursor marker.
    pub marker: &'static str,
}

impl Look {
    /// The look for prompts written to standard output now, colour or not.
    pub fn new() -> Self {
        Look {
            marker: marker(console::colors_enabled()),
        }
    }

    /// A laid-out row with its colours (none when colour is off).
    pub fn paint(&self, row: &Row) -> String {
        let text = row.text.as_str();
        match row.role {
            Role::Prompt => match text.strip_prefix("? ") {
                Some(rest) => format!(
                    "{} {}",
                    console::style("?").yellow(),
                    Style::new().bold().apply_to(rest)
                ),
                None => Style::new().bold().apply_to(text).to_string(),
            },
            Role::Active => match text.strip_prefix(self.marker) {
                Some(rest) => format!(
                    "{}{}",
                    console::style(self.marker).green(),
                    Style::new().cyan().apply_to(rest)
                ),
                None => Style::new().cyan().apply_to(text).to_string(),
            },
            Role::Item => text.to_owned(),
            Role::Note => Style::new().dim().apply_to(text).to_string(),
        }
    }
}

impl Default for Look {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_row_is_marked_without_colour() {
        assert_eq!(marker(false), ">");
        assert_eq!(marker(true), "❯");
    }
}
