//! Item-analysis speed: a class of 10,000 sheets of `quizzes/viral-photo.ron`.
//!
//! Run with `cargo bench --bench class`. Prints the median of several runs of
//! grading every sheet alone (the baseline: what any command reading the
//! sheets pays) and of the whole item analysis (`Stats::add` per sheet, which
//! grades it, then `Stats::finish`), with their ratio. The two are timed in
//! turn within each run, so both see the same machine load.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use lateral::grade::grade;
use lateral::points::Number;
use lateral::quiz::{Kind, Quiz, Response};
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
}
