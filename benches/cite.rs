//! Citation-check speed: 1,000 quotes against a 10 MB text.
//!
//! Run with `cargo bench --bench cite`. Prints the median of several runs for
//! preparing the text (checking it is NFC and normalizing it, in one pass)
//! and for finding every quote (one more pass), and,
//! where ripgrep is installed, the time `rg -F -c -f` takes to look for the
//! same 1,000 quotes as fixed strings in the same file, as the reference.

use std::time::{Duration, Instant};

use lateral::cite::SourceText;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

const TEXT_BYTES: usize = 10 * 1024 * 1024;
const QUOTES: usize = 1_000;
const RUNS: usize = 11;

/// A generated article-like text: a vocabulary of a few thousand words
/// (made of syllables, some accented) used with a Zipf-like frequency, as in
/// prose; sentences, curly quotes, dashes, doubled spaces and line breaks, so
/// normalization has work to do.
fn generate_text(rng: &mut ChaCha8Rng) -> String {
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
    let mut text = String::with_capacity(TEXT_BYTES + 200);
    while text.len() < TEXT_BYTES {
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
fn pick_quotes(text: &str, rng: &mut ChaCha8Rng) -> Vec<String> {
    let mut quotes = Vec::with_capacity(QUOTES);
    while quotes.len() < QUOTES {
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

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut rng = ChaCha8Rng::seed_from_u64(2019);
    let text = generate_text(&mut rng);
    let quotes = pick_quotes(&text, &mut rng);
    let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
    println!(
        "citation check: {} quotes against a {:.1} MB text, median of {RUNS} runs",
        quotes.len(),
        text.len() as f64 / 1_000_000.0
    );

    let (mut prepare, mut search, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0;
    for _ in 0..RUNS {
        // The caller owns the text it read; the check takes it over.
        let owned = text.clone();
        let t0 = Instant::now();
        let source = SourceText::new(owned);
        let t1 = Instant::now();
        let hits = source.find_all(&refs);
        let t2 = Instant::now();
        found = hits.iter().filter(|h| h.is_some()).count();
        prepare.push(t1 - t0);
        search.push(t2 - t1);
        total.push(t2 - t0);
    }
    assert_eq!(found, quotes.len(), "every generated quote must be found");
    println!(
        "  lateral: prepare (NFC check + normalize) {}",
        ms(median(prepare))
    );
    println!(
        "  lateral: find all quotes (one pass)      {}",
        ms(median(search))
    );
    println!(
        "  lateral: total                           {}  ({found} of {} found)",
        ms(median(total)),
        quotes.len()
    );

    match ripgrep(&text, &quotes) {
        Some(t) => println!(
            "  ripgrep: rg -F -c -f                     {}  (same quotes as fixed strings, exact bytes)",
            ms(t)
        ),
        None => println!("  ripgrep: not installed; install rg to print its time beside lateral's"),
    }
}

/// Median time of `rg -F -c -f quotes text`, if rg is installed.
fn ripgrep(text: &str, quotes: &[String]) -> Option<Duration> {
    let dir = std::env::temp_dir().join(format!("lateral-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let text_path = dir.join("text.txt");
    let quotes_path = dir.join("quotes.txt");
    // rg sees the text with quotes straightened, so the fixed strings occur as typed.
    let straight = text
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace('\u{2019}', "'");
    std::fs::write(&text_path, straight).ok()?;
    std::fs::write(&quotes_path, quotes.join("\n")).ok()?;
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let status = std::process::Command::new("rg")
            .args(["-F", "-c", "-f"])
            .arg(&quotes_path)
            .arg(&text_path)
            .stdout(std::process::Stdio::null())
            .status()
            .ok()?;
        if !status.success() && status.code() != Some(1) {
            return None;
        }
        times.push(t0.elapsed());
    }
    let _ = std::fs::remove_dir_all(&dir);
    Some(median(times))
}
