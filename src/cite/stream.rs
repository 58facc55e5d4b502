//! Proving a source's quotes while its text is read, a piece at a time.
//!
//! A check that passes needs only to know that every quote occurs, so the
//! text need never be held whole: each piece read is checked as UTF-8,
//! normalized where it lies ([`normalize_slice`]) and searched
//! ([`find_patterns`]), keeping from one piece to the next only the last
//! bytes of normalized text a quote could still run across, and the few
//! bytes of a character or word the piece cut.
//!
//! Invariants: the answer is `true` only when the text is UTF-8, within its
//! limit, in NFC where it matters, matches its pinned hash, and holds every
//! quote; anything else (even a read error) answers `false`, and the caller
//! reads the whole text and reports the usual way, so the problems shown
//! never depend on this module. A piece is cut only after six ASCII letters
//! or digits, where normalizing it alone gives what normalizing the whole
//! text gives there.

use std::io::Read;

use sha2::{Digest, Sha256};

use super::search::find_patterns;
use super::text::{normalize_quote, normalize_slice};

/// How many bytes are read at a time.
const PIECE: usize = 1 << 20;

/// Whether every one of `quotes` occurs in the text `reader` gives, which
/// must be no longer than `limit` bytes and, when `pinned` is given, have
/// that sha256 (hexadecimal, any case).
pub(super) fn proves(quotes: &[&str], pinned: Option<&str>, limit: u64, reader: impl Read) -> bool {
    proves_in_pieces(quotes, pinned, limit, reader, PIECE)
}

/// [`proves`] reading `piece` bytes at a time.
fn proves_in_pieces(
    quotes: &[&str],
    pinned: Option<&str>,
    limit: u64,
    mut reader: impl Read,
    piece: usize,
) -> bool {
    let mut patterns: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
    if patterns.iter().any(String::is_empty) {
        return false;
    }
    let context = patterns.iter().map(String::len).max().unwrap_or(0);
    let mut hasher = pinned.map(|_| Sha256::new());
    let mut buf: Vec<u8> = Vec::with_capacity(context + piece);
    // `buf[..done]` is normalized text already searched (kept for a quote
    // that runs across into the next piece); the rest is as read.
    let mut done = 0;
    let mut total: u64 = 0;
    loop {
        let want = done + piece - buf.len();
        let before = buf.len();
        let Ok(n) = reader.by_ref().take(want as u64).read_to_end(&mut buf) else {
            return false;
        };
        let end = n < want;
        total += n as u64;
        if total > limit {
            return false;
        }
        if let Some(hasher) = hasher.as_mut() {
            hasher.update(&buf[before..]);
        }
        // SIMD validation: several times fewer instructions than std's
        // on a text with an accented letter every few words.
        let valid = match simdutf8::compat::from_utf8(&buf[done..]) {
            Ok(_) => buf.len() - done,
            Err(e) if e.error_len().is_none() && !end => e.valid_up_to(),
            Err(_) => return false,
        };
        let cut = if end {
            buf.len()
        } else {
            match cut_point(&buf[done..done + valid]) {
                Some(at) => done + at,
                None => return false,
            }
        };
        let Some(written) = normalize_slice(&mut buf[done..cut]) else {
            return false;
        };
        let searched = done + written;
        let rest = buf.len() - cut;
        buf.copy_within(cut.., searched);
        buf.truncate(searched + rest);
        let hits = find_patterns(&buf[..searched], &patterns);
        let mut hit = hits.iter();
        patterns.retain(|_| hit.next().is_some_and(Option::is_none));
        if end {
            break;
        }
        let keep = context.min(searched);
        buf.copy_within(searched - keep.., 0);
        buf.truncate(keep + rest);
        done = keep;
    }
    let hash_matches = match (pinned, hasher) {
        (Some(pinned), Some(hasher)) => {
            let actual: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            pinned.eq_ignore_ascii_case(&actual)
        }
        _ => true,
    };
    hash_matches && patterns.is_empty()
}

/// Where `raw` (UTF-8) may be cut: the last place that follows five ASCII
/// letters or digits and starts a sixth, so no run of whitespace, folded
/// character or combining sequence is cut, and the character before each
/// combining mark and the four after it stay in one piece.
fn cut_point(raw: &[u8]) -> Option<usize> {
    let mut run = 0;
    for (i, b) in raw.iter().enumerate().rev() {
        if b.is_ascii_alphanumeric() {
            run += 1;
            if run == 6 {
                return Some(i + 5);
            }
        } else {
            run = 0;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text with curly quotes, a dash, runs of whitespace and a composed
    /// letter, long enough to be read in many pieces (each line has a place
    /// to cut in every 64 bytes).
    fn text() -> String {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!(
                "Line {i}: He said \u{201c}wait\u{201d} \u{2014} the caf\u{e9}  opening\n\tat nine{i}. "
            ));
        }
        text
    }

    #[test]
    fn cuts_after_five_ascii_letters_or_digits() {
        assert_eq!(cut_point(b"ab cdefgh"), Some(8));
        assert_eq!(cut_point(b"abcdef ghi"), Some(5));
        assert_eq!(cut_point(b"abcde fgh"), None);
        assert_eq!(cut_point("\u{e9}\u{e9}\u{e9}".as_bytes()), None);
    }

    #[test]
    fn quotes_are_found_across_the_pieces() {
        let text = text();
        let quotes = [
            "He said \"wait\" - the caf\u{e9} opening at nine0.",
            "opening at nine39.",
            "Line 17: He said",
            "nine21. Line 22",
        ];
        for piece in [64, 65, 100, 1000, 1 << 20] {
            assert!(
                proves_in_pieces(&quotes, None, 1 << 20, text.as_bytes(), piece),
                "{piece}"
            );
            assert!(
                !proves_in_pieces(
                    &["opening at nine40."],
                    None,
                    1 << 20,
                    text.as_bytes(),
                    piece
                ),
                "{piece}"
            );
        }
    }

    #[test]
    fn anything_unusual_is_left_to_the_full_check() {
        let text = text();
        let quotes = ["Line 3"];
        let big = text.len() as u64;
        assert!(proves_in_pieces(&quotes, None, big, text.as_bytes(), 64));
        // Over the limit.
        assert!(!proves_in_pieces(
            &quotes,
            None,
            big - 1,
            text.as_bytes(),
            64
        ));
        // Not UTF-8, even after every quote was found.
        let mut bad = text.clone().into_bytes();
        bad.push(0xff);
        assert!(!proves_in_pieces(&quotes, None, 1 << 20, &bad[..], 64));
        // A decomposed letter (possibly not NFC).
        let decomposed = format!("{text}cafe\u{301} ok");
        assert!(!proves_in_pieces(
            &quotes,
            None,
            1 << 20,
            decomposed.as_bytes(),
            64
        ));
        // A quote that normalizes to nothing.
        assert!(!proves_in_pieces(&[""], None, 1 << 20, text.as_bytes(), 64));
    }

    #[test]
    fn a_pinned_hash_must_match() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(proves_in_pieces(&["abc"], Some(abc), 10, &b"abc"[..], 16));
        let upper = abc.to_ascii_uppercase();
        assert!(proves_in_pieces(
            &["abc"],
            Some(&upper),
            10,
            &b"abc"[..],
            16
        ));
        assert!(!proves_in_pieces(&["ab"], Some(abc), 10, &b"abd"[..], 16));
    }
}
