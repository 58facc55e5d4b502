//! dialoguer prompts on the controlling terminal: arrow keys, Space to
//! toggle, typed input checked before it is accepted, and the pager for
//! reading a source in full.
//!
//! Every prompt starts the same way ([`Terminal::prompt`]): it waits until
//! the terminal is big enough for it (dialoguer panics on one or two rows),
//! and throws away keys typed before it was drawn, so that a keystroke meant
//! for one prompt never answers the next. Yes/no questions wait for Enter.

use std::collections::BTreeMap;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::time::Duration;

use dialoguer::{Input, MultiSelect, Select, Sort};

use super::theme::Marked;
use super::{AskError, Prompter};
use crate::cite::SourceText;
use crate::escape::Untrusted;
use crate::quiz::{Question, Quiz};

/// The smallest terminal a prompt is drawn on.
pub const MIN_ROWS: u16 = 6;
/// The narrowest terminal a prompt is drawn on.
pub const MIN_COLUMNS: u16 = 20;

/// dialoguer prompts on the controlling terminal.
pub struct Terminal {
    term: console::Term,
    theme: Marked,
}

impl Terminal {
    /// Prompts on standard output's terminal.
    pub fn new() -> Self {
        quiet_resize_panics();
        Terminal {
            term: console::Term::stdout(),
            theme: Marked::new(),
        }
    }

    /// Runs one dialoguer prompt: when the terminal has room, after
    /// discarding keys typed ahead. A terminal shrunk below what dialoguer
    /// can draw while the prompt is up makes it panic; then the prompt is
    /// drawn again once there is room.
    fn prompt<T>(&self, ask: impl Fn() -> dialoguer::Result<T>) -> Result<T, AskError> {
        loop {
            self.wait_for_room()?;
            discard_typed_ahead();
            match catch_unwind(AssertUnwindSafe(&ask)) {
                Ok(answer) => return Ok(answer?),
                Err(_) => {
                    let _ = self.term.show_cursor();
                    self.term.write_line("")?;
                }
            }
        }
    }

    /// Waits, saying so once, until the terminal is at least
    /// [`MIN_COLUMNS`] × [`MIN_ROWS`]. Ctrl-C still stops (the answers are saved).
    fn wait_for_room(&self) -> io::Result<()> {
        let small = |t: &console::Term| {
            let (rows, cols) = t.size();
            rows < MIN_ROWS || cols < MIN_COLUMNS
        };
        if !small(&self.term) {
            return Ok(());
        }
        self.term.write_line(&format!(
            "This terminal is too small to answer in; make it at least {MIN_COLUMNS} columns by {MIN_ROWS} rows (Ctrl-C stops; your answers are saved)."
        ))?;
        while small(&self.term) {
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(())
    }
}

/// Throws away input typed before a prompt is drawn.
fn discard_typed_ahead() {
    #[cfg(unix)]
    {
        use std::io::IsTerminal;
        let stdin = io::stdin();
        if stdin.is_terminal() {
            let _ = rustix::termios::tcflush(&stdin, rustix::termios::QueueSelector::IFlush);
        }
    }
}

/// dialoguer panics when the terminal is resized below three rows while a
/// prompt is drawn; [`Terminal::prompt`] recovers from that, so the panic
/// message is not shown. Every other panic is reported as usual.
fn quiet_resize_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let from_dialoguer = info
                .location()
                .is_some_and(|l| l.file().contains("dialoguer"));
            if !from_dialoguer {
                default(info);
            }
        }));
    });
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

impl Prompter for Terminal {
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.term.write_str(text)?;
        self.term.flush()
    }

    fn single(&mut self, items: &[String]) -> Result<usize, AskError> {
        self.prompt(|| {
            Select::with_theme(&self.theme)
                .with_prompt("Choose one (↑/↓, Enter)")
                .items(items)
                .default(0)
                .report(false)
                .interact_on(&self.term)
        })
    }

    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        loop {
            let picked = self.prompt(|| {
                MultiSelect::with_theme(&self.theme)
                    .with_prompt("Select all that apply (↑/↓, Space to toggle, Enter)")
                    .items(items)
                    .report(false)
                    .interact_on(&self.term)
            })?;
            // Enter before any Space is an easy slip: ask before submitting nothing.
            if !picked.is_empty()
                || self.confirm("Nothing is selected. Submit \"none of these\"?", false)?
            {
                return Ok(picked);
            }
        }
    }

    fn true_false(&mut self) -> Result<bool, AskError> {
        let i = self.prompt(|| {
            Select::with_theme(&self.theme)
                .with_prompt("True or false? (↑/↓, Enter)")
                .items(["True", "False"])
                .default(0)
                .report(false)
                .interact_on(&self.term)
        })?;
        Ok(i == 0)
    }

    fn matching(&mut self, items: &[String], choices: &[String]) -> Result<Vec<usize>, AskError> {
        let mut picked = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let prompt = format!(
                "Match {} of {}: {} (↑/↓, Enter)",
                n + 1,
                items.len(),
                item.replace("\n    ", " ")
            );
            picked.push(self.prompt(|| {
                Select::with_theme(&self.theme)
                    .with_prompt(prompt.as_str())
                    .items(choices)
                    .default(0)
                    .report(false)
                    .interact_on(&self.term)
            })?);
        }
        Ok(picked)
    }

    fn ordering(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        self.prompt(|| {
            Sort::with_theme(&self.theme)
                .with_prompt(
                    "Put in order, first at the top (↑/↓ move, Space picks up or puts down, Enter)",
                )
                .items(items)
                .report(false)
                .interact_on(&self.term)
        })
    }

    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError> {
        let answer: String = self.prompt(|| {
            Input::with_theme(&self.theme)
                .with_prompt(label)
                .report(false)
                .validate_with(|s: &String| check(s))
                .interact_text_on(&self.term)
        })?;
        Ok(answer.trim().to_owned())
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1)
            .saturating_sub(1)
            .clamp(40, 100)
    }

    fn lists_options(&self) -> bool {
        true
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, AskError> {
        self.prompt(|| {
            dialoguer::Confirm::with_theme(&self.theme)
                .with_prompt(prompt)
                .default(default)
                .wait_for_newline(true)
                .interact_on(&self.term)
        })
    }

    fn consult_sources(
        &mut self,
        quiz: &Quiz,
        texts: &BTreeMap<String, SourceText>,
    ) -> Result<Vec<String>, AskError> {
        // Every source, not just the cited ones: which ones are cited would
        // give the answer away.
        let ids: Vec<&str> = quiz
            .sources
            .iter()
            .filter(|s| texts.contains_key(&s.id))
            .map(|s| s.id.as_str())
            .collect();
        let mut opened: Vec<String> = Vec::new();
        while let Some(id) = self.source_menu(
            quiz,
            &ids,
            "Answer now, or check a source first (↑/↓, Enter)",
            "Answer the question",
        )? {
            self.page(quiz, id, &texts[id], &[])?;
            if !opened.iter().any(|o| o == id) {
                opened.push(id.to_owned());
            }
        }
        Ok(opened)
    }

    fn read_sources(
        &mut self,
        quiz: &Quiz,
        q: &Question,
        texts: &BTreeMap<String, SourceText>,
        feedback: &str,
    ) -> Result<(), AskError> {
        // The cited sources, each once, in citation order.
        let mut cited: Vec<&str> = Vec::new();
        for c in &q.citations {
            if texts.contains_key(&c.source) && !cited.contains(&c.source.as_str()) {
                cited.push(&c.source);
            }
        }
        if cited.is_empty() {
            return Ok(());
        }
        while let Some(id) = self.source_menu(
            quiz,
            &cited,
            "Continue, or read a source in full (↑/↓, Enter)",
            "Next question",
        )? {
            let quotes: Vec<&str> = q
                .citations
                .iter()
                .filter(|c| c.source == id)
                .map(|c| c.quote.as_str())
                .collect();
            self.page(quiz, id, &texts[id], &quotes)?;
            self.show(feedback)?;
        }
        Ok(())
    }

    fn pause(&mut self, message: &str) -> Result<(), AskError> {
        let line = console::style(message).dim().to_string();
        // Like every prompt: drawn once there is room, after keys typed
        // ahead are thrown away. Ctrl-C arrives as an interrupted read.
        self.prompt(|| {
            self.term.write_str(&line)?;
            self.term.flush()?;
            let key = self.term.read_key();
            self.term.clear_line()?;
            key.map(drop).map_err(dialoguer::Error::from)
        })
    }
}

impl Terminal {
    /// A menu of `first` and one "Read [id] headline" item per source;
    /// returns the source chosen, or `None` for `first`.
    fn source_menu<'a>(
        &self,
        quiz: &Quiz,
        ids: &[&'a str],
        prompt: &str,
        first: &str,
    ) -> Result<Option<&'a str>, AskError> {
        let mut items = vec![first.to_owned()];
        for id in ids {
            let headline = quiz.source(id).map_or("", |s| s.headline.as_str());
            items.push(format!(
                "Read [{}] {}",
                Untrusted::new(*id),
                Untrusted::new(headline)
            ));
        }
        let choice = self.prompt(|| {
            Select::with_theme(&self.theme)
                .with_prompt(prompt)
                .items(&items)
                .default(0)
                .report(false)
                .interact_on(&self.term)
        })?;
        Ok(choice.checked_sub(1).map(|i| ids[i]))
    }

    /// Shows a source in the pager with `quotes` highlighted.
    fn page(&self, quiz: &Quiz, id: &str, text: &SourceText, quotes: &[&str]) -> io::Result<()> {
        let title = quiz.source(id).map_or(id, |s| s.headline.as_str());
        crate::pager::show(&self.term, title, text, quotes)
    }
}
