//! Reading RON text into typed values, keeping the positions of every value.
//!
//! ron reports where a syntax or shape error is, but a deserialized value does
//! not remember where it came from. After ron has accepted a file, a small
//! scanner walks the same text once and records the byte range of every value
//! under its path (`questions[2].kind.answer`), so later checks can point at
//! the exact place ([`Spans`]); it walks only when a place is first asked
//! for, so a file with nothing to report costs only ron's parse. This module parses and decodes files and turns
//! ron's errors into diagnostics written for the teacher who must fix them,
//! and writes the files lateral saves (sheets, attempts) in one pretty form.

mod context;
mod spans;

use std::ops::Range;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::diagnostic::{offset_of, suggestion, Diagnostic};

pub use spans::{Place, Spans};

/// Largest file lateral reads: far more than any quiz or sheet needs, small
/// enough that a runaway file is refused before it is parsed.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// How deep RON values may nest (ron's own default, kept on on purpose).
pub const RECURSION_LIMIT: usize = 128;

/// A RON document whose text is known to be readable: the file's text and the
/// positions of its values.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// The parsed value.
    pub value: T,
    /// The text it was parsed from.
    pub text: String,
    /// Where each value sits in `text`.
    pub spans: Spans,
}

impl<T> Document<T> {
    /// A value that was not read from a file (the questions of a paper):
    /// no text, so no positions.
    pub fn without_text(value: T) -> Document<T> {
        Document {
            value,
            text: String::new(),
            spans: Spans::default(),
        }
    }
}

/// `value` as the pretty RON lateral writes (four-space indents, no struct
/// names), after a one-line `//` comment saying what the file is. The
/// comment is kept on its line whatever it quotes: line breaks and control
/// characters in it are escaped.
pub fn to_pretty_ron<T: Serialize>(value: &T, comment: &str) -> String {
    let config = ron::ser::PrettyConfig::default()
        .indentor("    ".to_owned())
        .struct_names(false);
    let body = ron::ser::to_string_pretty(value, config)
        .unwrap_or_else(|e| format!("// could not be written: {e}"));
    format!("// {}\n{body}\n", crate::escape::one_line(comment))
}

/// The problem reported for a file over [`MAX_FILE_BYTES`].
pub fn too_large(len: u64) -> Diagnostic {
    Diagnostic::error(
        format!(
            "file is too large ({:.1} MB); lateral reads files of at most {} MB",
            len as f64 / 1_000_000.0,
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        None,
    )
    .with_help("a quiz or sheet is a few kilobytes; is this the right file?")
}

/// File bytes that are not UTF-8 text: the problem, placed at the first bad
/// byte, and the readable text before that byte, to show the problem in
/// (the problem points at its end).
#[derive(Debug, Clone, PartialEq)]
pub struct NotText<'a> {
    /// The problem, with its span at the end of `readable`.
    pub diagnostic: Box<Diagnostic>,
    /// The file's text up to the first bad byte.
    pub readable: &'a str,
}

/// Decodes file bytes as UTF-8 text; when they are not, the problem is
/// placed at the first bad byte, to be rendered against the readable text
/// before it.
pub fn decode_text(bytes: &[u8]) -> Result<&str, NotText<'_>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(NotText {
            diagnostic: Box::new(too_large(bytes.len() as u64)),
            readable: "",
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let good = e.valid_up_to();
            let readable = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            Err(NotText {
                diagnostic: Box::new(
                    Diagnostic::error(
                        format!("file is not UTF-8 text: invalid byte 0x{:02x}", bytes[good]),
                        Some(good..good),
                    )
                    .with_help("save the file as UTF-8 in your editor"),
                ),
                readable,
            })
        }
    }
}

/// [`decode_text`] for callers with no text to show the problem in: the
/// line and column are said in the message instead.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    decode_text(bytes).map_err(|e| {
        let mut d = *e.diagnostic;
        if let Some(span) = d.span.take() {
            let (line, col) = crate::diagnostic::line_col(e.readable, span.start);
            d.message = format!("{} at line {line}, column {col}", d.message);
        }
        d
    })
}

/// Parses `text` as RON into `T`, reporting ron's (first) error with a hint.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<Document<T>, Diagnostic> {
    let value = read::<T>(text)?;
    Ok(Document {
        value,
        text: text.to_owned(),
        spans: Spans::lazy(text),
    })
}

/// [`parse`] for text already owned, which the document keeps rather
/// than a copy; on an error the text is handed back with it (boxed: a
/// document is read far more often than it fails).
pub fn parse_owned<T: DeserializeOwned>(
    text: String,
) -> Result<Document<T>, Box<(Diagnostic, String)>> {
    match read::<T>(&text) {
        Ok(value) => Ok(Document {
            value,
            spans: Spans::lazy(&text),
            text,
        }),
        Err(problem) => Err(Box::new((problem, text))),
    }
}

/// The value of [`parse`], without its document.
fn read<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("file is empty", Some(0..0))
            .with_help("a quiz file starts with `(` and `format: 1,`; see docs/quiz-format.md"));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    options
        .from_str::<T>(text)
        .map_err(|e| ron_diagnostic(text, &e))
}

fn ron_diagnostic(text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = offset_of(text, e.span.start.line, e.span.start.col);
    let end = offset_of(text, e.span.end.line, e.span.end.col).max(start);
    let span = Some(start..end);
    if let Some(d) = curly_quote(text, start) {
        return d;
    }
    if ends_early(text, start, &e.code) {
        if let Some(d) = file_ends_early(text) {
            return d;
        }
    }
    let outer_name = |outer: &Option<String>| match outer {
        Some(o) => format!(" in `{o}`"),
        None => String::new(),
    };
    match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => Diagnostic::error(
            format!("unknown field `{found}`{}", outer_name(outer)),
            Some(name_at(text, start..end, found)),
        )
        .with_help(suggestion(
            found,
            "fields allowed here",
            expected.iter().copied(),
        )),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = match outer.as_deref() {
                Some("Kind") => "question kind".to_owned(),
                Some(o) => format!("`{o}`"),
                None => "variant".to_owned(),
            };
            Diagnostic::error(
                format!("unknown {what} `{found}`"),
                Some(name_at(text, start..end, found)),
            )
            .with_help(suggestion(found, "choose one of", expected.iter().copied()))
        }
        E::MissingStructField { field, outer } => Diagnostic::error(
            format!("missing field `{field}`{}", outer_name(outer)),
            span,
        )
        .with_help(format!("add `{field}: ...` here; see docs/quiz-format.md")),
        E::DuplicateStructField { field, outer } => Diagnostic::error(
            format!("field `{field}` is given twice{}", outer_name(outer)),
            Some(name_at(text, start..end, field)),
        )
        .with_help("keep one of them"),
        E::ExceededRecursionLimit => Diagnostic::error(
            format!("values are nested more than {RECURSION_LIMIT} levels deep"),
            span,
        )
        .with_help("a quiz never nests this deeply; look for runaway brackets"),
        E::Eof => Diagnostic::error("file ends too early", span)
            .with_help("a bracket or quote is not closed"),
        other => wrong_type(text, start, other).unwrap_or_else(|| {
            let mut msg = other.to_string();
            if let Some(first) = msg.get(..1) {
                msg = first.to_lowercase() + &msg[1..];
            }
            Diagnostic::error(msg, span)
                .with_help("the file is not valid RON here; see docs/quiz-format.md")
        }),
    }
}

/// Where the name `name` is written at ron's span: ron 0.12 spans the name
/// itself, but the name is also looked for right after or right before the
/// span (never anywhere else: the same name elsewhere is another value).
fn name_at(text: &str, span: Range<usize>, name: &str) -> Range<usize> {
    let is_name = |r: &Range<usize>| {
        text.get(r.clone())
            .is_some_and(|w| w.strip_prefix("r#").unwrap_or(w) == name)
    };
    if is_name(&span) {
        return span;
    }
    let after = skip_blank(text, span.start);
    let word = after..after + ident_len(&text[after..]);
    if is_name(&word) {
        return word;
    }
    let before = text[..span.start].trim_end();
    let start = before.len() - before.bytes().rev().take_while(|c| is_ident(*c)).count();
    let word = start..before.len();
    if is_name(&word) {
        return word;
    }
    span
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'#'
}

fn ident_len(text: &str) -> usize {
    text.bytes().take_while(|c| is_ident(*c)).count()
}

/// The offset of the first byte at or after `pos` that is not a space,
/// a line break or a comment.
fn skip_blank(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            pos += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            pos += trimmed.find("*/").map_or(trimmed.len(), |i| i + 2);
        } else {
            return pos;
        }
    }
}

/// Quotes word processors put in place of straight ones.
const CURLY_QUOTES: [char; 6] = [
    '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{201e}', '\u{201a}',
];

/// A curly quote where ron expected a value: a string pasted from a word
/// processor.
fn curly_quote(text: &str, pos: usize) -> Option<Diagnostic> {
    let at = skip_blank(text, pos);
    let quote = text[at..]
        .chars()
        .next()
        .filter(|c| CURLY_QUOTES.contains(c))?;
    let field = context::at(text, at).field().map_or_else(
        || "a string ".to_owned(),
        |(name, _, _)| format!("`{name}` "),
    );
    Some(
        Diagnostic::error(
            format!("{field}starts with the curly quote `{quote}`, not a straight `\"`"),
            Some(at..at + quote.len_utf8()),
        )
        .with_help(
            "RON strings need straight double quotes (\"...\"); a word processor may have curled them: \
             retype the quotes in a plain-text editor",
        ),
    )
}

/// Whether ron stopped because the text ran out: past the last token of
/// the text, or on that token when it is a bracket or comma (ron reports a
/// missing item or field at the `[` or `,` that should be followed by one).
fn ends_early(text: &str, pos: usize, code: &ron::Error) -> bool {
    if matches!(code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        return true;
    }
    let end = context::at(text, text.len()).end;
    pos >= end || (pos + 1 == end && text[pos..].starts_with(['(', '[', '{', ',', ':']))
}

/// A file that ends before a string or bracket is closed, naming the
/// innermost one and the question it is in.
fn file_ends_early(text: &str) -> Option<Diagnostic> {
    let cx = context::at(text, text.len());
    let line = |at: usize| crate::diagnostic::line_col(text, at).0;
    let question = cx.question().map(|(_, q)| match &q.id {
        Some(id) => format!("question `{id}`"),
        None => format!("the question that opened at line {}", line(q.at)),
    });
    if let Some(at) = cx.string {
        let within = question.map(|q| format!(", in {q}")).unwrap_or_default();
        return Some(
            Diagnostic::error(
                format!("file ends inside the string that opens here{within}"),
                Some(at..at + 1),
            )
            .with_help("close the string with the same quote it opens with"),
        );
    }
    let depth = cx.open.len();
    let inner = cx.open.last()?;
    let is_question = cx.question().is_some() && depth == 3;
    let parent_field = depth
        .checked_sub(2)
        .and_then(|i| cx.open[i].field.as_ref())
        .map(|(f, _)| f.as_str());
    let thing = if is_question {
        question.clone().unwrap_or_default()
    } else if depth == 1 {
        "the quiz".to_owned()
    } else if let Some(name) = &inner.name {
        format!("`{name}(`")
    } else if let Some(field) = parent_field {
        match inner.bracket {
            b'[' => format!("the `{field}` list"),
            _ => format!("`{field}`"),
        }
    } else {
        format!("the `{}`", inner.bracket as char)
    };
    let opened = if is_question && inner.id.is_none() {
        String::new()
    } else {
        format!(" that opened at line {}", line(inner.at))
    };
    let within = match (&question, is_question) {
        (Some(q), false) => format!(", in {q}"),
        _ => String::new(),
    };
    let end = text.trim_end().len();
    Some(
        Diagnostic::error(
            format!(
                "file ends before the closing `{}` of {thing}{opened}{within}",
                inner.closing()
            ),
            Some(end..end),
        )
        .with_help(format!(
            "add `{}` where it ends; every `(`, `[` and `{{` needs its closing bracket",
            inner.closing()
        )),
    )
}

/// A value of the wrong type, named by its field with what was expected
/// and what was found.
fn wrong_type(text: &str, pos: usize, code: &ron::Error) -> Option<Diagnostic> {
    use ron::Error as E;
    let generic = match code {
        E::ExpectedFloat | E::ExpectedInteger => "a number",
        E::ExpectedString => "a string in double quotes, such as \"text\"",
        E::ExpectedBoolean => "`true` or `false` without quotes",
        E::ExpectedArray => "a list in `[ ]`",
        _ => return None,
    };
    let at = skip_blank(text, pos);
    let cx = context::at(text, at);
    // A value of a field, or an item of a list held by a field.
    let (field, variant, subject) = match (cx.field(), cx.open.as_slice()) {
        (Some((field, _, variant)), _) => (field, variant, format!("`{field}`")),
        (None, [.., parent, list]) if list.bracket == b'[' => {
            let (field, _) = parent.field.as_ref()?;
            // Items are judged by their type alone.
            ("", None, format!("each item of `{field}`"))
        }
        _ => return None,
    };
    let (expected, help) = match (field, variant) {
        ("pass_mark", _) => (
            "a number such as 60 (percent)",
            "write the percentage without quotes or `%`: `pass_mark: 60`",
        ),
        ("answer", Some("Single")) => (
            "the option's id, a string such as \"b\"",
            "write the id of the right option in double quotes: `answer: \"b\"`",
        ),
        ("answer", Some("TrueFalse")) => (
            "`true` or `false` without quotes",
            "write `answer: true` or `answer: false`",
        ),
        ("answer", Some("Number")) => (
            "a number such as 9",
            "write the number in digits without quotes; put the unit in `unit`",
        ),
        ("answers", _) => (
            "a list of option ids, such as [\"a\", \"c\"]",
            "list the ids of the right options in `[ ]`, each in double quotes",
        ),
        ("format", _) => ("a whole number such as 1", "write `format: 1`"),
        ("points", _) => (
            "a number such as 1",
            "write `points: 1` without quotes, or leave it out",
        ),
        ("tolerance", _) => (
            "a number such as 0.5",
            "write how far from the answer is still right, without quotes",
        ),
        _ => (generic, "see docs/quiz-format.md for what this field holds"),
    };
    let (found, len) = found_value(&text[at..]);
    Some(
        Diagnostic::error(
            format!("{subject} must be {expected}, found {found}"),
            Some(at..at + len),
        )
        .with_help(help),
    )
}

/// What a value written at the start of `rest` is, in words, and how many
/// bytes it takes (its first line at most).
fn found_value(rest: &str) -> (String, usize) {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let word = ident_len(line);
    let token = line
        .find([',', ')', ']', '}', ' ', '\t', '\r'])
        .unwrap_or(line.len());
    match line.chars().next() {
        None => ("the end of the file".to_owned(), 0),
        Some('"') => {
            let len = line[1..].find('"').map_or(line.len(), |i| i + 2);
            ("a string".to_owned(), len)
        }
        Some('\'') => ("text in single quotes".to_owned(), token.max(1)),
        Some('[') => ("a list".to_owned(), 1),
        Some('(') => ("a value in `( )`".to_owned(), 1),
        Some('{') => ("a map".to_owned(), 1),
        Some(c) if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => {
            ("a number".to_owned(), token.max(1))
        }
        Some(_) if word > 0 => match &line[..word] {
            "true" | "false" => (format!("`{}`", &line[..word]), word),
            name => (format!("the bare word `{name}`"), word),
        },
        Some(c) => (format!("`{c}`"), c.len_utf8()),
    }
}

#[cfg(test)]
mod tests;
