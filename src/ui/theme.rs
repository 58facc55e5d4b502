//! How the prompts look: dialoguer's colourful theme (yes/no, typed
//! answers, ordering) with a cursor marker that shows without colour, and
//! the same look for our own choice prompts ([`Look`], `ui/select.rs`).
//!
//! In "select all that apply", the colourful theme shows the row under the
//! cursor only by its colour, so with `NO_COLOR` or `--color never` a
//! student cannot see what Space will tick. Here that row always carries a
//! marker: `❯` in colour, a plain `>` without.

use std::fmt;

use console::Style;
use dialoguer::theme::{ColorfulTheme, Theme};

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

/// The colourful theme with a visible cursor row everywhere.
pub struct Marked {
    inner: ColorfulTheme,
    marker: &'static str,
}

impl Marked {
    /// The theme for prompts written to the terminal now, colour or not.
    pub fn new() -> Self {
        let color = console::colors_enabled_stderr();
        let marker = marker(color);
        let inner = ColorfulTheme {
            active_item_prefix: console::style(marker.to_owned()).for_stderr().green(),
            ..ColorfulTheme::default()
        };
        Marked { inner, marker }
    }
}

impl Default for Marked {
    fn default() -> Self {
        Self::new()
    }
}

impl Theme for Marked {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.inner.format_error(f, err)
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        self.inner.format_confirm_prompt(f, prompt, default)
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        self.inner
            .format_confirm_prompt_selection(f, prompt, selection)
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        self.inner.format_input_prompt(f, prompt, default)
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.inner.format_input_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.inner.format_select_prompt_selection(f, prompt, sel)
    }

    fn format_multi_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_multi_select_prompt(f, prompt)
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.inner
            .format_multi_select_prompt_selection(f, prompt, selections)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.inner.format_select_prompt_item(f, text, active)
    }

    fn format_sort_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_sort_prompt(f, prompt)
    }

    fn format_sort_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.inner
            .format_sort_prompt_selection(f, prompt, selections)
    }

    /// The item being moved is picked up (`❯`/`>`), the cursor row marked.
    fn format_sort_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        picked: bool,
        active: bool,
    ) -> fmt::Result {
        write!(f, "{} ", if active { self.marker } else { " " })?;
        self.inner.format_sort_prompt_item(f, text, picked, active)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        write!(f, "{} ", if active { self.marker } else { " " })?;
        self.inner
            .format_multi_select_prompt_item(f, text, checked, active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_row_is_marked_without_colour() {
        console::set_colors_enabled_stderr(false);
        let theme = Marked::new();
        let mut active = String::new();
        theme
            .format_multi_select_prompt_item(&mut active, "Report A", false, true)
            .unwrap();
        let mut other = String::new();
        theme
            .format_multi_select_prompt_item(&mut other, "Report B", true, false)
            .unwrap();
        assert_eq!(active, "> ⬚ Report A");
        assert_eq!(other, "  ✔ Report B");
        let mut select = String::new();
        theme
            .format_select_prompt_item(&mut select, "Red", true)
            .unwrap();
        assert_eq!(select, "> Red");
    }
}
