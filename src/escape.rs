//! Making quiz text safe to print on a terminal.
//!
//! Quiz files are written by people and may be shared, so their text must
//! never drive the terminal: control characters, escape sequences and
//! bidirectional overrides are shown as visible escapes (`\x1b`, `\u{202e}`)
//! instead of being sent. dialoguer prints item text raw, so everything from a
//! quiz file passes through [`visible`] before any prompt sees it.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character would change how the terminal shows later text.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// `text` with every unsafe character replaced by a visible escape.
/// Line breaks are kept; tabs become a space.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` on one line: [`visible`], with line breaks shown as spaces.
pub fn one_line(text: &str) -> String {
    visible(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
