//! A starter quiz, for `lateral new`: one question of every kind, commented,
//! that `lateral check` and `lateral test` pass as written.
//!
//! Without source texts the starter declares one example source and quotes
//! that are plainly placeholders. Given the texts of a sources folder, it
//! declares every text as a source and asks questions whose keys are true of
//! those texts by construction: every quote is copied from a text and found
//! in it by the same search `lateral check --sources` runs, and every claim
//! that some words are *not* in a text was searched for too. A wrong key
//! would teach the wrong lesson, so nothing here is guessed.
//!
//! What is taken from a text:
//! - the source id, from the file name ([`source_id`]);
//! - the headline: the first line of three words or more (a shorter first
//!   line such as "Published on" is page furniture); a first line longer
//!   than [`HEADLINE_MAX`] bytes is a paragraph, not a headline, so the
//!   headline becomes `(no headline)` and the line's first words;
//! - passages: the first [`PASSAGE_WORDS`] words of a line of three words or
//!   more, as they are in the text, spaces folded.
//!
//! Everything taken from a text is written into RON strings by [`ron_string`],
//! which escapes quotes, backslashes and every control or bidi character;
//! no text from a file ever reaches a comment.
//!
//! The parts: `placeholder` writes the starter without texts; `articles`
//! prepares each text (its id, headline and passages); `texts` asks the
//! questions whose keys are true of the prepared texts. This module holds
//! the public API and the writing every starter shares: the quiz's top and
//! bottom, a question as it is written, and the comments that explain each
//! kind.

use std::fmt::Write as _;

mod articles;
mod placeholder;
#[cfg(test)]
mod tests;
mod texts;

/// One source text, already read: its file name in the folder and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file name inside the sources folder, as the quiz names it.
    pub name: String,
    /// The whole text.
    pub text: String,
}

/// Why no starter can be built from the given texts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StarterError {
    /// No text has a line of three words or more to quote.
    #[error("no text has a line of three words or more to quote")]
    NothingToQuote,
}

/// Longest first line taken as a headline, in bytes; longer is a paragraph.
pub const HEADLINE_MAX: usize = 200;

/// How many words a passage quotes, at most.
pub const PASSAGE_WORDS: usize = 6;

/// Fewest words a line needs to be a headline or to be quoted.
const MIN_WORDS: usize = 3;

/// Longest quiz id (the limit quiz ids obey).
const QUIZ_ID_MAX: usize = crate::limits::QUIZ_ID_CHARS;

/// Longest source id made from a file name, before a suffix that keeps it unique.
const SOURCE_ID_MAX: usize = 48;

/// The quiz id for a file stem: ASCII letters and digits (accents dropped),
/// `-` and `_`; anything else becomes `-`; no run of `-`, nothing but a
/// letter or digit at either end; at most 64 characters; `quiz` when
/// nothing is left.
pub fn quiz_id(stem: &str) -> String {
    let id = slug(stem, true, QUIZ_ID_MAX);
    if id.is_empty() {
        "quiz".to_owned()
    } else {
        id
    }
}

/// The source id for a file name: its stem (the name without its last
/// extension) in lower case, ASCII letters and digits (accents dropped),
/// every other character (`_`, `.`, spaces) becoming `-`, no run of `-`,
/// at most 48 characters; an `s` in front when it would not start with a
/// letter. `000_ae29e3f9182fc890.txt` becomes `s000-ae29e3f9182fc890`.
/// [`starter`] adds `-2`, `-3`… to an id already taken.
pub fn source_id(file_name: &str) -> String {
    let stem = match file_name.rfind('.') {
        Some(dot) if dot > 0 => &file_name[..dot],
        _ => file_name,
    };
    let id = slug(stem, false, SOURCE_ID_MAX);
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id
    } else if id.is_empty() {
        "source".to_owned()
    } else {
        format!("s{id}")
    }
}

/// `text` lowercased to ASCII letters, digits and `-` (and `_` when
/// `underscore`), at most `max` characters.
fn slug(text: &str, underscore: bool, max: usize) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || (underscore && c == '_') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(max);
    out.trim_matches(|c| c == '-' || c == '_').to_owned()
}

/// `text` as a RON string literal: `"` and `\` escaped, line breaks and
/// tabs as `\n`, `\r`, `\t`, and every other control, format or bidi
/// character as `\u{…}`, so the file shows what it holds.
pub fn ron_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{061c}' | '\u{feff}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The starter quiz with id `id`: placeholders when `sources` is empty,
/// otherwise built from the texts (see the module docs).
pub fn starter(id: &str, sources: &[SourceFile]) -> Result<String, StarterError> {
    if sources.is_empty() {
        return Ok(placeholder::placeholder(id));
    }
    let articles = articles::Articles::new(sources);
    if articles.quotable.is_empty() {
        return Err(StarterError::NothingToQuote);
    }
    Ok(texts::from_texts(id, &articles))
}

/// What the top of every starter says.
const HEADER: &str = "\
// A starter quiz written by `lateral new`: one question of each kind.
// Change anything; `lateral check` says at once if something is wrong.
// Every field is described in docs/quiz-format.md.
";

/// A question as it is written.
struct Question {
    comment: &'static str,
    id: &'static str,
    /// Whether it is worth a point (a reflection is not scored).
    scored: bool,
    prompt: String,
    tags: &'static str,
    kind: String,
    explanation: String,
    citations: Vec<(String, String)>,
}

impl Question {
    fn write(&self, out: &mut String) {
        let _ = write!(
            out,
            "{comment}        (
            id: {id},
            prompt: {prompt},
{points}            tags: [{tags}],
            kind: {kind},
            explanation: {explanation},
            citations: [
",
            comment = self.comment,
            points = if self.scored {
                "            points: 1,\n"
            } else {
                ""
            },
            id = ron_string(self.id),
            prompt = ron_string(&self.prompt),
            tags = self.tags,
            kind = self.kind,
            explanation = ron_string(&self.explanation),
        );
        for (source, quote) in &self.citations {
            let _ = writeln!(
                out,
                "                (source: {}, quote: {}),",
                ron_string(source),
                ron_string(quote)
            );
        }
        out.push_str("            ],\n        ),\n");
    }
}

const SINGLE_COMMENT: &str =
    "        // Single: one correct option. Options have an `id`, the `text` shown and
        // optional `feedback` for a student who picks them; `answer` is an id.
";
const MULTIPLE_COMMENT: &str =
    "        // Multiple: select all that apply, with partial credit; `answers` lists
        // the id of every correct option.
";
const TRUE_FALSE_COMMENT: &str = "        // TrueFalse: a statement that is true or false.
";
const NUMBER_COMMENT: &str =
    "        // Number: typed in digits or words, with or without the unit;
        // `tolerance` (default 0) is how far off still counts as right.
";
const MATCHING_COMMENT: &str =
    "        // Matching: pair each item with a choice (format 2). Each item names
        // its choice in `answer`; a choice may fit several items, or none.
        // Each right pair earns an equal share of the points.
";
const ORDERING_COMMENT: &str =
    "        // Ordering: items written in the right order, shown shuffled (format 2).
        // Partial credit: the longest run of items in the right relative order.
";
const REFLECTION_COMMENT: &str =
    "        // Reflection: an open answer, kept but not scored (format 2); the
        // student then sees the model answer, the explanation and the citations.
";
const TEXT_COMMENT: &str =
    "        // Text: a short typed answer. Case, accents and punctuation are ignored;
        // `typo: true` forgives one typo, `exact: true` makes spelling count.
";

/// The options of a choice question, written out.
fn options(list: &[(String, String, Option<String>)]) -> String {
    let mut out = String::from("[\n");
    for (id, text, feedback) in list {
        let _ = write!(
            out,
            "                    (id: {}, text: {}",
            ron_string(id),
            ron_string(text)
        );
        if let Some(f) = feedback {
            let _ = write!(out, ", feedback: {}", ron_string(f));
        }
        out.push_str("),\n");
    }
    out.push_str("                ]");
    out
}

/// The quiz's fields before the sources.
fn top(out: &mut String, id: &str, title: &str, description: &str) {
    let _ = write!(
        out,
        "(
    // The format version: 2 allows Matching, Ordering and Reflection.
    format: 2,
    // A short, stable id: response sheets and attempts name it, so keep it
    // when you edit the quiz. Letters, digits, `-` and `_`.
    id: {id},
    // Shown at the top of the quiz, and with the description on the welcome screen.
    title: {title},
    description: {description},
    // The percentage needed to pass; leave it out for no pass/fail verdict.
    pass_mark: 70,

",
        id = ron_string(id),
        title = ron_string(title),
        description = ron_string(description),
    );
}

/// Questions, then the answer-key tests, then the end of the quiz.
fn bottom(out: &mut String, questions: &[Question], tests: &[(&str, String, bool)]) {
    out.push_str(
        "
    // The questions, shown shuffled (and their options too). Each has a unique
    // `id`, a `prompt`, `points` (default 1), `tags` (skills the report scores),
    // its `kind` and key, an `explanation` shown after every answer, and
    // `citations`: at least one quote copied exactly from a declared source.
    questions: [
",
    );
    for q in questions {
        q.write(out);
    }
    out.push_str(
        "    ],

    // Answer-key tests, run by `lateral test`: responses the key must accept
    // or reject. Responses are written as in response sheets: `Choice(\"id\")`,
    // `Choices([\"id\"])`, `Bool(true)`, `Text(\"typed\")` for Number and Text,
    // `Pairs({\"item\": \"choice\"})` for Matching, `Order([\"id\", …])` for Ordering.
    tests: [
",
    );
    for (question, response, accept) in tests {
        let _ = writeln!(
            out,
            "        (question: {}, response: {response}, expect: {}),",
            ron_string(question),
            if *accept { "Accept" } else { "Reject" }
        );
    }
    out.push_str("    ],\n)\n");
}

/// A `Text(…)` response.
fn typed(text: &str) -> String {
    format!("Text({})", ron_string(text))
}
