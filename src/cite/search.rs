//! Finding every quote of a source in one pass over its normalized text.
//!
//! Quotes are prepared once ([`Search`]) for every text or piece of text
//! they are looked for in. A quote of `m` bytes or more contains, at one of
//! its first `m - g + 1` offsets, the `g` bytes (a "gram") found at any
//! text position that is a multiple of `m - g + 1` (a "stride") inside an
//! occurrence. So the quotes are grouped by length, and for each group the
//! text is sampled only every stride bytes: the gram there is tested
//! against a 1 M-bit filter of every group member's grams at those offsets,
//! the few that pass are looked up in a small hash table, and a hit is
//! confirmed by comparing the whole quote. Quotes of 32 bytes or more use
//! grams of 16 bytes, which common phrases rarely fill, shorter ones grams
//! of 8. The shortest quotes of a group, when a scan would cost more with
//! them than without, are searched for one by one (a SIMD search that stops
//! at the first occurrence), as are quotes shorter than eight bytes.
//!
//! Invariants: a quote is reported found only after the whole normalized
//! quote has been compared with the text; a quote that normalizes to nothing
//! is never found; each found range is the first occurrence (the samples are
//! visited in order, and at one sample a quote's offsets are tried from the
//! largest, the earliest start), mapped back to the original text.

use std::ops::Range;

use memchr::memmem::Finder;

use super::text::{normalize_quote, SourceText};

/// The short gram: one `u64`.
const GRAM: usize = 8;

/// Quotes this long or longer are sampled with grams of two `u64`s.
const WIDE_FROM: usize = 32;

/// A scan that samples every this many bytes costs about as much as one
/// search for one quote (measured on article-like text: a sample costs a
/// few nanoseconds, a SIMD search a tenth of one a byte).
const SAMPLES_PER_SEARCH: usize = 40;

/// log2 of the filter's size in bits (128 KB, which stays in cache).
const FILTER_BITS: u32 = 20;

/// Fibonacci hashing: the top bits of this product spread similar grams.
const SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

/// The filter's size in `u64` words.
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; GRAM];
    word.copy_from_slice(&bytes[..GRAM]);
    u64::from_le_bytes(word)
}

/// The key of a gram (`gram` bytes): its word, or for a wide gram its two
/// words mixed (a collision only costs a comparison).
fn key<const WIDE: bool>(gram: &[u8]) -> u64 {
    let first = word(gram);
    if WIDE {
        first.wrapping_mul(SPREAD).rotate_left(29) ^ word(&gram[GRAM..])
    } else {
        first
    }
}

/// Normalized quotes prepared for searching: which are looked for one by
/// one, and the sampled scan of each length group.
pub(super) struct Search<'p> {
    patterns: &'p [String],
    alone: Vec<(usize, Finder<'p>)>,
    scans: Vec<Scan>,
}

/// One length group's sampled scan.
struct Scan {
    /// The group's quotes.
    quotes: Vec<usize>,
    /// Grams of 16 bytes (two words mixed into one key), not 8.
    wide: bool,
    stride: usize,
    /// One bit per filter slot of a gram, set when some entry has it (a
    /// fixed size, so that indexing it needs no bounds check).
    filter: Box<[u64; FILTER_WORDS]>,
    /// Open addressing with linear probing; `quote == EMPTY` is free.
    /// Entries of one gram are met in the order they were inserted.
    table: Vec<Entry>,
    shift: u32,
}

#[derive(Clone, Copy)]
struct Entry {
    gram: u64,
    quote: u32,
    offset: u32,
}

const EMPTY: u32 = u32::MAX;

impl Scan {
    /// The group `quotes` of `patterns`, whose shortest has `min` bytes,
    /// with grams of [`Scan::gram`] bytes.
    fn new(patterns: &[String], quotes: Vec<usize>, min: usize, wide: bool) -> Scan {
        let stride = min - Scan::gram(wide) + 1;
        let size = (quotes.len() * stride * 2).next_power_of_two().max(16);
        let mut scan = Scan::empty(wide, stride, size);
        for &i in &quotes {
            let p = patterns[i].as_bytes();
            // Largest offset first: at one sample, the earliest start.
            for offset in (0..stride).rev() {
                scan.insert(scan.key(&p[offset..]), i, offset);
            }
        }
        scan.quotes = quotes;
        scan
    }

    /// A scan with no entries yet and a table of `size` slots (a power of
    /// two).
    fn empty(wide: bool, stride: usize, size: usize) -> Scan {
        Scan {
            quotes: Vec::new(),
            wide,
            stride,
            filter: Box::new([0; FILTER_WORDS]),
            table: vec![
                Entry {
                    gram: 0,
                    quote: EMPTY,
                    offset: 0
                };
                size
            ],
            shift: 64 - size.trailing_zeros(),
        }
    }

    fn gram(wide: bool) -> usize {
        if wide {
            2 * GRAM
        } else {
            GRAM
        }
    }

    /// The key of the gram that `bytes` starts with.
    fn key(&self, bytes: &[u8]) -> u64 {
        if self.wide {
            key::<true>(bytes)
        } else {
            key::<false>(bytes)
        }
    }

    /// A key's filter bit and home slot, both from one product: the
    /// top [`FILTER_BITS`] bits, and the top bits that index the table.
    fn place(&self, gram: u64) -> (usize, usize) {
        let spread = gram.wrapping_mul(SPREAD);
        (
            (spread >> (64 - FILTER_BITS)) as usize,
            (spread >> self.shift) as usize,
        )
    }

    /// Whether the filter has `bit`: whether some entry's gram may be the
    /// one sampled (most samples of a text stop here).
    #[inline]
    fn may_hold(&self, bit: usize) -> bool {
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn insert(&mut self, gram: u64, quote: usize, offset: usize) {
        let (bit, home) = self.place(gram);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let mask = self.table.len() - 1;
        let mut i = home;
        while self.table[i].quote != EMPTY {
            i = (i + 1) & mask;
        }
        // A quiz file is at most 4 MB: its quote count and lengths fit.
        self.table[i] = Entry {
            gram,
            quote: quote as u32,
            offset: offset as u32,
        };
    }

    /// Samples `hay` every stride bytes; marks in `found` each quote of
    /// the group confirmed there, stopping when none is missing. Returns
    /// how many samples it took: only tests look, to see that it stopped
    /// (worked out from where it stopped, so the loop counts nothing).
    fn run(&self, hay: &[u8], patterns: &[String], found: &mut [Option<Range<usize>>]) -> usize {
        if self.wide {
            self.run_with::<true>(hay, patterns, found)
        } else {
            self.run_with::<false>(hay, patterns, found)
        }
    }

    /// [`Scan::run`] for one gram width, so that the sampling loop has no
    /// branch on it.
    fn run_with<const WIDE: bool>(
        &self,
        hay: &[u8],
        patterns: &[String],
        found: &mut [Option<Range<usize>>],
    ) -> usize {
        let mut missing = self.quotes.iter().filter(|&&q| found[q].is_none()).count();
        if missing == 0 {
            return 0;
        }
        let mask = self.table.len() - 1;
        let gram_len = Scan::gram(WIDE);
        let mut at = 0;
        while let Some(bytes) = hay.get(at..at + gram_len) {
            let gram = key::<WIDE>(bytes);
            let (bit, home) = self.place(gram);
            if self.may_hold(bit) {
                let mut i = home;
                while self.table[i].quote != EMPTY {
                    let e = self.table[i];
                    let (q, offset) = (e.quote as usize, e.offset as usize);
                    if e.gram == gram && found[q].is_none() && at >= offset {
                        let start = at - offset;
                        if hay[start..].starts_with(patterns[q].as_bytes()) {
                            found[q] = Some(start..start + patterns[q].len());
                            missing -= 1;
                            if missing == 0 {
                                // Samples at 0, stride, ..., at.
                                return at / self.stride + 1;
                            }
                        }
                    }
                    i = (i + 1) & mask;
                }
            }
            at += self.stride;
        }
        // Samples at 0, stride, ..., up to before `at`.
        at / self.stride
    }
}

impl<'p> Search<'p> {
    /// Prepares `patterns` (normalized quotes; empty ones are never found).
    pub(super) fn new(patterns: &'p [String]) -> Search<'p> {
        let mut alone = Vec::new();
        let mut scans = Vec::new();
        // Groups by length: [8, 16), [16, 32), [32, 64), ...
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            if p.len() < GRAM {
                alone.push(i);
                continue;
            }
            let group = (p.len() / GRAM).ilog2() as usize;
            if groups.len() <= group {
                groups.resize(group + 1, Vec::new());
            }
            groups[group].push(i);
        }
        for mut group in groups.into_iter().filter(|g| !g.is_empty()) {
            let wide = patterns[group[0]].len() >= WIDE_FROM;
            let gram = Scan::gram(wide);
            // The shortest quotes set the stride: searching the first
            // `k` alone costs `k` searches, and the scan of the rest
            // SAMPLES_PER_SEARCH / stride; the cheapest `k` is taken.
            group.sort_by_key(|&i| patterns[i].len());
            let cost = |k: usize| {
                let scan = group.get(k).map_or(0.0, |&i| {
                    SAMPLES_PER_SEARCH as f64 / (patterns[i].len() - gram + 1) as f64
                });
                k as f64 + scan
            };
            let k = (0..=group.len())
                .min_by(|&a, &b| cost(a).total_cmp(&cost(b)))
                .unwrap_or(group.len());
            let rest = group.split_off(k);
            alone.extend(group);
            if let Some(&shortest) = rest.first() {
                let min = patterns[shortest].len();
                scans.push(Scan::new(patterns, rest, min, wide));
            }
        }
        Search {
            patterns,
            alone: alone
                .into_iter()
                .map(|i| (i, Finder::new(patterns[i].as_bytes())))
                .collect(),
            scans,
        }
    }

    /// One empty slot per pattern, for [`Search::find`] to fill.
    pub(super) fn nothing_found(&self) -> Vec<Option<Range<usize>>> {
        vec![None; self.patterns.len()]
    }

    /// Looks for every quote not yet in `found` (one slot per pattern) in
    /// `hay`, and records where each first occurs.
    pub(super) fn find(&self, hay: &[u8], found: &mut [Option<Range<usize>>]) {
        for (i, finder) in &self.alone {
            if found[*i].is_none() {
                if let Some(at) = finder.find(hay) {
                    found[*i] = Some(at..at + self.patterns[*i].len());
                }
            }
        }
        for scan in &self.scans {
            scan.run(hay, self.patterns, found);
        }
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
    let mut found = vec![None; patterns.len()];
    Search::new(&patterns).find(hay, &mut found);
    found
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
        // Enough quotes of one length for a scan to run; each quote alone
        // is looked for by the plain search, the oracle.
        let text = TEXT.repeat(3) + " one two three four five six seven eight nine ten";
        let s = SourceText::new(text.as_str());
        let words: Vec<&str> = text.split(' ').collect();
        let quotes: Vec<String> = (0..words.len().saturating_sub(3))
            .map(|i| words[i..i + 3].join(" "))
            .chain(["I bet of you".to_owned(), "nine ten eleven".to_owned()])
            .collect();
        let patterns: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
        assert!(!Search::new(&patterns).scans.is_empty());
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

    /// The oracle: the first window of `hay` equal to `p`, by brute force.
    fn first_window(hay: &[u8], p: &[u8]) -> Option<Range<usize>> {
        if p.is_empty() || p.len() > hay.len() {
            return None;
        }
        hay.windows(p.len())
            .position(|w| w == p)
            .map(|at| at..at + p.len())
    }

    #[test]
    fn every_group_finds_the_first_occurrence_that_brute_force_finds() {
        use rand_chacha::rand_core::{RngCore, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut scanned = 0;
        for round in 0..40 {
            // Few letters, so grams, quotes and overlaps repeat often.
            let letters = b"ab a";
            let len = 200 + (rng.next_u32() % 3000) as usize;
            let hay: Vec<u8> = (0..len)
                .map(|_| letters[(rng.next_u32() % 4) as usize])
                .collect();
            // Lengths in every group, both cut from the text and made up.
            let mut patterns: Vec<String> = Vec::new();
            for k in 0..(5 + round) {
                let qlen = 1 + (rng.next_u32() % 140) as usize;
                let qlen = qlen.min(hay.len());
                let quote: Vec<u8> = if k % 3 == 0 {
                    (0..qlen)
                        .map(|_| letters[(rng.next_u32() % 4) as usize])
                        .collect()
                } else {
                    let at = (rng.next_u32() as usize) % (hay.len() - qlen + 1);
                    hay[at..at + qlen].to_vec()
                };
                patterns.push(String::from_utf8(quote).unwrap());
            }
            patterns.push(String::new());
            let search = Search::new(&patterns);
            scanned += search.scans.len();
            let mut found = search.nothing_found();
            search.find(&hay, &mut found);
            for (p, hit) in patterns.iter().zip(&found) {
                assert_eq!(
                    hit,
                    &first_window(&hay, p.as_bytes()),
                    "round {round}: {p:?}"
                );
            }
        }
        // Most rounds scanned some of their quotes.
        assert!(scanned > 20, "{scanned} scans");
    }

    #[test]
    fn a_quote_found_in_one_piece_is_not_looked_for_again() {
        let patterns = vec!["one two three four".to_owned(); 1]
            .into_iter()
            .chain((0..20).map(|i| format!("quote number {i:02} here")))
            .collect::<Vec<_>>();
        let search = Search::new(&patterns);
        let mut found = vec![None; patterns.len()];
        search.find(
            b"xx one two three four and quote number 03 here",
            &mut found,
        );
        assert_eq!(found[0], Some(3..21));
        assert_eq!(found[4], Some(26..46));
        // A later piece has them at other places: the first stays.
        search.find(b"one two three four quote number 03 here", &mut found);
        assert_eq!(found[0], Some(3..21));
        assert_eq!(found[4], Some(26..46));
        assert_eq!(found.iter().flatten().count(), 2);
    }

    /// A scan with no entries and a table of `1 << bits` slots, to see
    /// where [`Scan::place`] puts keys.
    fn empty_scan(bits: u32) -> Scan {
        Scan::empty(false, 1, 1 << bits)
    }

    /// How many distinct filter bits and table homes `keys` are placed at.
    fn spread(scan: &Scan, keys: &[u64]) -> (usize, usize) {
        let places: Vec<(usize, usize)> = keys.iter().map(|&k| scan.place(k)).collect();
        let distinct = |v: Vec<usize>| {
            v.into_iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
        };
        (
            distinct(places.iter().map(|p| p.0).collect()),
            distinct(places.iter().map(|p| p.1).collect()),
        )
    }

    #[test]
    fn distinct_grams_get_distinct_keys_filter_bits_and_homes() {
        // 1,000 grams that differ only in a few digit bits, as grams of
        // one text often do. A narrow key is the gram itself; a wide key
        // is one word spread and xored with the other, so with either word
        // fixed, distinct grams keep distinct keys.
        let digits: Vec<String> = (0..1000).map(|i| format!("{i:08}")).collect();
        let narrow: Vec<u64> = digits.iter().map(|d| key::<false>(d.as_bytes())).collect();
        let wide_second: Vec<u64> = digits
            .iter()
            .map(|d| key::<true>(format!("quote no{d}").as_bytes()))
            .collect();
        let wide_first: Vec<u64> = digits
            .iter()
            .map(|d| key::<true>(format!("{d}quote no").as_bytes()))
            .collect();
        // 2^16 homes: 1,000 keys placed at random would share about
        // 1000 * 999 / 2 / 65536 ≈ 8 of them; 2^20 bits, under one.
        let scan = empty_scan(16);
        for keys in [narrow, wide_second, wide_first] {
            let set: std::collections::HashSet<u64> = keys.iter().copied().collect();
            assert_eq!(set.len(), 1000);
            let (bits, homes) = spread(&scan, &keys);
            assert!(bits >= 995, "{bits} filter bits");
            assert!(homes >= 980, "{homes} homes");
        }
    }

    #[test]
    fn the_filter_lets_few_samples_of_a_text_without_the_quotes_through() {
        // 40 quotes of 24 bytes: a stride of 24 - 8 + 1 = 17, and at most
        // 40 * 17 = 680 of the 2^20 filter bits set.
        let patterns: Vec<String> = (0..40)
            .map(|i| format!("one quote number {i:02} here"))
            .collect();
        assert!(patterns.iter().all(|p| p.len() == 24));
        let scan = Scan::new(&patterns, (0..40).collect(), 24, false);
        assert_eq!(scan.stride, 17);
        let hay: String = (0..100)
            .map(|i| format!("Line {i}: he said wait, the cafe opens at nine. "))
            .collect();
        let samples: Vec<&[u8]> = (0..hay.len() - GRAM)
            .step_by(scan.stride)
            .map(|at| &hay.as_bytes()[at..at + GRAM])
            .collect();
        let through = samples
            .iter()
            .filter(|gram| scan.may_hold(scan.place(key::<false>(gram)).0))
            .count();
        assert!(samples.len() > 100, "{} samples", samples.len());
        // A gram the text shares with a quote passes; one that
        // shares none passes one time in about 2^20 / 680 ≈ 1,500.
        assert!(
            through * 20 < samples.len(),
            "{through} of {} through",
            samples.len()
        );
        let mut found = vec![None; patterns.len()];
        scan.run(hay.as_bytes(), &patterns, &mut found);
        assert!(found.iter().all(Option::is_none));
    }

    #[test]
    fn a_scan_stops_at_the_sample_where_its_last_missing_quote_is_found() {
        // Quotes of 19 and 18 bytes: a stride of 18 - 8 + 1 = 11, samples
        // at 0, 11, 22, ... The first quote starts at 0 (sample 0, offset
        // 0); the second at 20, so sample 22 is 2 bytes into it: found at
        // the third sample, and nothing after it is sampled.
        let patterns = vec![
            "alpha bravo charlie".to_owned(),
            "delta echo foxtrot".to_owned(),
        ];
        let scan = Scan::new(&patterns, vec![0, 1], 18, false);
        assert_eq!(scan.stride, 11);
        let hay = "alpha bravo charlie delta echo foxtrot ".to_owned() + &"golf ".repeat(100);
        let mut found = vec![None; 2];
        assert_eq!(scan.run(hay.as_bytes(), &patterns, &mut found), 3);
        assert_eq!(found, [Some(0..19), Some(20..38)]);
        // Nothing missing: nothing sampled.
        assert_eq!(scan.run(hay.as_bytes(), &patterns, &mut found), 0);
        // One quote missing: every sample, at 0, 11, ..., up to the last
        // whole gram (539 bytes: grams start at 0..=531, 531 / 11 = 48).
        assert_eq!(hay.len(), 539);
        let mut found = vec![None, Some(20..38)];
        let hay = hay.replace("charlie", "charles");
        assert_eq!(scan.run(hay.as_bytes(), &patterns, &mut found), 49);
        assert_eq!(found, [None, Some(20..38)]);
    }
}
