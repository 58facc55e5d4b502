//! The normalized copy of a source text, and the way back to the original.
//!
//! A source's text is normalized once: curly and straight quotes and
//! apostrophes become one, dashes become `-`, runs of whitespace become one
//! space, and the text is compared in Unicode NFC. The normalization is one
//! pass that copies plain runs of bytes in bulk (a table lookup per byte;
//! doubled spaces found by a SIMD search), checks NFC along the way (only
//! around the rare characters from U+0300 up), and records a breakpoint only
//! where the copy's offsets drift from the original's.
//!
//! Invariants: [`SourceText::text`] is the text in NFC; a range of the
//! normalized copy maps back (by binary search over the breakpoints) to the
//! range of that text it came from, so matches are shown and highlighted in
//! the words the source actually has. A quote is normalized by the same
//! function as the text ([`normalize_quote`]), so both sides agree.

use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A source text, with its normalized copy.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text as read (in NFC).
    pub text: String,
    normalized: Normalized,
    /// The normalized copy lower-cased, made the first time a closest
    /// passage is looked for and kept for the next ones; `None` when
    /// lower-casing changes its length.
    /// With it, whether every character lower-cases to as many bytes as
    /// it has (so a word of the text lower-cased is the same range of it).
    lower: std::sync::OnceLock<Option<(String, bool)>>,
}

/// A normalized copy of a text and the way back to the original's offsets.
#[derive(Debug, Clone)]
pub(super) struct Normalized {
    /// The normalized text that quotes are compared with.
    pub(super) text: String,
    /// `(normalized offset, original offset)` wherever the two drift apart,
    /// as 32-bit numbers: half the memory, and source texts are far smaller
    /// than 4 GB (see [`crate::sources::MAX_SOURCE_BYTES`]).
    breaks: Vec<(u32, u32)>,
}

impl Normalized {
    /// The original offset of a normalized offset.
    fn original(&self, n: usize) -> usize {
        let i = self.breaks.partition_point(|&(norm, _)| norm as usize <= n);
        match i {
            0 => n,
            _ => {
                let (norm, orig) = self.breaks[i - 1];
                orig as usize + (n - norm as usize)
            }
        }
    }

    /// The range of `original` that a normalized range came from.
    pub(super) fn original_range(&self, original: &str, r: Range<usize>) -> Range<usize> {
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
const fn fold_char(c: char) -> Option<char> {
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

/// Bytes that may start something other than a plain copy: ASCII controls
/// up to \r (the whitespace other than the space among them; the others
/// are copied like any character), and the lead bytes of the only non-ASCII characters
/// that change: C2 (U+0080–U+00BF: no-break space, «, »), E1 (U+1680), E2
/// (U+2000–U+2FFF: spaces, dashes, curly quotes) and E3 (U+3000). Letters such
/// as é (lead byte C3) and single spaces are copied in bulk; runs of two or
/// more spaces are found separately (see [`normalize_with_breaks`]).
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0xcc || b < 0x0e || b == 0xc2;
        b += 1;
    }
    table
};

/// What each character U+2000–U+203F (UTF-8 `E2 80` and one byte from
/// 0x80, by that byte's low six bits) needs, so that the curly quotes,
/// apostrophes and dashes of an article are folded without decoding them:
/// the byte it folds to, [`PLAIN`] (kept as written; in NFC wherever it
/// stands), or [`SPACE`] (whitespace: the general path).
const GENERAL_PUNCTUATION: [u8; 64] = {
    let mut table = [PLAIN; 64];
    let mut low = 0;
    while low < 64 {
        let c = 0x2000 + low as u32;
        table[low] = match char::from_u32(c) {
            Some(c) => match fold_char(c) {
                Some(r) => r as u8,
                None if c <= '\u{200a}' || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202f}') => {
                    SPACE
                }
                None => PLAIN,
            },
            None => PLAIN,
        };
        low += 1;
    }
    table
};
const PLAIN: u8 = 0;
const SPACE: u8 = 1;

/// Characters that are in NFC wherever they stand and compose with
/// nothing: general punctuation, super- and subscripts and currency signs
/// (U+2002–U+20CF), common in articles, so not worth asking about. U+2000
/// and U+2001 before them, the letterlike symbols after (the ohm, kelvin
/// and ångström signs are not NFC) and the combining marks for symbols
/// (U+20D0 up) are asked about.
const NFC_ALWAYS: std::ops::RangeInclusive<char> = '\u{2002}'..='\u{20cf}';

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
fn normalize_with_breaks(text: &str, check_nfc: bool) -> Option<(String, Vec<(u32, u32)>)> {
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
        i = next_special(bytes, i, limit);
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
            breaks.push(offsets(out.len(), i));
            run = i;
        } else if let Some(r) = fold_char(c) {
            out.push_str(&text[run..i]);
            out.push(r);
            i += c.len_utf8();
            breaks.push(offsets(out.len(), i));
            run = i;
        } else {
            if check_nfc && c >= '\u{300}' && !NFC_ALWAYS.contains(&c) {
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
    out.shrink_to_fit();
    breaks.shrink_to_fit();
    Some((out, breaks))
}

/// Normalizes the UTF-8 text in `buf` where it lies, as
/// [`normalize_with_breaks`] does but keeping no breakpoints and no copy:
/// normalizing never lengthens a text in NFC (each character that changes
/// becomes one byte, and a run of whitespace one space), so the normalized
/// text is written at the slice's start, and its length returned (`None`
/// when the text may not be in NFC: the caller prepares it the usual way). A piece of a longer text normalizes as it would inside the whole
/// when it starts with a character that is neither whitespace nor
/// combining, and ends after at least five ASCII letters or digits.
pub(super) fn normalize_slice(buf: &mut [u8]) -> Option<usize> {
    let len = buf.len();
    let doubles = memchr::memmem::Finder::new(b"  ");
    let mut next_double = doubles.find(buf).unwrap_or(len);
    // Bytes before `written` are normalized; bytes from `written` on are
    // still as read, and `written <= run <= i` throughout.
    let mut written = 0;
    let mut i = 0;
    let mut run = 0; // start of the pending run of bytes kept as they are
    while i < len {
        if next_double < i {
            next_double = doubles.find(&buf[i..]).map_or(len, |d| i + d);
        }
        i = next_special(buf, i, next_double);
        if i >= len {
            break;
        }
        if buf[i] == 0xe2 && buf.get(i + 1) == Some(&0x80) {
            if let Some(&low) = buf.get(i + 2) {
                match GENERAL_PUNCTUATION[usize::from(low & 0x3f)] {
                    PLAIN => {
                        i += 3;
                        continue;
                    }
                    SPACE => {}
                    folded => {
                        buf.copy_within(run..i, written);
                        written += i - run;
                        buf[written] = folded;
                        written += 1;
                        i += 3;
                        run = i;
                        continue;
                    }
                }
            }
        }
        let c = char_at(buf, i);
        if c.is_whitespace() {
            // Spaces just before belong to the same run of whitespace.
            let mut start = i;
            while start > run && buf[start - 1] == b' ' {
                start -= 1;
            }
            buf.copy_within(run..start, written);
            written += start - run;
            while i < len {
                let w = char_at(buf, i);
                if !w.is_whitespace() {
                    break;
                }
                i += w.len_utf8();
            }
            buf[written] = b' ';
            written += 1;
            run = i;
        } else if let Some(r) = fold_char(c) {
            buf.copy_within(run..i, written);
            written += i - run;
            buf[written] = r as u8;
            written += 1;
            i += c.len_utf8();
            run = i;
        } else {
            if c >= '\u{300}' && !NFC_ALWAYS.contains(&c) {
                // The character before (as written, when it was replaced:
                // both are then of combining class 0) and the next four.
                let before = if i > run {
                    last_char(&buf[run..i])
                } else {
                    last_char(&buf[..written])
                };
                let mut window: Vec<char> = before.into_iter().collect();
                let mut at = i;
                while window.len() < 5 && at < len {
                    let next = char_at(buf, at);
                    window.push(next);
                    at += next.len_utf8();
                }
                if before.is_none() {
                    window.truncate(4);
                }
                if is_nfc_quick(window.into_iter()) != IsNormalized::Yes {
                    return None;
                }
            }
            i += c.len_utf8();
        }
    }
    buf.copy_within(run..len, written);
    Some(written + len - run)
}

/// The character that starts at byte `i` of `buf`, which is UTF-8 from
/// there on (decoded without checking again; a torn character, which
/// cannot happen, reads as a space).
fn char_at(buf: &[u8], i: usize) -> char {
    let at = |k: usize| u32::from(buf.get(i + k).copied().unwrap_or(0) & 0x3f);
    let lead = u32::from(buf[i]);
    let c = match lead {
        0..0x80 => lead,
        0x80..0xe0 => ((lead & 0x1f) << 6) | at(1),
        0xe0..0xf0 => ((lead & 0x0f) << 12) | (at(1) << 6) | at(2),
        _ => ((lead & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
    };
    char::from_u32(c).unwrap_or(' ')
}

/// The first byte of `bytes[from..limit]` that [`SPECIAL`] marks, or
/// `limit`. Sixteen bytes are tested at a time by a fold the compiler turns
/// into SIMD compares (a third of the instructions of testing eight at a
/// time in a `u64`); a chunk may run past `limit` inside `bytes`, and what
/// it finds there is cut back to `limit`.
fn next_special(bytes: &[u8], from: usize, limit: usize) -> usize {
    const CHUNK: usize = 16;
    let special = |b: u8| SPECIAL[usize::from(b)];
    let mut i = from;
    while i < limit {
        let Some(chunk) = bytes.get(i..i + CHUNK) else {
            break;
        };
        // The table's rule, written out so that it vectorizes.
        let any = chunk.iter().fold(false, |any, &b| {
            any | !(0x0e..0xcc).contains(&b) | (b == 0xc2)
        });
        if any {
            let at = chunk.iter().position(|&b| special(b)).unwrap_or(CHUNK);
            return (i + at).min(limit);
        }
        i += CHUNK;
    }
    let i = i.min(limit);
    i + bytes[i..limit]
        .iter()
        .position(|&b| special(b))
        .unwrap_or(limit - i)
}

/// The last character of `buf` (UTF-8), if any.
fn last_char(buf: &[u8]) -> Option<char> {
    let start = buf.iter().rposition(|&b| b & 0xc0 != 0x80).unwrap_or(0);
    (start < buf.len()).then(|| char_at(buf, start))
}

/// `text` lower-cased as `str::to_lowercase` does it, with runs of ASCII
/// lower-cased a byte at a time: the same result, many times faster on an
/// article. (Only a capital sigma lower-cases by its place in a word, so a
/// text with one is left to the standard library.) With it, whether every
/// character lower-cased kept its length in bytes.
fn lowercase(text: &str) -> (String, bool) {
    if text.contains('\u{3a3}') {
        return (text.to_lowercase(), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut aligned = true;
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.push_str(&rest[..ascii].to_ascii_lowercase());
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            let before = out.len();
            out.extend(c.to_lowercase());
            aligned &= out.len() - before == c.len_utf8();
            rest = chars.as_str();
        }
    }
    (out, aligned)
}

/// A breakpoint as stored: offsets past 4 GB (never reached by a source
/// text) are held at the largest.
fn offsets(normalized: usize, original: usize) -> (u32, u32) {
    let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (at(normalized), at(original))
}

/// A quote as it is compared: normalized like a source text, ends trimmed.
pub fn normalize_quote(quote: &str) -> String {
    let (normalized, _) = normalize_nfc(quote.to_owned()).1;
    normalized.trim().to_owned()
}

/// `text` in NFC, and its normalized copy with breakpoints: one pass when
/// the text is already NFC (the usual case), a composition first otherwise.
fn normalize_nfc(text: String) -> (String, (String, Vec<(u32, u32)>)) {
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
            lower: std::sync::OnceLock::new(),
        }
    }

    /// The normalized copy lower-cased, when that keeps every offset.
    pub(super) fn lower(&self) -> Option<&str> {
        self.lower_aligned().map(|(lower, _)| lower)
    }

    /// The normalized copy lower-cased, when each of its characters kept
    /// its length: then any range of the normalized copy lower-cased is
    /// the same range of this.
    pub(super) fn aligned_lower(&self) -> Option<&str> {
        self.lower_aligned()
            .and_then(|(lower, aligned)| aligned.then_some(lower))
    }

    fn lower_aligned(&self) -> Option<(&str, bool)> {
        self.lower
            .get_or_init(|| {
                let (lower, aligned) = lowercase(&self.normalized.text);
                (lower.len() == self.normalized.text.len()).then_some((lower, aligned))
            })
            .as_ref()
            .map(|(lower, aligned)| (lower.as_str(), *aligned))
    }

    /// The normalized copy, for the search and the closest passage.
    pub(super) fn normalized(&self) -> &Normalized {
        &self.normalized
    }

    /// The range of [`SourceText::text`] a normalized range came from.
    pub(super) fn original_range(&self, r: Range<usize>) -> Range<usize> {
        self.normalized().original_range(&self.text, r)
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
        // Leading spaces are not part of the sentence (`start <= end`, as
        // both were found on either side of the range).
        let trimmed = text[start..end].len() - text[start..end].trim_start().len();
        (start + trimmed)..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text in `buf` normalized where it lies, `buf` cut to it; `false`
    /// when the text may not be in NFC.
    fn normalize_in_place(buf: &mut Vec<u8>) -> bool {
        match normalize_slice(buf) {
            Some(written) => {
                buf.truncate(written);
                true
            }
            None => false,
        }
    }

    #[test]
    fn letterlike_signs_that_are_not_nfc_are_composed() {
        // The ångström sign is the letter Å in NFC.
        let s = SourceText::new("100 \u{212b} wide");
        assert_eq!(s.text, "100 \u{c5} wide");
        // The whole text, as composed (Å is two bytes, the sign three).
        assert_eq!(s.find_all(&["100 \u{c5} wide"])[0], Some(0..11));
        assert_eq!(s.find_all(&["\u{c5} wide"])[0], Some(4..11));
    }

    #[test]
    fn every_byte_value_is_found_or_passed_over_at_every_place_in_a_chunk() {
        for b in 0..=255u8 {
            let special = !(0x0e..0xcc).contains(&b) || b == 0xc2;
            for at in 0..40 {
                let mut bytes = vec![b'a'; 40];
                bytes[at] = b;
                let expected = if special { at } else { 40 };
                assert_eq!(next_special(&bytes, 0, 40), expected, "byte {b:#x} at {at}");
                // Past the limit, it is not looked at.
                assert_eq!(next_special(&bytes, 0, at), at, "byte {b:#x} at {at}");
            }
        }
    }

    proptest::proptest! {
        // The table, a byte at a time, is the oracle for the chunked test,
        // up to the end of the bytes or a limit before it.
        #[test]
        fn special_bytes_are_found_as_the_table_marks_them(
            // Mostly plain bytes, so that whole chunks hold none.
            bytes in proptest::collection::vec(
                proptest::prop_oneof![30 => 0x20u8..0x7f, 1 => proptest::prelude::any::<u8>()],
                0..80,
            ),
            from in 0usize..80,
            short in 0usize..40,
        ) {
            let limit = bytes.len().saturating_sub(short);
            let from = from.min(limit);
            let expected = bytes[from..limit]
                .iter()
                .position(|&b| !(0x0e..0xcc).contains(&b) || b == 0xc2)
                .map_or(limit, |p| from + p);
            proptest::prop_assert_eq!(next_special(&bytes, from, limit), expected);
        }

        #[test]
        fn characters_are_decoded_as_std_decodes_them(c in proptest::prelude::any::<char>()) {
            let mut buf = [0u8; 6];
            let s = c.encode_utf8(&mut buf[1..]).len();
            proptest::prop_assert_eq!(char_at(&buf, 1), c);
            proptest::prop_assert_eq!(last_char(&buf[1..=s]), Some(c));
        }
    }

    proptest::proptest! {
        // The standard library is the oracle.
        #[test]
        fn lower_casing_agrees_with_the_standard_library(text in "[aB \u{c9}\u{e9}\u{130}\u{3a3}\u{3c3}x.]{0,30}") {
            let (lower, aligned) = lowercase(&text);
            proptest::prop_assert_eq!(&lower, &text.to_lowercase());
            // Aligned exactly when each character keeps its length (a text
            // with a capital sigma is left to the standard library and
            // never called aligned).
            let keeps = |c: char| c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8();
            proptest::prop_assert_eq!(
                aligned,
                !text.contains('\u{3a3}') && text.chars().all(keeps)
            );
            if aligned {
                for (c, l) in text.chars().zip(lower.chars()) {
                    proptest::prop_assert_eq!(l.len_utf8(), c.len_utf8());
                    proptest::prop_assert_eq!(c.to_lowercase().to_string(), l.to_string());
                }
            }
        }
    }

    #[test]
    fn composed_and_decomposed_accents_match() {
        let s = SourceText::new("Felipe Caldero\u{301}n said");
        // Composed, "ó" is two bytes: "Felipe Calderón" is 16 of them.
        assert_eq!(s.text, "Felipe Calder\u{f3}n said");
        assert_eq!(s.find_all(&["Felipe Calder\u{f3}n"])[0], Some(0..16));
        assert_eq!(s.find_all(&["Caldero\u{301}n said"])[0], Some(7..21));
        assert_eq!(s.find_all(&["Calderon"])[0], None);
    }

    /// The normalization written plainly: compose, then fold each
    /// character and each run of whitespace, one character at a time.
    fn plainly_normalized(text: &str) -> String {
        let mut out = String::new();
        let mut in_space = false;
        for c in text.nfc() {
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
                continue;
            }
            in_space = false;
            out.push(match c {
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
                | '\u{bb}' => '"',
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2039}'
                | '\u{203a}' => '\'',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                c => c,
            });
        }
        out
    }

    proptest::proptest! {
        // Texts of the characters that change or compose, in any order.
        #[test]
        fn in_place_and_with_breakpoints_normalize_as_the_plain_way(
            text in "[ae \n\t\u{a0}\u{2019}\u{201c}\u{2014}\u{301}\u{e9}\u{3000}\u{212b}\u{2126}\u{2329}\u{20d0}\u{20d2}\u{c5}\u{1100}\u{1161}]{0,40}"
        ) {
            let expected = plainly_normalized(&text);
            let source = SourceText::new(text.as_str());
            proptest::prop_assert_eq!(&source.normalized().text, &expected);
            let mut bytes = text.clone().into_bytes();
            if normalize_in_place(&mut bytes) {
                proptest::prop_assert_eq!(String::from_utf8(bytes).unwrap(), expected);
            } else {
                // Only a text that may not be in NFC is refused.
                proptest::prop_assert!(is_nfc_quick(text.chars()) != IsNormalized::Yes);
            }
        }
    }

    #[test]
    fn every_general_punctuation_character_normalizes_as_the_plain_way() {
        // U+2000 to U+203F take a shortcut by table; the plain way is the
        // oracle, in a word, beside spaces and twice in a row.
        for c in ('\u{2000}'..='\u{203f}').chain(['\u{2040}', '\u{1fff}']) {
            for text in [
                format!("ab{c}cd"),
                format!("ab {c} cd"),
                format!("{c}{c}x"),
                format!("x {c}"),
            ] {
                let mut bytes = text.clone().into_bytes();
                assert!(normalize_in_place(&mut bytes), "{c:?}");
                assert_eq!(
                    String::from_utf8(bytes).unwrap(),
                    plainly_normalized(&text),
                    "{:04x}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn an_empty_range_after_collapsed_whitespace_maps_to_an_empty_range() {
        // "a   b" normalizes to "a b": normalized offset 2 (before "b") is
        // original offset 4, after the three spaces, for an empty range as
        // for any other.
        let s = SourceText::new("a   b");
        assert_eq!(s.normalized().text, "a b");
        assert_eq!(s.original_range(2..2), 4..4);
        assert_eq!(s.original_range(2..3), 4..5);
    }

    #[test]
    fn the_table_of_general_punctuation_takes_the_shortcut_for_all_but_spaces() {
        let entry = |c: char| GENERAL_PUNCTUATION[(u32::from(c) - 0x2000) as usize];
        // Folded by the table.
        assert_eq!(entry('\u{201c}'), b'"');
        assert_eq!(entry('\u{2019}'), b'\'');
        assert_eq!(entry('\u{2014}'), b'-');
        // Kept as written without decoding: dagger, bullet, ellipsis,
        // zero-width space (not whitespace to Rust), per mille.
        for c in ['\u{2020}', '\u{2022}', '\u{2026}', '\u{200b}', '\u{2030}'] {
            assert_eq!(entry(c), PLAIN, "{c:?}");
        }
        // Whitespace, left to the general path.
        for c in [
            '\u{2000}', '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}',
        ] {
            assert_eq!(entry(c), SPACE, "{c:?}");
        }
    }

    #[test]
    fn letters_past_u_0300_in_nfc_are_normalized_in_place() {
        // Armenian and Cyrillic letters are in NFC and compose with nothing.
        // Their bytes hold 8C 41 ("Ԍ" ends in 8C, "A" follows), which read
        // from the wrong place would decode as a combining acute.
        let text = "abc\u{561}\u{50c}A";
        let mut bytes = text.as_bytes().to_vec();
        assert!(normalize_in_place(&mut bytes));
        assert_eq!(bytes, text.as_bytes());
    }

    #[test]
    fn doubled_spaces_right_after_a_folded_character_are_one() {
        // The double space starts where the curly quote's bytes end, the
        // very place the scan resumes from.
        let s = SourceText::new("\u{201c}  a\u{2019}  b");
        assert_eq!(s.normalized().text, "\" a' b");
        let mut bytes = "\u{201c}  a\u{2019}  b".as_bytes().to_vec();
        assert!(normalize_in_place(&mut bytes));
        assert_eq!(bytes, b"\" a' b");
    }

    #[test]
    fn a_text_is_normalized_in_place_unless_it_may_not_be_in_nfc() {
        let mut bytes = "He said:  \u{201c}yes\u{201d}\n\n\u{2014} it\u{2019}s caf\u{e9}"
            .as_bytes()
            .to_vec();
        assert!(normalize_in_place(&mut bytes));
        assert_eq!(bytes, "He said: \"yes\" - it's caf\u{e9}".as_bytes());
        let mut bytes = "cafe\u{301}".as_bytes().to_vec();
        assert!(!normalize_in_place(&mut bytes));
        // A second byte 0x80 after a lead other than E2 is no general
        // punctuation: U+0300 (CC 80) is still checked, and a curly quote
        // after U+0080 (C2 80) still folded.
        let mut bytes = "cafe\u{300}".as_bytes().to_vec();
        assert!(!normalize_in_place(&mut bytes));
        let mut bytes = "\u{80}\u{201c}".as_bytes().to_vec();
        assert!(normalize_in_place(&mut bytes));
        assert_eq!(bytes, "\u{80}\"".as_bytes());
        // Guillemets (lead byte C2) and the minus sign (E2 88) are folded
        // outside the table of E2 80 punctuation.
        let mut bytes = "\u{ab}non\u{bb} \u{2212}3".as_bytes().to_vec();
        assert!(normalize_in_place(&mut bytes));
        assert_eq!(bytes, b"\"non\" -3");
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

    /// The sentence around the first place `quote` is in `text`.
    fn sentence<'a>(s: &'a SourceText, quote: &str) -> &'a str {
        let at = s.text.find(quote).expect("the quote is in the text");
        &s.text[s.sentence_around(at..at + quote.len())]
    }

    #[test]
    fn a_sentence_ends_before_a_line_break_and_starts_after_its_spaces() {
        let s = SourceText::new("Intro. the quote and more\nOther line");
        assert_eq!(sentence(&s, "the quote"), "the quote and more");
        let s = SourceText::new("First.   The quote here. Next.");
        assert_eq!(sentence(&s, "The quote"), "The quote here.");
        // Also where the quote starts more than 400 bytes into the text.
        let s = SourceText::new(format!("{}. The quote here.", "x".repeat(500)));
        assert_eq!(sentence(&s, "The quote"), "The quote here.");
    }

    #[test]
    fn a_sentence_is_cut_400_bytes_either_side_of_its_quote_at_whole_characters() {
        // "Intro." ends 607 bytes before the quote: too far. 400 bytes before
        // the quote (at 608) is byte 208, the middle of an "é" (they start at
        // odd offsets), so the sentence starts at 209; 400 bytes after its
        // end (617) is 1017, inside another (from 618, even offsets): 1016.
        let text = format!(
            "Intro. {} the quote {}. Outro",
            "é".repeat(300),
            "é".repeat(300)
        );
        assert_eq!(text.find("the quote"), Some(608));
        let s = SourceText::new(text);
        let r = s.sentence_around(608..617);
        assert_eq!(r, 209..1016);
        assert_eq!(
            &s.text[r],
            format!("{} the quote {}", "é".repeat(199), "é".repeat(199))
        );
    }
}
