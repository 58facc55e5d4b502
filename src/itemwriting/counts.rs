//! Counts of reports that an explanation names in words ("two reports",
//! "both sources", "all five"), each with the numbers of cited sources it
//! agrees with. Words inside quotation marks are the source's, not the
//! teacher's, and advice ("more than one source") names no count: both are
//! left alone.

use std::ops::Range;

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
/// reports …; another …" with three). "Every single report" is every report.
///
/// Left alone, because they name no count of the question's reports:
/// words inside quotation marks (a source's words, not the teacher's);
/// advice such as "more than one source", "at least two" or "when two
/// reports disagree"; "one report" inside a sentence ("quoted in one
/// report"), followed by "another" (one of several) or set against "the
/// others"; "each single report" and "no single report"; and "every
/// report that …" (only those that do something).
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
                    // `j > end`, so there is a word before.
                    !w[j - 1].stop && matches!(w[j - 1].text.as_str(), "a" | "the")
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
            // "every single report" is every report, as "every report" is;
            // "each single report" and "no single report" name no count.
            hit = match prev {
                Some("every") if !qualified(i + 1) => Some((i - 1, i + 1, vec![declared])),
                Some("every" | "each" | "no") => None,
                Some("a" | "only" | "one") => Some((i - 1, i + 1, vec![1])),
                _ => Some((i, i + 1, vec![1])),
            };
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
