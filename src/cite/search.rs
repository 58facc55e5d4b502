//! Finding every quote of a source in one pass over its normalized text.
//!
//! Every quote with a space has a word start inside it, which in the text
//! also follows a space. Each quote is anchored on the word start whose eight
//! bytes are rarest among all the quotes; the pass visits every space of the
//! text (eight bytes at a time, SWAR), tests a 64 K-bit filter of the
//! anchors, looks the few survivors up in a small hash table and confirms a
//! hit by comparing the whole quote. Quotes with no usable anchor, and all
//! the quotes of a source that has only a few, are looked for one by one.
//!
//! Invariants: a quote is reported found only after the whole normalized
//! quote has been compared with the text; a quote that normalizes to nothing
//! is never found; each found range is the first occurrence, mapped back to
//! the original text.

use std::ops::Range;

use super::text::{normalize_quote, SourceText};

/// Up to this many quotes, each is looked for on its own (a SIMD search
/// that stops at its first occurrence) instead of in one anchored pass
/// over every space of the text, which costs the same for one quote as for
/// a thousand.
const FEW_QUOTES: usize = 16;

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

impl SourceText {
    /// Finds every quote at once: for each, the range of its first occurrence
    /// in [`SourceText::text`], or `None` when it does not occur.
    pub fn find_all(&self, quotes: &[&str]) -> Vec<Option<Range<usize>>> {
        let normalized = self.normalized();
        find_normalized(normalized.text.as_bytes(), quotes)
            .into_iter()
            .map(|hit| hit.map(|r| normalized.original_range(&self.text, r)))
            .collect()
    }
}

/// Finds every quote at once in a normalized text `hay`: for each, the
/// range of its first occurrence there, or `None` when it does not occur.
pub(super) fn find_normalized(hay: &[u8], quotes: &[&str]) -> Vec<Option<Range<usize>>> {
    let patterns: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
    find_patterns(hay, &patterns)
}

/// [`find_normalized`] for quotes already normalized (`patterns`).
pub(super) fn find_patterns(hay: &[u8], patterns: &[String]) -> Vec<Option<Range<usize>>> {
    let mut found: Vec<Option<Range<usize>>> = vec![None; patterns.len()];
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
    let (anchored, unanchored): (Vec<usize>, Vec<usize>) = if searchable.len() <= FEW_QUOTES {
        (Vec::new(), searchable)
    } else {
        searchable
            .iter()
            .partition(|&&i| anchor_places(patterns[i].as_bytes()).next().is_some())
    };
    anchored_scan(hay, patterns, &anchored, &mut found, |i, at, offset| {
        let start = at - offset;
        hay[start..]
            .starts_with(patterns[i].as_bytes())
            .then(|| start..start + patterns[i].len())
    });
    for i in unanchored {
        if let Some(at) = memchr::memmem::find(hay, patterns[i].as_bytes()) {
            found[i] = Some(at..at + patterns[i].len());
        }
    }
    found
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::TEXT;

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
    fn many_quotes_in_one_pass_are_found_as_one_by_one() {
        // More than FEW_QUOTES, so the anchored pass runs; each quote alone
        // is looked for by the plain search, the oracle.
        let text = TEXT.repeat(3) + " one two three four five six seven eight nine ten";
        let s = SourceText::new(text.as_str());
        let words: Vec<&str> = text.split(' ').collect();
        let quotes: Vec<String> = (0..words.len().saturating_sub(3))
            .map(|i| words[i..i + 3].join(" "))
            .chain(["I bet of you".to_owned(), "nine ten eleven".to_owned()])
            .collect();
        assert!(quotes.len() > FEW_QUOTES);
        let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let together = s.find_all(&refs);
        for (q, hit) in refs.iter().zip(&together) {
            assert_eq!(hit, &s.find_all(&[q])[0], "{q:?}");
        }
        assert!(together[..together.len() - 2].iter().all(Option::is_some));
        assert_eq!(together[together.len() - 2..], [None, None]);
    }

    #[test]
    fn overlapping_and_nested_quotes_are_all_found() {
        let s = SourceText::new("one two three four");
        let found = s.find_all(&["one two three", "two", "three four"]);
        assert!(found.iter().all(Option::is_some));
    }
}
