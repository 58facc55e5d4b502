//! Where each value of a RON text sits, by its place in the document.
//!
//! A deserialized value does not remember where it came from. After ron has
//! accepted a file, a small scanner walks the same text once and records the
//! byte range of every value under its [`Place`] (`questions[2].kind.answer`),
//! so later checks can point at the exact place. The walk is lazy: a parsed
//! document keeps its text, and the text is scanned the first time a place
//! is looked up (a problem to report, a hash to pin), once; a file with
//! nothing to report is never scanned. A place is built only by
//! typed steps (field, index, map key), both by the scanner and by the checks
//! that look values up, so the two cannot drift apart the way hand-written
//! path strings could. The scanner only ever sees text ron already parsed,
//! within ron's recursion limit, so it never needs to recover from bad syntax.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::RECURSION_LIMIT;

/// A place in a RON document: the path from the top value down to one value,
/// built one step at a time.
///
/// ```
/// use lateral::load::Place;
/// let quote = Place::root()
///     .field("questions")
///     .index(2)
///     .field("citations")
///     .index(0)
///     .field("quote");
/// assert_eq!(quote.to_string(), "questions[2].citations[0].quote");
/// let response = Place::root().field("responses").key("q-1");
/// assert_eq!(response.to_string(), r#"responses["q-1"]"#);
/// ```
///
/// The scanner records every value under a `Place` built with the same steps,
/// so a place written in a check and the place the scanner recorded agree by
/// construction. `Some(x)` adds no step: an option and its value share a place;
/// an enum variant's name adds none either (`kind.answer`, not
/// `kind.Single.answer`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Place {
    /// The steps, encoded one after another: a tag byte ([`FIELD`],
    /// [`INDEX`], [`KEY`]) then the step's text. A key is written with its
    /// length first, so no key can be mistaken for more steps. One string
    /// per place keeps a large document's table of places small.
    key: String,
    /// Where each step ends in `key`, for the way back up to a parent.
    ends: Vec<usize>,
}

/// Tag of a named field step (`.name`); names are identifiers.
const FIELD: char = '\u{1}';
/// Tag of a list item step (`[3]`).
const INDEX: char = '\u{2}';
/// Tag of a map entry step (`["key"]`), followed by the key's length, `:`
/// and the key.
const KEY: char = '\u{3}';

impl Place {
    /// The document's top value.
    pub fn root() -> Place {
        Place::default()
    }

    /// The field `name` of the struct at this place.
    pub fn field(&self, name: &str) -> Place {
        self.then(|k| {
            k.push(FIELD);
            k.push_str(name);
        })
    }

    /// Item `i` (from 0) of the list or tuple at this place.
    pub fn index(&self, i: usize) -> Place {
        self.then(|k| {
            use std::fmt::Write as _;
            let _ = write!(k, "{INDEX}{i}");
        })
    }

    /// The value under `key` in the map at this place.
    pub fn key(&self, key: &str) -> Place {
        self.then(|k| {
            use std::fmt::Write as _;
            let _ = write!(k, "{KEY}{}:{key}", key.len());
        })
    }

    fn then(&self, step: impl FnOnce(&mut String)) -> Place {
        let mut key = String::with_capacity(self.key.len() + 12);
        key.push_str(&self.key);
        step(&mut key);
        let mut ends = Vec::with_capacity(self.ends.len() + 1);
        ends.extend_from_slice(&self.ends);
        ends.push(key.len());
        Place { key, ends }
    }

    /// The steps, decoded.
    fn steps(&self) -> impl Iterator<Item = (char, &str)> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let step = &self.key[start..end];
            start = end;
            let mut chars = step.chars();
            let tag = chars.next().unwrap_or(FIELD);
            let text = chars.as_str();
            match tag {
                KEY => (tag, text.split_once(':').map_or(text, |(_, k)| k)),
                _ => (tag, text),
            }
        })
    }
}

/// The place as a person reads it: `questions[2].kind.answer`,
/// `responses["q-1"]`; the root is empty.
impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, (tag, text)) in self.steps().enumerate() {
            match tag {
                FIELD if n == 0 => write!(f, "{text}")?,
                FIELD => write!(f, ".{text}")?,
                INDEX => write!(f, "[{text}]")?,
                _ => write!(f, "[{text:?}]")?,
            }
        }
        Ok(())
    }
}

/// Byte ranges of the values in a RON text, by [`Place`]: the text, and
/// its table of places, made the first time a place is looked up.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    /// The text the places are in (empty for a value read from no file).
    text: Arc<str>,
    /// Every value's range, once the text has been scanned.
    table: OnceLock<Table>,
}

/// The ranges the scanner records, by a place's encoded key: one entry per
/// value, so a large document costs one small allocation per value.
#[derive(Debug, Default, Clone)]
struct Table {
    entries: HashMap<Box<str>, Entry>,
}

/// What is recorded at one place.
#[derive(Debug, Default, Clone)]
struct Entry {
    /// The value's range (the first value written there).
    value: Option<Range<usize>>,
    /// Where the field's name is written, for a field's value.
    name: Option<Range<usize>>,
}

impl Table {
    fn value(&self, key: &str) -> Option<Range<usize>> {
        self.entries.get(key).and_then(|e| e.value.clone())
    }

    /// Records what was found at `key`: the first value written there
    /// stays, a field's name is the last one written.
    fn record(&mut self, key: &str, value: Option<Range<usize>>, name: Option<Range<usize>>) {
        match self.entries.get_mut(key) {
            Some(e) => {
                if e.value.is_none() {
                    e.value = value;
                }
                if name.is_some() {
                    e.name = name;
                }
            }
            None => {
                self.entries.insert(key.into(), Entry { value, name });
            }
        }
    }
}

impl Spans {
    /// The range of the value at `place`, or of its nearest recorded parent
    /// (never the whole document, unless `place` is the root).
    pub fn find(&self, place: &Place) -> Option<Range<usize>> {
        let table = self.table();
        if let Some(r) = table.value(&place.key) {
            return Some(r);
        }
        // Parents, nearest first, but never the root.
        let parents = place.ends.len().saturating_sub(1);
        place.ends[..parents]
            .iter()
            .rev()
            .find_map(|&end| table.value(&place.key[..end]))
    }

    /// The range of the value at exactly `place`.
    pub fn exact(&self, place: &Place) -> Option<Range<usize>> {
        self.table().value(&place.key)
    }

    /// The range of the name written before the field value at `place`
    /// (`answer` in `answer: "b"`).
    pub fn field_name(&self, place: &Place) -> Option<Range<usize>> {
        self.table()
            .entries
            .get(place.key.as_str())
            .and_then(|e| e.name.clone())
    }

    /// Scans `text` (already accepted by ron) and records every value's range.
    pub fn scan(text: &str) -> Spans {
        let spans = Spans::lazy(text);
        spans.table();
        spans
    }

    /// The places of `text` (already accepted by ron), scanned only when
    /// one is first looked up.
    pub fn lazy(text: &str) -> Spans {
        Spans {
            text: Arc::from(text),
            table: OnceLock::new(),
        }
    }

    /// Whether the text has been scanned yet.
    pub fn is_scanned(&self) -> bool {
        self.table.get().is_some()
    }

    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let mut s = Scanner::new(self.text.as_bytes(), 0);
            s.value(0);
            s.spans
        })
    }
}

/// The scanner keeps the key of the place it is at in one buffer: a step is
/// pushed before a value is scanned and cut off after, so no place is built
/// for a value but the one key stored with its range.
struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    /// The encoded key of the current place (see [`Place`]).
    key: String,
    spans: Table,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a [u8], pos: usize) -> Scanner<'a> {
        Scanner {
            text,
            pos,
            key: String::new(),
            spans: Table::default(),
        }
    }

    /// Scans the value at the current place plus one step, which `step`
    /// writes onto the key.
    fn value_at(&mut self, step: impl FnOnce(&mut String), depth: usize) {
        let len = self.key.len();
        step(&mut self.key);
        self.value(depth);
        self.key.truncate(len);
    }

    fn index_step(i: usize) -> impl FnOnce(&mut String) {
        move |k| {
            use std::fmt::Write as _;
            let _ = write!(k, "{INDEX}{i}");
        }
    }
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'#') if self.text.get(self.pos + 1) == Some(&b'!') => self.skip_line(),
                Some(b'/') if self.text.get(self.pos + 1) == Some(&b'/') => self.skip_line(),
                Some(b'/') if self.text.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 && self.pos < self.text.len() {
                        if self.text[self.pos..].starts_with(b"/*") {
                            depth += 1;
                            self.pos += 2;
                        } else if self.text[self.pos..].starts_with(b"*/") {
                            depth -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                // A leading byte-order mark or other stray bytes are not values.
                _ => return,
            }
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'\n' {
                break;
            }
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip_trivia();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Skips an identifier and returns it as the program reads it (`r#`
    /// left off).
    fn ident(&mut self) -> &'a str {
        // `r#name` raw identifiers.
        if self.text[self.pos..].starts_with(b"r#")
            && self
                .text
                .get(self.pos + 2)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            self.pos += 2;
        }
        let start = self.pos;
        let text: &'a [u8] = self.text;
        self.pos += text[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        std::str::from_utf8(&text[start..self.pos]).unwrap_or("")
    }

    /// Skips a string or char literal starting at the current quote.
    fn string(&mut self) {
        let quote = self.text[self.pos];
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'\\' {
                self.pos += 1;
            } else if c == quote {
                break;
            }
        }
    }

    /// Skips a map key and returns it as the program reads it: a string
    /// literal with its escapes decoded, anything else as written.
    fn key(&mut self, depth: usize) -> String {
        let start = self.pos;
        // The key's own parts are not values of the document: scan them apart.
        let mut key = Scanner::new(self.text, self.pos);
        key.value(depth);
        self.pos = key.pos.max(start);
        let written = String::from_utf8_lossy(&self.text[start..self.pos.min(self.text.len())]);
        ron::from_str::<String>(&written).unwrap_or_else(|_| written.trim().to_owned())
    }

    fn raw_string(&mut self) {
        // r##"..."##
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1; // opening quote
        let mut close = vec![b'"'];
        close.extend(std::iter::repeat_n(b'#', hashes));
        while self.pos < self.text.len() && !self.text[self.pos..].starts_with(&close) {
            self.pos += 1;
        }
        self.pos = (self.pos + close.len()).min(self.text.len());
    }

    /// Scans the value at the current place and records its range (with
    /// `name`, where its field's name is written).
    fn value(&mut self, depth: usize) {
        self.named_value(depth, None);
    }

    fn named_value(&mut self, depth: usize, name: Option<Range<usize>>) {
        self.skip_trivia();
        let start = self.pos;
        if depth > RECURSION_LIMIT * 2 || self.peek().is_none() {
            self.spans.record(&self.key, None, name);
            return;
        }
        match self.peek() {
            None => {}
            Some(b'(') => {
                self.pos += 1;
                self.fields_or_items(b')', depth);
            }
            Some(b'[') => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.skip_trivia();
                    if self.eat(b']') || self.peek().is_none() {
                        break;
                    }
                    let before = self.pos;
                    self.value_at(Self::index_step(i), depth + 1);
                    i += 1;
                    self.eat(b',');
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.skip_trivia();
                    if self.eat(b'}') || self.peek().is_none() {
                        break;
                    }
                    let before = self.pos;
                    let key = self.key(depth + 1);
                    self.eat(b':');
                    self.value_at(
                        |k| {
                            use std::fmt::Write as _;
                            let _ = write!(k, "{KEY}{}:{key}", key.len());
                        },
                        depth + 1,
                    );
                    self.eat(b',');
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
            Some(b'"' | b'\'') => {
                self.string();
            }
            Some(b'r')
                if matches!(self.text.get(self.pos + 1), Some(b'"' | b'#'))
                    && !self.text[self.pos..].starts_with(b"r#")
                    || self.text[self.pos..].starts_with(b"r#\"")
                    || self.text[self.pos..].starts_with(b"r##") =>
            {
                self.raw_string();
            }
            Some(b'b') if self.text.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string();
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let is_some = self.ident() == "Some";
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.pos += 1;
                    if is_some {
                        // Same path as the option itself: `Some(x)` and `x` mean the same.
                        self.value(depth + 1);
                        self.eat(b')');
                    } else {
                        self.fields_or_items(b')', depth);
                    }
                }
            }
            Some(_) => {
                // Numbers and anything else up to the next delimiter.
                while let Some(c) = self.peek() {
                    if matches!(
                        c,
                        b',' | b':' | b')' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'
                    ) {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        self.spans.record(&self.key, Some(start..self.pos), name);
    }

    /// The inside of `( ... )`: named fields of a struct, or items of a tuple.
    fn fields_or_items(&mut self, close: u8, depth: usize) {
        let mut i = 0;
        loop {
            self.skip_trivia();
            if self.eat(close) || self.peek().is_none() {
                break;
            }
            let before = self.pos;
            // A named field is an identifier followed by a colon.
            let save = self.pos;
            let is_field = match self.peek() {
                Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                    let name = self.ident();
                    self.skip_trivia();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        let len = self.key.len();
                        self.key.push(FIELD);
                        self.key.push_str(name);
                        let written = save..save + field_len(&self.text[save..]);
                        self.named_value(depth + 1, Some(written));
                        self.key.truncate(len);
                        true
                    } else {
                        self.pos = save;
                        false
                    }
                }
                _ => false,
            };
            if !is_field {
                self.value_at(Self::index_step(i), depth + 1);
                i += 1;
            }
            self.eat(b',');
            if self.pos == before {
                self.pos += 1;
            }
        }
    }
}

fn field_len(text: &[u8]) -> usize {
    text.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'#')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_records_nested_paths() {
        let text = r#"(
  a: 1, // note
  b: [ (id: "x"), (id: "y", v: Some(3)) ],
  c: Single(options: [], answer: "z"),
  m: { "k": Text("v") },
)"#;
        let s = Spans::scan(text);
        let at = |p: &Place| &text[s.exact(p).unwrap()];
        let root = Place::root();
        let b1 = root.field("b").index(1);
        assert_eq!(at(&root.field("a")), "1");
        assert_eq!(at(&b1.field("id")), "\"y\"");
        assert_eq!(at(&b1.field("v")), "3");
        assert_eq!(at(&root.field("c").field("answer")), "\"z\"");
        assert_eq!(at(&root.field("m").key("k")), "Text(\"v\")");
        assert_eq!(
            &text[s.find(&b1.field("missing")).unwrap()],
            "(id: \"y\", v: Some(3))"
        );
    }

    #[test]
    fn comments_are_skipped_even_when_they_look_like_fields() {
        let text = "(\n  // x: 9,\n  /* x: 8, /* y: 7 */ */ x: 1,\n)";
        let s = Spans::scan(text);
        assert_eq!(&text[s.exact(&Place::root().field("x")).unwrap()], "1");
        assert_eq!(s.exact(&Place::root().field("y")), None);
    }

    #[test]
    fn a_place_built_by_steps_finds_what_the_scanner_recorded() {
        let text = r#"(
  sources: [(id: "a", file: "a.txt"), (id: "b", file: "b.txt", sha256: "00")],
  questions: [(id: "q", citations: [(source: "a", quote: "one"), (source: "b", quote: "two")])],
  responses: {
    "plain": Bool(true),
    "say \"hi\"": Text("quoted"),
    "a.b[0]": Choices(["x", "y"]),
    "caf\u{e9} \\ ü": Choice("z"),
    r"raw": Bool(false),
  },
)"#;
        let s = Spans::scan(text);
        let at = |p: &Place| s.exact(p).map(|r| &text[r]);
        let root = Place::root();
        let quote = root
            .field("questions")
            .index(0)
            .field("citations")
            .index(1)
            .field("quote");
        assert_eq!(at(&quote), Some("\"two\""));
        let file = root.field("sources").index(1).field("file");
        assert_eq!(at(&file), Some("\"b.txt\""));
        assert_eq!(s.field_name(&file).map(|r| &text[r]), Some("file"));
        let responses = root.field("responses");
        assert_eq!(at(&responses.key("plain")), Some("Bool(true)"));
        assert_eq!(at(&responses.key("say \"hi\"")), Some("Text(\"quoted\")"));
        assert_eq!(at(&responses.key("café \\ ü")), Some("Choice(\"z\")"));
        assert_eq!(at(&responses.key("raw")), Some("Bool(false)"));
        // `Choices([..])`: the list is the variant's first (unnamed) field.
        let odd = responses.key("a.b[0]").index(0);
        assert_eq!(at(&odd.index(1)), Some("\"y\""));
        // A key holding `.` or `[` is one step: the parent of a place under
        // it is the entry, not a cut inside the key.
        assert_eq!(at(&odd.index(2)), None);
        assert_eq!(
            s.find(&odd.index(2)).map(|r| &text[r]),
            Some("[\"x\", \"y\"]")
        );
        // A place never falls back to the whole document.
        assert_eq!(s.find(&root.field("nowhere")), None);
    }

    #[test]
    fn places_read_as_paths() {
        let root = Place::root();
        assert_eq!(root.to_string(), "");
        assert_eq!(
            root.field("questions")
                .index(3)
                .field("citations")
                .index(1)
                .to_string(),
            "questions[3].citations[1]"
        );
        assert_eq!(
            root.field("responses").key("say \"hi\"").to_string(),
            r#"responses["say \"hi\""]"#
        );
    }

    /// The text recorded at each place of `text`, written as a path.
    fn recorded(text: &str, places: &[Place]) -> Vec<(String, Option<String>)> {
        let s = Spans::scan(text);
        places
            .iter()
            .map(|p| (p.to_string(), s.exact(p).map(|r| text[r].to_owned())))
            .collect()
    }

    fn expect(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        pairs
            .iter()
            .map(|(p, v)| (p.to_string(), v.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn every_kind_of_value_is_recorded_whole() {
        let text = "#!/usr/bin/env lateral\n(\n  a: -1.5e3,\n  b: \"x\\\"y\",\n  c: 'q',\n  d: r##\"say \"# hi\"##,\n  e: r\"raw\",\n  f: b\"bytes\",\n  g: None,\n  h: Some (7),\n  i: (1, \"two\"\t),\n  r#type: x_1,\n  r#_u: _v,\n  _w: 0,\n  k: red,\n  m: r#\"x\"#,\n  j: /* a /* nested */ comment */ 5\n)";
        let root = Place::root();
        let f = |name: &str| root.field(name);
        let places = [
            f("a"),
            f("b"),
            f("c"),
            f("d"),
            f("e"),
            f("f"),
            f("g"),
            f("h"),
            f("i"),
            f("i").index(0),
            f("i").index(1),
            f("type"),
            f("_u"),
            f("_w"),
            f("k"),
            f("m"),
            f("j"),
            root.clone(),
        ];
        assert_eq!(
            recorded(text, &places),
            expect(&[
                ("a", Some("-1.5e3")),
                ("b", Some("\"x\\\"y\"")),
                ("c", Some("'q'")),
                ("d", Some("r##\"say \"# hi\"##")),
                ("e", Some("r\"raw\"")),
                ("f", Some("b\"bytes\"")),
                ("g", Some("None")),
                ("h", Some("7")),
                ("i", Some("(1, \"two\"\t)")),
                ("i[0]", Some("1")),
                ("i[1]", Some("\"two\"")),
                ("type", Some("x_1")),
                ("_u", Some("_v")),
                ("_w", Some("0")),
                ("k", Some("red")),
                ("m", Some("r#\"x\"#")),
                ("j", Some("5")),
                ("", Some(&text[23..])),
            ])
        );
        let s = Spans::scan(text);
        let name = |p: &Place| s.field_name(p).map(|r| &text[r]);
        assert_eq!(name(&f("type")), Some("r#type"));
        assert_eq!(name(&f("j")), Some("j"));
        assert_eq!(name(&f("h")), Some("h"));
        assert_eq!(name(&f("_u")), Some("r#_u"));
        assert_eq!(name(&f("i").index(0)), None);
    }

    #[test]
    fn map_keys_are_read_as_the_program_reads_them() {
        let text = "{ \"k\": 1, \"k\": 2, 3: [4], word: x, \"\\u{41}\": (a: 5), }";
        let root = Place::root();
        assert_eq!(
            recorded(
                text,
                &[
                    root.key("k"),
                    root.key("3"),
                    root.key("3").index(0),
                    root.key("word"),
                    root.key("A").field("a"),
                ]
            ),
            expect(&[
                ("[\"k\"]", Some("1")),
                ("[\"3\"]", Some("[4]")),
                ("[\"3\"][0]", Some("4")),
                ("[\"word\"]", Some("x")),
                ("[\"A\"].a", Some("5")),
            ])
        );
    }

    #[test]
    fn a_place_falls_back_to_its_nearest_recorded_parent() {
        let text = "(a: [(b: 1)], c: 2)";
        let s = Spans::lazy(text);
        assert!(!s.is_scanned());
        let a0 = Place::root().field("a").index(0);
        assert_eq!(
            s.find(&a0.field("x").index(3)).map(|r| &text[r]),
            Some("(b: 1)")
        );
        assert!(s.is_scanned());
        assert_eq!(s.exact(&a0.field("x")), None);
        assert_eq!(s.find(&Place::root().field("z")), None);
        assert_eq!(s.find(&Place::root()).map(|r| &text[r]), Some(text));
        assert_eq!(Spans::default().find(&a0), None);
    }

    #[test]
    fn values_nested_past_the_limit_are_not_recorded() {
        let depth = RECURSION_LIMIT * 2 + 3;
        // Lists, maps, struct fields and tuple items: how each opens and
        // closes, and the step to the value inside.
        type Step = fn(&Place) -> Place;
        let nestings: [(&str, &str, Step); 4] = [
            ("[", "]", |p| p.index(0)),
            ("{\"k\": ", "}", |p| p.key("k")),
            ("(x: ", ")", |p| p.field("x")),
            ("(", ")", |p| p.index(0)),
        ];
        for (open, close, step) in nestings {
            let text = format!("{}0{}", open.repeat(depth), close.repeat(depth));
            let s = Spans::scan(&text);
            let mut place = Place::root();
            for _ in 0..RECURSION_LIMIT * 2 {
                place = step(&place);
            }
            // The deepest recorded value is the one at the limit, after as
            // many openings.
            let at_limit = s.exact(&place).expect("recorded at the limit");
            assert_eq!(at_limit.start, RECURSION_LIMIT * 2 * open.len(), "{open}");
            assert_eq!(s.exact(&step(&place)), None, "{open}");
        }
    }

    #[test]
    fn a_name_starting_with_b_is_no_byte_string() {
        let text = "(k: blue, n: 2)";
        let s = Spans::scan(text);
        let at = |name: &str| &text[s.exact(&Place::root().field(name)).unwrap()];
        assert_eq!((at("k"), at("n")), ("blue", "2"));
    }

    #[test]
    fn a_place_reads_as_a_path() {
        let place = Place::root()
            .field("questions")
            .index(2)
            .field("kind")
            .field("answers")
            .key("q \"1\"");
        assert_eq!(place.to_string(), r#"questions[2].kind.answers["q \"1\""]"#);
        assert_eq!(Place::root().to_string(), "");
        assert_eq!(Place::root().key("k").to_string(), r#"["k"]"#);
    }

    #[test]
    fn an_unclosed_some_at_the_end_is_recorded_from_its_name() {
        // The value inside `Some(` is missing (recorded without a range);
        // the field then gets the range of `Some(` itself, 4..9.
        let text = "(a: Some(";
        let s = Spans::scan(text);
        assert_eq!(s.exact(&Place::root().field("a")), Some(4..9));
    }
}
