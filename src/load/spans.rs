//! Where each value of a RON text sits, by its path.
//!
//! A deserialized value does not remember where it came from. After ron has
//! accepted a file, a small scanner walks the same text once and records the
//! byte range of every value under its path (`questions[2].kind.answer`), so
//! later checks can point at the exact place. The scanner only ever sees text
//! ron already parsed, within ron's recursion limit, so it never needs to
//! recover from bad syntax.

use std::collections::HashMap;
use std::ops::Range;

use super::RECURSION_LIMIT;

/// Byte ranges of the values in a RON text, by path.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    map: HashMap<String, Range<usize>>,
}

impl Spans {
    /// The range of the value at `path`, or of its nearest recorded parent.
    pub fn find(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path;
        loop {
            if let Some(r) = self.map.get(p) {
                return Some(r.clone());
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The range of the value at exactly `path`.
    pub fn exact(&self, path: &str) -> Option<Range<usize>> {
        self.map.get(path).cloned()
    }

    /// Scans `text` (already accepted by ron) and records every value's range.
    pub fn scan(text: &str) -> Spans {
        let mut s = Scanner {
            text: text.as_bytes(),
            pos: 0,
            spans: Spans::default(),
        };
        s.value(String::new(), 0);
        s.spans
    }
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    spans: Spans,
}

impl Scanner<'_> {
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

    fn ident(&mut self) -> Option<&str> {
        let start = self.pos;
        // `r#name` raw identifiers.
        if self.text[self.pos..].starts_with(b"r#")
            && self
                .text
                .get(self.pos + 2)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            self.pos += 2;
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.pos += 1;
            } else {
                break;
            }
        }
        let word = std::str::from_utf8(&self.text[start..self.pos]).ok()?;
        Some(word.trim_start_matches("r#"))
    }

    /// Skips a string or char literal starting at the current quote.
    fn string(&mut self) -> String {
        let quote = self.text[self.pos];
        let start = self.pos + 1;
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'\\' {
                self.pos += 1;
            } else if c == quote {
                break;
            }
        }
        let end = self.pos.saturating_sub(1).max(start);
        String::from_utf8_lossy(&self.text[start..end.min(self.text.len())]).into_owned()
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

    fn value(&mut self, path: String, depth: usize) {
        self.skip_trivia();
        let start = self.pos;
        if depth > RECURSION_LIMIT * 2 {
            return;
        }
        match self.peek() {
            None => return,
            Some(b'(') => {
                self.pos += 1;
                self.fields_or_items(&path, b')', depth);
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
                    self.value(format!("{path}[{i}]"), depth + 1);
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
                    let key = match self.peek() {
                        Some(b'"') => self.string(),
                        _ => {
                            self.value(format!("{path}{{}}"), depth + 1);
                            String::new()
                        }
                    };
                    self.eat(b':');
                    self.value(format!("{path}[{key:?}]"), depth + 1);
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
                let name = self.ident().unwrap_or("").to_owned();
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.pos += 1;
                    if name == "Some" {
                        // Same path as the option itself: `Some(x)` and `x` mean the same.
                        self.value(path.clone(), depth + 1);
                        self.eat(b')');
                    } else {
                        self.fields_or_items(&path, b')', depth);
                    }
                }
            }
            Some(_) => {
                // Numbers and anything else up to the next delimiter.
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b')' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        self.spans.map.entry(path).or_insert(start..self.pos);
    }

    /// The inside of `( ... )`: named fields of a struct, or items of a tuple.
    fn fields_or_items(&mut self, path: &str, close: u8, depth: usize) {
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
                    let name = self.ident().unwrap_or("").to_owned();
                    self.skip_trivia();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        let field = if path.is_empty() {
                            name
                        } else {
                            format!("{path}.{name}")
                        };
                        self.spans.map.insert(
                            format!("{field}#key"),
                            save..save + field_len(&self.text[save..]),
                        );
                        self.value(field, depth + 1);
                        true
                    } else {
                        self.pos = save;
                        false
                    }
                }
                _ => false,
            };
            if !is_field {
                self.value(format!("{path}[{i}]"), depth + 1);
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
        let at = |p: &str| &text[s.exact(p).unwrap()];
        assert_eq!(at("a"), "1");
        assert_eq!(at("b[1].id"), "\"y\"");
        assert_eq!(at("b[1].v"), "3");
        assert_eq!(at("c.answer"), "\"z\"");
        assert_eq!(at("m[\"k\"]"), "Text(\"v\")");
        assert_eq!(
            &text[s.find("b[1].missing").unwrap()],
            "(id: \"y\", v: Some(3))"
        );
    }
}
