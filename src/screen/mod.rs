//! Screens: what a student or teacher reads, rendered to any writer at a given width.
//!
//! Nothing here touches a terminal, so every screen is a plain function of its
//! inputs and is tested as a whole (snapshots). All text that comes from a
//! quiz file passes through [`crate::escape::visible`] before it is written.
//!
//! The screens of taking a quiz are in `take`, a teacher's in `teacher` and
//! `stats` (the item analysis of a class), and how answers and verdicts read
//! in words in `answer`; this module holds the layout they share and the one
//! way a screen becomes text, [`render`].

use std::fmt::{self, Write};

use crate::escape::{one_line, visible};
use crate::quiz::Question;

mod answer;
mod practice;
mod stats;
mod take;
mod teacher;

pub use answer::{answer_text, group_thousands, response_text, styled_verdict, verdict_label};
pub use practice::{
    day_name, next_due, nothing_due, practice_end, practice_origin, practice_status,
    practice_welcome, GET_STARTED,
};
pub use stats::stats;
pub use take::{
    answer_lines, citations, feedback, lettered_options, plain_hint, question_header,
    reading_summary, report, review, seed_line, submitted, welcome,
};
pub use teacher::{answer_key, coverage, graded_sheet, quiz_list};

/// Renders a screen to text. Writing to a `String` cannot fail, so the text
/// is whatever `draw` wrote before it returned.
pub fn render(draw: impl FnOnce(&mut String) -> fmt::Result) -> String {
    let mut text = String::new();
    let _ = draw(&mut text);
    text
}

/// Letters that label options on screen and in plain-mode input.
pub const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// The letter shown for the option at `index` on screen.
pub fn letter(index: usize) -> char {
    LETTERS.chars().nth(index).unwrap_or('?')
}

/// Wraps `text` to `width` with `indent` before every line.
pub fn wrapped(out: &mut impl Write, text: &str, width: usize, indent: &str) -> fmt::Result {
    let safe = visible(text);
    let options = textwrap::Options::new(width.max(20))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
        .subsequent_indent(indent);
    for line in textwrap::wrap(&safe, options) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A source's id in brackets, then its headline wrapped beside it.
fn source_line(out: &mut impl Write, id: &str, headline: &str, width: usize) -> fmt::Result {
    hanging(out, &format!("  [{}] ", one_line(id)), headline, width)
}

/// Wraps with a hanging indent: `first` before the first line, spaces after.
/// A label that leaves the text fewer than 16 columns (a long source id,
/// a long option quoted in "You chose …", a narrow terminal) would squeeze
/// it into a sliver: the label goes on lines of its own, the text below it,
/// indented.
fn hanging(out: &mut impl Write, first: &str, text: &str, width: usize) -> fmt::Result {
    if width.saturating_sub(unicode_width::UnicodeWidthStr::width(first)) < 16 {
        let label = first.trim_end();
        let lead = &label[..label.len() - label.trim_start().len()];
        wrapped(out, label.trim_start(), width, lead)?;
        return wrapped(out, text, width, &format!("{lead}    "));
    }
    let rest = " ".repeat(unicode_width::UnicodeWidthStr::width(first));
    let safe = visible(text);
    let options = textwrap::Options::new(width.max(20))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(first)
        .subsequent_indent(&rest);
    for line in textwrap::wrap(&safe, options) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The ids of the sources a question cites, each once, in citation order.
pub fn cited_sources(q: &Question) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for c in &q.citations {
        if !ids.contains(&c.source.as_str()) {
            ids.push(&c.source);
        }
    }
    ids
}
