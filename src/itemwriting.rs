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

use std::collections::HashSet;
use std::ops::Range;

use crate::diagnostic::MAX_LISTED;
use crate::load::Place;
use crate::normalize::fold;
use crate::points::Count;
use crate::quiz::{Choice, Kind, Question, Quiz};

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
    let folded: Vec<String> = list.iter().map(|o| fold(&o.text)).collect();
    for j in 1..list.len() {
        if folded[j].is_empty() {
            continue;
        }
        for i in 0..j {
            if folded[i].is_empty() {
                continue;
            }
            let alike = strsim::normalized_levenshtein(&folded[i], &folded[j]);
            if alike < NEAR_DUPLICATE {
                continue;
            }
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

/// A count of reports named in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    /// Where the phrase sits in the text (bytes).
    pub range: Range<usize>,
    /// The numbers of cited sources it agrees with: one, or two for
    /// "two of the five" (the part and the whole).
    pub counts: Vec<usize>,
}

/// A word of an explanation: lower case, without the punctuation around it.
struct Word {
    text: String,
    range: Range<usize>,
    /// Whether punctuation or a quotation ends the phrase after this word.
    stop: bool,
}

/// The words of `text` outside quotation marks (a quote is the source's
/// words, not the teacher's count), each marked where punctuation follows.
fn words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut quoted = false;
    let mut start: Option<usize> = None;
    let finish = |words: &mut Vec<Word>, from: usize, to: usize| {
        let raw = &text[from..to];
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let body = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if lead > 0 {
            if let Some(last) = words.last_mut() {
                last.stop = true;
            }
        }
        if body.is_empty() {
            return;
        }
        let body_start = from + lead;
        let mut lower = body.to_lowercase();
        for s in ["'s", "’s"] {
            if let Some(stem) = lower.strip_suffix(s) {
                lower = stem.to_owned();
            }
        }
        let trail = &raw[lead + body.len()..];
        words.push(Word {
            text: lower,
            range: body_start..body_start + body.len(),
            stop: !trail.is_empty(),
        });
    };
    for (i, c) in text.char_indices() {
        let quote_mark = matches!(c, '"' | '“' | '”');
        if c.is_whitespace() || quote_mark {
            if let Some(s) = start.take() {
                if !quoted {
                    finish(&mut words, s, i);
                }
            }
            if quote_mark {
                quoted = match c {
                    '“' => true,
                    '”' => false,
                    _ => !quoted,
                };
                if let Some(last) = words.last_mut() {
                    last.stop = true;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        if !quoted {
            finish(&mut words, s, text.len());
        }
    }
    words
}

fn number(word: &str) -> Option<usize> {
    match word {
        "one" | "1" => Some(1),
        "two" | "2" => Some(2),
        "three" | "3" => Some(3),
        "four" | "4" => Some(4),
        "five" | "5" => Some(5),
        _ => None,
    }
}

fn is_noun(word: &str) -> bool {
    matches!(
        word,
        "report" | "reports" | "source" | "sources" | "outlet" | "outlets"
    )
}

/// Every count of reports named in `text`, for a quiz that declares
/// `declared` sources.
///
/// Counted: a number (one to five, or 1 to 5) before "report(s)",
/// "source(s)" or "outlet(s)", or before "of the five" or "of the
/// reports"; "a single report"; "both reports"; "all five"; "every report"
/// and "all the reports" (the declared sources). "Two of the five reports"
/// agrees with two cited sources or with five; a count followed by
/// "another" or "a third" also agrees with the reports those add ("two
/// reports …; another …" with three).
///
/// Left alone, because they name no count of the question's reports:
/// words inside quotation marks (a source's words, not the teacher's);
/// advice such as "more than one source", "at least two" or "when two
/// reports disagree"; "one report" inside a sentence ("quoted in one
/// report"), followed by "another" (one of several) or set against "the
/// others"; and "every report that …" (only those that do something).
pub fn counts_in(text: &str, declared: usize) -> Vec<Counted> {
    let w = words(text);
    let mut found = Vec::new();
    // Word `i + k` exists and continues the phrase begun at `i`.
    let joined = |i: usize, k: usize| i + k < w.len() && (i..i + k).all(|j| !w[j].stop);
    let is = |i: usize, word: &str| w.get(i).is_some_and(|x| x.text == word);
    let noun = |i: usize| w.get(i).is_some_and(|x| is_noun(&x.text));
    let qualified = |end: usize| {
        joined(end, 1) && matches!(w[end + 1].text.as_str(), "that" | "which" | "who" | "whose")
    };
    // Reports added after the count: "another", "a third", "the fifth".
    let added = |end: usize| {
        (end + 1..w.len())
            .filter(|&j| match w[j].text.as_str() {
                "another" => true,
                "second" | "third" | "fourth" | "fifth" => {
                    j > 0 && !w[j - 1].stop && matches!(w[j - 1].text.as_str(), "a" | "the")
                }
                _ => false,
            })
            .count()
    };
    let set_against_others = |end: usize| {
        w[end + 1..]
            .iter()
            .any(|x| matches!(x.text.as_str(), "other" | "others"))
    };
    let mut i = 0;
    while i < w.len() {
        let prev = i
            .checked_sub(1)
            .filter(|&p| !w[p].stop)
            .map(|p| w[p].text.as_str());
        let word = w[i].text.as_str();
        // (first word, last word, the counts it agrees with)
        let mut hit: Option<(usize, usize, Vec<usize>)> = None;
        if let Some(n) = number(word) {
            let stressed = matches!(prev, Some("only" | "just"));
            let start = if stressed { i - 1 } else { i };
            let end = if joined(i, 1) && noun(i + 1) {
                Some(i + 1)
            } else if joined(i, 3) && is(i + 1, "of") && is(i + 2, "the") {
                match number(&w[i + 3].text) {
                    Some(m) => {
                        let end = if joined(i, 4) && noun(i + 4) {
                            i + 4
                        } else {
                            i + 3
                        };
                        hit = Some((start, end, vec![n, m]));
                        None
                    }
                    None if noun(i + 3) => Some(i + 3),
                    None => None,
                }
            } else {
                None
            };
            if let Some(end) = end {
                // "One report says …" opens a sentence; "in one report" is
                // any report, "one report …, another …" one of several, and
                // "one report … the others" a contrast.
                let any_one = n == 1
                    && !stressed
                    && (prev.is_some() || added(end) > 0 || set_against_others(end));
                // "more than one source", "at least two", "when two reports …"
                let advice = matches!(prev, Some("than" | "least" | "most" | "when" | "if"));
                if !any_one && !advice {
                    hit = Some((start, end, vec![n, n + added(end)]));
                }
            }
        } else if word == "single" && joined(i, 1) && noun(i + 1) {
            let start = if matches!(prev, Some("a" | "only" | "one")) {
                i - 1
            } else {
                i
            };
            hit = Some((start, i + 1, vec![1]));
        } else if word == "both" {
            let end = if joined(i, 1) && noun(i + 1) {
                Some(i + 1)
            } else if joined(i, 2) && is(i + 1, "the") && noun(i + 2) {
                Some(i + 2)
            } else if joined(i, 3) && is(i + 1, "of") && is(i + 2, "the") && noun(i + 3) {
                Some(i + 3)
            } else {
                None
            };
            hit = end.map(|end| (i, end, vec![2]));
        } else if word == "all" {
            if let Some(m) = w
                .get(i + 1)
                .and_then(|x| number(&x.text))
                .filter(|_| joined(i, 1))
            {
                let end = if joined(i, 2) && noun(i + 2) {
                    i + 2
                } else {
                    i + 1
                };
                hit = Some((i, end, vec![m]));
            } else if joined(i, 2) && is(i + 1, "the") && noun(i + 2) {
                hit = Some((i, i + 2, vec![declared]));
            } else if joined(i, 3) && is(i + 1, "of") && is(i + 2, "the") && noun(i + 3) {
                hit = Some((i, i + 3, vec![declared]));
            }
            if hit.as_ref().is_some_and(|h| qualified(h.1)) {
                hit = None;
            }
        } else if word == "every" && joined(i, 1) && noun(i + 1) && !qualified(i + 1) {
            hit = Some((i, i + 1, vec![declared]));
        }
        match hit {
            Some((start, end, mut counts)) => {
                counts.dedup();
                found.push(Counted {
                    range: w[start].range.start..w[end].range.end,
                    counts,
                });
                i = end + 1;
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests;
