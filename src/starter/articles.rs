//! Each source text prepared for the questions: its source id (kept unique
//! among the texts), its headline, and the passages worth quoting. Only a
//! passage that `lateral check --sources` finds in the text is kept, so a
//! question built on one cites its text truly.

use crate::cite::{normalize_quote, SourceText};

use super::{source_id, SourceFile, HEADLINE_MAX, MIN_WORDS, PASSAGE_WORDS};

/// One source text, prepared.
pub(super) struct Article {
    pub(super) id: String,
    pub(super) file: String,
    pub(super) headline: String,
    /// The first words of the headline line, when it has a headline.
    pub(super) headline_passage: Option<String>,
    /// The first words of each later line (distinct, in text order).
    pub(super) passages: Vec<String>,
    pub(super) text: SourceText,
}

impl Article {
    /// Whether `passage` occurs in this text, as `lateral check` finds quotes.
    pub(super) fn contains(&self, passage: &str) -> bool {
        self.text.find_all(&[passage])[0].is_some()
    }

    /// Passages to quote: the body's first, then the headline's.
    pub(super) fn all_passages(&self) -> impl Iterator<Item = &String> {
        self.passages.iter().chain(&self.headline_passage)
    }
}

/// The prepared texts, and which of them have something to quote.
pub(super) struct Articles {
    pub(super) all: Vec<Article>,
    /// Indices of the articles with at least one passage.
    pub(super) quotable: Vec<usize>,
}

impl Articles {
    pub(super) fn new(sources: &[SourceFile]) -> Articles {
        let mut taken: Vec<String> = Vec::new();
        let all: Vec<Article> = sources
            .iter()
            .map(|s| {
                let base = source_id(&s.name);
                let id = fresh(&base, &taken);
                taken.push(id.clone());
                prepare(id, s)
            })
            .collect();
        let quotable = (0..all.len())
            .filter(|&i| all[i].all_passages().next().is_some())
            .collect();
        Articles { all, quotable }
    }

    /// The article a question is about: the `n`th quotable one, round robin.
    pub(super) fn subject(&self, n: usize) -> usize {
        self.quotable[n % self.quotable.len()]
    }

    /// A passage of article `k`, preferring one no other text contains.
    pub(super) fn passage_of(&self, k: usize) -> &str {
        let a = &self.all[k];
        a.all_passages()
            .find(|p| self.holders(p) == [k])
            .or_else(|| a.all_passages().next())
            .map_or("", String::as_str)
    }

    /// The articles whose text contains `passage`.
    pub(super) fn holders(&self, passage: &str) -> Vec<usize> {
        (0..self.all.len())
            .filter(|&i| self.all[i].contains(passage))
            .collect()
    }

    /// Passages of other articles that article `k` does not contain, with
    /// the article each is from.
    pub(super) fn foreign(&self, k: usize) -> Vec<(usize, &str)> {
        let mut found: Vec<(usize, &str)> = Vec::new();
        for &j in self.quotable.iter().filter(|&&j| j != k) {
            for p in &self.all[j].passages {
                let seen = found
                    .iter()
                    .any(|(_, q)| normalize_quote(q) == normalize_quote(p));
                if !seen && !self.all[k].contains(p) {
                    found.push((j, p));
                    break;
                }
            }
        }
        found
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not in `taken`.
pub(super) fn fresh(base: &str, taken: &[String]) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn prepare(id: String, source: &SourceFile) -> Article {
    let body = source.text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let words = |line: &str| line.split_whitespace().count();
    let first = lines.iter().position(|l| words(l) >= MIN_WORDS);
    let (headline, headline_passage, rest) = match first {
        Some(i) if lines[i].len() <= HEADLINE_MAX => (
            lines[i].to_owned(),
            Some(passage(lines[i])),
            &lines[i + 1..],
        ),
        Some(i) => (
            format!("(no headline) {}…", first_words(lines[i], 10)),
            None,
            &lines[i..],
        ),
        None => (
            format!("(no headline) {}", crate::escape::one_line(&source.name)),
            None,
            &lines[..],
        ),
    };
    let mut passages: Vec<String> = Vec::new();
    for line in rest.iter().filter(|l| words(l) >= MIN_WORDS) {
        let p = passage(line);
        if !passages
            .iter()
            .any(|q| normalize_quote(q) == normalize_quote(&p))
        {
            passages.push(p);
        }
        if passages.len() == 4 {
            break;
        }
    }
    let text = SourceText::new(source.text.clone());
    // Only what the check will find is quoted.
    let found = |p: &String| text.find_all(&[p])[0].is_some();
    passages.retain(found);
    let headline_passage = headline_passage.filter(found);
    Article {
        id,
        file: source.name.clone(),
        headline,
        headline_passage,
        passages,
        text,
    }
}

/// The first [`PASSAGE_WORDS`] words of `line`, with one space between
/// words, without quote marks at either end or a comma, colon or semicolon
/// at the end (a prompt puts the passage in quotes of its own).
fn passage(line: &str) -> String {
    let quotes: &[char] = &['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
    first_words(line, PASSAGE_WORDS)
        .trim_matches(quotes)
        .trim_end_matches([',', ';', ':'])
        .trim_end_matches(quotes)
        .to_owned()
}

fn first_words(line: &str, n: usize) -> String {
    line.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}
