//! The generated article-like text and quotes cut from it, shared by the
//! benchmarks (`cite` and `perf`).

use rand_chacha::rand_core::RngCore;
use rand_chacha::ChaCha8Rng;

/// A generated article-like text: a vocabulary of a few thousand words
/// (made of syllables, some accented) used with a Zipf-like frequency, as in
/// prose; sentences, curly quotes, dashes, doubled spaces and line breaks, so
/// normalization has work to do.
pub fn generate_text(rng: &mut ChaCha8Rng, bytes: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ba", "ro", "den", "tal", "mi", "gua", "te", "ju", "ár", "ez", "pe", "lo", "san", "cor",
        "vi", "na", "dé", "fen", "sol", "gar", "is", "on", "ter", "mon", "re", "po", "la", "ci",
        "ud", "ad", "es", "ta", "do", "ni", "ños", "bor", "der", "ri", "ver", "cross",
    ];
    let vocabulary: Vec<String> = (0..4000)
        .map(|_| {
            let n = 1 + rng.next_u32() as usize % 4;
            (0..n)
                .map(|_| SYLLABLES[rng.next_u32() as usize % SYLLABLES.len()])
                .collect()
        })
        .collect();
    let word = |rng: &mut ChaCha8Rng| {
        // Zipf-like: rank r is chosen with probability about 1/r.
        let u = f64::from(rng.next_u32()) / f64::from(u32::MAX);
        let rank = (vocabulary.len() as f64).powf(u) as usize - 1;
        vocabulary[rank.min(vocabulary.len() - 1)].as_str()
    };
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let words = 8 + rng.next_u32() as usize % 20;
        for i in 0..words {
            let w = word(rng);
            match rng.next_u32() % 40 {
                0 => text.push_str(&format!("\u{201c}{w}\u{201d}")),
                1 => text.push_str(&format!("{w}\u{2019}s")),
                2 => text.push_str(" \u{2014}"),
                3 => text.push(' '),
                _ => text.push_str(w),
            }
            text.push(if i + 1 == words { '.' } else { ' ' });
        }
        text.push_str(if rng.next_u32().is_multiple_of(6) {
            "\n\n"
        } else {
            " "
        });
    }
    text
}

/// Quotes cut from the text at word boundaries, 4 to 12 words long, with
/// curly quotes straightened as a teacher would type them.
pub fn pick_quotes(text: &str, rng: &mut ChaCha8Rng, count: usize) -> Vec<String> {
    let mut quotes = Vec::with_capacity(count);
    while quotes.len() < count {
        let mut start = rng.next_u32() as usize % (text.len() - 400);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let Some(space) = text[start..].find(' ') else {
            continue;
        };
        let from = start + space + 1;
        let words = 4 + rng.next_u32() as usize % 9;
        let end = text[from..]
            .match_indices(' ')
            .nth(words)
            .map(|(i, _)| from + i)
            .unwrap_or(text.len());
        let quote = text[from..end]
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .replace('\u{2019}', "'");
        if quote.split_whitespace().count() >= 3 {
            quotes.push(quote);
        }
    }
    quotes
}

/// `quotes` as the pattern file of `rg -F -f`, which reads one fixed
/// string a line: a quote that runs across a line break gives one string
/// per line. A blank line would be a pattern that matches every line of
/// the text, so that `rg -c` would count lines without looking for the
/// quotes; blank lines are left out.
pub fn rg_patterns(quotes: &[String]) -> String {
    let lines: Vec<&str> = quotes
        .iter()
        .flat_map(|q| q.lines())
        .filter(|line| !line.trim().is_empty())
        .collect();
    lines.join("\n")
}
