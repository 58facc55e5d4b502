//! Pinning: writing each source text's sha256 into the quiz file's own text.
//!
//! Only the `sha256` values change (or a `sha256` field is added after the
//! source's `file`, following the layout around it); comments and layout
//! elsewhere are kept. The result is parsed and validated before it is
//! returned, so pinning never produces a file that would no longer load.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::load::{parse, Document, Place};
use crate::quiz::Quiz;
use crate::validate::validate;

/// A quiz file's text with its sources pinned.
#[derive(Debug, Clone, PartialEq)]
pub struct Pinned {
    /// The new text of the file.
    pub text: String,
    /// How many sources got a new or changed hash.
    pub changed: usize,
}

/// Pinning would have broken the file; nothing should be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pinning would break the file")]
pub struct WouldBreak;

/// Pins the sources of `doc` whose hash is in `hashes` (by source id).
pub fn pin(doc: &Document<Quiz>, hashes: &BTreeMap<String, String>) -> Result<Pinned, WouldBreak> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut changed = 0;
    for (i, source) in doc.value.sources.iter().enumerate() {
        let Some(hash) = hashes.get(&source.id) else {
            continue;
        };
        if source.sha256.as_deref() == Some(hash.as_str()) {
            continue;
        }
        changed += 1;
        let at = Place::root().field("sources").index(i);
        if let Some(span) = doc.spans.exact(&at.field("sha256")) {
            edits.push((span, format!("\"{hash}\"")));
        } else if let Some(file) = doc.spans.exact(&at.field("file")) {
            edits.push(insert_field_after(&doc.text, file.end, "sha256", hash));
        }
    }
    let mut text = doc.text.clone();
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (range, with) in edits {
        text.replace_range(range, &with);
    }
    let loads = parse::<Quiz>(&text).map(|d| validate(&d));
    if !matches!(loads, Ok(ref p) if !p.iter().any(Diagnostic::is_error)) {
        return Err(WouldBreak);
    }
    Ok(Pinned { text, changed })
}

/// An edit that adds `name: "value",` after the value ending at `end`,
/// following the layout around it: on its own line when the fields are one
/// per line, inline otherwise.
fn insert_field_after(text: &str, end: usize, name: &str, value: &str) -> (Range<usize>, String) {
    let rest = &text[end..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[spaces..].starts_with(',') {
        let after_comma = end + spaces + 1;
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = text[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if text[after_comma..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r'])
        {
            return (
                after_comma..after_comma,
                format!("\n{indent}{name}: \"{value}\","),
            );
        }
        return (after_comma..after_comma, format!(" {name}: \"{value}\","));
    }
    (end..end, format!(", {name}: \"{value}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn quiz(sources: &str) -> String {
        format!(
            r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [{sources}],
 questions: [(id: "x", prompt: "P", kind: TrueFalse(answer: true), explanation: "E", citations: [(source: "a", quote: "q")])])"#
        )
    }

    fn hashes() -> BTreeMap<String, String> {
        BTreeMap::from([("a".to_owned(), HASH.to_owned())])
    }

    #[test]
    fn a_hash_is_added_inline_after_the_file() {
        let text = quiz(r#"(id: "a", headline: "H", file: "a.txt")"#);
        let pinned = pin(&parse::<Quiz>(&text).unwrap(), &hashes()).unwrap();
        assert_eq!(pinned.changed, 1);
        assert_eq!(
            pinned.text,
            quiz(&format!(
                r#"(id: "a", headline: "H", file: "a.txt", sha256: "{HASH}")"#
            ))
        );
    }

    #[test]
    fn a_hash_gets_its_own_line_when_fields_are_one_per_line() {
        let text = quiz("(\n    id: \"a\",\n    headline: \"H\",\n    file: \"a.txt\",\n)");
        let pinned = pin(&parse::<Quiz>(&text).unwrap(), &hashes()).unwrap();
        assert_eq!(
            pinned.text,
            quiz(&format!(
                "(\n    id: \"a\",\n    headline: \"H\",\n    file: \"a.txt\",\n    sha256: \"{HASH}\",\n)"
            ))
        );
    }

    #[test]
    fn an_old_hash_is_replaced_and_a_current_one_left_alone() {
        let old = "0".repeat(64);
        let text = quiz(&format!(
            r#"(id: "a", headline: "H", file: "a.txt", sha256: "{old}")"#
        ));
        let pinned = pin(&parse::<Quiz>(&text).unwrap(), &hashes()).unwrap();
        assert_eq!(pinned.changed, 1);
        assert_eq!(pinned.text, text.replace(&old, HASH));
        let again = pin(&parse::<Quiz>(&pinned.text).unwrap(), &hashes()).unwrap();
        assert_eq!(again.changed, 0);
        assert_eq!(again.text, pinned.text);
    }

    #[test]
    fn a_pin_that_would_not_load_is_refused() {
        // A value that is not a sha256 would make the file fail validation,
        // so nothing is returned to write.
        let text = quiz(r#"(id: "a", headline: "H", file: "a.txt")"#);
        let bad = BTreeMap::from([("a".to_owned(), "not-a-hash".to_owned())]);
        assert_eq!(pin(&parse::<Quiz>(&text).unwrap(), &bad), Err(WouldBreak));
    }

    #[test]
    fn a_source_without_a_hash_is_left_alone() {
        let text = quiz(r#"(id: "a", headline: "H", file: "a.txt")"#);
        let other = BTreeMap::from([("b".to_owned(), HASH.to_owned())]);
        let pinned = pin(&parse::<Quiz>(&text).unwrap(), &other).unwrap();
        assert_eq!(pinned.changed, 0);
        assert_eq!(pinned.text, text);
    }
}
