//! Citation-check speed: 1,000 quotes against a 10 MB text.
//!
//! Run with `cargo bench --bench cite`. Prints the median of several runs for
//! preparing the text (checking it is NFC and normalizing it, in one pass)
//! and for finding every quote (one more pass), and,
//! where ripgrep is installed, the time `rg -F -c -f` takes to look for the
//! same 1,000 quotes as fixed strings in the same file, as the reference.

use std::time::{Duration, Instant};

use lateral::cite::SourceText;

#[path = "gen/text.rs"]
mod text;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use text::{generate_text, pick_quotes, rg_patterns};

const TEXT_BYTES: usize = 10 * 1024 * 1024;
const QUOTES: usize = 1_000;
const RUNS: usize = 11;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut rng = ChaCha8Rng::seed_from_u64(2019);
    let text = generate_text(&mut rng, TEXT_BYTES);
    let quotes = pick_quotes(&text, &mut rng, QUOTES);
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
    std::fs::write(&quotes_path, rg_patterns(quotes)).ok()?;
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
