//! Item-writing checks: the flaws that research on multiple-choice items
//! (Haladyna, Downing and Rodriguez's guidelines) finds let a student score
//! by a question's shape instead of by reading the sources.
//!
//! Every finding is a warning: the quiz works as written, but a test-wise
//! student can answer some of it without doing the reading it practises.
//! Each finding names the value it is about (a [`Place`]), says what is
//! wrong and why it matters to students, and how to fix it. The checks read
//! the quiz only; [`crate::validate`] turns the findings into diagnostics,
//! and they never stop a command.
//!
//! The thresholds are constants here, and documented for teachers in
//! `docs/quiz-format.md` ("Item-writing warnings").
//!
//! The rules are here; `counts` reads the counts of reports an explanation
//! names in words, for the rule on counts the citations do not match.

mod counts;
mod distance;

use std::collections::HashSet;

use crate::diagnostic::MAX_LISTED;
use crate::load::Place;
use crate::normalize::fold;
use crate::points::Count;
use crate::quiz::{Choice, Kind, Question, Quiz};

pub use counts::{counts_in, Counted};

/// A quiz needs at least this many single-choice questions before the place
/// of its keys among the longest options is a pattern.
pub const LONGEST_KEY_QUESTIONS: usize = 4;

/// A key longer than its longest distractor by more than this ratio (in
/// characters) stands out: 1.5, written as 3 / 2 to compare whole numbers.
pub const LONG_KEY_RATIO: (usize, usize) = (3, 2);

/// Two options of one question whose folded texts are at least this alike
/// (normalized Levenshtein similarity) are near duplicates.
pub const NEAR_DUPLICATE: f64 = 0.9;

/// Words that make a true/false statement guessable.
pub const ABSOLUTE_WORDS: [&str; 6] = ["all", "never", "always", "only", "none", "every"];

/// The options that stand for the other options, folded.
const ABOVE: [&str; 2] = ["all of the above", "none of the above"];

/// Which guideline a finding breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The key is the longest option in most single-choice questions.
    KeyOftenLongest,
    /// A key much longer than every distractor of its question.
    LongKey,
    /// An absolute word in a true/false statement.
    AbsoluteWord,
    /// "All of the above" or "None of the above" as an option.
    AboveOption,
    /// Two options that read the same, or nearly.
    DuplicateOption,
    /// An explanation that counts a different number of reports than the
    /// question cites.
    CountMismatch,
}

/// One flaw, at the value it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The guideline broken.
    pub rule: Rule,
    /// Where the offending value sits in the quiz.
    pub at: Place,
    /// What is wrong, and why it matters to students.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Every item-writing flaw in `quiz`, question by question, then the
/// quiz-wide pattern of long keys.
pub fn findings(quiz: &Quiz) -> Vec<Finding> {
    let mut found = Vec::new();
    let questions = Place::root().field("questions");
    for (i, q) in quiz.questions.iter().enumerate() {
        let at = questions.index(i);
        let options = at.field("kind").field("options");
        match &q.kind {
            Kind::Single {
                options: list,
                answer,
            } => {
                long_key(&mut found, &options, list, answer);
                above_options(&mut found, &options, list);
                duplicate_options(&mut found, &options, list);
            }
            Kind::Multiple { options: list, .. } => {
                above_options(&mut found, &options, list);
                duplicate_options(&mut found, &options, list);
            }
            Kind::TrueFalse { .. } => absolute_words(&mut found, &at.field("prompt"), &q.prompt),
            // A matching question's choices must differ as options must.
            Kind::Matching { choices, .. } => {
                duplicate_options(&mut found, &at.field("kind").field("choices"), choices);
            }
            Kind::Ordering { items } => {
                duplicate_options(&mut found, &at.field("kind").field("items"), items);
            }
            Kind::Number { .. } | Kind::Text { .. } | Kind::Reflection { .. } => {}
        }
        count_mismatch(&mut found, &at.field("explanation"), q, quiz.sources.len());
    }
    key_often_longest(&mut found, &questions, &quiz.questions);
    found
}

/// Length of an option's text as a student sees it, in characters.
fn length(text: &str) -> usize {
    text.trim().chars().count()
}

/// The key and the longest distractor of a single-choice question, in
/// characters; `None` when the key is not one of at least two options.
fn key_and_longest_distractor(options: &[Choice], answer: &str) -> Option<(usize, usize)> {
    let key = options.iter().find(|o| o.id == answer)?;
    let longest = options
        .iter()
        .filter(|o| o.id != answer)
        .map(|o| length(&o.text))
        .max()?;
    Some((length(&key.text), longest))
}

/// Rule 1: the key is the longest option (or tied for it) in more than half
/// of the quiz's single-choice questions.
fn key_often_longest(found: &mut Vec<Finding>, at: &Place, questions: &[Question]) {
    let mut singles = 0;
    let mut longest = Vec::new();
    for q in questions {
        let Kind::Single { options, answer } = &q.kind else {
            continue;
        };
        let Some((key, distractor)) = key_and_longest_distractor(options, answer) else {
            continue;
        };
        singles += 1;
        if key >= distractor {
            longest.push(q.id.as_str());
        }
    }
    if singles < LONGEST_KEY_QUESTIONS || longest.len() * 2 <= singles {
        return;
    }
    let mut ids = longest
        .iter()
        .take(MAX_LISTED)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if longest.len() > MAX_LISTED {
        ids.push_str(&format!(" and {} more", longest.len() - MAX_LISTED));
    }
    found.push(Finding {
        rule: Rule::KeyOftenLongest,
        at: at.clone(),
        message: format!(
            "the key is the longest option in {} of {} single-choice questions ({ids}): test-wise students learn to pick the longest option without reading the sources",
            longest.len(),
            singles,
        ),
        help: "in some of these questions make a distractor the longest option, or trim the key: give every option the same detail and care".to_owned(),
    });
}

/// Rule 2: a key more than 1.5 times as long as its longest distractor.
fn long_key(found: &mut Vec<Finding>, options: &Place, list: &[Choice], answer: &str) {
    let Some((key, distractor)) = key_and_longest_distractor(list, answer) else {
        return;
    };
    let (times, per) = LONG_KEY_RATIO;
    if key * per <= distractor * times {
        return;
    }
    let Some(k) = list.iter().position(|o| o.id == answer) else {
        return;
    };
    found.push(Finding {
        rule: Rule::LongKey,
        at: options.index(k).field("text"),
        message: format!(
            "the key is {key} characters long, more than 1.5 times the longest distractor ({distractor}): a key that stands out by its detail gives itself away to students who guess"
        ),
        help: "shorten the key, or give the distractors as much detail, so that only reading the sources tells them apart".to_owned(),
    });
}

/// Rule 3: absolute words in a true/false statement.
fn absolute_words(found: &mut Vec<Finding>, at: &Place, prompt: &str) {
    let folded = fold(prompt);
    let mut words: Vec<&str> = Vec::new();
    for word in folded.split(' ') {
        if let Some(w) = ABSOLUTE_WORDS.iter().find(|a| **a == word) {
            if !words.contains(w) {
                words.push(w);
            }
        }
    }
    if words.is_empty() {
        return;
    }
    let listed = words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let noun = if words.len() == 1 { "word" } else { "words" };
    found.push(Finding {
        rule: Rule::AbsoluteWord,
        at: at.clone(),
        message: format!(
            "the statement uses the absolute {noun} {listed}: test-wise students know that statements with absolutes are usually false, so they can answer without reading the sources"
        ),
        help: "say exactly how far the claim goes (\"three of the five reports\", \"the first report\") instead of an absolute".to_owned(),
    });
}

/// Rule 4: "All of the above" or "None of the above" as an option.
fn above_options(found: &mut Vec<Finding>, options: &Place, list: &[Choice]) {
    for (k, o) in list.iter().enumerate() {
        let folded = fold(&o.text);
        let Some(phrase) = ABOVE.iter().find(|p| **p == folded) else {
            continue;
        };
        found.push(Finding {
            rule: Rule::AboveOption,
            at: options.index(k).field("text"),
            message: format!(
                "\"{phrase}\" as an option: students answer it from partial knowledge (one option known to be right or wrong settles it), and options are shown shuffled, so \"above\" may point at nothing"
            ),
            help: "replace it with a plausible wrong answer; if several options are right, make the question `Multiple` (select all that apply)".to_owned(),
        });
    }
}

/// Rule 5: options that read the same, or nearly, once case, accents and
/// punctuation are set aside. The later option of a pair is reported.
fn duplicate_options(found: &mut Vec<Finding>, options: &Place, list: &[Choice]) {
    // Every pair is compared: a list over the limit is an error already,
    // and is not compared.
    if list.len() > crate::limits::LIST_ENTRIES {
        return;
    }
    let folded: Vec<String> = list.iter().map(|o| fold(&o.text)).collect();
    for j in 1..list.len() {
        if folded[j].is_empty() {
            continue;
        }
        for i in 0..j {
            if folded[i].is_empty() {
                continue;
            }
            let Some(alike) = similarity_at_least(&folded[i], &folded[j], NEAR_DUPLICATE) else {
                continue;
            };
            let other = &list[i].id;
            let how = if folded[i] == folded[j] {
                format!("reads the same as option `{other}`")
            } else {
                format!(
                    "is nearly the same as option `{other}` ({:.0}% alike)",
                    (alike * 100.0).floor()
                )
            };
            found.push(Finding {
                rule: Rule::DuplicateOption,
                at: options.index(j).field("text"),
                message: format!(
                    "this option {how}: students rule out both at once, or see two right answers, so the question has fewer real choices than it shows"
                ),
                help: "rewrite one of them as a different plausible answer, or remove it".to_owned(),
            });
            break;
        }
    }
}

/// The normalized Levenshtein similarity of `a` and `b` (as
/// `strsim::normalized_levenshtein` computes it: one minus the distance
/// over the longer length, in characters) when it is at least `least`.
/// Only distances small enough to reach `least` are looked for, so long
/// options far apart cost little (see `distance`).
fn similarity_at_least(a: &str, b: &str, least: f64) -> Option<f64> {
    let longer = a.chars().count().max(b.chars().count());
    if longer == 0 {
        return Some(1.0);
    }
    // A distance past this bound leaves the similarity under `least`.
    let bound = ((1.0 - least) * longer as f64).ceil() as usize;
    let distance = distance::levenshtein_within(a, b, bound)?;
    let alike = 1.0 - distance as f64 / longer as f64;
    (alike >= least).then_some(alike)
}

/// Rule 6: the explanation counts reports in words, and the count is not
/// the number of distinct sources the question cites.
fn count_mismatch(found: &mut Vec<Finding>, at: &Place, q: &Question, declared: usize) {
    let cited = q
        .citations
        .iter()
        .map(|c| c.source.as_str())
        .collect::<HashSet<_>>()
        .len();
    if cited == 0 {
        return;
    }
    let counts = counts_in(&q.explanation, declared);
    if counts.is_empty() || counts.iter().any(|c| c.counts.contains(&cited)) {
        return;
    }
    let mut phrases: Vec<&str> = Vec::new();
    for c in &counts {
        let phrase = &q.explanation[c.range.clone()];
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    let quoted = phrases
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(" and ");
    found.push(Finding {
        rule: Rule::CountMismatch,
        at: at.clone(),
        message: format!(
            "the explanation says {quoted}, but the question cites {}: students check the explanation against the evidence shown with it, and a count they cannot find there teaches them to repeat numbers unchecked",
            Count(cited, "source")
        ),
        help: "cite each report the explanation counts (a quote from each), or make the count in words match the sources cited".to_owned(),
    });
}

#[cfg(test)]
mod tests;
