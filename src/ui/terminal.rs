//! dialoguer prompts on the controlling terminal: arrow keys, Space to
//! toggle, typed input checked before it is accepted, and the pager for
//! reading a source in full.

use std::collections::BTreeMap;
use std::io;

use dialoguer::{theme::ColorfulTheme, Input, MultiSelect, Select};

use super::{AskError, Prompter};
use crate::cite::SourceText;
use crate::escape::Untrusted;
use crate::quiz::{Question, Quiz};

/// dialoguer prompts on the controlling terminal.
pub struct Terminal {
    term: console::Term,
    theme: ColorfulTheme,
}

impl Terminal {
    /// Prompts on standard output's terminal.
    pub fn new() -> Self {
        Terminal {
            term: console::Term::stdout(),
            theme: ColorfulTheme::default(),
        }
    }
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
        Ok(Select::with_theme(&self.theme)
            .with_prompt("Choose one (↑/↓, Enter)")
            .items(items)
            .default(0)
            .report(false)
            .interact_on(&self.term)?)
    }

    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        Ok(MultiSelect::with_theme(&self.theme)
            .with_prompt("Select all that apply (↑/↓, Space to toggle, Enter)")
            .items(items)
            .report(false)
            .interact_on(&self.term)?)
    }

    fn true_false(&mut self) -> Result<bool, AskError> {
        let i = Select::with_theme(&self.theme)
            .with_prompt("True or false? (↑/↓, Enter)")
            .items(["True", "False"])
            .default(0)
            .report(false)
            .interact_on(&self.term)?;
        Ok(i == 0)
    }

    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError> {
        let answer: String = Input::with_theme(&self.theme)
            .with_prompt(label)
            .report(false)
            .validate_with(|s: &String| check(s))
            .interact_text_on(&self.term)?;
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
        Ok(dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact_on(&self.term)?)
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
        let choice = Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(&items)
            .default(0)
            .report(false)
            .interact_on(&self.term)?;
        Ok(choice.checked_sub(1).map(|i| ids[i]))
    }

    /// Shows a source in the pager with `quotes` highlighted.
    fn page(&self, quiz: &Quiz, id: &str, text: &SourceText, quotes: &[&str]) -> io::Result<()> {
        let title = quiz.source(id).map_or(id, |s| s.headline.as_str());
        crate::pager::show(&self.term, title, text, quotes)
    }
}
