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
    lower: std::sync::OnceLock<Option<String>>,
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
            breaks.push(offsets(out.len(), i));
            run = i;
        } else if let Some(r) = fold_char(c) {
            out.push_str(&text[run..i]);
            out.push(r);
            i += c.len_utf8();
            breaks.push(offsets(out.len(), i));
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
    out.shrink_to_fit();
    breaks.shrink_to_fit();
    Some((out, breaks))
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
        self.lower
            .get_or_init(|| {
                let lower = self.normalized.text.to_lowercase();
                (lower.len() == self.normalized.text.len()).then_some(lower)
            })
            .as_deref()
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
        // Leading spaces are not part of the sentence.
        let trimmed = text[start..end].len() - text[start..end].trim_start().len();
        (start + trimmed)..end.max(start + trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_accents_match() {
        let s = SourceText::new("Felipe Caldero\u{301}n said");
        assert!(s.find_all(&["Felipe Calder\u{f3}n"])[0].is_some());
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
