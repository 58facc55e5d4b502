//! The prompts on the controlling terminal: our own choice and ordering
//! prompts (`ui/select.rs`: letters, arrow keys, Space to tick or pick up,
//! the sources listed after the options), dialoguer for yes/no and typed
//! answers, and the pager for reading a source in full.
//!
//! Every prompt starts the same way: it waits until the terminal is big
//! enough for it, and throws away keys typed before it was drawn, so that a
//! keystroke meant for one prompt never answers the next. Yes/no questions
//! wait for Enter. While a question is asked with `--sources`, its sources
//! are listed under the options; one opens in the pager, and on return the
//! question and its options are drawn again, the cursor where it was.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::time::Duration;

use dialoguer::theme::ColorfulTheme;
use dialoguer::Input;

use super::select::{self, Chosen, Labels, Menu, Mode, State};
use super::theme::Look;
use super::{AskError, Prompter};
use crate::cite::SourceText;
use crate::escape::one_line;
use crate::quiz::{Question, Quiz};

/// The smallest terminal a prompt is drawn on.
pub const MIN_ROWS: u16 = 6;
/// The narrowest terminal a prompt is drawn on.
pub const MIN_COLUMNS: u16 = 20;

/// A source that can be opened while a question is answered.
struct Shelved {
    id: String,
    /// The headline, the pager's title.
    title: String,
    /// Its entry in the menu ("Read: publisher — headline").
    entry: String,
    text: SourceText,
}

/// Prompts on the controlling terminal.
pub struct Terminal {
    term: console::Term,
    /// dialoguer's look for the prompts it still draws: yes/no and typed answers.
    theme: ColorfulTheme,
    look: Look,
    /// What has been shown since the last prompt was answered (the question,
    /// or the feedback), drawn again after a source was read or the
    /// terminal resized.
    context: String,
    /// Whether the next [`Prompter::show`] starts a new context.
    answered: Cell<bool>,
    /// Whether the next prompt first clears the screen and draws the context.
    redraw: Cell<bool>,
    /// The quiz's sources, by quiz id, once read into the shelf.
    shelf: Vec<Shelved>,
    shelf_quiz: Option<String>,
    /// Whether the sources are offered with the next answer.
    offered: bool,
    /// The sources opened since they were offered.
    opened: Vec<String>,
}

impl Terminal {
    /// Prompts on standard output's terminal.
    pub fn new() -> Self {
        quiet_resize_panics();
        Terminal {
            term: console::Term::stdout(),
            theme: ColorfulTheme::default(),
            look: Look::new(),
            context: String::new(),
            answered: Cell::new(true),
            redraw: Cell::new(false),
            shelf: Vec::new(),
            shelf_quiz: None,
            offered: false,
            opened: Vec::new(),
        }
    }

    /// Runs one dialoguer prompt: when the terminal has room, after
    /// discarding keys typed ahead. A terminal shrunk below what dialoguer
    /// can draw while the prompt is up makes it panic; then the prompt is
    /// drawn again once there is room.
    fn prompt<T>(&self, ask: impl Fn() -> dialoguer::Result<T>) -> Result<T, AskError> {
        loop {
            self.wait_for_room()?;
            self.redraw_context()?;
            discard_typed_ahead();
            match catch_unwind(AssertUnwindSafe(&ask)) {
                Ok(answer) => {
                    let answer = answer?;
                    self.answered.set(true);
                    return Ok(answer);
                }
                Err(_) => {
                    let _ = self.term.show_cursor();
                    self.term.write_line("")?;
                }
            }
        }
    }

    /// Clears the screen and draws the context again, when something
    /// (the pager, a resize) has disturbed it.
    fn redraw_context(&self) -> io::Result<()> {
        if self.redraw.take() {
            // Home, then clear to the end: the whole screen, and a code
            // that hostile text (shown escaped) cannot be mistaken for.
            self.term.write_str("\x1b[H\x1b[J")?;
            self.term.write_str(&self.context)?;
            self.term.flush()?;
        }
        Ok(())
    }

    /// Waits, saying so once, until the terminal is at least
    /// [`MIN_COLUMNS`] × [`MIN_ROWS`]. Ctrl-C still stops (the answers are saved).
    fn wait_for_room(&self) -> io::Result<()> {
        if !too_small(&self.term) {
            return Ok(());
        }
        self.term.write_line(&format!(
            "This terminal is too small to answer in; make it at least {MIN_COLUMNS} columns by {MIN_ROWS} rows (Ctrl-C stops; your answers are saved)."
        ))?;
        while too_small(&self.term) {
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(())
    }
}

/// Whether the terminal is smaller than a prompt needs.
fn too_small(term: &console::Term) -> bool {
    let (rows, cols) = term.size();
    rows < MIN_ROWS || cols < MIN_COLUMNS
}

/// A source's entry in a menu: "Read: publisher — headline", made visible.
fn entry(headline: &str, publisher: Option<&str>) -> String {
    match publisher {
        Some(p) => format!("Read: {} — {}", one_line(p), one_line(headline)),
        None => format!("Read: {}", one_line(headline)),
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
        if self.answered.take() {
            self.context.clear();
        }
        self.context.push_str(text);
        self.term.write_str(text)?;
        self.term.flush()
    }

    fn single(&mut self, items: &[String]) -> Result<usize, AskError> {
        let mut state = State::default();
        self.answer_menu(
            "Choose one (↑/↓ or a letter moves, Enter answers)",
            items,
            Labels::Letters,
            Mode::One,
            &mut state,
        )?;
        Ok(state.cursor)
    }

    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        let mut state = State::default();
        loop {
            self.answer_menu(
                "Select all that apply (↑/↓, Space or a letter ticks, Enter answers)",
                items,
                Labels::Letters,
                Mode::Many,
                &mut state,
            )?;
            // Enter before any tick is an easy slip: ask before submitting nothing.
            if !state.ticked.is_empty()
                || self.confirm("Nothing is selected. Submit \"none of these\"?", false)?
            {
                return Ok(state.ticked);
            }
        }
    }

    fn true_false(&mut self) -> Result<bool, AskError> {
        let items = ["True".to_owned(), "False".to_owned()];
        let mut state = State::default();
        self.answer_menu(
            "True or false? (↑/↓ or t/f moves, Enter answers)",
            &items,
            Labels::Keys(&['t', 'f']),
            Mode::One,
            &mut state,
        )?;
        Ok(state.cursor == 0)
    }

    fn matching(&mut self, items: &[String], choices: &[String]) -> Result<Vec<usize>, AskError> {
        let mut picked = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let prompt = format!(
                "Match {} of {}: {} (↑/↓ or a letter moves, Enter answers)",
                n + 1,
                items.len(),
                item
            );
            let mut state = State::default();
            self.answer_menu(&prompt, choices, Labels::Letters, Mode::One, &mut state)?;
            picked.push(state.cursor);
        }
        Ok(picked)
    }

    fn ordering(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        let mut state = State::ordering(items.len());
        self.answer_menu(
            "Put in order, first at the top (Space picks up or puts down, ↑/↓ move, a letter goes to its item, Enter answers)",
            items,
            Labels::Letters,
            Mode::Order,
            &mut state,
        )?;
        Ok(state.order)
    }

    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError> {
        self.sources_first("Type your answer")?;
        let answer: String = self.prompt(|| {
            Input::with_theme(&self.theme)
                .with_prompt(label)
                .report(false)
                .validate_with(|s: &String| check(s))
                .interact_text_on(&self.term)
        })?;
        Ok(answer.trim().to_owned())
    }

    /// Screens are drawn one column short of the terminal (a line that
    /// fills the last column makes some terminals wrap early), at most 100
    /// wide to keep lines readable.
    fn width(&self) -> usize {
        usize::from(self.term.size().1)
            .saturating_sub(1)
            .clamp(usize::from(MIN_COLUMNS) - 1, 100)
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

    fn offer_sources(&mut self, quiz: &Quiz, texts: &BTreeMap<String, SourceText>) {
        // Every source, not just the cited ones: which ones are cited would
        // give the answer away. Read into the shelf once per quiz.
        if self.shelf_quiz.as_deref() != Some(quiz.id.as_str()) {
            self.shelf = quiz
                .sources
                .iter()
                .filter_map(|s| {
                    Some(Shelved {
                        id: s.id.clone(),
                        title: s.headline.clone(),
                        entry: entry(&s.headline, s.publisher.as_deref()),
                        text: texts.get(&s.id)?.clone(),
                    })
                })
                .collect();
            self.shelf_quiz = Some(quiz.id.clone());
        }
        self.offered = true;
        self.opened.clear();
    }

    fn opened_sources(&mut self) -> Vec<String> {
        self.offered = false;
        std::mem::take(&mut self.opened)
    }

    fn read_sources(
        &mut self,
        quiz: &Quiz,
        q: &Question,
        texts: &BTreeMap<String, SourceText>,
        _feedback: &str,
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
        let extras: Vec<String> = cited
            .iter()
            .map(|id| {
                let s = quiz.source(id);
                entry(
                    s.map_or(*id, |s| s.headline.as_str()),
                    s.and_then(|s| s.publisher.as_deref()),
                )
            })
            .collect();
        let items = ["Next question".to_owned()];
        let menu = Menu {
            prompt: "Continue, or read a source in full (↑/↓ or a digit, Enter)",
            items: &items,
            labels: Labels::None,
            mode: Mode::One,
            extras: &extras,
        };
        self.menu(&menu, &mut State::default(), &mut |term, i| {
            let id = cited[i];
            let quotes: Vec<&str> = q
                .citations
                .iter()
                .filter(|c| c.source == id)
                .map(|c| c.quote.as_str())
                .collect();
            let title = quiz.source(id).map_or(id, |s| s.headline.as_str());
            crate::pager::show(term, title, &texts[id], &quotes)
        })?;
        Ok(())
    }

    fn pause(&mut self, message: &str) -> Result<(), AskError> {
        // Like every prompt: drawn once there is room, after keys typed
        // ahead are thrown away. Ctrl-C arrives as an interrupted read.
        self.prompt(|| {
            // One line, cut to the width, so clearing it leaves nothing behind.
            let width = usize::from(self.term.size().1).saturating_sub(1);
            let cut = console::truncate_str(message, width, "…");
            let line = console::style(cut).dim().to_string();
            self.term.write_str(&line)?;
            self.term.flush()?;
            let key = self.term.read_key();
            self.term.clear_line()?;
            key.map(drop).map_err(dialoguer::Error::from)
        })
    }
}

impl Terminal {
    /// One choice prompt (`ui/select.rs`) until Enter: drawn when there is
    /// room, after discarding keys typed ahead, and redrawn after every key.
    /// The rows drawn are counted (wrapped ones too) and cleared before the
    /// next drawing; a resize clears the screen and draws the context again.
    /// When Enter answers, the prompt is cleared, as dialoguer's were.
    fn choose(&mut self, menu: &Menu, state: &mut State) -> Result<Chosen, AskError> {
        self.wait_for_room()?;
        self.redraw_context()?;
        discard_typed_ahead();
        self.term.hide_cursor()?;
        let result = (|| -> Result<Chosen, AskError> {
            loop {
                let size = self.term.size();
                let (rows, cols) = (usize::from(size.0), usize::from(size.1));
                // The last column is never written: no terminal wraps early.
                let laid =
                    select::layout(menu, state, self.look.marker, cols.saturating_sub(1), rows);
                for row in &laid {
                    self.term.write_line(&self.look.paint(row))?;
                }
                self.term.flush()?;
                let key = self.term.read_key()?;
                if self.term.size() == size {
                    self.term.clear_last_lines(laid.len())?;
                } else {
                    // A resize may have moved or reflowed what was drawn.
                    self.wait_for_room()?;
                    self.redraw.set(true);
                    self.redraw_context()?;
                }
                if let Some(chosen) = select::press(menu, state, &key) {
                    return Ok(chosen);
                }
            }
        })();
        self.term.show_cursor()?;
        result
    }

    /// A choice prompt with `extras` (sources) after the options; `open`
    /// reads the extra chosen, then the prompt comes back as it was.
    /// Returns once Enter answers.
    fn menu(
        &mut self,
        menu: &Menu,
        state: &mut State,
        open: &mut dyn FnMut(&console::Term, usize) -> io::Result<()>,
    ) -> Result<(), AskError> {
        loop {
            match self.choose(menu, state)? {
                Chosen::Answer => {
                    self.answered.set(true);
                    return Ok(());
                }
                Chosen::Extra(i) => {
                    open(&self.term, i)?;
                    self.redraw.set(true);
                }
            }
        }
    }

    /// A choice prompt for an answer, with the offered sources after the
    /// options (when there are any).
    fn answer_menu(
        &mut self,
        prompt: &str,
        items: &[String],
        labels: Labels,
        mode: Mode,
        state: &mut State,
    ) -> Result<(), AskError> {
        let shelf = std::mem::take(&mut self.shelf);
        let mut opened = std::mem::take(&mut self.opened);
        let extras: Vec<String> = match self.offered {
            true => shelf.iter().map(|s| s.entry.clone()).collect(),
            false => Vec::new(),
        };
        let menu = Menu {
            prompt,
            items,
            labels,
            mode,
            extras: &extras,
        };
        let result = self.menu(&menu, state, &mut |term, i| {
            let source = &shelf[i];
            crate::pager::show(term, &source.title, &source.text, &[])?;
            if !opened.contains(&source.id) {
                opened.push(source.id.clone());
            }
            Ok(())
        });
        self.shelf = shelf;
        self.opened = opened;
        result
    }

    /// Before a typed answer, when sources are offered: a menu of `what`
    /// (going on to answer) and the sources.
    fn sources_first(&mut self, what: &str) -> Result<(), AskError> {
        if !self.offered || self.shelf.is_empty() {
            return Ok(());
        }
        let items = [what.to_owned()];
        self.answer_menu(
            "Answer, or read a source first (↑/↓ or a digit, Enter)",
            &items,
            Labels::None,
            Mode::One,
            &mut State::default(),
        )
    }
}
