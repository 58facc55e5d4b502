//! The citation check: every quote of a quiz looked for in its source, and
//! each one missing turned into a diagnostic a teacher can act on.
//!
//! This is the only part of the citation engine that knows about quiz files.
//! It does not read files: the caller reads the sources and hands over what
//! each read gave, so the check stays a function of values.
//!
//! Invariants: each source is normalized once and all its quotes are looked
//! for in one pass; diagnostics come back in file order.

use super::closest::Closest;
use super::text::SourceText;
use crate::digest::sha256_hex;
use crate::load::Place;

/// A source's text as read from the sources folder, or why it could not be.
pub type SourceRead = Result<Vec<u8>, String>;

/// Checks every citation of `doc` against the texts of its sources: each
/// quote must occur in the text of the source it names, and a pinned hash
/// must match. `texts` maps source ids to what reading their file gave.
pub fn check_citations(
    doc: &crate::load::Document<crate::quiz::Quiz>,
    texts: &std::collections::BTreeMap<String, SourceRead>,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    let quiz = &doc.value;
    let mut found = Vec::new();
    let mut prepared: std::collections::BTreeMap<&str, SourceText> = Default::default();
    for (i, source) in quiz.sources.iter().enumerate() {
        let place = Place::root().field("sources").index(i);
        let at = |field: &str| doc.spans.find(&place.field(field));
        let bytes = match texts.get(&source.id) {
            Some(Ok(bytes)) => bytes,
            Some(Err(reason)) => {
                found.push(
                    Diagnostic::error(
                        format!(
                            "cannot read source `{}` ({}): {reason}",
                            source.id, source.file
                        ),
                        at("file"),
                    )
                    .with_help("name a file inside the sources folder"),
                );
                continue;
            }
            None => continue,
        };
        if let Some(pinned) = &source.sha256 {
            let actual = sha256_hex(bytes);
            if !pinned.eq_ignore_ascii_case(&actual) {
                found.push(
                    Diagnostic::error(
                        format!(
                            "source `{}` ({}) has changed since it was pinned: its sha256 is now {actual}",
                            source.id, source.file
                        ),
                        at("sha256"),
                    )
                    .with_help("check the quotes against the new text, then run `lateral pin` to record it"),
                );
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                prepared.insert(source.id.as_str(), SourceText::new(text));
            }
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let (line, col) = crate::diagnostic::line_col(
                    std::str::from_utf8(good).unwrap_or(""),
                    good.len(),
                );
                found.push(
                    Diagnostic::error(
                        format!(
                            "source `{}` ({}) is not UTF-8 text (invalid byte at line {line}, column {col})",
                            source.id, source.file
                        ),
                        at("file"),
                    )
                    .with_help("save the article as UTF-8"),
                );
            }
        }
    }
    // Every quote of a source, looked up in one pass over its text.
    for (id, source_text) in &prepared {
        let mut places = Vec::new();
        let mut quotes = Vec::new();
        for (i, q) in quiz.questions.iter().enumerate() {
            for (k, c) in q.citations.iter().enumerate() {
                if c.source == *id && !c.quote.trim().is_empty() {
                    places.push(
                        Place::root()
                            .field("questions")
                            .index(i)
                            .field("citations")
                            .index(k)
                            .field("quote"),
                    );
                    quotes.push(c.quote.as_str());
                }
            }
        }
        let file = quiz.source(id).map_or("", |s| s.file.as_str());
        for ((place, quote), hit) in places
            .iter()
            .zip(&quotes)
            .zip(source_text.find_all(&quotes))
        {
            if hit.is_some() {
                continue;
            }
            let mut d = Diagnostic::error(
                format!("citation quote not found in {file}"),
                doc.spans.find(place),
            );
            match source_text.closest(quote) {
                Some(closest) => {
                    d.help = Some(
                        "copy the words exactly as the source has them; only quote marks, dashes and spacing may differ"
                            .to_owned(),
                    );
                    d.related = Some(Box::new(related_passage(file, &source_text.text, &closest)));
                }
                None => {
                    d.help = Some(format!(
                        "no passage of {file} shares a word with this quote; is it cited to the right source?"
                    ));
                }
            }
            found.push(d);
        }
    }
    found.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    found
}

/// The lines around a closest passage, with each difference marked.
fn related_passage(file: &str, text: &str, closest: &Closest) -> crate::diagnostic::Related {
    let start = text[..closest.passage.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[closest.passage.end..]
        .find('\n')
        .map_or(text.len(), |i| closest.passage.end + i);
    let line_start = text[..start].matches('\n').count() + 1;
    let marks = closest
        .differences
        .iter()
        .map(|d| {
            let label = if d.quote.is_empty() {
                "not in the quote".to_owned()
            } else if d.span.is_empty() {
                format!("the quote adds `{}`", d.quote)
            } else {
                format!("the quote has `{}`", d.quote)
            };
            ((d.span.start - start)..(d.span.end - start), label)
        })
        .collect();
    crate::diagnostic::Related {
        title: format!("closest passage in {file}:"),
        path: file.to_owned(),
        excerpt: text[start..end].to_owned(),
        line_start,
        marks,
    }
}
