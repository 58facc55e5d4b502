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

use std::fmt::Write as _;

use crate::cite::{normalize_quote, SourceText};

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
const QUIZ_ID_MAX: usize = 64;

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
        return Ok(placeholder(id));
    }
    let articles = Articles::new(sources);
    if articles.quotable.is_empty() {
        return Err(StarterError::NothingToQuote);
    }
    Ok(from_texts(id, &articles))
}

/// One source text, prepared.
struct Article {
    id: String,
    file: String,
    headline: String,
    /// The first words of the headline line, when it has a headline.
    headline_passage: Option<String>,
    /// The first words of each later line (distinct, in text order).
    passages: Vec<String>,
    text: SourceText,
}

impl Article {
    /// Whether `passage` occurs in this text, as `lateral check` finds quotes.
    fn contains(&self, passage: &str) -> bool {
        self.text.find_all(&[passage])[0].is_some()
    }

    /// Passages to quote: the body's first, then the headline's.
    fn all_passages(&self) -> impl Iterator<Item = &String> {
        self.passages.iter().chain(&self.headline_passage)
    }
}

/// The prepared texts, and which of them have something to quote.
struct Articles {
    all: Vec<Article>,
    /// Indices of the articles with at least one passage.
    quotable: Vec<usize>,
}

impl Articles {
    fn new(sources: &[SourceFile]) -> Articles {
        let mut taken: Vec<String> = Vec::new();
        let all: Vec<Article> = sources
            .iter()
            .map(|s| {
                let base = source_id(&s.name);
                let id = fresh(&base, &taken);
                taken.push(id.clone());
                prepare(id, s)
            })
            .collect();
        let quotable = (0..all.len())
            .filter(|&i| all[i].all_passages().next().is_some())
            .collect();
        Articles { all, quotable }
    }

    /// The article a question is about: the `n`th quotable one, round robin.
    fn subject(&self, n: usize) -> usize {
        self.quotable[n % self.quotable.len()]
    }

    /// A passage of article `k`, preferring one no other text contains.
    fn passage_of(&self, k: usize) -> &str {
        let a = &self.all[k];
        a.all_passages()
            .find(|p| self.holders(p) == [k])
            .or_else(|| a.all_passages().next())
            .map_or("", String::as_str)
    }

    /// The articles whose text contains `passage`.
    fn holders(&self, passage: &str) -> Vec<usize> {
        (0..self.all.len())
            .filter(|&i| self.all[i].contains(passage))
            .collect()
    }

    /// Passages of other articles that article `k` does not contain, with
    /// the article each is from.
    fn foreign(&self, k: usize) -> Vec<(usize, &str)> {
        let mut found: Vec<(usize, &str)> = Vec::new();
        for &j in self.quotable.iter().filter(|&&j| j != k) {
            for p in &self.all[j].passages {
                let seen = found
                    .iter()
                    .any(|(_, q)| normalize_quote(q) == normalize_quote(p));
                if !seen && !self.all[k].contains(p) {
                    found.push((j, p));
                    break;
                }
            }
        }
        found
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not in `taken`.
fn fresh(base: &str, taken: &[String]) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn prepare(id: String, source: &SourceFile) -> Article {
    let body = source.text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let words = |line: &str| line.split_whitespace().count();
    let first = lines.iter().position(|l| words(l) >= MIN_WORDS);
    let (headline, headline_passage, rest) = match first {
        Some(i) if lines[i].len() <= HEADLINE_MAX => (
            lines[i].to_owned(),
            Some(passage(lines[i])),
            &lines[i + 1..],
        ),
        Some(i) => (
            format!("(no headline) {}…", first_words(lines[i], 10)),
            None,
            &lines[i..],
        ),
        None => (
            format!("(no headline) {}", crate::escape::one_line(&source.name)),
            None,
            &lines[..],
        ),
    };
    let mut passages: Vec<String> = Vec::new();
    for line in rest.iter().filter(|l| words(l) >= MIN_WORDS) {
        let p = passage(line);
        if !passages
            .iter()
            .any(|q| normalize_quote(q) == normalize_quote(&p))
        {
            passages.push(p);
        }
        if passages.len() == 4 {
            break;
        }
    }
    let text = SourceText::new(source.text.clone());
    // Only what the check will find is quoted.
    let found = |p: &String| text.find_all(&[p])[0].is_some();
    passages.retain(found);
    let headline_passage = headline_passage.filter(found);
    Article {
        id,
        file: source.name.clone(),
        headline,
        headline_passage,
        passages,
        text,
    }
}

/// The first [`PASSAGE_WORDS`] words of `line`, with one space between
/// words, without quote marks at either end or a comma, colon or semicolon
/// at the end (a prompt puts the passage in quotes of its own).
fn passage(line: &str) -> String {
    let quotes: &[char] = &['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
    first_words(line, PASSAGE_WORDS)
        .trim_matches(quotes)
        .trim_end_matches([',', ';', ':'])
        .trim_end_matches(quotes)
        .to_owned()
}

fn first_words(line: &str, n: usize) -> String {
    line.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `n` and its noun: `1 source`, `5 sources`.
fn count(n: usize, noun: &str) -> String {
    crate::points::Count(n, noun).to_string()
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

/// The starter without source texts: an example source and placeholders.
fn placeholder(id: &str) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "//
// Replace each placeholder with your own words. Quotes are checked against
// the article texts with `lateral check --sources DIR` (DIR holds article.txt).
",
    );
    top(
        &mut out,
        id,
        "A starter quiz",
        "Replace this with one or two sentences on what the quiz practises.",
    );
    out.push_str(
        "    // The articles the quiz is built from. `id` is what citations name,
    // `headline` is shown with every citation, `file` is the text's name in
    // the sources folder. Add `publisher` or `date` only when the text itself
    // gives them.
    sources: [
        (
            id: \"article\",
            headline: \"Replace with the article's headline, as printed\",
            file: \"article.txt\",
        ),
    ],
",
    );
    let cite = || {
        vec![(
            "article".to_owned(),
            "replace with a few words copied exactly from article.txt".to_owned(),
        )]
    };
    let own = |s: &str| s.to_owned();
    let questions = [
        Question {
            comment: SINGLE_COMMENT,
            scored: true,
            id: "single",
            prompt: own("Replace with a question that has one right answer."),
            tags: "\"facts\"",
            kind: format!(
                "Single(\n                options: {},\n                answer: \"right\",\n            )",
                options(&[
                    (own("right"), own("The right answer"), None),
                    (
                        own("tempting"),
                        own("A wrong answer a hasty reader would pick"),
                        Some(own("Say why it is wrong: a student who picks it reads this.")),
                    ),
                    (own("other"), own("Another wrong answer"), None),
                ])
            ),
            explanation: own("Say why the answer is right, and what each source says."),
            citations: cite(),
        },
        Question {
            comment: MULTIPLE_COMMENT,
            scored: true,
            id: "multiple",
            prompt: own("Replace with a question that has several right answers. Select all that apply."),
            tags: "\"cross-check\"",
            kind: format!(
                "Multiple(\n                options: {},\n                answers: [\"right-1\", \"right-2\"],\n            )",
                options(&[
                    (own("right-1"), own("A right answer"), None),
                    (own("right-2"), own("Another right answer"), None),
                    (
                        own("wrong"),
                        own("A wrong answer"),
                        Some(own("Say why it is wrong.")),
                    ),
                ])
            ),
            explanation: own("Say which answers are right and where each comes from."),
            citations: cite(),
        },
        Question {
            comment: TRUE_FALSE_COMMENT,
            scored: true,
            id: "true-false",
            prompt: own("Replace with a statement that is true or false."),
            tags: "\"judging-sources\"",
            kind: own("TrueFalse(answer: true)"),
            explanation: own("Say why the statement is true (or false)."),
            citations: cite(),
        },
        Question {
            comment: NUMBER_COMMENT,
            scored: true,
            id: "number",
            prompt: own("Replace with a question whose answer is a number, such as how many minutes something lasted."),
            tags: "\"facts\"",
            kind: own("Number(answer: 9, tolerance: 0, unit: \"minutes\", unit_aliases: [\"min\"])"),
            explanation: own("Say where the number comes from, and which sources give it."),
            citations: cite(),
        },
        Question {
            comment: TEXT_COMMENT,
            scored: true,
            id: "text",
            prompt: own("Replace with a question answered in a word or a name."),
            tags: "\"attribution\"",
            kind: own("Text(accept: [\"Felipe Calderón\", \"Calderón\"], typo: true)"),
            explanation: own("Say who said it, and through whom we know it."),
            citations: cite(),
        },
        Question {
            comment: MATCHING_COMMENT,
            id: "matching",
            scored: true,
            prompt: own("Replace with a matching task, such as each quote with its speaker."),
            tags: "\"attribution\"",
            kind: own("Matching(
                items: [
                    (id: \"first\", text: \"A first quote\", answer: \"speaker-1\"),
                    (id: \"second\", text: \"A second quote\", answer: \"speaker-2\"),
                ],
                choices: [
                    (id: \"speaker-1\", text: \"Who said the first\"),
                    (id: \"speaker-2\", text: \"Who said the second\"),
                    (id: \"nobody\", text: \"Someone the reports quote elsewhere\"),
                ],
            )"),
            explanation: own("Say who said each, and which report gives it."),
            citations: cite(),
        },
        Question {
            comment: ORDERING_COMMENT,
            id: "ordering",
            scored: true,
            prompt: own("Replace with events to put in order, first to last."),
            tags: "\"facts\"",
            kind: own("Ordering(
                items: [
                    (id: \"first\", text: \"What happened first\"),
                    (id: \"then\", text: \"What happened next\"),
                    (id: \"last\", text: \"What happened last\"),
                ],
            )"),
            explanation: own("Say which report gives the order, and how it knows."),
            citations: cite(),
        },
        Question {
            comment: REFLECTION_COMMENT,
            id: "reflection",
            scored: false,
            prompt: own("Replace with an open question, such as what you would search for next, and why."),
            tags: "\"judging-sources\"",
            kind: own("Reflection(
                model: \"Replace with a model answer: what a fact-checker would search for, and why.\",
            )"),
            explanation: own("Say what the model answer rests on."),
            citations: cite(),
        },
    ];
    bottom(
        &mut out,
        &questions,
        &[
            ("single", "Choice(\"right\")".to_owned(), true),
            (
                "multiple",
                "Choices([\"right-1\", \"right-2\"])".to_owned(),
                true,
            ),
            ("multiple", "Choices([\"right-1\"])".to_owned(), false),
            ("true-false", "Bool(true)".to_owned(), true),
            ("number", typed("nine minutes"), true),
            ("number", typed("9"), true),
            ("number", typed("10"), false),
            ("text", typed("calderon"), true),
            ("text", typed("Caldreon"), true),
            ("text", typed("Sarukhan"), false),
            (
                "matching",
                "Pairs({\"first\": \"speaker-1\", \"second\": \"speaker-2\"})".to_owned(),
                true,
            ),
            (
                "matching",
                "Pairs({\"first\": \"speaker-2\", \"second\": \"speaker-1\"})".to_owned(),
                false,
            ),
            (
                "ordering",
                "Order([\"first\", \"then\", \"last\"])".to_owned(),
                true,
            ),
            (
                "ordering",
                "Order([\"last\", \"then\", \"first\"])".to_owned(),
                false,
            ),
        ],
    );
    out
}

/// `passage` in curly quotes, for a prompt.
fn quoted(passage: &str) -> String {
    format!("\u{201c}{passage}\u{201d}")
}

/// The starter built from the texts of a sources folder.
fn from_texts(id: &str, articles: &Articles) -> String {
    let all = &articles.all;
    let mut out = String::from(HEADER);
    out.push_str(
        "//
// Its questions are templates built from the source texts: every quote is
// copied from a text, and every key is true of the texts as they were read.
// Keep what helps, and write your own questions beside them.
",
    );
    top(
        &mut out,
        id,
        &format!("Reading {} side by side", count(all.len(), "source")),
        "A starter quiz made from the texts in the sources folder: find words in the articles, and tell the articles apart.",
    );
    out.push_str(
        "    // The articles the quiz is built from: one for every .txt file in the
    // sources folder. `id` is what citations name, made from the file name
    // (lower case; letters, digits and `-`). `headline` is the text's first
    // line of three words or more: check it against the article. `file` is
    // the text's name in the folder. Add `publisher` or `date` only when the
    // text itself gives them.
    sources: [
",
    );
    for a in all {
        let _ = write!(
            out,
            "        (\n            id: {},\n            headline: {},\n            file: {},\n        ),\n",
            ron_string(&a.id),
            ron_string(&a.headline),
            ron_string(&a.file)
        );
    }
    out.push_str("    ],\n");

    let mut tests: Vec<(&str, String, bool)> = Vec::new();
    let questions = [
        which_article(articles, &mut tests),
        which_passages(articles, &mut tests),
        true_or_false(articles, &mut tests),
        how_many(articles, &mut tests),
        which_id(articles, &mut tests),
    ];
    // Matching and ordering only when the texts allow a key that is right by
    // construction; a reflection always.
    let questions: Vec<Question> = questions
        .into_iter()
        .chain(match_passages(articles, &mut tests))
        .chain(passage_order(articles, &mut tests))
        .chain([what_next(articles)])
        .collect();
    bottom(&mut out, &questions, &tests);
    out
}

/// Single: which of these articles contains a passage. Only the subject's
/// text contains it among the options (the others were searched).
fn which_article(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(0);
    let p = articles.passage_of(k);
    let holders = articles.holders(p);
    let mut list = vec![(all[k].id.clone(), all[k].headline.clone(), None)];
    let mut headlines = vec![normalize_quote(&all[k].headline)];
    for (j, a) in all.iter().enumerate() {
        if list.len() == 4 {
            break;
        }
        let h = normalize_quote(&a.headline);
        if !holders.contains(&j) && !headlines.contains(&h) {
            headlines.push(h);
            list.push((
                a.id.clone(),
                a.headline.clone(),
                Some(format!("These words are not in the text of {}.", a.file)),
            ));
        }
    }
    if list.len() < 2 {
        let taken: Vec<String> = list.iter().map(|o| o.0.clone()).collect();
        list.push((
            fresh("none", &taken),
            "None of this quiz's sources".to_owned(),
            Some(format!("They are in the text of {}.", all[k].file)),
        ));
    }
    tests.push((
        "which-article",
        format!("Choice({})", ron_string(&all[k].id)),
        true,
    ));
    Question {
        comment: SINGLE_COMMENT,
        scored: true,
        id: "which-article",
        prompt: format!("Which of these articles contains the words {}?", quoted(p)),
        tags: "\"facts\"",
        kind: format!(
            "Single(\n                options: {},\n                answer: {},\n            )",
            options(&list),
            ron_string(&all[k].id)
        ),
        explanation: format!(
            "The words are in the text of {} (headline: {}); the texts of the other articles offered do not contain them.",
            all[k].file,
            quoted(&all[k].headline)
        ),
        citations: vec![(all[k].id.clone(), p.to_owned())],
    }
}

/// Multiple: which passages occur in one article; the others are from other
/// articles and were searched for in it.
fn which_passages(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(1);
    let own: Vec<&String> = all[k].all_passages().take(2).collect();
    let foreign = articles.foreign(k);
    let foreign = &foreign[..foreign.len().min(2)];
    let mut list = Vec::new();
    let mut answers = Vec::new();
    let mut citations = Vec::new();
    for (n, p) in own.iter().enumerate() {
        let id = format!("in-{}", n + 1);
        list.push((id.clone(), (*p).clone(), None));
        answers.push(id);
        citations.push((all[k].id.clone(), (*p).clone()));
    }
    for (n, (j, p)) in foreign.iter().enumerate() {
        list.push((
            format!("not-in-{}", n + 1),
            (*p).to_owned(),
            Some(format!(
                "Not in this article: these words are from {}.",
                all[*j].file
            )),
        ));
        citations.push((all[*j].id.clone(), (*p).to_owned()));
    }
    if list.len() < 2 {
        list.push((
            "none".to_owned(),
            "None of these".to_owned(),
            Some("The other passage is in the article's text.".to_owned()),
        ));
    }
    let ids: Vec<String> = answers.iter().map(|a| ron_string(a)).collect();
    tests.push((
        "which-passages",
        format!("Choices([{}])", ids.join(", ")),
        true,
    ));
    if let Some((id, _, _)) = list.iter().find(|o| !answers.contains(&o.0)) {
        let mut with_wrong = ids.clone();
        with_wrong.push(ron_string(id));
        tests.push((
            "which-passages",
            format!("Choices([{}])", with_wrong.join(", ")),
            false,
        ));
    }
    let rest = if foreign.is_empty() {
        String::new()
    } else {
        format!(
            "; {} from other articles of the quiz, and not in this one",
            match foreign.len() {
                1 => "the other is",
                _ => "the others are",
            }
        )
    };
    Question {
        comment: MULTIPLE_COMMENT,
        scored: true,
        id: "which-passages",
        prompt: format!(
            "Which of these passages are in the article headlined {}? Select all that apply.",
            quoted(&all[k].headline)
        ),
        tags: "\"cross-check\"",
        kind: format!(
            "Multiple(\n                options: {},\n                answers: [{}],\n            )",
            options(&list),
            ids.join(", ")
        ),
        explanation: format!(
            "{} in the text of {}{rest}.",
            match own.len() {
                1 => "One passage is",
                2 => "Two passages are",
                _ => "These passages are",
            },
            all[k].file
        ),
        citations,
    }
}

/// TrueFalse: whether an article contains a passage. False when a passage
/// of another article is missing from it (searched), true otherwise.
fn true_or_false(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(2);
    let foreign = articles.foreign(k);
    let (answer, p, explanation, citation) = match foreign.last() {
        Some(&(j, p)) => (
            false,
            p.to_owned(),
            format!(
                "False: these words are from {} (headline: {}); the text of {} does not contain them.",
                all[j].file,
                quoted(&all[j].headline),
                all[k].file
            ),
            (all[j].id.clone(), p.to_owned()),
        ),
        None => {
            let p = articles.passage_of(k).to_owned();
            (
                true,
                p.clone(),
                format!("True: the words are in the text of {}.", all[k].file),
                (all[k].id.clone(), p),
            )
        }
    };
    tests.push(("true-false", format!("Bool({answer})"), true));
    Question {
        comment: TRUE_FALSE_COMMENT,
        scored: true,
        id: "true-false",
        prompt: format!(
            "The article headlined {} contains the words {}.",
            quoted(&all[k].headline),
            quoted(&p)
        ),
        tags: "\"judging-sources\"",
        kind: format!("TrueFalse(answer: {answer})"),
        explanation,
        citations: vec![citation],
    }
}

/// Number: how many sources the quiz declares (one per text).
fn how_many(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let n = all.len();
    tests.push(("how-many", typed(&n.to_string()), true));
    tests.push(("how-many", typed(&count(n, "source")), true));
    tests.push(("how-many", typed(&(n + 1).to_string()), false));
    let citations = articles
        .quotable
        .iter()
        .take(5)
        .map(|&i| (all[i].id.clone(), articles.passage_of(i).to_owned()))
        .collect();
    Question {
        comment: NUMBER_COMMENT,
        scored: true,
        id: "how-many",
        prompt: "How many sources does this quiz draw on? The welcome screen lists them."
            .to_owned(),
        tags: "\"facts\"",
        kind: format!(
            "Number(answer: {n}, tolerance: 0, unit: \"sources\", unit_aliases: [\"articles\"])"
        ),
        explanation: format!(
            "The quiz declares {}, each listed with its headline on the welcome screen.",
            count(n, "source")
        ),
        citations,
    }
}

/// Text: the id of the source that contains a passage; every source whose
/// text contains it is accepted.
fn which_id(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(3);
    let p = articles.passage_of(k);
    let holders = articles.holders(p);
    let accept: Vec<&str> = holders.iter().map(|&i| all[i].id.as_str()).collect();
    tests.push(("which-id", typed(&all[k].id.to_uppercase()), true));
    let wrong = match (0..all.len()).find(|i| !holders.contains(i)) {
        Some(j) => all[j].id.clone(),
        None => format!("{}-x", all[k].id),
    };
    tests.push(("which-id", typed(&wrong), false));
    let files: Vec<&str> = holders.iter().map(|&i| all[i].file.as_str()).collect();
    Question {
        comment: TEXT_COMMENT,
        scored: true,
        id: "which-id",
        prompt: format!(
            "Which source contains the words {}? Type its id, shown in [brackets] beside it on the welcome screen.",
            quoted(p)
        ),
        tags: "\"attribution\"",
        kind: format!(
            "Text(accept: [{}], typo: false)",
            accept.iter().map(|a| ron_string(a)).collect::<Vec<_>>().join(", ")
        ),
        explanation: match holders.len() {
            1 => format!(
                "The words are in the text of {} (id `{}`), and in no other source of this quiz.",
                files[0], all[k].id
            ),
            _ => format!("The words are in the texts of {}.", files.join(", ")),
        },
        citations: vec![(all[k].id.clone(), p.to_owned())],
    }
}

/// Matching: passages each found in exactly one article, paired with it.
fn match_passages(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Option<Question> {
    let all = &articles.all;
    let mut items: Vec<(usize, &str)> = Vec::new();
    for &k in &articles.quotable {
        let p = articles.passage_of(k);
        if articles.holders(p) == [k] && items.len() < 3 {
            items.push((k, p));
        }
    }
    if items.len() < 2 {
        return None;
    }
    let item_id = |n: usize| format!("passage-{}", n + 1);
    let mut kind = String::from("Matching(\n                items: [\n");
    for (n, (k, p)) in items.iter().enumerate() {
        let _ = writeln!(
            kind,
            "                    (id: {}, text: {}, answer: {}),",
            ron_string(&item_id(n)),
            ron_string(&quoted(p)),
            ron_string(&all[*k].id)
        );
    }
    kind.push_str("                ],\n                choices: [\n");
    for a in all.iter().take(6) {
        let _ = writeln!(
            kind,
            "                    (id: {}, text: {}),",
            ron_string(&a.id),
            ron_string(&a.headline)
        );
    }
    // Every item's article is a choice, even past the sixth.
    for (k, _) in &items {
        if *k >= 6 {
            let _ = writeln!(
                kind,
                "                    (id: {}, text: {}),",
                ron_string(&all[*k].id),
                ron_string(&all[*k].headline)
            );
        }
    }
    kind.push_str("                ],\n            )");
    let pairs = |rotate: bool| {
        let entries: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(n, (k, _))| {
                let k = if rotate {
                    items[(n + 1) % items.len()].0
                } else {
                    *k
                };
                format!("{}: {}", ron_string(&item_id(n)), ron_string(&all[k].id))
            })
            .collect();
        format!("Pairs({{{}}})", entries.join(", "))
    };
    tests.push(("match-passages", pairs(false), true));
    tests.push(("match-passages", pairs(true), false));
    Some(Question {
        comment: MATCHING_COMMENT,
        id: "match-passages",
        scored: true,
        prompt: "Match each passage with the article whose text contains it.".to_owned(),
        tags: "\"cross-check\"",
        kind,
        explanation: "Each passage is in the text of one of these articles only: the others were searched and do not contain it.".to_owned(),
        citations: items
            .iter()
            .map(|(k, p)| (all[*k].id.clone(), (*p).to_owned()))
            .collect(),
    })
}

/// Ordering: three passages of one article, in the order its text gives them.
fn passage_order(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Option<Question> {
    let all = &articles.all;
    let (k, mut found) = articles.quotable.iter().find_map(|&k| {
        let a = &all[k];
        let quotes: Vec<&str> = a.passages.iter().map(String::as_str).collect();
        let places = a.text.find_all(&quotes);
        let found: Vec<(usize, &str)> = quotes
            .iter()
            .zip(places)
            .filter_map(|(p, r)| Some((r?.start, *p)))
            .collect();
        (found.len() >= 3).then_some((k, found))
    })?;
    found.sort_by_key(|(at, _)| *at);
    found.truncate(3);
    let ids = ["first", "second", "third"];
    let mut kind = String::from("Ordering(\n                items: [\n");
    for (id, (_, p)) in ids.iter().zip(&found) {
        let _ = writeln!(
            kind,
            "                    (id: {}, text: {}),",
            ron_string(id),
            ron_string(&quoted(p))
        );
    }
    kind.push_str("                ],\n            )");
    tests.push((
        "passage-order",
        "Order([\"first\", \"second\", \"third\"])".to_owned(),
        true,
    ));
    tests.push((
        "passage-order",
        "Order([\"third\", \"second\", \"first\"])".to_owned(),
        false,
    ));
    Some(Question {
        comment: ORDERING_COMMENT,
        id: "passage-order",
        scored: true,
        prompt: format!(
            "Put these passages of the article headlined {} in the order its text gives them.",
            quoted(&all[k].headline)
        ),
        tags: "\"facts\"",
        kind,
        explanation: format!(
            "This is the order in which the words first appear in {}.",
            all[k].file
        ),
        citations: found
            .iter()
            .map(|(_, p)| (all[k].id.clone(), (*p).to_owned()))
            .collect(),
    })
}

/// Reflection: what to search for to find out who is behind an article.
fn what_next(articles: &Articles) -> Question {
    let all = &articles.all;
    let k = articles.subject(0);
    let p = articles.passage_of(k);
    Question {
        comment: REFLECTION_COMMENT,
        id: "what-next",
        scored: false,
        prompt: format!(
            "The article headlined {} is one of this quiz's sources. What would you search for to find out who published it, and why?",
            quoted(&all[k].headline)
        ),
        tags: "\"judging-sources\"",
        kind: format!(
            "Reflection(\n                model: {},\n            )",
            ron_string("A distinctive phrase from it in quotation marks, to find where it first appeared and who runs that site; then what else the site publishes, and who funds it.")
        ),
        explanation: "The text alone does not say who is behind it: a fact-checker leaves the page to find out.".to_owned(),
        citations: vec![(all[k].id.clone(), p.to_owned())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keytest;
    use crate::load::parse;
    use crate::quiz::Quiz;
    use crate::validate::validate;

    #[test]
    fn source_ids_are_lowercase_letters_digits_and_dashes() {
        assert_eq!(
            source_id("000_ae29e3f9182fc890.txt"),
            "s000-ae29e3f9182fc890"
        );
        assert_eq!(source_id("Común Dreams (copy).txt"), "comun-dreams-copy");
        assert_eq!(source_id("__a__b__.txt"), "a-b");
        assert_eq!(source_id("report.v2.txt"), "report-v2");
        assert_eq!(source_id(".txt"), "txt");
        assert_eq!(source_id("日本.txt"), "source");
        assert_eq!(source_id(&format!("{}.txt", "x".repeat(100))).len(), 48);
    }

    #[test]
    fn quiz_ids_keep_letters_digits_dashes_and_underscores() {
        assert_eq!(quiz_id("my_quiz-2"), "my_quiz-2");
        assert_eq!(quiz_id("Week 3: Élan!"), "week-3-elan");
        assert_eq!(quiz_id("--"), "quiz");
        assert_eq!(quiz_id(&"a".repeat(100)).len(), 64);
        let id = quiz_id("ab c/d.e é");
        assert!(id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn taken_ids_get_a_number() {
        let texts = [
            SourceFile {
                name: "a b.txt".into(),
                text: "One two three.\n\nFour five six seven.".into(),
            },
            SourceFile {
                name: "a_b.txt".into(),
                text: "Eight nine ten.\n\nEleven twelve thirteen.".into(),
            },
        ];
        let articles = Articles::new(&texts);
        let ids: Vec<&str> = articles.all.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a-b", "a-b-2"]);
    }

    #[test]
    fn ron_strings_round_trip() {
        for s in [
            "plain",
            "quote \" and \\ back",
            "tab\tline\nret\r",
            "\u{1b}[2J \u{202e} \u{7f} \u{feff}",
            "“curly” ‘single’ é",
            "r#\"raw\"#",
        ] {
            let written = ron_string(s);
            let back: String = ron::from_str(&written).unwrap();
            assert_eq!(back, s, "{written}");
            assert!(!written.chars().any(|c| c.is_control() || c == '\u{202e}'));
        }
    }

    /// Loads a starter, checks it and runs its key tests, and returns it.
    fn loads(text: &str) -> Quiz {
        let doc = parse::<Quiz>(text).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
        assert_eq!(validate(&doc), vec![], "{text}");
        let failed: Vec<_> = keytest::run(&doc.value)
            .into_iter()
            .filter(|r| !r.passed)
            .collect();
        assert!(failed.is_empty(), "{failed:?}\n{text}");
        doc.value
    }

    #[test]
    fn the_placeholder_starter_loads_and_passes_its_tests() {
        let quiz = loads(&starter("q", &[]).unwrap());
        let kinds: Vec<&str> = quiz.questions.iter().map(|q| q.kind.name()).collect();
        assert_eq!(
            kinds,
            [
                "Single",
                "Multiple",
                "TrueFalse",
                "Number",
                "Text",
                "Matching",
                "Ordering",
                "Reflection"
            ]
        );
        assert_eq!(quiz.sources[0].file, "article.txt");
    }

    #[test]
    fn one_text_is_enough() {
        let texts = [SourceFile {
            name: "only.txt".into(),
            text: "A headline with words\n\n\u{201c}The body has \u{201c}curly\u{201d} quotes,\u{201d} here.\n".into(),
        }];
        let quiz = loads(&starter("q", &texts).unwrap());
        assert_eq!(quiz.sources[0].headline, "A headline with words");
        let quotes: Vec<&str> = quiz.questions[0]
            .citations
            .iter()
            .map(|c| c.quote.as_str())
            .collect();
        assert_eq!(
            quotes,
            ["The body has \u{201c}curly\u{201d} quotes,\u{201d} here."]
        );
    }

    #[test]
    fn texts_without_words_cannot_be_quoted() {
        let texts = [SourceFile {
            name: "empty.txt".into(),
            text: "\n  \nhi\n".into(),
        }];
        assert_eq!(starter("q", &texts), Err(StarterError::NothingToQuote));
    }

    #[test]
    fn a_long_first_line_is_no_headline_and_a_short_one_is_skipped() {
        let long = "word ".repeat(60);
        let texts = [
            SourceFile { name: "a.txt".into(), text: format!("{long}\n") },
            SourceFile { name: "b.txt".into(), text: "Published on\n\nThe real headline is here, and not much shorter\n\nAnd a body line with \"quotes\" and \\ slashes.".into() },
        ];
        let quiz = loads(&starter("q", &texts).unwrap());
        assert_eq!(
            quiz.sources[0].headline,
            "(no headline) word word word word word word word word word word…"
        );
        assert_eq!(
            quiz.sources[1].headline,
            "The real headline is here, and not much shorter"
        );
    }
}
