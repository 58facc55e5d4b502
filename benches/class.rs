//! Item-analysis speed: a class of 10,000 sheets of `quizzes/viral-photo.ron`.
//!
//! Run with `cargo bench --bench class`. Prints the median of several runs of
//! grading every sheet alone (the baseline: what any command reading the
//! sheets pays) and of the whole item analysis (`Stats::add` per sheet, which
//! grades it, then `Stats::finish`), with their ratio. The two are timed in
//! turn within each run, so both see the same machine load.
//!
//! Then the same class as 10,000 sheet files in a folder, through the real
//! binary: `lateral grade QUIZ DIR --csv FILE` and `lateral stats QUIZ DIR`,
//! each beside reading and parsing every file in this process (the floor
//! any command pays), interleaved, medians reported; and the peak memory of
//! each command for 1,000 and for 10,000 sheets (with `/usr/bin/time`), which
//! must not grow with the class beyond a row of numbers per sheet.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use std::path::Path;
use std::process::Command;

use lateral::grade::grade;
use lateral::points::Number;
use lateral::quiz::{Kind, Quiz, Response};
use lateral::sheet::Sheet;
use lateral::stats::{Stats, Submission};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SHEETS: usize = 10_000;
const RUNS: usize = 11;

/// A number from 0 to 1.
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    f64::from(rng.next_u32()) / f64::from(u32::MAX)
}

/// One student's responses: each question is answered right with a chance
/// that grows with the student's `ability`, left out now and then, and
/// otherwise answered wrong in a way its kind allows.
fn responses(quiz: &Quiz, ability: f64, rng: &mut ChaCha8Rng) -> BTreeMap<String, Response> {
    let mut sheet = BTreeMap::new();
    for q in &quiz.questions {
        if unit(rng) < 0.05 {
            continue;
        }
        let right = unit(rng) < ability;
        let response = match &q.kind {
            Kind::Single { options, answer } => Response::Choice(if right {
                answer.clone()
            } else {
                options[rng.next_u32() as usize % options.len()].id.clone()
            }),
            Kind::Multiple { options, answers } => Response::Choices(if right {
                answers.clone()
            } else {
                options
                    .iter()
                    .filter(|_| rng.next_u32().is_multiple_of(2))
                    .map(|o| o.id.clone())
                    .collect()
            }),
            Kind::TrueFalse { answer } => Response::Bool(if right {
                *answer
            } else {
                rng.next_u32().is_multiple_of(2)
            }),
            Kind::Number {
                answer, tolerance, ..
            } => Response::Text(if right {
                Number(*answer).to_string()
            } else {
                Number(answer + tolerance + 1.0).to_string()
            }),
            Kind::Text { accept, .. } => Response::Text(if right {
                accept[0].to_lowercase()
            } else {
                "someone else".to_owned()
            }),
            // The other kinds answered with the key, or left out when wrong.
            _ if right => lateral::sheet::correct_response(q),
            _ => continue,
        };
        sheet.insert(q.id.clone(), response);
    }
    sheet
}

/// For half the sheets, the sources opened before each answer.
fn opened(quiz: &Quiz, rng: &mut ChaCha8Rng) -> Option<BTreeMap<String, Vec<String>>> {
    if rng.next_u32().is_multiple_of(2) {
        return None;
    }
    Some(
        quiz.questions
            .iter()
            .map(|q| {
                let ids = q
                    .citations
                    .iter()
                    .filter(|_| rng.next_u32().is_multiple_of(3))
                    .map(|c| c.source.clone())
                    .collect();
                (q.id.clone(), ids)
            })
            .collect(),
    )
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let quiz = lateral::load::parse::<Quiz>(include_str!("../quizzes/viral-photo.ron"))
        .expect("the shipped quiz parses")
        .value;
    let mut rng = ChaCha8Rng::seed_from_u64(2019);
    let sheets: Vec<_> = (0..SHEETS)
        .map(|_| {
            let ability = 0.2 + 0.75 * unit(&mut rng);
            (responses(&quiz, ability, &mut rng), opened(&quiz, &mut rng))
        })
        .collect();
    println!(
        "item analysis: {SHEETS} sheets of {} ({} questions), median of {RUNS} runs",
        quiz.id,
        quiz.questions.len()
    );

    let (mut grading, mut analysis) = (Vec::new(), Vec::new());
    let mut cic = None;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let mut total = 0.0;
        for (r, _) in &sheets {
            total += grade(&quiz, black_box(r)).score;
        }
        black_box(total);
        grading.push(t0.elapsed());

        let t0 = Instant::now();
        let mut stats = Stats::new(&quiz);
        for (r, o) in &sheets {
            stats.add(black_box(&Submission {
                responses: r,
                opened: o.as_ref(),
            }));
        }
        let a = stats.finish();
        analysis.push(t0.elapsed());
        cic = black_box(a).test.cic;
    }
    let (grading, analysis) = (median(grading), median(analysis));
    println!("  grading alone (baseline)     {}", ms(grading));
    println!(
        "  item analysis (add + finish) {}  ({:.2}× the baseline; CIC {:.1}%)",
        ms(analysis),
        analysis.as_secs_f64() / grading.as_secs_f64(),
        cic.unwrap_or(f64::NAN)
    );
    whole_process(&quiz, &sheets);
}

/// Writes `sheets` as sheet files into a new folder under `root`.
fn write_class(
    root: &Path,
    quiz: &Quiz,
    sheets: &[BTreeMap<String, Response>],
) -> std::path::PathBuf {
    let dir = root.join(format!("class-{}", sheets.len()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, responses) in sheets.iter().enumerate() {
        let mut sheet = Sheet::new(quiz, None);
        sheet.responses = responses.clone();
        std::fs::write(dir.join(format!("s{i:05}.ron")), sheet.to_ron()).unwrap();
    }
    dir
}

/// Reads and parses every sheet in `dir`: the floor under any command.
fn parse_all(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        n += lateral::load::parse::<Sheet>(&text)
            .unwrap()
            .value
            .responses
            .len();
    }
    n
}

/// Runs the binary; returns its time, and its peak memory in KB when
/// `/usr/bin/time` is there to tell.
fn run(args: &[&str]) -> (Duration, Option<u64>) {
    let bin = env!("CARGO_BIN_EXE_lateral");
    let timed = Path::new("/usr/bin/time").exists();
    let t0 = Instant::now();
    let out = if timed {
        Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg(bin)
            .args(args)
            .output()
    } else {
        Command::new(bin).args(args).output()
    }
    .expect("the binary runs");
    let elapsed = t0.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak = timed
        .then(|| {
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()?
                .trim()
                .parse()
                .ok()
        })
        .flatten();
    (elapsed, peak)
}

fn kb(peak: Option<u64>) -> String {
    peak.map_or("(no /usr/bin/time)".to_owned(), |k| {
        format!("{:.1} MB", k as f64 / 1024.0)
    })
}

/// A generated sheet: its responses, and the sources opened (half of them).
type GeneratedSheet = (
    BTreeMap<String, Response>,
    Option<BTreeMap<String, Vec<String>>>,
);

/// The whole-process part: gradebook and item analysis of sheet files.
fn whole_process(quiz: &Quiz, sheets: &[GeneratedSheet]) {
    let root = std::env::temp_dir().join(format!("lateral-bench-class-{}", std::process::id()));
    let responses: Vec<_> = sheets.iter().map(|(r, _)| r.clone()).collect();
    let small = write_class(&root, quiz, &responses[..1_000]);
    let large = write_class(&root, quiz, &responses);
    let quiz_path = concat!(env!("CARGO_MANIFEST_DIR"), "/quizzes/viral-photo.ron");
    let book = root.join("book.csv");
    let (book_s, large_s) = (book.to_str().unwrap(), large.to_str().unwrap());
    println!(
        "\nwhole process: {} sheet files, median of {RUNS} interleaved runs",
        responses.len()
    );
    let (mut floor, mut gradebook, mut stats) = (Vec::new(), Vec::new(), Vec::new());
    let (mut peak_book, mut peak_stats) = (None, None);
    for _ in 0..RUNS {
        let t0 = Instant::now();
        black_box(parse_all(&large));
        floor.push(t0.elapsed());
        let (t, p) = run(&["grade", quiz_path, large_s, "--csv", book_s]);
        gradebook.push(t);
        peak_book = p;
        let (t, p) = run(&["stats", quiz_path, large_s, "--json"]);
        stats.push(t);
        peak_stats = p;
    }
    let floor = median(floor);
    let (gradebook, stats) = (median(gradebook), median(stats));
    println!(
        "  read + parse every sheet, in process (floor)  {}",
        ms(floor)
    );
    println!(
        "  lateral grade --csv                           {}  ({:.2}× the floor)",
        ms(gradebook),
        gradebook.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "  lateral stats --json                          {}  ({:.2}× the floor)",
        ms(stats),
        stats.as_secs_f64() / floor.as_secs_f64()
    );
    let small_s = small.to_str().unwrap();
    let (_, small_book) = run(&["grade", quiz_path, small_s, "--csv", book_s]);
    let (_, small_stats) = run(&["stats", quiz_path, small_s, "--json"]);
    println!("  peak memory, 1,000 → 10,000 sheets:");
    println!("    grade --csv   {} → {}", kb(small_book), kb(peak_book));
    println!("    stats --json  {} → {}", kb(small_stats), kb(peak_stats));
    let _ = std::fs::remove_dir_all(&root);
}
