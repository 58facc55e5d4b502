//! What surrounds a place in a RON text ron refused: the brackets still open
//! there, the field each one is reading, and the string left unclosed.
//!
//! ron says where it stopped but not what it was reading, so a message
//! would otherwise have to guess the field by searching the text for a
//! name. This scanner reads the text from its start up to that place once,
//! tolerating anything (it never sees past ron's position, where the text
//! may be broken), and keeps a stack of the open brackets. Bytes that are
//! not ASCII are only ever inside strings, comments or mistakes, so the
//! scanner works on bytes and never splits a character in what it returns.

use std::ops::Range;

/// A bracket opened before the place and not closed by it.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// Byte offset of the bracket.
    pub at: usize,
    /// `(`, `[` or `{`.
    pub bracket: u8,
    /// The struct or variant name written just before a `(` (`Single`).
    pub name: Option<String>,
    /// The field being read inside a `( )`, with where its name is written.
    pub field: Option<(String, Range<usize>)>,
    /// How many items came before the current one (lists and tuples).
    pub index: usize,
    /// The `id` field's string value, once read.
    pub id: Option<String>,
}

impl Open {
    /// The bracket that closes this one.
    pub fn closing(&self) -> char {
        match self.bracket {
            b'(' => ')',
            b'[' => ']',
            _ => '}',
        }
    }
}

/// What is open at a place.
#[derive(Debug, Default)]
pub struct Context {
    /// Brackets open at the place, outermost first.
    pub open: Vec<Open>,
    /// Where a string still open at the place starts.
    pub string: Option<usize>,
    /// Where the last token before the place ends: blanks and comments
    /// after it are not counted.
    pub end: usize,
}

impl Context {
    /// The field being read at the place: its name, where the name is
    /// written, and the variant it belongs to (`Single` for `answer` in
    /// `Single(answer: 0)`).
    pub fn field(&self) -> Option<(&str, Range<usize>, Option<&str>)> {
        let inner = self.open.last()?;
        let (name, span) = inner.field.as_ref()?;
        Some((name, span.clone(), inner.name.as_deref()))
    }

    /// The question the place is in, when it is in the quiz's `questions`:
    /// its index in the list and its bracket.
    pub fn question(&self) -> Option<(usize, &Open)> {
        let [root, list, question, ..] = self.open.as_slice() else {
            return None;
        };
        let in_questions = root.field.as_ref().is_some_and(|(f, _)| f == "questions");
        (in_questions && list.bracket == b'[' && question.bracket == b'(')
            .then_some((list.index, question))
    }
}

/// What is open at byte `pos` of `text`.
pub fn at(text: &str, pos: usize) -> Context {
    let bytes = &text.as_bytes()[..pos.min(text.len())];
    let mut cx = Context::default();
    // The last identifier read and where it is, until something else comes.
    let mut word: Option<Range<usize>> = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < bytes.len() {
                    if bytes[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if bytes[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'"' | b'\'' => {
                let start = i;
                let end = string_end(bytes, i + 1, c, None);
                let Some(end) = end else {
                    cx.string = Some(start);
                    return cx;
                };
                if c == b'"' {
                    read_id(&mut cx, text, start..end);
                }
                i = end;
                word = None;
            }
            b'r' if raw_hashes(&bytes[i + 1..]).is_some() => {
                let start = i;
                let hashes = raw_hashes(&bytes[i + 1..]).unwrap_or(0);
                match string_end(bytes, i + hashes + 2, b'"', Some(hashes)) {
                    Some(end) => {
                        read_id(&mut cx, text, start..end);
                        i = end;
                    }
                    None => {
                        cx.string = Some(start);
                        return cx;
                    }
                }
                word = None;
            }
            b'(' | b'[' | b'{' => {
                let name = match (&word, c) {
                    (Some(w), b'(') => Some(text[w.clone()].to_owned()),
                    _ => None,
                };
                cx.open.push(Open {
                    at: i,
                    bracket: c,
                    name,
                    field: None,
                    index: 0,
                    id: None,
                });
                word = None;
                i += 1;
            }
            b')' | b']' | b'}' => {
                cx.open.pop();
                word = None;
                i += 1;
            }
            b':' => {
                if let (Some(w), Some(open)) = (word.take(), cx.open.last_mut()) {
                    let name = text[w.clone()].trim_start_matches("r#").to_owned();
                    open.field = Some((name, w));
                }
                i += 1;
            }
            b',' => {
                if let Some(open) = cx.open.last_mut() {
                    open.field = None;
                    open.index += 1;
                }
                word = None;
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                if bytes[i..].starts_with(b"r#") {
                    i += 2;
                }
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                word = Some(start..i);
            }
            _ => {
                word = None;
                i += 1;
            }
        }
        cx.end = i;
    }
    cx
}

/// `Some(number of #)` when `rest` (after an `r`) starts a raw string.
fn raw_hashes(rest: &[u8]) -> Option<usize> {
    let hashes = rest.iter().take_while(|c| **c == b'#').count();
    (rest.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// The offset just past the end of a string whose body starts at `from`,
/// closed by `quote`, and for a raw string by its number of `#`s (escapes
/// only count in a string that is not raw).
fn string_end(bytes: &[u8], from: usize, quote: u8, raw: Option<usize>) -> Option<usize> {
    let hashes = raw.unwrap_or(0);
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\\' && raw.is_none() {
            i += 2;
            continue;
        }
        if bytes[i] == quote
            && bytes.len() >= i + 1 + hashes
            && bytes[i + 1..i + 1 + hashes].iter().all(|c| *c == b'#')
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// Records a string read as the value of an `id` field.
fn read_id(cx: &mut Context, text: &str, literal: Range<usize>) {
    if let Some(open) = cx.open.last_mut() {
        if open.field.as_ref().is_some_and(|(f, _)| f == "id") {
            open.id = ron::from_str::<String>(&text[literal]).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_and_variant_being_read() {
        let text = "(a: 1, questions: [(id: \"q1\", kind: Single(answer: 0";
        let cx = at(text, text.len() - 1);
        let (field, span, variant) = cx.field().unwrap();
        assert_eq!(
            (field, &text[span], variant),
            ("answer", "answer", Some("Single"))
        );
        let (index, q) = cx.question().unwrap();
        assert_eq!((index, q.id.as_deref()), (0, Some("q1")));
    }

    #[test]
    fn brackets_and_colons_inside_strings_and_comments_do_not_count() {
        let text = "(t: \"a ( b: [\", // x: (\n /* y: [ */ u: r#\"(\"#, v: ";
        let cx = at(text, text.len());
        assert_eq!(cx.open.len(), 1);
        assert_eq!(cx.field().map(|f| f.0), Some("v"));
        let open = at("(a: \"never closed (", 19);
        assert_eq!(open.string, Some(4));
    }

    /// The open brackets at the end of `text`, each as its bracket, name,
    /// index, field and id: `(Single #1 field=answer@answer id=q`.
    fn open_at_end(text: &str) -> Vec<String> {
        at(text, text.len())
            .open
            .iter()
            .map(|o| {
                let mut s = (o.bracket as char).to_string();
                if let Some(name) = &o.name {
                    s = format!("{s}{name}");
                }
                if o.index > 0 {
                    s = format!("{s} #{}", o.index);
                }
                if let Some((field, span)) = &o.field {
                    s = format!("{s} field={field}@{}", &text[span.clone()]);
                }
                if let Some(id) = &o.id {
                    s = format!("{s} id={id}");
                }
                s
            })
            .collect()
    }

    #[test]
    fn brackets_names_fields_items_and_ids_are_followed() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("(", &["("]),
            ("(a: 1, b: [x, y, ", &["( #1 field=b@b", "[ #2"]),
            ("(a: [1, 2], b: (", &["( #1 field=b@b", "("]),
            ("(a: {\"k\": 1}, c: x)", &[]),
            (
                "(kind: Single(options: [], answer: ",
                &["( field=kind@kind", "(Single #1 field=answer@answer"],
            ),
            // The name is the word right before the `(`, blanks between.
            ("(kind: Single \n (", &["( field=kind@kind", "(Single"]),
            ("(kind: Single - (", &["( field=kind@kind", "("]),
            ("(a: Some [", &["( field=a@a", "["]),
            ("(a: {", &["( field=a@a", "{"]),
            // `r#` is left off the field's name, not off where it is written.
            ("(r#type: ", &["( field=type@r#type"]),
            ("(pass_mark2: ", &["( field=pass_mark2@pass_mark2"]),
            ("(_x: ", &["( field=_x@_x"]),
            // An id is the string value of a field named `id`.
            ("(id: \"q\\u{31}\", p: ", &["( #1 field=p@p id=q1"]),
            ("(id: r#\"q\"#, ", &["( #1 id=q"]),
            ("(prompt: \"q\", ", &["( #1"]),
            ("(id: 'q', ", &["( #1"]),
        ];
        for (text, open) in cases {
            assert_eq!(open_at_end(text), *open, "{text}");
        }
    }

    #[test]
    fn strings_and_comments_hide_what_they_hold() {
        let cases: &[(&str, &[&str])] = &[
            ("(a: \"x\\\"(\", b: ", &["( #1 field=b@b"]),
            ("(a: \"x\\\\\", b: ", &["( #1 field=b@b"]),
            ("(a: '(', b: ", &["( #1 field=b@b"]),
            ("(a: r\"(\\\", b: ", &["( #1 field=b@b"]),
            ("(a: r##\"(\"# [\"##, b: ", &["( #1 field=b@b"]),
            ("(a: /* ( /* [ */ { */ 1, b: ", &["( #1 field=b@b"]),
            ("(a: // ( [\n 1, b: ", &["( #1 field=b@b"]),
            ("(a: 1 / 2, b: ", &["( #1 field=b@b"]),
            ("(a: 1 /", &["( field=a@a"]),
            ("(ra: 1, r: ", &["( #1 field=r@r"]),
        ];
        for (text, open) in cases {
            assert_eq!(open_at_end(text), *open, "{text}");
        }
        // A string left open, and where it starts.
        for (text, start) in [
            ("(a: \"x", 4),
            ("(a: 'x", 4),
            ("(a: \"x\\\"", 4),
            ("(a: r#\"x\"", 4),
            ("(a: r\"x", 4),
            ("(b: \"\", a: r##\"x\"#", 11),
        ] {
            assert_eq!(at(text, text.len()).string, Some(start), "{text}");
        }
        assert_eq!(at("(a: \"x\")", 8).string, None);
    }

    #[test]
    fn the_place_bounds_what_is_read() {
        let text = "(a: [1, (b: ";
        assert_eq!(at(text, 0).open.len(), 0);
        assert_eq!(at(text, 1).open.len(), 1);
        assert_eq!(at(text, 5).open.len(), 2);
        assert_eq!(at(text, 100).open.len(), 3);
    }

    #[test]
    fn the_last_token_ends_before_trailing_blanks_and_comments() {
        for (text, end) in [
            ("", 0),
            ("(", 1),
            ("(a:  ", 3),
            ("(a: \"x\" // c\n", 7),
            ("(a: 12 /* c */ ", 6),
            ("(a: word\t\r\n", 8),
            ("(a: [1,", 7),
            ("(a: r#\"x\"#  ", 10),
            ("(a: ( ) ", 7),
        ] {
            assert_eq!(at(text, text.len()).end, end, "{text:?}");
        }
    }

    #[test]
    fn a_question_is_an_item_of_the_questions_list() {
        let text = "(questions: [(id: \"a\"), (id: \"b\", kind: Single(";
        let cx = at(text, text.len());
        let (index, q) = cx.question().unwrap();
        assert_eq!((index, q.id.as_deref(), q.at), (1, Some("b"), 24));
        for text in [
            "(sources: [(id: \"a\", ",
            "(questions: [[",
            "(questions: ((",
            "(questions: [",
            "[[(",
        ] {
            assert!(at(text, text.len()).question().is_none(), "{text}");
        }
    }

    #[test]
    fn each_bracket_has_its_closing_one() {
        let closing = |text: &str| at(text, text.len()).open[0].closing();
        assert_eq!((closing("("), closing("["), closing("{")), (')', ']', '}'));
    }
}
