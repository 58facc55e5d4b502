//! Making text from files safe to print on a terminal.
//!
//! Quiz files, sheets, attempts, source texts and even file names are written
//! by people and may be shared, so their text must never drive the terminal:
//! control characters (C0, DEL and C1), escape sequences, bidirectional
//! controls and invisible characters (zero-width spaces and joiners, word
//! joiners, byte-order marks, line and paragraph separators) are shown as
//! visible escapes (`\x1b`, `\u{202e}`) instead of being sent. Ordinary text
//! (accents, emoji, CJK, curly quotes, dashes, the soft hyphen) is kept as it
//! is, byte for byte.
//!
//! [`Untrusted`] is the one way such text is formatted into output: its
//! `Display` escapes, so printing it raw cannot be written by accident.
//! [`visible`] and [`one_line`] are the same escaping as strings, for text
//! that is wrapped or measured before it is printed; dialoguer prints item
//! text raw, so everything a prompt shows has passed through them.
//! [`Escaped`] keeps a map from the original's byte offsets to the escaped
//! text's, for the diagnostics that point a caret into a file's line.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::path::Path;

/// Characters that change how a terminal shows later text, or hide text,
/// whatever is around them.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061c}'                   // Arabic letter mark
            | '\u{180e}'                 // Mongolian vowel separator
            | '\u{200b}'                 // zero-width space
            | '\u{200e}' | '\u{200f}'    // left-to-right and right-to-left marks
            | '\u{2028}'..='\u{202e}'    // line and paragraph separators, bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'    // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}'    // bidi isolates
            | '\u{206a}'..='\u{206f}'    // deprecated format characters
            | '\u{feff}'                 // byte-order mark, zero-width no-break space
            | '\u{fff9}'..='\u{fffb}' // interlinear annotation
        )
}

/// Zero-width joiner and non-joiner: needed inside emoji sequences and in
/// scripts that join letters (Arabic, Indic, Myanmar), invisible anywhere
/// else.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// Characters a joiner may legitimately stand between.
fn joins(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06ff}'      // Arabic
        | '\u{0750}'..='\u{077f}'
        | '\u{08a0}'..='\u{08ff}'
        | '\u{0900}'..='\u{0dff}'    // Devanagari to Sinhala
        | '\u{1000}'..='\u{109f}'    // Myanmar
        | '\u{fb50}'..='\u{fdff}'    // Arabic presentation forms
        | '\u{fe70}'..='\u{fefe}'
        | '\u{2600}'..='\u{27bf}'    // symbols and dingbats used as emoji
        | '\u{fe0f}'                 // emoji presentation selector
        | '\u{1f000}'..='\u{1faff}'  // emoji, skin tones included
    )
}

/// The byte offset and character of every character of `text` that must be
/// escaped, in order.
fn unsafe_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (i, c) = chars.next()?;
        let before = previous.replace(c);
        let bad = is_unsafe(c)
            || (is_joiner(c)
                && !(before.is_some_and(joins)
                    && chars.peek().is_some_and(|&(_, next)| joins(next))));
        if bad {
            return Some((i, c));
        }
    })
}

/// Writes the visible escape of the unsafe character `c`.
fn write_escape(out: &mut impl fmt::Write, c: char) -> fmt::Result {
    if (c as u32) < 0x80 {
        write!(out, "\\x{:02x}", c as u32)
    } else {
        write!(out, "\\u{{{:x}}}", c as u32)
    }
}

/// How line breaks and tabs are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// Line breaks kept; a tab becomes a space.
    Kept,
    /// Line breaks and tabs become spaces.
    Joined,
}

/// Writes `text` escaped to `out`.
fn write_escaped(out: &mut impl fmt::Write, text: &str, lines: Lines) -> fmt::Result {
    // Printable ASCII (most names, ids and times) has nothing to escape
    // or join: written as it is, without looking at each character.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return out.write_str(text);
    }
    let mut at = 0;
    let plain = |out: &mut _, part: &str| match lines {
        Lines::Kept => write_str(out, part),
        Lines::Joined => write_joined(out, part),
    };
    for (i, c) in unsafe_chars(text) {
        plain(out, &text[at..i])?;
        match c {
            '\t' => out.write_char(' ')?,
            c => write_escape(out, c)?,
        }
        at = i + c.len_utf8();
    }
    plain(out, &text[at..])
}

fn write_str(out: &mut impl fmt::Write, part: &str) -> fmt::Result {
    out.write_str(part)
}

fn write_joined(out: &mut impl fmt::Write, part: &str) -> fmt::Result {
    for (k, piece) in part.split('\n').enumerate() {
        if k > 0 {
            out.write_char(' ')?;
        }
        out.write_str(piece)?;
    }
    Ok(())
}

/// `text` with every unsafe character replaced by a visible escape.
/// Line breaks are kept; tabs become a space.
pub fn visible(text: &str) -> Cow<'_, str> {
    if unsafe_chars(text).next().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let _ = write_escaped(&mut out, text, Lines::Kept);
    Cow::Owned(out)
}

/// `text` on one line: [`visible`], with line breaks shown as spaces.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = write_escaped(&mut out, text, Lines::Joined);
    out
}

/// JSON text with every unsafe character written as a `\uXXXX` escape, so
/// that a `--json` output piped to a terminal cannot drive it either.
/// serde_json only escapes what JSON requires (below U+0020); the others
/// can only stand inside strings, where the escape reads back as the same
/// character.
pub fn json(text: &str) -> Cow<'_, str> {
    if unsafe_chars(text).next().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for (i, c) in unsafe_chars(text) {
        out.push_str(&text[at..i]);
        for unit in c.encode_utf16(&mut [0; 2]) {
            let _ = write!(out, "\\u{unit:04x}");
        }
        at = i + c.len_utf8();
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Text from outside lateral (a file, a file name, a student), formatted
/// escaped: on one line by default, or with its line breaks kept
/// ([`Untrusted::lines`]). Width and alignment (`{:<16}`) apply to the
/// escaped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untrusted<'a> {
    text: Cow<'a, str>,
    lines: Lines,
}

impl<'a> Untrusted<'a> {
    /// `text`, to be shown on one line.
    pub fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Untrusted {
            text: text.into(),
            lines: Lines::Joined,
        }
    }

    /// `text`, to be shown with its line breaks.
    pub fn lines(text: impl Into<Cow<'a, str>>) -> Self {
        Untrusted {
            text: text.into(),
            lines: Lines::Kept,
        }
    }

    /// A path, to be shown on one line: a file name may hold any character.
    pub fn path(path: &'a Path) -> Self {
        Untrusted::new(path.to_string_lossy())
    }
}

impl Untrusted<'_> {
    /// Writes the text as [`Display`](fmt::Display) does without a width,
    /// straight to `out` (no formatter between).
    pub fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        write_escaped(out, &self.text, self.lines)
    }
}

impl fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_none() && f.precision().is_none() {
            return write_escaped(f, &self.text, self.lines);
        }
        let mut shown = String::with_capacity(self.text.len());
        write_escaped(&mut shown, &self.text, self.lines)?;
        f.pad(&shown)
    }
}

/// Text escaped for a terminal, with the map from the original's byte
/// offsets to the escaped text's, so a range in the original (a caret's
/// place) can be moved onto the escaped text.
///
/// Tabs are kept (a diagnostic's renderer expands them itself), as is a
/// carriage return that ends a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escaped {
    /// The escaped text.
    pub text: String,
    /// For each escaped character: its offset in the original, its length
    /// there, and how much longer the escaped text is after it.
    shifts: Vec<(usize, usize, usize)>,
}

impl Escaped {
    /// Escapes `text`, keeping line breaks.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut at = 0;
        let mut grown = 0;
        for (i, c) in unsafe_chars(text) {
            let ends_line = c == '\r' && matches!(bytes.get(i + 1), None | Some(b'\n'));
            if c == '\t' || ends_line {
                continue;
            }
            out.push_str(&text[at..i]);
            let before = out.len();
            let _ = write_escape(&mut out, c);
            grown += out.len() - before - c.len_utf8();
            shifts.push((i, c.len_utf8(), grown));
            at = i + c.len_utf8();
        }
        out.push_str(&text[at..]);
        Escaped { text: out, shifts }
    }

    /// Where byte `offset` of the original is in the escaped text. An offset
    /// inside an escaped character moves to the start of its escape.
    pub fn offset(&self, offset: usize) -> usize {
        // Escapes that start before `offset`.
        let k = self.shifts.partition_point(|&(at, _, _)| at < offset);
        match k.checked_sub(1).map(|k| self.shifts[k]) {
            None => offset,
            Some((at, len, _)) if offset < at + len => {
                // Inside that escape: its start, shifted by those before it.
                let before = k.checked_sub(2).map_or(0, |j| self.shifts[j].2);
                at + before
            }
            Some((_, _, grown)) => offset + grown,
        }
    }

    /// [`Escaped::offset`] of both ends of `range`; a range that covered
    /// an escaped character covers all of its escape.
    pub fn range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_written_straight_reads_as_displayed() {
        let cases = [
            ("plain-id", "plain-id"),
            ("a\nb", "a b"),
            ("\x1b[2J", "\\x1b[2J"),
            ("tab\there", "tab here"),
        ];
        for (text, shown) in cases {
            let mut out = String::new();
            Untrusted::new(text).write_to(&mut out).unwrap();
            assert_eq!(out, shown, "{text:?}");
            assert_eq!(Untrusted::new(text).to_string(), shown, "{text:?}");
        }
    }

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(visible("plain é"), "plain é");
        assert_eq!(visible("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
        assert_eq!(visible("\x1b[2J"), "\\x1b[2J");
        assert_eq!(visible("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(visible("a\u{9b}b"), "a\\u{9b}b");
        assert_eq!(visible("line\nnext\tx\r"), "line\nnext x\\x0d");
        assert_eq!(one_line("a\nb"), "a b");
    }

    #[test]
    fn invisible_characters_are_made_visible() {
        for (c, shown) in [
            ('\u{200b}', "\\u{200b}"),
            ('\u{200c}', "\\u{200c}"),
            ('\u{200d}', "\\u{200d}"),
            ('\u{2060}', "\\u{2060}"),
            ('\u{feff}', "\\u{feff}"),
            ('\u{2028}', "\\u{2028}"),
            ('\u{2029}', "\\u{2029}"),
            ('\u{85}', "\\u{85}"),
            ('\u{7f}', "\\x7f"),
            ('\u{2066}', "\\u{2066}"),
            ('\u{200e}', "\\u{200e}"),
            ('\u{061c}', "\\u{61c}"),
        ] {
            assert_eq!(visible(&format!("c{c}bs")), format!("c{shown}bs"));
        }
    }

    #[test]
    fn ordinary_text_is_kept_byte_for_byte() {
        for text in [
            "Café naïve — “quoted” ‘so’ – 9…",
            "東京の記者 한국어 Ελληνικά",
            "soft\u{ad}hyphen",
            "family 👨\u{200d}👩\u{200d}👧 flag 🏳\u{fe0f}\u{200d}🌈 thumbs 👍🏽",
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
        ] {
            assert_eq!(visible(text), text);
            assert_eq!(one_line(text), text);
            assert_eq!(Untrusted::new(text).to_string(), text);
        }
    }

    #[test]
    fn untrusted_escapes_when_formatted() {
        assert_eq!(Untrusted::new("a\x1b[2J\nb").to_string(), "a\\x1b[2J b");
        assert_eq!(Untrusted::lines("a\x1b[2J\nb").to_string(), "a\\x1b[2J\nb");
        assert_eq!(format!("{:<6}|", Untrusted::new("a\x07")), "a\\x07 |");
        let path = Path::new("quiz\u{202e}.ron");
        assert_eq!(Untrusted::path(path).to_string(), "quiz\\u{202e}.ron");
    }

    #[test]
    fn json_keeps_its_values_and_loses_the_raw_characters() {
        let value = serde_json::json!({
            "id": "a\u{9b}b\u{85}c\u{202e}d\u{200b}e\u{feff}f\u{2028}g\u{7f}h\x1b",
            "emoji": "👨\u{200d}👩 é",
        });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&text);
        assert!(safe.contains(r"a\u009bb\u0085c\u202ed\u200be\ufefff\u2028g\u007fh\u001b"));
        assert!(safe.contains("👨\u{200d}👩 é"));
        assert!(!safe.chars().any(|c| c != '\n' && c.is_control()));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escaped_offsets_follow_the_escapes() {
        let text = "a\x1b[2J\u{202e}b\tc\r\n";
        let e = Escaped::new(text);
        assert_eq!(e.text, "a\\x1b[2J\\u{202e}b\tc\r\n");
        let b = text.find('b').unwrap();
        assert_eq!(&e.text[e.offset(b)..], "b\tc\r\n");
        assert_eq!(e.offset(0), 0);
        assert_eq!(e.offset(1), 1);
        // The whole escape of ESC, then `[2J`.
        assert_eq!(&e.text[e.range(1..2)], "\\x1b");
        // Inside the three bytes of U+202E: the start of its escape.
        assert_eq!(&e.text[e.offset(6)..e.offset(b)], "\\u{202e}");
        assert_eq!(e.offset(text.len()), e.text.len());
    }
}
