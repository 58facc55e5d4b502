//! The citation check: every quote of a quiz looked for in its source, and
//! each one missing turned into a diagnostic a teacher can act on.
//!
//! This is the only part of the citation engine that knows about quiz files.
//! It does not read files: the caller reads the sources and hands over what
//! each read gave, so the check stays a function of values.
//!
//! Invariants: each source is read, normalized once and all its quotes are
//! looked for in one pass, one source at a time (its bytes become its text,
//! never copied); diagnostics come back in file order.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::io::{Read, Seek};

use super::closest::Closest;
use super::stream::{proves, Helper};
use super::text::SourceText;
use crate::diagnostic::{cap, line_col, Diagnostic, Related, MAX_PER_FILE};
use crate::digest::sha256_hex;
use crate::load::{Document, Place};
use crate::quiz::{Quiz, Source};

/// A source's text as read from the sources folder, or why it could not be
/// (`E`, a reason written for the teacher).
pub type SourceRead<E = String> = Result<Vec<u8>, E>;

/// Checks every citation of `doc` against the texts of its sources: each
/// quote must occur in the text of the source it names, and a pinned hash
/// must match. `texts` maps source ids to what reading their file gave; a
/// source missing from it is skipped.
pub fn check_citations<E: Display>(
    doc: &Document<Quiz>,
    texts: &BTreeMap<String, SourceRead<E>>,
) -> Vec<Diagnostic> {
    check_sources(
        doc,
        |source| texts.get(&source.id).map(|read| read.as_ref().cloned()),
        |_, _| {},
    )
}

/// [`check_citations`] reading one source at a time: `read` gives what
/// reading a source's file gave (`None` skips the source), and each text
/// that could be prepared is handed to `keep` once its quotes are looked
/// for, to be kept or dropped before the next source is read. So at most
/// one source text is held here at a time, and its bytes are never copied:
/// they become the text, which is normalized once.
///
/// Like every list of problems in one file, at most
/// [`MAX_PER_FILE`] are returned, in file order, then a line saying how
/// many more there are; the closest passage of a missing quote is looked
/// for only when its problem can be among those shown.
pub fn check_sources<E: Display>(
    doc: &Document<Quiz>,
    mut read: impl FnMut(&Source) -> Option<SourceRead<E>>,
    mut keep: impl FnMut(&str, SourceText),
) -> Vec<Diagnostic> {
    let quiz = &doc.value;
    let mut found = Vec::new();
    for (i, source) in quiz.sources.iter().enumerate() {
        let place = Place::root().field("sources").index(i);
        let at = |field: &str| doc.spans.find(&place.field(field));
        let bytes = match read(source) {
            Some(Ok(bytes)) => bytes,
            Some(Err(reason)) => {
                found.push(unreadable_source(doc, i, &reason));
                continue;
            }
            None => continue,
        };
        if let Some(pinned) = &source.sha256 {
            let actual = sha256_hex(&bytes);
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
        match String::from_utf8(bytes) {
            Ok(text) => {
                let text = SourceText::new(text);
                find_quotes(doc, &source.id, &text, &mut found);
                keep(&source.id, text);
            }
            Err(e) => {
                let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let (line, col) = line_col(std::str::from_utf8(good).unwrap_or(""), good.len());
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
    found.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    cap(found, MAX_PER_FILE)
}

/// [`check_sources`] that first tries each source without holding its text:
/// `open` gives a reader of the source's file (`None` when it cannot be
/// opened; a long text is opened a second time to read its halves at
/// once, its second half read by `helper`), and its quotes are proved while it is read a piece at a time,
/// reading no more than `limit` bytes. Only a source that does not prove
/// so (a quote missing, a text not UTF-8 or possibly not NFC, a hash that
/// does not match, a read that fails) is read whole with `read` and
/// checked as [`check_sources`] checks it, so the problems are the same,
/// word for word, and a check that passes holds no source text whole.
pub fn prove_sources_streaming<E: Display, R: Read + Seek + Send + 'static>(
    doc: &Document<Quiz>,
    limit: u64,
    helper: &Helper,
    mut open: impl FnMut(&Source) -> Option<R>,
    mut read: impl FnMut(&Source) -> Option<SourceRead<E>>,
) -> Vec<Diagnostic> {
    let quiz = &doc.value;
    check_sources(
        doc,
        |source| {
            if let Some(reader) = open(source) {
                let (_, quotes) = quotes_of(quiz, &source.id);
                let again = || open(source);
                if proves(
                    &quotes,
                    source.sha256.as_deref(),
                    limit,
                    (reader, again),
                    helper,
                ) {
                    return None;
                }
            }
            read(source)
        },
        |_, _| {},
    )
}

/// The quotes cited to source `id` (blank ones are reported by validation).
fn quotes_of<'q>(quiz: &'q Quiz, id: &str) -> (Vec<(usize, usize)>, Vec<&'q str>) {
    let mut places = Vec::new();
    let mut quotes = Vec::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        for (k, c) in q.citations.iter().enumerate() {
            if c.source == id && !c.quote.trim().is_empty() {
                places.push((i, k));
                quotes.push(c.quote.as_str());
            }
        }
    }
    (places, quotes)
}

/// Every quote cited to source `id`, looked up in one pass over its text;
/// each one missing becomes a problem in `found`.
fn find_quotes(
    doc: &Document<Quiz>,
    id: &str,
    source_text: &SourceText,
    found: &mut Vec<Diagnostic>,
) {
    let quiz = &doc.value;
    let (places, quotes) = quotes_of(quiz, id);
    let file = quiz.source(id).map_or("", |s| s.file.as_str());
    let mut missing: Vec<(Diagnostic, &str)> = places
        .iter()
        .zip(quotes.iter().zip(source_text.find_all(&quotes)))
        .filter(|(_, (_, hit))| hit.is_none())
        .map(|(&(i, k), (quote, _))| {
            let place = Place::root()
                .field("questions")
                .index(i)
                .field("citations")
                .index(k)
                .field("quote");
            let d = Diagnostic::error(
                format!("citation quote not found in {file}"),
                doc.spans.find(&place),
            );
            (d, *quote)
        })
        .collect();
    // Only the first problems of a file are shown (see
    // [`check_sources`]), so only the quotes whose problem may be among
    // them are given a closest passage: the first of this source's in
    // file order.
    missing.sort_by_key(|(d, _)| d.span.as_ref().map_or(0, |s| s.start));
    let shown = missing.len().min(MAX_PER_FILE);
    let shown_quotes: Vec<&str> = missing[..shown].iter().map(|(_, q)| *q).collect();
    let closest = source_text.closest_all(&shown_quotes);
    for (k, (mut d, _)) in missing.into_iter().enumerate() {
        match closest.get(k) {
            Some(Some(closest)) => {
                d.help = Some(
                    "copy the words exactly as the source has them; only quote marks, dashes and spacing may differ"
                        .to_owned(),
                );
                d.related = Some(Box::new(related_passage(file, &source_text.text, closest)));
            }
            Some(None) => {
                d.help = Some(format!(
                    "no passage of {file} shares a word with this quote; is it cited to the right source?"
                ));
            }
            // Past what is shown: counted, never rendered.
            None => {}
        }
        found.push(d);
    }
}

/// The problem reported when source number `index` of the quiz in `doc`
/// cannot be read, for `reason`: it points at the source's file name.
///
/// # Panics
///
/// If the quiz has no source number `index`.
pub fn unreadable_source(doc: &Document<Quiz>, index: usize, reason: &dyn Display) -> Diagnostic {
    let source = &doc.value.sources[index];
    let file = Place::root().field("sources").index(index).field("file");
    Diagnostic::error(
        format!(
            "cannot read source `{}` ({}): {reason}",
            source.id, source.file
        ),
        doc.spans.find(&file),
    )
    .with_help("name a file inside the sources folder")
}

/// The lines around a closest passage, with each difference marked.
fn related_passage(file: &str, text: &str, closest: &Closest) -> Related {
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
    Related {
        title: format!("closest passage in {file}:"),
        path: file.to_owned(),
        excerpt: text[start..end].to_owned(),
        line_start,
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::closest::Difference;
    use crate::diagnostic::render;
    use crate::load::parse;

    const QUIZ: &str = r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [(id: "a", headline: "H", file: "a.txt")],
 questions: [(id: "x", prompt: "P", kind: TrueFalse(answer: true), explanation: "E",
   citations: [(source: "a", quote: "\"Let me pass.\"")])])"#;

    /// A reason that is not a string, as a typed read error would be.
    struct NotThere;

    impl Display for NotThere {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("no such file in sources/")
        }
    }

    #[test]
    fn an_unreadable_source_is_reported_at_its_file_name() {
        let doc = parse::<Quiz>(QUIZ).unwrap();
        let texts = BTreeMap::from([("a".to_owned(), Err(NotThere))]);
        assert_eq!(
            render("q.ron", QUIZ, &check_citations(&doc, &texts)),
            "q.ron:2:43: error: cannot read source `a` (a.txt): no such file in sources/\n  |\n2 |  sources: [(id: \"a\", headline: \"H\", file: \"a.txt\")],\n  |                                           ^^^^^^^\n  |\n  = help: name a file inside the sources folder\n"
        );
    }

    #[test]
    fn sources_are_read_and_kept_one_at_a_time() {
        let doc = parse::<Quiz>(QUIZ).unwrap();
        let mut reads = Vec::new();
        let mut kept = Vec::new();
        let found = check_sources(
            &doc,
            |source| {
                reads.push(source.id.clone());
                Some(Ok::<_, NotThere>(b"He said: \"Let me go.\"".to_vec()))
            },
            |id, text| kept.push((id.to_owned(), text.text)),
        );
        assert_eq!(reads, ["a"]);
        assert_eq!(
            kept,
            [("a".to_owned(), "He said: \"Let me go.\"".to_owned())]
        );
        // The quote is missing: reported at its line and column, 4:37.
        assert_eq!(found.len(), 1);
        assert!(
            render("q.ron", QUIZ, &found)
                .starts_with("q.ron:4:37: error: citation quote not found in a.txt\n"),
            "{}",
            render("q.ron", QUIZ, &found)
        );
    }

    #[test]
    fn only_the_problems_shown_are_given_a_closest_passage() {
        // 60 quotes, each one word off the text; the first 50 are shown
        // with their passage, the other 10 counted on one line.
        let quotes: Vec<String> = (0..60)
            .map(|i| format!("(source: \"a\", quote: \"word{i} is gone\")"))
            .collect();
        let quiz = format!(
            r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [(id: "a", headline: "H", file: "a.txt")],
 questions: [(id: "x", prompt: "P", kind: TrueFalse(answer: true), explanation: "E",
   citations: [{}])])"#,
            quotes.join(",\n")
        );
        let doc = parse::<Quiz>(&quiz).unwrap();
        let text: String = (0..60).map(|i| format!("word{i} is here.\n")).collect();
        let read: SourceRead = Ok(text.into_bytes());
        let found = check_citations(&doc, &BTreeMap::from([("a".to_owned(), read)]));
        assert_eq!(found.len(), 51);
        for (i, d) in found[..50].iter().enumerate() {
            let related = d.related.as_ref().expect("a closest passage");
            assert_eq!(related.excerpt, format!("word{i} is here."), "{i}");
            assert_eq!(
                d.span.as_ref().map(|s| &quiz[s.clone()]),
                Some(format!("\"word{i} is gone\"").as_str())
            );
        }
        assert_eq!(found[50].message, "… and 10 more problems in this file");
        assert_eq!(crate::diagnostic::counts(&found), (60, 0));
    }

    #[test]
    fn proving_while_reading_reports_what_the_full_check_does() {
        let quiz = r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [(id: "a", headline: "H", file: "a.txt"), (id: "b", headline: "H", file: "b.txt")],
 questions: [(id: "x", prompt: "P", kind: TrueFalse(answer: true), explanation: "E",
   citations: [(source: "a", quote: "\"Let me pass.\""), (source: "b", quote: "caf\u{e9} is open"),
     (source: "b", quote: "the caf\u{e9} is shut")])])"#;
        let doc = parse::<Quiz>(quiz).unwrap();
        // b is not in NFC, and one of its quotes is missing.
        for (a, b) in [
            (
                "He said: \u{201c}Let me pass.\u{201d}\n",
                "The cafe\u{301} is open.",
            ),
            ("He said: \"Let me go.\"", "The cafe\u{301}  is\nopen."),
            (
                "He said: \u{201c}Let me  pass.\u{201d}",
                "The caf\u{e9} is shut, the caf\u{e9} is open",
            ),
        ] {
            let texts = BTreeMap::from([("a", a), ("b", b)]);
            let full = check_sources(
                &doc,
                |source| {
                    Some(Ok::<_, NotThere>(
                        texts[source.id.as_str()].as_bytes().to_vec(),
                    ))
                },
                |_, _| {},
            );
            let mut reads = Vec::new();
            let streamed = prove_sources_streaming(
                &doc,
                1 << 20,
                &Helper::new(),
                |source| {
                    Some(std::io::Cursor::new(
                        texts[source.id.as_str()].as_bytes().to_vec(),
                    ))
                },
                |source| {
                    reads.push(source.id.clone());
                    Some(Ok::<_, NotThere>(
                        texts[source.id.as_str()].as_bytes().to_vec(),
                    ))
                },
            );
            assert_eq!(
                render("q.ron", quiz, &streamed),
                render("q.ron", quiz, &full)
            );
            // A source is read whole only when a quote is missing or its
            // text is not in NFC.
            let whole = |id: &str| reads.iter().filter(|r| *r == id).count();
            let a_found = full.iter().all(|d| !d.message.contains("a.txt"));
            assert_eq!(whole("a"), if a_found { 0 } else { 1 }, "{a:?}");
            let b_again = b.contains('\u{301}') || full.iter().any(|d| d.message.contains("b.txt"));
            assert_eq!(whole("b"), if b_again { 1 } else { 0 }, "{b:?}");
        }
    }

    #[test]
    fn a_quote_found_in_its_source_is_no_problem() {
        let doc = parse::<Quiz>(QUIZ).unwrap();
        let read: SourceRead = Ok(b"He said: \xe2\x80\x9cLet me pass.\xe2\x80\x9d".to_vec());
        let texts = BTreeMap::from([("a".to_owned(), read)]);
        let found = check_citations(&doc, &texts);
        assert!(found.is_empty(), "{}", render("q.ron", QUIZ, &found));
    }

    #[test]
    fn a_closest_passage_is_shown_as_its_whole_lines_with_marks_inside_them() {
        // Line 2 is bytes 9..30; the passage is "has the words" (14..27),
        // and "the" (18..21) is marked at 9..12 of the excerpt.
        let text = "line one\nline has the words ok\nline three";
        let closest = Closest {
            passage: 14..27,
            differences: vec![Difference {
                span: 18..21,
                quote: "a".to_owned(),
            }],
        };
        assert_eq!(&text[14..27], "has the words");
        assert_eq!(&text[18..21], "the");
        assert_eq!(
            related_passage("a.txt", text, &closest),
            Related {
                title: "closest passage in a.txt:".to_owned(),
                path: "a.txt".to_owned(),
                excerpt: "line has the words ok".to_owned(),
                line_start: 2,
                marks: vec![(9..12, "the quote has `a`".to_owned())],
            }
        );
    }

    #[test]
    fn only_the_quotes_cited_to_a_source_that_are_not_blank_are_its_own() {
        let quiz = QUIZ
            .replace(
                r#"sources: [(id: "a", headline: "H", file: "a.txt")]"#,
                r#"sources: [(id: "a", headline: "H", file: "a.txt"), (id: "b", headline: "H", file: "b.txt")]"#,
            )
            .replace(
                r#"citations: [(source: "a", quote: "\"Let me pass.\"")]"#,
                r#"citations: [(source: "b", quote: "of b"), (source: "a", quote: "  "), (source: "a", quote: "of a")]"#,
            );
        let doc = parse::<Quiz>(&quiz).unwrap();
        assert_eq!(quotes_of(&doc.value, "a"), (vec![(0, 2)], vec!["of a"]));
        assert_eq!(quotes_of(&doc.value, "b"), (vec![(0, 0)], vec!["of b"]));
    }

    #[test]
    fn words_missing_from_the_quote_or_added_by_it_are_marked() {
        let marks = |quote: &str, text: &str| {
            let quiz = QUIZ.replace("\\\"Let me pass.\\\"", quote);
            let doc = parse::<Quiz>(&quiz).unwrap();
            let read: SourceRead = Ok(text.as_bytes().to_vec());
            let found = check_citations(&doc, &BTreeMap::from([("a".to_owned(), read)]));
            assert_eq!(found.len(), 1, "{quote}");
            found[0]
                .related
                .as_ref()
                .expect("a closest passage")
                .marks
                .clone()
        };
        // "very" (bytes 16..20 of the source) is left out of the quote.
        assert_eq!(
            marks("the meeting was long", "the meeting was very long and loud"),
            [(16..20, "not in the quote".to_owned())]
        );
        // The quote adds "very" where the source has nothing, before byte 16.
        assert_eq!(
            marks("the meeting was very long", "the meeting was long and loud"),
            [(16..16, "the quote adds `very`".to_owned())]
        );
    }

    #[test]
    fn a_source_that_matches_its_pinned_sha256_is_no_problem() {
        let bytes = b"He said: \xe2\x80\x9cLet me pass.\xe2\x80\x9d".to_vec();
        // `sha256sum` of those bytes, in either case.
        let digest = "870688e202caa9eb16716de0ca2f9890d6e695e0320f0167d20ce5a913f71163";
        for pinned in [digest.to_owned(), digest.to_ascii_uppercase()] {
            let mut doc = parse::<Quiz>(QUIZ).unwrap();
            doc.value.sources[0].sha256 = Some(pinned);
            let read: SourceRead = Ok(bytes.clone());
            let found = check_citations(&doc, &BTreeMap::from([("a".to_owned(), read)]));
            assert!(found.is_empty(), "{}", render("q.ron", QUIZ, &found));
        }
        // One byte off ("pass" as "pasS"): changed since it was pinned.
        let mut doc = parse::<Quiz>(QUIZ).unwrap();
        doc.value.sources[0].sha256 = Some(digest.to_owned());
        let read: SourceRead = Ok(b"He said: \xe2\x80\x9cLet me pasS.\xe2\x80\x9d".to_vec());
        let found = check_citations(&doc, &BTreeMap::from([("a".to_owned(), read)]));
        assert!(found.iter().any(|d| d
            .message
            .starts_with("source `a` (a.txt) has changed since it was pinned")));
    }
}
