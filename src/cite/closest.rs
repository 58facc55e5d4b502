//! The passage closest to a quote that does not occur, and how they differ.
//!
//! When a quote is not in its source, the teacher needs to see what the
//! source says instead. The search anchors on the quote's longest words,
//! scores nearby windows by their longest common subsequence of words, and
//! reports the best window with each run of differing words marked.
//!
//! Invariants: every range is in the original text, not the normalized
//! copy; a quote sharing no word with the text has no closest passage.

use std::borrow::Cow;
use std::ops::Range;

use super::text::{normalize_quote, SourceText};

/// The nearest passage to a quote that was not found.
#[derive(Debug, Clone, PartialEq)]
pub struct Closest {
    /// Where the passage is in the original text.
    pub passage: Range<usize>,
    /// Each place where passage and quote differ.
    pub differences: Vec<Difference>,
}

/// One difference between a quote and the passage closest to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The differing words in the original text (empty where the quote adds words).
    pub span: Range<usize>,
    /// What the quote has here instead (empty where the quote lacks the words).
    pub quote: String,
}

/// How many occurrences of each anchor word are scored as windows.
const OCCURRENCES: usize = 500;

/// How many of a quote's longest words anchor its windows.
const ANCHORS: usize = 4;

impl SourceText {
    /// The passage of the text closest to a quote that does not occur, with
    /// the words that differ. `None` when no passage shares a word with it.
    pub fn closest(&self, quote: &str) -> Option<Closest> {
        self.closest_all(&[quote]).pop().flatten()
    }

    /// [`SourceText::closest`] for several quotes at once: the anchor words
    /// of all of them are looked for in one pass over the text, so each
    /// more quote costs its windows, not another pass.
    pub fn closest_all(&self, quotes: &[&str]) -> Vec<Option<Closest>> {
        let normalized = &self.normalized().text;
        // lower-casing can change lengths for a few scripts; then give up on
        // positions from the lower-cased copy and search the normalized one,
        // with the quote's words as written (lower-cased, its capitalised
        // words would never be found). The lower-cased copy is made once
        // per text, not once per quote.
        let lower = self.lower();
        let lowered = lower.is_some();
        let haystack = lower.unwrap_or(normalized.as_str());
        let quotes: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
        // Anchor on the longest words of each quote: they are the rarest.
        let mut needles: Vec<String> = Vec::new();
        let anchors: Vec<Vec<(usize, usize)>> = quotes
            .iter()
            .map(|quote| {
                let mut anchors = words(quote);
                anchors.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
                anchors
                    .iter()
                    .take(ANCHORS)
                    .map(|&(offset, word)| {
                        let needle = if lowered {
                            word.to_lowercase()
                        } else {
                            word.to_owned()
                        };
                        let id = needles
                            .iter()
                            .position(|n| *n == needle)
                            .unwrap_or_else(|| {
                                needles.push(needle);
                                needles.len() - 1
                            });
                        (offset, id)
                    })
                    .collect()
            })
            .collect();
        let (places, _) = occurrences(haystack, &needles);
        quotes
            .iter()
            .zip(&anchors)
            .map(|(quote, anchors)| self.closest_at(quote, anchors, &places))
            .collect()
    }

    /// The closest passage to a normalized quote, scoring the windows
    /// around the occurrences (`places`, by needle) of its anchor words,
    /// each given as `(offset in the quote, needle)`.
    fn closest_at(
        &self,
        quote: &str,
        anchors: &[(usize, usize)],
        places: &[Vec<usize>],
    ) -> Option<Closest> {
        let normalized = &self.normalized().text;
        let qwords = words(quote);
        if qwords.is_empty() {
            return None;
        }
        let quote_bare = Bare::new(&qwords);
        // Where the text lower-cases in place, a window's words are
        // lower-cased by taking the same ranges of the lower-cased copy.
        let aligned = self.aligned_lower();
        let mut best: Option<(usize, Range<usize>)> = None;
        for &(offset, needle) in anchors {
            for &at in &places[needle] {
                let start = floor_boundary(normalized, at.saturating_sub(offset + 10));
                let end = floor_boundary(
                    normalized,
                    (at - offset.min(at) + 2 * quote.len() + 20).min(normalized.len()),
                );
                let window = &normalized[start..end];
                // Words that match exactly count twice: between a headline
                // in title case and a sentence, prefer the sentence.
                let wwords = words(window);
                let window_bare = match aligned {
                    Some(lower) => Bare::lowered(&wwords, &lower[start..end]),
                    None => Bare::new(&wwords),
                };
                let score = lcs_len(&quote_bare.folded, &window_bare.folded)
                    + lcs_len(&quote_bare.exact, &window_bare.exact);
                if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, start..end));
                }
            }
        }
        let (_, window) = best?;
        let swords: Vec<(usize, &str)> = words(&normalized[window.clone()])
            .into_iter()
            .map(|(o, w)| (o + window.start, w))
            .collect();
        let pairs = lcs_pairs(&qwords, &swords, false);
        // Trim the window to the matched words, widened to cover the quote's
        // unmatched words at either end; with no word matching as written
        // (only in case), to as many words as the quote has. The window has
        // a word (it scored), and `first <= sf <= sl <= last`, so every pair
        // stays inside.
        let (first, last) = match (pairs.first(), pairs.last()) {
            (Some(&(qf, sf)), Some(&(ql, sl))) => (
                sf.saturating_sub(qf),
                (sl + (qwords.len() - 1 - ql)).min(swords.len() - 1),
            ),
            _ => (0, (swords.len() - 1).min(qwords.len() - 1)),
        };
        let swords = &swords[first..=last];
        let pairs: Vec<(usize, usize)> = pairs.into_iter().map(|(q, s)| (q, s - first)).collect();
        let mut differences = Vec::new();
        let mut prev = (0usize, 0usize);
        for anchor in pairs
            .iter()
            .copied()
            .chain(std::iter::once((qwords.len(), swords.len())))
        {
            let (qa, sa) = anchor;
            let q_gap: Vec<&str> = qwords[prev.0.min(qa)..qa].iter().map(|(_, w)| *w).collect();
            let s_gap = &swords[prev.1.min(sa)..sa];
            if !q_gap.is_empty() || !s_gap.is_empty() {
                let span = match (s_gap.first(), s_gap.last()) {
                    (Some(&(a, _)), Some(&(b, w))) => a..b + w.len(),
                    _ => {
                        let at = swords.get(sa).map_or_else(
                            || swords.last().map_or(window.end, |&(o, w)| o + w.len()),
                            |&(o, _)| o,
                        );
                        at..at
                    }
                };
                differences.push(Difference {
                    span: self.original_range(span),
                    quote: q_gap.join(" "),
                });
            }
            prev = (qa + 1, sa + 1);
        }
        let passage = match (swords.first(), swords.last()) {
            (Some(&(a, _)), Some(&(b, w))) => self.original_range(a..b + w.len()),
            _ => self.original_range(window),
        };
        Some(Closest {
            passage,
            differences,
        })
    }
}

/// The first [`OCCURRENCES`] places of each needle in `haystack`, as
/// `str::match_indices` finds them one needle at a time (left to right,
/// not overlapping), all found in one pass that stops once every needle
/// has its share; and where it stopped (the haystack's length if it read
/// to the end).
fn occurrences(haystack: &str, needles: &[String]) -> (Vec<Vec<usize>>, usize) {
    let mut places: Vec<Vec<usize>> = vec![Vec::new(); needles.len()];
    // A DFA: a few hundred short needles, over tens of megabytes.
    let Ok(search) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(needles)
    else {
        return (places, haystack.len());
    };
    let mut next_free = vec![0usize; needles.len()];
    let mut wanting = needles.len();
    for m in search.find_overlapping_iter(haystack) {
        let p = m.pattern().as_usize();
        if places[p].len() < OCCURRENCES && m.start() >= next_free[p] {
            places[p].push(m.start());
            next_free[p] = m.end();
            if places[p].len() == OCCURRENCES {
                wanting -= 1;
                if wanting == 0 {
                    return (places, m.end());
                }
            }
        }
    }
    (places, haystack.len())
}

/// The char boundary at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Words and their byte offsets; punctuation stays attached, as in the quote.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Words with the quote marks around them set aside (`exact`), and also
/// lower-cased (`folded`), made once per word list.
struct Bare<'a> {
    exact: Vec<&'a str>,
    folded: Vec<Cow<'a, str>>,
}

impl<'a> Bare<'a> {
    fn new(words: &[(usize, &'a str)]) -> Self {
        let exact: Vec<&str> = words
            .iter()
            .map(|(_, w)| w.trim_matches(['"', '\'']))
            .collect();
        let folded = exact.iter().map(|w| Cow::Owned(w.to_lowercase())).collect();
        Bare { exact, folded }
    }

    /// [`Bare::new`] for words of a text whose lower-cased copy `lower`
    /// keeps every character's length: each word lower-cased is the same
    /// range of it (quote marks lower-case to themselves).
    fn lowered(words: &[(usize, &'a str)], lower: &'a str) -> Self {
        let exact = words
            .iter()
            .map(|(_, w)| w.trim_matches(['"', '\'']))
            .collect();
        let folded = words
            .iter()
            .map(|&(at, w)| Cow::Borrowed(lower[at..at + w.len()].trim_matches(['"', '\''])))
            .collect();
        Bare { exact, folded }
    }
}

/// Whether quote word `i` of `qa` matches passage word `j` of `sb`: the
/// same word, or for the quote's first and last words, the end or the
/// start of a passage word followed or preceded only by punctuation.
fn same_word<Q: AsRef<str>, S: AsRef<str>>(qa: &[Q], sb: &[S], i: usize, j: usize) -> bool {
    let (q, s) = (qa[i].as_ref(), sb[j].as_ref());
    let last = qa.len().saturating_sub(1);
    let only_punctuation = |rest: &str| rest.chars().all(|c| !c.is_alphanumeric());
    q == s
        || (!q.is_empty() && i == last && s.strip_prefix(q).is_some_and(only_punctuation))
        || (!q.is_empty() && i == 0 && s.strip_suffix(q).is_some_and(only_punctuation))
}

/// The length of a longest common subsequence of a quote's words and a
/// passage's (as [`lcs_pairs`] finds it), in one row of numbers.
fn lcs_len<Q: AsRef<str>, S: AsRef<str>>(qa: &[Q], sb: &[S]) -> usize {
    let mut row = vec![0u16; sb.len() + 1];
    for i in 0..qa.len() {
        let mut diagonal = 0; // row[j] before this quote word
        for j in 0..sb.len() {
            let above = row[j + 1];
            row[j + 1] = if same_word(qa, sb, i, j) {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    usize::from(row[sb.len()])
}

/// Index pairs of a longest common subsequence of two word lists: the quote's
/// words `a` and a passage's words `b`.
///
/// Quote marks around words do not count, and a quote may start or end in
/// the middle of punctuation: its first word may be the end of a passage word
/// and its last word the start of one ("soldiers" matches "soldiers,").
fn lcs_pairs(a: &[(usize, &str)], b: &[(usize, &str)], ignore_case: bool) -> Vec<(usize, usize)> {
    let (qa, sb) = (Bare::new(a), Bare::new(b));
    let pick = |bare: &Bare<'_>| -> Vec<String> {
        if ignore_case {
            bare.folded.iter().map(|w| w.to_string()).collect()
        } else {
            bare.exact.iter().map(|w| (*w).to_owned()).collect()
        }
    };
    let (qa, sb) = (pick(&qa), pick(&sb));
    let same = |i: usize, j: usize| same_word(&qa, &sb, i, j);
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if same(i, j) {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < n && j < m {
        if same(i, j) {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::TEXT;

    #[test]
    fn the_closest_passage_marks_the_changed_word() {
        let s = SourceText::new(TEXT);
        let c = s.closest("Let me pass, I bet of you.").unwrap();
        assert_eq!(
            &s.text[c.passage.clone()],
            "\u{201c}Let me pass,  I beg of you.\u{201d}"
        );
        assert_eq!(c.differences.len(), 1, "{c:?}");
        assert_eq!(&s.text[c.differences[0].span.clone()], "beg");
        assert_eq!(c.differences[0].quote, "bet");
        let c = s.closest("The trip was long.").unwrap();
        assert_eq!(
            &s.text[c.passage.clone()],
            "The trip \u{2014} 1,500 miles \u{2014} was long."
        );
        assert_eq!(
            &s.text[c.differences[0].span.clone()],
            "\u{2014} 1,500 miles \u{2014}"
        );
        assert_eq!(c.differences[0].quote, "");
    }

    #[test]
    fn quotes_looked_for_together_get_the_passages_found_one_at_a_time() {
        let s = SourceText::new(TEXT);
        let quotes = ["Let me pass, I bet of you.", "zebra", "The trip was long."];
        let together = s.closest_all(&quotes);
        assert_eq!(together[1], None);
        assert_eq!(together[0], s.closest(quotes[0]));
        assert_eq!(together[2], s.closest(quotes[2]));
        assert!(together[0].is_some() && together[2].is_some());
    }

    proptest::proptest! {
        // One needle at a time with `str::match_indices` is the oracle.
        #[test]
        fn one_pass_finds_each_needle_where_match_indices_does(
            hay in "[ab é]{0,2000}",
            needles in proptest::collection::vec("[ab é]{1,4}", 1..6),
        ) {
            let (places, _) = occurrences(&hay, &needles);
            for (needle, found) in needles.iter().zip(&places) {
                let expected: Vec<usize> = hay
                    .match_indices(needle.as_str())
                    .take(OCCURRENCES)
                    .map(|(at, _)| at)
                    .collect();
                proptest::prop_assert_eq!(found, &expected, "{:?}", needle);
            }
        }
    }

    proptest::proptest! {
        // The full table and its walk back are the oracle.
        #[test]
        fn the_one_row_length_is_the_full_table_s(
            a in proptest::collection::vec("[aAb\"',.]{0,3}", 0..8),
            b in proptest::collection::vec("[aAb\"',.]{0,3}", 0..12),
            ignore_case in proptest::prelude::any::<bool>(),
        ) {
            let a: Vec<(usize, &str)> = a.iter().map(|w| (0, w.as_str())).collect();
            let b: Vec<(usize, &str)> = b.iter().map(|w| (0, w.as_str())).collect();
            let (qa, sb) = (Bare::new(&a), Bare::new(&b));
            let len = if ignore_case {
                lcs_len(&qa.folded, &sb.folded)
            } else {
                lcs_len(&qa.exact, &sb.exact)
            };
            proptest::prop_assert_eq!(len, lcs_pairs(&a, &b, ignore_case).len());
        }
    }

    proptest::proptest! {
        // Lower-casing each word is the oracle.
        #[test]
        fn words_lowered_in_place_are_the_words_lower_cased(text in "[aB\u{c9}\u{e9} \"']{0,30}") {
            let lower = text.to_lowercase();
            let w = words(&text);
            proptest::prop_assert_eq!(Bare::lowered(&w, &lower).folded, Bare::new(&w).folded);
        }
    }

    /// The passage and each difference (its words in the text, the quote's
    /// words there instead) as text, for comparing with values written out.
    fn shown(s: &SourceText, quote: &str) -> Option<(String, Vec<(String, String)>)> {
        let c = s.closest(quote)?;
        let differences = c
            .differences
            .iter()
            .map(|d| (s.text[d.span.clone()].to_owned(), d.quote.clone()))
            .collect();
        Some((s.text[c.passage.clone()].to_owned(), differences))
    }

    fn pair(text: &str, quote: &str) -> (String, String) {
        (text.to_owned(), quote.to_owned())
    }

    #[test]
    fn a_first_word_anchor_keeps_the_quote_mark_before_it() {
        // "Extraordinary" is the longest word and the quote's first: its
        // window must start before it to take in the opening mark.
        let s = SourceText::new("He said: \u{201c}Extraordinary claims need evidence.\u{201d}");
        let (passage, differences) = shown(&s, "Extraordinary claims need proof.").unwrap();
        assert_eq!(
            passage,
            "\u{201c}Extraordinary claims need evidence.\u{201d}"
        );
        assert_eq!(differences, [pair("evidence.\u{201d}", "proof.")]);
    }

    #[test]
    fn a_passage_longer_than_its_quote_is_followed_to_its_end() {
        // The quote is 48 bytes and its anchors are its first four words; the
        // sentence runs 91 bytes, past the quote's length plus 20.
        let s = SourceText::new(
            "Thousands marched through downtown on what organizers called a bitterly cold and windy day.",
        );
        let (passage, differences) =
            shown(&s, "Thousands marched through downtown on a cold day").unwrap();
        assert_eq!(passage, s.text);
        assert_eq!(
            differences,
            [
                pair("what organizers called", ""),
                pair("bitterly", ""),
                pair("and windy", "")
            ]
        );
    }

    #[test]
    fn words_beyond_a_window_are_not_gathered_into_the_passage() {
        // A window reaches twice the quote's length plus 20 bytes past where
        // the quote would start: 2 × 48 + 20 = 116. "on a cold day" starts at
        // byte 118, out of reach of every anchor's window.
        let text = "Thousands marched through downtown in the rain while shops stayed shut, \
                    buses ran late and the river rose high. Later on a cold day they came back.";
        assert_eq!(text.find("on a cold"), Some(118));
        let s = SourceText::new(text);
        let (passage, differences) =
            shown(&s, "Thousands marched through downtown on a cold day").unwrap();
        assert_eq!(
            passage,
            "Thousands marched through downtown in the rain while"
        );
        assert_eq!(differences, [pair("in the rain while", "on a cold day")]);
    }

    #[test]
    fn a_quote_differing_only_in_case_is_shown_against_as_many_words() {
        let s = SourceText::new("Let me pass, please.");
        let (passage, differences) = shown(&s, "LET ME PASS").unwrap();
        assert_eq!(passage, "Let me pass,");
        assert_eq!(differences, [pair("Let me pass,", "LET ME PASS")]);
        // A quote longer than the text: as many words as the text has.
        let s = SourceText::new("Let me pass");
        let (passage, differences) = shown(&s, "LET ME PASS NOW PLEASE").unwrap();
        assert_eq!(passage, "Let me pass");
        assert_eq!(differences, [pair("Let me pass", "LET ME PASS NOW PLEASE")]);
    }

    #[test]
    fn an_anchor_found_only_inside_a_longer_word_gives_no_passage() {
        // "pass" occurs, but only as part of "passage": no word is shared.
        let s = SourceText::new("A passage.");
        assert_eq!(s.closest("xylophones pass"), None);
    }

    #[test]
    fn of_two_passages_equally_close_the_first_is_shown() {
        let s = SourceText::new(
            "The mayor spoke on Monday. Rain fell for hours and the streets were \
             flooded by noon, so schools closed early and buses stopped running. \
             The mayor spoke on Friday.",
        );
        let (passage, differences) = shown(&s, "The mayor spoke on Tuesday.").unwrap();
        assert_eq!(passage, "The mayor spoke on Monday.");
        assert_eq!(differences, [pair("Monday.", "Tuesday.")]);
    }

    #[test]
    fn the_passage_widens_to_cover_the_quote_s_unmatched_first_and_last_words() {
        // Two quote words before the first match, two after the last: the
        // passage takes two text words on each side of the matched ones.
        let s = SourceText::new(
            "Yesterday reporters wrote that the mayor spoke on Tuesday and then left the hall.",
        );
        let (passage, differences) =
            shown(&s, "Officials said the mayor spoke on Tuesday about taxes").unwrap();
        assert_eq!(passage, "wrote that the mayor spoke on Tuesday and then");
        assert_eq!(
            differences,
            [
                pair("wrote that", "Officials said"),
                pair("and then", "about taxes")
            ]
        );
    }

    #[test]
    fn words_the_quote_adds_after_the_text_ends_are_placed_at_its_end() {
        let text = "At last the mayor spoke on Tuesday";
        let s = SourceText::new(text);
        let c = s.closest("the mayor spoke on Tuesday about taxes").unwrap();
        assert_eq!(&s.text[c.passage.clone()], "the mayor spoke on Tuesday");
        assert_eq!(
            c.differences,
            [Difference {
                span: text.len()..text.len(),
                quote: "about taxes".to_owned(),
            }]
        );
        // Also where the passage's last word starts at 0 (so the place is its
        // length, 7, not anything worked out from its start alone).
        let c = SourceText::new("Tuesday")
            .closest("Tuesday about taxes")
            .unwrap();
        assert_eq!(c.passage, 0..7);
        assert_eq!(c.differences[0].span, 7..7);
    }

    #[test]
    fn the_search_for_anchors_stops_once_each_has_its_share() {
        let share = "ab ".repeat(OCCURRENCES);
        let hay = format!("{share}{}ab", "x ".repeat(1000));
        let (places, stopped) = occurrences(&hay, &["ab".to_owned()]);
        assert_eq!(places[0].len(), OCCURRENCES);
        // The last "ab" of the share ends before its space, the share's last byte.
        assert_eq!(stopped, share.len() - 1);
        // A needle short of its share keeps the search going to the end.
        let (places, stopped) = occurrences(&hay, &["ab".to_owned(), "xyz".to_owned()]);
        assert_eq!((places[0].len(), places[1].len()), (OCCURRENCES, 0));
        assert_eq!(stopped, hay.len());
    }

    #[test]
    fn a_boundary_is_found_at_or_before_a_byte_inside_a_character() {
        // "é" takes bytes 3 and 4 of "café".
        assert_eq!(floor_boundary("café", 3), 3);
        assert_eq!(floor_boundary("café", 4), 3);
        assert_eq!(floor_boundary("café", 5), 5);
    }

    #[test]
    fn only_a_quote_s_first_and_last_words_may_match_inside_punctuation() {
        let quote = ["the", "mayor", "spoke"];
        let same = |i: usize, s: &str| same_word(&quote, &[s], i, 0);
        // The same word, anywhere.
        assert!(same(1, "mayor"));
        // The last word may be the start of a word followed by punctuation,
        // the first word the end of one preceded by it.
        assert!(same(2, "spoke."));
        assert!(same(0, "(the"));
        // Not the other way round, not in the middle, not before letters.
        assert!(!same(2, "(spoke"));
        assert!(!same(0, "the,"));
        assert!(!same(1, "mayor,"));
        assert!(!same(2, "spokes"));
        assert!(!same(0, "bathe"));
        // A word that was only quote marks matches no punctuation.
        assert!(!same_word(&[""], &[","], 0, 0));
    }

    #[test]
    fn a_quote_sharing_no_word_has_no_closest_passage() {
        let s = SourceText::new(TEXT);
        assert_eq!(s.closest("zebra xylophone"), None);
    }

    #[test]
    fn a_text_that_lower_cases_to_another_length_is_searched_as_written() {
        // İ (two bytes) lower-cases to i and a combining dot (three): the
        // anchors are then looked for in the text as written.
        let quote = "The mayor spoke on Monday.";
        let s = SourceText::new("\u{130}stanbul is far. The mayor spoke on Tuesday.");
        let c = s.closest(quote).unwrap();
        assert_eq!(&s.text[c.passage.clone()], "The mayor spoke on Tuesday.");
        assert_eq!(c.differences.len(), 1, "{c:?}");
        assert_eq!(&s.text[c.differences[0].span.clone()], "Tuesday.");
        assert_eq!(c.differences[0].quote, "Monday.");
        // As found in the same text with a plain I, one byte shorter.
        let plain = SourceText::new("Istanbul is far. The mayor spoke on Tuesday.")
            .closest(quote)
            .unwrap();
        let shift = |r: &Range<usize>| r.start + 1..r.end + 1;
        assert_eq!(c.passage, shift(&plain.passage));
        assert_eq!(c.differences[0].span, shift(&plain.differences[0].span));
    }

    #[test]
    fn capitalised_words_are_anchors_where_the_text_lower_cases_to_another_length() {
        let quote = "Mayor Erdogan Resigned";
        // With a plain I the text is searched lower-cased.
        let plain = SourceText::new("Istanbul: Mayor Erdo\u{11f}an Resigned.");
        assert!(plain.closest(quote).is_some());
        // İ lower-cases to two characters: the text is searched as written,
        // and so must the quote's words be.
        let dotted = SourceText::new("\u{130}stanbul: Mayor Erdo\u{11f}an Resigned.");
        let c = dotted.closest(quote).expect("a closest passage");
        assert_eq!(
            &dotted.text[c.passage.clone()],
            "Mayor Erdo\u{11f}an Resigned."
        );
    }
}
