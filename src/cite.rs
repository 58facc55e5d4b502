//! Citations proved against the articles they quote.
//!
//! A quote must occur in its source's text. Matching is exact except for what
//! publishing changes without changing the words: curly and straight quotes
//! and apostrophes are alike, dashes (– — -) are alike, runs of whitespace and
//! line breaks count as one space, and both sides are compared in Unicode NFC.
//! One changed word or letter is a failure: spelling differences between
//! reports are evidence, and the check must keep them.
//!
//! Speed (see `benches/cite.rs` and docs/performance.md): a source's text is
//! normalized once, in one pass that copies plain runs of bytes in bulk (a
//! table lookup per byte; doubled spaces found by a SIMD search), checks NFC
//! along the way (only around the rare characters from U+0300 up), and
//! records a breakpoint only where the copy's offsets drift from the
//! original's. Then all quotes are looked for in one more pass: every quote
//! with a space has a word start inside it, which in the text also follows a
//! space. Each quote is anchored on the word start whose eight bytes are
//! rarest among all the quotes; the pass visits every space of the text
//! (eight bytes at a time, SWAR), tests a 64 K-bit filter of the anchors, looks
//! the few survivors up in a small hash table and confirms a hit by comparing
//! the whole quote. Breakpoints map a match back to the original text by
//! binary search, for context and highlighting.

use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::digest::sha256_hex;
use crate::load::Place;

/// How many bytes after a quote's first space identify it in the search.
const ANCHOR_BYTES: usize = 8;

/// The places a normalized quote can be anchored: each word start that
/// follows a space and has [`ANCHOR_BYTES`] bytes of the quote after it.
fn anchor_places(p: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b' ', p)
        .map(|space| space + 1)
        .filter(move |&at| p.len() >= at + ANCHOR_BYTES)
}

/// Where to anchor each quote: of its word starts, the one whose eight bytes
/// are rarest among all the quotes (a stand-in for rarest in the text, since
/// the quotes are drawn from it), longer words first on a tie. Common words
/// would make the scan confirm many places for nothing.
fn choose_anchors(patterns: &[String], quotes: &[usize]) -> Vec<Option<usize>> {
    let mut counts: std::collections::HashMap<u64, usize> = Default::default();
    for &i in quotes {
        let p = patterns[i].as_bytes();
        for at in anchor_places(p) {
            *counts.entry(anchor_key(&p[at..])).or_default() += 1;
        }
    }
    quotes
        .iter()
        .map(|&i| {
            let p = patterns[i].as_bytes();
            anchor_places(p).min_by_key(|&at| {
                let word = p[at..]
                    .iter()
                    .position(|&b| b == b' ')
                    .unwrap_or(p.len() - at);
                (counts[&anchor_key(&p[at..])], std::cmp::Reverse(word))
            })
        })
        .collect()
}

/// The filter bit for a word start's eight bytes (a multiplicative hash:
/// the top 16 bits of the product).
fn key_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

fn anchor_key(bytes: &[u8]) -> u64 {
    let mut key = [0u8; 8];
    key.copy_from_slice(&bytes[..ANCHOR_BYTES]);
    u64::from_le_bytes(key)
}

/// An anchor and the quotes that have it: `(quote index, anchor offset)`.
type AnchorSlot = (u64, Vec<(usize, usize)>);

/// A small open-addressing hash table from an anchor (eight bytes read as a
/// number) to the quotes that have it: `(quote index, anchor offset)`.
struct AnchorTable {
    slots: Vec<Option<AnchorSlot>>,
    shift: u32,
    len: usize,
}

impl AnchorTable {
    fn with_capacity(n: usize) -> Self {
        let size = (n * 4).next_power_of_two().max(16);
        AnchorTable {
            slots: vec![None; size],
            shift: 64 - size.trailing_zeros(),
            len: 0,
        }
    }

    fn slot(&self, key: u64) -> usize {
        // Fibonacci hashing: the top bits of a multiply spread similar keys.
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn insert(&mut self, key: u64, quote: usize, offset: usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            match &mut self.slots[i] {
                Some((k, list)) if *k == key => {
                    list.push((quote, offset));
                    break;
                }
                Some(_) => i = (i + 1) & mask,
                empty @ None => {
                    *empty = Some((key, vec![(quote, offset)]));
                    break;
                }
            }
        }
        self.len += 1;
    }

    fn get(&self, key: u64) -> &[(usize, usize)] {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            match &self.slots[i] {
                Some((k, list)) if *k == key => return list,
                Some(_) => i = (i + 1) & mask,
                None => return &[],
            }
        }
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// A source text, with its normalized copy.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text as read (in NFC).
    pub text: String,
    normalized: Normalized,
}

/// A normalized copy of a text and the way back to the original's offsets.
#[derive(Debug, Clone)]
struct Normalized {
    text: String,
    /// `(normalized offset, original offset)` wherever the two drift apart.
    breaks: Vec<(usize, usize)>,
}

impl Normalized {
    /// The original offset of a normalized offset.
    fn original(&self, n: usize) -> usize {
        let i = self.breaks.partition_point(|&(norm, _)| norm <= n);
        match i {
            0 => n,
            _ => {
                let (norm, orig) = self.breaks[i - 1];
                orig + (n - norm)
            }
        }
    }

    /// The range of `original` that a normalized range came from.
    fn original_range(&self, original: &str, r: Range<usize>) -> Range<usize> {
        let start = self.original(r.start).min(original.len());
        // Map the last byte, not the end, so a trailing folded char maps inside.
        let end = if r.end > r.start {
            let mut end = (self.original(r.end - 1) + 1).min(original.len());
            while end < original.len() && !original.is_char_boundary(end) {
                end += 1;
            }
            end
        } else {
            start
        };
        start..end
    }
}

/// What a character becomes in the normalized copy, if it changes.
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Some('"')
        }
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2039}'
        | '\u{203a}' => Some('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        _ => None,
    }
}

/// Bytes that may start something other than a plain copy: ASCII whitespace
/// other than the space, and the lead bytes of the only non-ASCII characters
/// that change: C2 (U+0080–U+00BF: no-break space, «, »), E1 (U+1680), E2
/// (U+2000–U+2FFF: spaces, dashes, curly quotes) and E3 (U+3000). Letters such
/// as é (lead byte C3) and single spaces are copied in bulk; runs of two or
/// more spaces are found separately (see [`normalize_with_breaks`]).
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0xcc || matches!(b as u8, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0xc2);
        b += 1;
    }
    table
};

/// Normalizes `text` and records where offsets drift (see the module docs).
///
/// Plain bytes are skipped with one table lookup each and copied in bulk;
/// doubled spaces, which the table cannot see, are found by a SIMD search
/// for "  " that runs alongside.
///
/// The same pass checks that the text is in NFC: characters below U+0300 and
/// general punctuation always are, so only around the rare others (UTF-8
/// lead bytes CC and up) is Unicode's quick check asked. With `check_nfc`,
/// an unsure answer returns `None` so the caller can compose the text first.
fn normalize_with_breaks(text: &str, check_nfc: bool) -> Option<(String, Vec<(usize, usize)>)> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut breaks = Vec::new();
    let mut doubles = memchr::memmem::find_iter(bytes, b"  ").peekable();
    let mut i = 0;
    let mut run = 0; // start of the pending run of bytes copied as they are
    while i < bytes.len() {
        while doubles.peek().is_some_and(|&d| d < i) {
            doubles.next();
        }
        let limit = doubles.peek().copied().unwrap_or(bytes.len());
        i += bytes[i..limit]
            .iter()
            .position(|&b| SPECIAL[usize::from(b)])
            .unwrap_or(limit - i);
        if i >= bytes.len() {
            break;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            // Spaces just before belong to the same run of whitespace.
            let mut start = i;
            while start > run && bytes[start - 1] == b' ' {
                start -= 1;
            }
            out.push_str(&text[run..start]);
            while let Some(w) = text[i..].chars().next().filter(|w| w.is_whitespace()) {
                i += w.len_utf8();
            }
            out.push(' ');
            breaks.push((out.len(), i));
            run = i;
        } else if let Some(r) = fold_char(c) {
            out.push_str(&text[run..i]);
            out.push(r);
            i += c.len_utf8();
            breaks.push((out.len(), i));
            run = i;
        } else {
            if check_nfc && c >= '\u{300}' && !('\u{2000}'..='\u{2bff}').contains(&c) {
                // The character before may be a base this one composes with.
                let from = text[..i].char_indices().next_back().map_or(i, |(p, _)| p);
                let to = text[i..]
                    .char_indices()
                    .nth(4)
                    .map_or(text.len(), |(p, _)| i + p);
                if is_nfc_quick(text[from..to].chars()) != IsNormalized::Yes {
                    return None;
                }
            }
            i += c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
    Some((out, breaks))
}

/// A quote as it is compared: normalized like a source text, ends trimmed.
pub fn normalize_quote(quote: &str) -> String {
    let (normalized, _) = normalize_nfc(quote.to_owned()).1;
    normalized.trim().to_owned()
}

/// `text` in NFC, and its normalized copy with breakpoints: one pass when
/// the text is already NFC (the usual case), a composition first otherwise.
fn normalize_nfc(text: String) -> (String, (String, Vec<(usize, usize)>)) {
    match normalize_with_breaks(&text, true) {
        Some(normalized) => (text, normalized),
        None => {
            let composed: String = text.nfc().collect();
            let normalized = normalize_with_breaks(&composed, false).unwrap_or_default();
            (composed, normalized)
        }
    }
}

impl SourceText {
    /// Prepares `text` for quote lookups (taking ownership avoids a copy).
    pub fn new(text: impl Into<String>) -> SourceText {
        let (text, (normalized, breaks)) = normalize_nfc(text.into());
        SourceText {
            text,
            normalized: Normalized {
                text: normalized,
                breaks,
            },
        }
    }

    fn normalized(&self) -> &Normalized {
        &self.normalized
    }

    fn original_range(&self, r: Range<usize>) -> Range<usize> {
        self.normalized().original_range(&self.text, r)
    }

    /// Finds every quote at once: for each, the range of its first occurrence
    /// in [`SourceText::text`], or `None` when it does not occur.
    pub fn find_all(&self, quotes: &[&str]) -> Vec<Option<Range<usize>>> {
        let patterns: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
        let mut found: Vec<Option<Range<usize>>> = vec![None; quotes.len()];
        // Empty quotes never match (validation reports them).
        let searchable: Vec<usize> = (0..patterns.len())
            .filter(|&i| !patterns[i].is_empty())
            .collect();
        if searchable.is_empty() {
            return found;
        }
        // Every quote with a space has a word start inside it, and in the
        // normalized text that word start also follows a space. One pass over
        // the spaces of the normalized text looks up the eight bytes after
        // each in a small hash table of the quotes' anchors; a hit is checked
        // by comparing the whole quote. Quotes without a space, or with fewer
        // than eight bytes after every space, are searched for one by one.
        let normalized = self.normalized();
        let hay = normalized.text.as_bytes();
        let (anchored, unanchored): (Vec<usize>, Vec<usize>) = searchable
            .iter()
            .partition(|&&i| anchor_places(patterns[i].as_bytes()).next().is_some());
        anchored_scan(hay, &patterns, &anchored, &mut found, |i, at, offset| {
            let start = at - offset;
            hay[start..]
                .starts_with(patterns[i].as_bytes())
                .then(|| normalized.original_range(&self.text, start..start + patterns[i].len()))
        });
        for i in unanchored {
            if let Some(at) = memchr::memmem::find(hay, patterns[i].as_bytes()) {
                found[i] = Some(normalized.original_range(&self.text, at..at + patterns[i].len()));
            }
        }
        found
    }

    /// The sentence(s) around `range`: from the start of the sentence that holds
    /// its start to the end of the sentence that holds its end, kept within one
    /// paragraph and about 400 bytes either side.
    pub fn sentence_around(&self, range: Range<usize>) -> Range<usize> {
        let text = &self.text;
        let before = &text[..range.start];
        let mut start = before
            .char_indices()
            .rev()
            .take_while(|(i, _)| range.start - i <= 400)
            .find(|&(i, c)| {
                c == '\n' || (matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' '))
            })
            .map_or_else(
                || range.start.saturating_sub(400),
                |(i, c)| i + c.len_utf8(),
            );
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let after = &text[range.end..];
        let mut end = after
            .char_indices()
            .take_while(|(i, _)| *i <= 400)
            .find(|&(i, c)| {
                c == '\n'
                    || (matches!(c, '.' | '!' | '?')
                        && after[i + 1..]
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace))
            })
            .map_or_else(
                || (range.end + 400).min(text.len()),
                |(i, c)| {
                    if c == '\n' {
                        range.end + i
                    } else {
                        range.end + i + 1
                    }
                },
            );
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Leading spaces are not part of the sentence.
        let trimmed = text[start..end].len() - text[start..end].trim_start().len();
        (start + trimmed)..end.max(start + trimmed)
    }

    /// The passage of the text closest to a quote that does not occur, with
    /// the words that differ. `None` when no passage shares a word with it.
    pub fn closest(&self, quote: &str) -> Option<Closest> {
        let normalized = &self.normalized().text;
        let quote = normalize_quote(quote);
        let qwords = words(&quote);
        if qwords.is_empty() {
            return None;
        }
        let lower = normalized.to_lowercase();
        // lower-casing can change lengths for a few scripts; then give up on
        // positions from the lower-cased copy and search the normalized one.
        let haystack = if lower.len() == normalized.len() {
            lower.as_str()
        } else {
            normalized.as_str()
        };
        // Anchor on the longest words of the quote: they are the rarest.
        let mut anchors: Vec<&(usize, &str)> = qwords.iter().collect();
        anchors.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        let mut best: Option<(usize, Range<usize>)> = None;
        for &&(offset, word) in anchors.iter().take(4) {
            let needle = if haystack.len() == normalized.len() {
                word.to_lowercase()
            } else {
                word.to_owned()
            };
            for (at, _) in haystack.match_indices(&needle).take(500) {
                let start = floor_boundary(normalized, at.saturating_sub(offset + 10));
                let end = floor_boundary(
                    normalized,
                    (at - offset.min(at) + 2 * quote.len() + 20).min(normalized.len()),
                );
                let window = &normalized[start..end];
                // Words that match exactly count twice: between a headline
                // in title case and a sentence, prefer the sentence.
                let wwords = words(window);
                let score = lcs_pairs(&qwords, &wwords, true).len()
                    + lcs_pairs(&qwords, &wwords, false).len();
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
        // unmatched words at either end.
        let (first, last) = match (pairs.first(), pairs.last()) {
            (Some(&(qf, sf)), Some(&(ql, sl))) => (
                sf.saturating_sub(qf),
                (sl + (qwords.len() - 1 - ql)).min(swords.len() - 1),
            ),
            _ => (0, swords.len().saturating_sub(1).min(qwords.len())),
        };
        let swords = &swords[first..=last.max(first).min(swords.len() - 1)];
        let pairs: Vec<(usize, usize)> = pairs
            .into_iter()
            .filter(|&(_, s)| s >= first && s - first < swords.len())
            .map(|(q, s)| (q, s - first))
            .collect();
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

/// One pass over the whitespace of `hay`: each word start whose next eight
/// bytes are some quote's anchor is offered to `confirm` for that quote.
fn anchored_scan(
    hay: &[u8],
    patterns: &[String],
    quotes: &[usize],
    found: &mut [Option<Range<usize>>],
    mut confirm: impl FnMut(usize, usize, usize) -> Option<Range<usize>>,
) {
    let mut anchors = AnchorTable::with_capacity(quotes.len());
    for (&i, at) in quotes.iter().zip(choose_anchors(patterns, quotes)) {
        if let Some(at) = at {
            anchors.insert(anchor_key(&patterns[i].as_bytes()[at..]), i, at);
        }
    }
    let mut missing = anchors.len();
    if missing == 0 {
        return;
    }
    // A 64 K-bit filter over the anchors' eight bytes: most word
    // starts are turned away by one bit test, without hashing.
    let mut starts = vec![0u64; 65536 / 64];
    for slot in anchors.slots.iter().flatten() {
        let bit = key_bit(slot.0);
        starts[bit / 64] |= 1 << (bit % 64);
    }
    let end = hay.len().saturating_sub(ANCHOR_BYTES);
    // Visit every space eight bytes at a time: a SWAR test marks the spaces
    // in a word of the text, and each marked byte is handled in turn.
    let mut visit = |at: usize, found: &mut [Option<Range<usize>>]| -> bool {
        let key = anchor_key(&hay[at..]);
        let bit = key_bit(key);
        if starts[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        for &(i, offset) in anchors.get(key) {
            if found[i].is_none() && at >= offset {
                if let Some(r) = confirm(i, at, offset) {
                    found[i] = Some(r);
                    missing -= 1;
                }
            }
        }
        missing == 0
    };
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let mut base = 0;
    while base + 8 <= end {
        let word = u64::from_le_bytes(hay[base..base + 8].try_into().unwrap_or([0; 8]));
        let x = word ^ SPACES;
        // The exact zero-byte test (no false positives from borrows).
        let mut mask = !((((x & !HIGHS) + !HIGHS) | x) | !HIGHS);
        while mask != 0 {
            let at = base + (mask.trailing_zeros() / 8) as usize + 1;
            if at <= end && visit(at, found) {
                return;
            }
            mask &= mask - 1;
        }
        base += 8;
    }
    for (space, &b) in hay.iter().enumerate().take(end).skip(base) {
        if b == b' ' && visit(space + 1, found) {
            return;
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

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

/// Index pairs of a longest common subsequence of two word lists: the quote's
/// words `a` and a passage's words `b`.
///
/// Quote marks around words do not count, and a quote may start or end in
/// the middle of punctuation: its first word may be the end of a passage word
/// and its last word the start of one ("soldiers" matches "soldiers,").
fn lcs_pairs(a: &[(usize, &str)], b: &[(usize, &str)], ignore_case: bool) -> Vec<(usize, usize)> {
    let bare = |w: &str| -> String {
        let w = w.trim_matches(['"', '\'']);
        if ignore_case {
            w.to_lowercase()
        } else {
            w.to_owned()
        }
    };
    let qa: Vec<String> = a.iter().map(|(_, w)| bare(w)).collect();
    let sb: Vec<String> = b.iter().map(|(_, w)| bare(w)).collect();
    let last = a.len().saturating_sub(1);
    let same = |i: usize, j: usize| {
        let (q, s) = (&qa[i], &sb[j]);
        let only_punctuation = |rest: &str| rest.chars().all(|c| !c.is_alphanumeric());
        q == s
            || (!q.is_empty()
                && i == last
                && s.strip_prefix(q.as_str()).is_some_and(only_punctuation))
            || (!q.is_empty() && i == 0 && s.strip_suffix(q.as_str()).is_some_and(only_punctuation))
    };
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

/// A source's text as read from the sources folder, or why it could not be.
pub type SourceRead = Result<Vec<u8>, String>;

/// Checks every citation of `doc` against the texts of its sources: each
/// quote must occur in the text of the source it names, and a pinned hash
/// must match. `texts` maps source ids to what reading their file gave.
pub fn check_citations(
    doc: &crate::load::Document<crate::quiz::Quiz>,
    texts: &std::collections::BTreeMap<String, SourceRead>,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    let quiz = &doc.value;
    let mut found = Vec::new();
    let mut prepared: std::collections::BTreeMap<&str, SourceText> = Default::default();
    for (i, source) in quiz.sources.iter().enumerate() {
        let place = Place::root().field("sources").index(i);
        let at = |field: &str| doc.spans.find(&place.field(field));
        let bytes = match texts.get(&source.id) {
            Some(Ok(bytes)) => bytes,
            Some(Err(reason)) => {
                found.push(
                    Diagnostic::error(
                        format!(
                            "cannot read source `{}` ({}): {reason}",
                            source.id, source.file
                        ),
                        at("file"),
                    )
                    .with_help("name a file inside the sources folder"),
                );
                continue;
            }
            None => continue,
        };
        if let Some(pinned) = &source.sha256 {
            let actual = sha256_hex(bytes);
            if !pinned.eq_ignore_ascii_case(&actual) {
                found.push(
                    Diagnostic::error(
                        format!(
                            "source `{}` ({}) has changed since it was pinned: its sha256 is now {actual}",
                            source.id, source.file
                        ),
                        at("sha256"),
                    )
                    .with_help("check the quotes against the new text, then run `lateral pin` to record it"),
                );
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                prepared.insert(source.id.as_str(), SourceText::new(text));
            }
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let (line, col) = crate::diagnostic::line_col(
                    std::str::from_utf8(good).unwrap_or(""),
                    good.len(),
                );
                found.push(
                    Diagnostic::error(
                        format!(
                            "source `{}` ({}) is not UTF-8 text (invalid byte at line {line}, column {col})",
                            source.id, source.file
                        ),
                        at("file"),
                    )
                    .with_help("save the article as UTF-8"),
                );
            }
        }
    }
    // Every quote of a source, looked up in one pass over its text.
    for (id, source_text) in &prepared {
        let mut places = Vec::new();
        let mut quotes = Vec::new();
        for (i, q) in quiz.questions.iter().enumerate() {
            for (k, c) in q.citations.iter().enumerate() {
                if c.source == *id && !c.quote.trim().is_empty() {
                    places.push(
                        Place::root()
                            .field("questions")
                            .index(i)
                            .field("citations")
                            .index(k)
                            .field("quote"),
                    );
                    quotes.push(c.quote.as_str());
                }
            }
        }
        let file = quiz.source(id).map_or("", |s| s.file.as_str());
        for ((place, quote), hit) in places
            .iter()
            .zip(&quotes)
            .zip(source_text.find_all(&quotes))
        {
            if hit.is_some() {
                continue;
            }
            let mut d = Diagnostic::error(
                format!("citation quote not found in {file}"),
                doc.spans.find(place),
            );
            match source_text.closest(quote) {
                Some(closest) => {
                    d.help = Some(
                        "copy the words exactly as the source has them; only quote marks, dashes and spacing may differ"
                            .to_owned(),
                    );
                    d.related = Some(Box::new(related_passage(file, &source_text.text, &closest)));
                }
                None => {
                    d.help = Some(format!(
                        "no passage of {file} shares a word with this quote; is it cited to the right source?"
                    ));
                }
            }
            found.push(d);
        }
    }
    found.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    found
}

/// The lines around a closest passage, with each difference marked.
fn related_passage(file: &str, text: &str, closest: &Closest) -> crate::diagnostic::Related {
    let start = text[..closest.passage.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[closest.passage.end..]
        .find('\n')
        .map_or(text.len(), |i| closest.passage.end + i);
    let line_start = text[..start].matches('\n').count() + 1;
    let marks = closest
        .differences
        .iter()
        .map(|d| {
            let label = if d.quote.is_empty() {
                "not in the quote".to_owned()
            } else if d.span.is_empty() {
                format!("the quote adds `{}`", d.quote)
            } else {
                format!("the quote has `{}`", d.quote)
            };
            ((d.span.start - start)..(d.span.end - start), label)
        })
        .collect();
    crate::diagnostic::Related {
        title: format!("closest passage in {file}:"),
        path: file.to_owned(),
        excerpt: text[start..end].to_owned(),
        line_start,
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "He said: \u{201c}Let me pass,  I beg of you.\u{201d}\nThe trip \u{2014} 1,500 miles \u{2014} was long. It\u{2019}s over.";

    #[test]
    fn quotes_match_across_quote_styles_dashes_and_spaces() {
        let s = SourceText::new(TEXT);
        let found = s.find_all(&[
            "\"Let me pass, I beg of you.\"",
            "trip - 1,500 miles - was",
            "It's over.",
            "I  beg\nof you",
        ]);
        assert_eq!(
            &TEXT[found[0].clone().unwrap()],
            "\u{201c}Let me pass,  I beg of you.\u{201d}"
        );
        assert_eq!(
            &TEXT[found[1].clone().unwrap()],
            "trip \u{2014} 1,500 miles \u{2014} was"
        );
        assert_eq!(&TEXT[found[2].clone().unwrap()], "It\u{2019}s over.");
        assert_eq!(&TEXT[found[3].clone().unwrap()], "I beg of you");
    }

    #[test]
    fn one_changed_letter_or_word_is_not_found() {
        let s = SourceText::new(TEXT);
        assert_eq!(
            s.find_all(&["I bet of you", "let me pass", "1500 miles", ""]),
            vec![None, None, None, None]
        );
    }

    #[test]
    fn composed_and_decomposed_accents_match() {
        let s = SourceText::new("Felipe Caldero\u{301}n said");
        assert!(s.find_all(&["Felipe Calder\u{f3}n"])[0].is_some());
    }

    #[test]
    fn overlapping_and_nested_quotes_are_all_found() {
        let s = SourceText::new("one two three four");
        let found = s.find_all(&["one two three", "two", "three four"]);
        assert!(found.iter().all(Option::is_some));
    }

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
    fn a_quote_sharing_no_word_has_no_closest_passage() {
        let s = SourceText::new(TEXT);
        assert_eq!(s.closest("zebra xylophone"), None);
    }

    #[test]
    fn the_sentence_around_a_quote() {
        let s = SourceText::new("First one. The trip was long, very long. Next.\nOther");
        let r = s.find_all(&["was long"])[0].clone().unwrap();
        assert_eq!(
            &s.text[s.sentence_around(r)],
            "The trip was long, very long."
        );
    }
}
