//! Reading RON text into typed values, keeping the positions of every value.
//!
//! ron reports where a syntax or shape error is, but a deserialized value does
//! not remember where it came from. After ron has accepted a file, a small
//! scanner walks the same text once and records the byte range of every value
//! under its path (`questions[2].kind.answer`), so later checks can point at
//! the exact place ([`Spans`]). This module parses and decodes files and turns
//! ron's errors into diagnostics written for the teacher who must fix them,
//! and writes the files lateral saves (sheets, attempts) in one pretty form.

mod spans;

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

/// Decodes file bytes as UTF-8 text, pointing at the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let good = e.valid_up_to();
            let text = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let (line, col) = crate::diagnostic::line_col(text, good);
            Err(Diagnostic::error(
                format!(
                    "file is not UTF-8 text: invalid byte 0x{:02x} at line {line}, column {col}",
                    bytes[good]
                ),
                None,
            )
            .with_help("save the file as UTF-8 in your editor"))
        }
    }
}

/// Parses `text` as RON into `T`, reporting ron's (first) error with a hint.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<Document<T>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("file is empty", Some(0..0))
            .with_help("a quiz file starts with `(` and `format: 1,`; see docs/quiz-format.md"));
    }
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    match options.from_str::<T>(text) {
        Ok(value) => Ok(Document {
            value,
            text: text.to_owned(),
            spans: Spans::scan(text),
        }),
        Err(e) => Err(ron_diagnostic(text, &e)),
    }
}

fn ron_diagnostic(text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = offset_of(text, e.span.start.line, e.span.start.col);
    let end = offset_of(text, e.span.end.line, e.span.end.col).max(start);
    let span = Some(start..end);
    let outer_name = |outer: &Option<String>| match outer {
        Some(o) => format!(" in `{o}`"),
        None => String::new(),
    };
    match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            // ron points just past the name; underline the name itself.
            let name_start = text[..start].rfind(found.as_str()).unwrap_or(start);
            Diagnostic::error(
                format!("unknown field `{found}`{}", outer_name(outer)),
                Some(name_start..name_start + found.len()),
            )
            .with_help(suggestion(
                found,
                "fields allowed here",
                expected.iter().copied(),
            ))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let name_start = text[..start].rfind(found.as_str()).unwrap_or(start);
            let what = match outer.as_deref() {
                Some("Kind") => "question kind".to_owned(),
                Some(o) => format!("`{o}`"),
                None => "variant".to_owned(),
            };
            Diagnostic::error(
                format!("unknown {what} `{found}`"),
                Some(name_start..name_start + found.len()),
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
            span,
        )
        .with_help("keep one of them"),
        E::ExceededRecursionLimit => Diagnostic::error(
            format!("values are nested more than {RECURSION_LIMIT} levels deep"),
            span,
        )
        .with_help("a quiz never nests this deeply; look for runaway brackets"),
        E::Eof => Diagnostic::error("file ends too early", span)
            .with_help("a bracket or quote is not closed"),
        other => {
            let mut msg = other.to_string();
            if let Some(first) = msg.get(..1) {
                msg = first.to_lowercase() + &msg[1..];
            }
            Diagnostic::error(msg, span)
                .with_help("the file is not valid RON here; see docs/quiz-format.md")
        }
    }
}
