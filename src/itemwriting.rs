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
mod tests {
    use super::*;

    /// A quiz with two sources (three when `q` cites `c`) and these questions.
    fn quiz(questions: &[&str]) -> Quiz {
        let text = format!(
            r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [(id: "a", headline: "A", file: "a.txt"), (id: "b", headline: "B", file: "b.txt"), (id: "c", headline: "C", file: "c.txt")],
 questions: [{}])"#,
            questions.join(", ")
        );
        ron::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn single(id: &str, options: &[&str], answer: usize) -> String {
        let list: Vec<String> = options
            .iter()
            .enumerate()
            .map(|(k, t)| format!(r#"(id: "o{k}", text: "{t}")"#))
            .collect();
        format!(
            r#"(id: "{id}", prompt: "P", kind: Single(options: [{}], answer: "o{answer}"), explanation: "E", citations: [(source: "a", quote: "q")])"#,
            list.join(", ")
        )
    }

    fn true_false(prompt: &str) -> String {
        format!(
            r#"(id: "tf", prompt: "{prompt}", kind: TrueFalse(answer: false), explanation: "E", citations: [(source: "a", quote: "q")])"#
        )
    }

    fn explained(explanation: &str, sources: &[&str]) -> String {
        let cites: Vec<String> = sources
            .iter()
            .map(|s| format!(r#"(source: "{s}", quote: "q")"#))
            .collect();
        format!(
            r#"(id: "x", prompt: "P", kind: Number(answer: 9), explanation: "{explanation}", citations: [{}])"#,
            cites.join(", ")
        )
    }

    fn rules(quiz: &Quiz) -> Vec<(Rule, String)> {
        findings(quiz)
            .into_iter()
            .map(|f| (f.rule, f.at.to_string()))
            .collect()
    }

    #[test]
    fn a_key_longest_in_most_questions_is_one_warning_for_the_quiz() {
        let q = quiz(&[
            &single("q1", &["Longer", "Short", "Brief"], 0),
            &single("q2", &["Tie", "Two", "One"], 0),
            &single("q3", &["Longest", "Shorter", "Brief"], 0),
            &single("q4", &["Key", "A longer one", "Other"], 0),
        ]);
        let found = findings(&q);
        assert_eq!(rules(&q), [(Rule::KeyOftenLongest, "questions".to_owned())]);
        assert_eq!(
            found[0].message,
            "the key is the longest option in 3 of 4 single-choice questions (`q1`, `q2`, `q3`): test-wise students learn to pick the longest option without reading the sources"
        );
    }

    #[test]
    fn a_key_longest_in_half_the_questions_or_in_few_questions_is_no_pattern() {
        let half = quiz(&[
            &single("q1", &["Longer", "Short"], 0),
            &single("q2", &["Longer", "Short"], 0),
            &single("q3", &["Key", "A longer one"], 0),
            &single("q4", &["Key", "A longer one"], 0),
        ]);
        assert_eq!(rules(&half), []);
        let few = quiz(&[
            &single("q1", &["Longer", "Short"], 0),
            &single("q2", &["Longer", "Short"], 0),
            &single("q3", &["Longer", "Short"], 0),
        ]);
        assert_eq!(rules(&few), []);
    }

    #[test]
    fn a_key_more_than_half_as_long_again_as_any_distractor_is_flagged() {
        // 16 characters against 10: more than 1.5 times.
        let q = quiz(&[&single("q1", &["Ten chars.", "Sixteen chars ok"], 1)]);
        assert_eq!(
            rules(&q),
            [(
                Rule::LongKey,
                "questions[0].kind.options[1].text".to_owned()
            )]
        );
        assert!(findings(&q)[0].message.starts_with(
            "the key is 16 characters long, more than 1.5 times the longest distractor (10)"
        ));
        // 15 against 10 is exactly 1.5 times: not flagged.
        let q = quiz(&[&single("q1", &["Ten chars.", "Fifteen chars!!"], 1)]);
        assert_eq!(rules(&q), []);
    }

    #[test]
    fn absolute_words_in_a_true_false_statement_are_named() {
        let q = quiz(&[&true_false(
            "ALL reports agree, and none is wrong; only one... always?",
        )]);
        let found = findings(&q);
        assert_eq!(
            rules(&q),
            [(Rule::AbsoluteWord, "questions[0].prompt".to_owned())]
        );
        assert!(
            found[0].message.starts_with(
                "the statement uses the absolute words `all`, `none`, `only`, `always`:"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn absolute_words_inside_other_words_or_in_other_kinds_are_not_flagged() {
        let q = quiz(&[
            &true_false("Overall, the allies say everyone was nevertheless alone."),
            &single("q", &["All", "Every", "Only"], 0),
        ]);
        assert_eq!(rules(&q), []);
    }

    #[test]
    fn all_or_none_of_the_above_is_flagged_in_any_case_and_punctuation() {
        let q = quiz(&[
            &single("q1", &["Red", "Blue", "ALL of the above!"], 0),
            &single("q2", &["Red", "Blue", "None-of-the above."], 0),
        ]);
        assert_eq!(
            rules(&q),
            [
                (
                    Rule::AboveOption,
                    "questions[0].kind.options[2].text".to_owned()
                ),
                (
                    Rule::AboveOption,
                    "questions[1].kind.options[2].text".to_owned()
                ),
            ]
        );
        let q = quiz(&[&single(
            "q1",
            &["Red", "Blue", "All of the above are wrong"],
            0,
        )]);
        assert_eq!(rules(&q), []);
    }

    #[test]
    fn duplicate_and_near_duplicate_options_point_at_the_second() {
        let q = quiz(&[
            &single(
                "q1",
                &[
                    "José Luis González",
                    "Arturo Sarukhan",
                    "jose luis gonzalez!",
                ],
                0,
            ),
            &single(
                "q2",
                &[
                    "The Reuters photographer",
                    "The Reuters photographers",
                    "Someone",
                ],
                0,
            ),
        ]);
        let found = findings(&q);
        assert_eq!(
            rules(&q),
            [
                (
                    Rule::DuplicateOption,
                    "questions[0].kind.options[2].text".to_owned()
                ),
                (
                    Rule::DuplicateOption,
                    "questions[1].kind.options[1].text".to_owned()
                ),
            ]
        );
        assert!(found[0]
            .message
            .starts_with("this option reads the same as option `o0`:"));
        assert!(
            found[1]
                .message
                .starts_with("this option is nearly the same as option `o0` (96% alike):"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn options_that_differ_in_a_letter_of_a_short_name_are_not_duplicates() {
        // The spellings a question about spellings is made of.
        let q = quiz(&[&single("q1", &["Lety", "Ledy", "Letty", "Leti"], 0)]);
        assert_eq!(rules(&q), []);
    }

    #[test]
    fn a_count_of_reports_that_differs_from_the_sources_cited_is_flagged() {
        let q = quiz(&[&explained("Three reports say so.", &["a", "b"])]);
        assert_eq!(
            rules(&q),
            [(Rule::CountMismatch, "questions[0].explanation".to_owned())]
        );
        assert!(findings(&q)[0].message.starts_with(
            "the explanation says \"Three reports\", but the question cites 2 sources:"
        ));
        // Two citations of one source are one source.
        let q = quiz(&[&explained("Both reports say so.", &["a", "a"])]);
        assert_eq!(rules(&q).len(), 1);
    }

    #[test]
    fn a_count_that_matches_or_no_count_at_all_is_not_flagged() {
        let q = quiz(&[
            &explained("Two reports say so.", &["a", "b"]),
            &explained("The reports disagree.", &["a", "b", "c"]),
            &explained("Check more than one source.", &["a", "b"]),
        ]);
        assert_eq!(rules(&q), []);
    }

    fn counted(text: &str) -> Vec<(String, Vec<usize>)> {
        counts_in(text, 5)
            .into_iter()
            .map(|c| (text[c.range].to_owned(), c.counts))
            .collect()
    }

    #[test]
    fn counts_of_reports_are_read_from_words_and_digits() {
        let cases: &[(&str, &str, &[usize])] = &[
            ("One report says so.", "One report", &[1]),
            ("It is in a single report.", "a single report", &[1]),
            (
                "Only one report says so; the others do not.",
                "Only one report",
                &[1],
            ),
            ("Two reports say 6.", "Two reports", &[2]),
            ("Both reports say 6.", "Both reports", &[2]),
            ("Three reports say so.", "Three reports", &[3]),
            (
                "Three of the five reports say so.",
                "Three of the five reports",
                &[3, 5],
            ),
            ("Four of the five say so.", "Four of the five", &[4, 5]),
            ("Two of the reports say so.", "Two of the reports", &[2]),
            ("All five say so.", "All five", &[5]),
            ("Every report says so.", "Every report", &[5]),
            ("All the reports say so.", "All the reports", &[5]),
            ("3 sources say so.", "3 sources", &[3]),
            ("Two outlets say so.", "Two outlets", &[2]),
            (
                "Two reports say so; another says not.",
                "Two reports",
                &[2, 3],
            ),
            (
                "Four reports agree; the fifth does not.",
                "Four reports",
                &[4, 5],
            ),
        ];
        for (text, phrase, counts) in cases {
            assert_eq!(
                counted(text),
                [(phrase.to_string(), counts.to_vec())],
                "{text}"
            );
        }
    }

    #[test]
    fn words_that_name_no_count_of_the_question_s_reports_are_left_alone() {
        for text in [
            "Check more than one source.",
            "Look at least two sources.",
            "When two reports use different names, check.",
            "The date is in one report.",
            "One report says red; another says blue.",
            "One report says red; the others say blue.",
            "Every report that names him spells it the same.",
            "All the reports that give a time agree.",
            "Readers write \"all five reports say\" too quickly.",
            "The other three do not say; both say 6.",
            "Two soldiers and one officer.",
            "It travelled 1,500 miles in 5 days.",
            "Two.\nReports differ.",
        ] {
            assert_eq!(counted(text), [], "{text}");
        }
    }
}
