//! The performance run: every figure of `docs/performance.md`, in one table.
//!
//! `cargo bench --bench perf` generates the inputs once into
//! `target/perf/` (texts of 10 and 50 MB with quotes cut from them, a
//! class of 10,000 sheets, a data folder of 10,000 attempts, quizzes of
//! 1,000 and 10,000 questions), then times each command of the release
//! binary as a whole process, interleaved with its baseline (ripgrep, a
//! program that only deserializes the sheets, the same command on an
//! empty store or a smaller quiz), and prints medians, ratios and goals.
//!
//! Options (after `--`): `--runs N` (default 5); `--before PATH` to time
//! another build of lateral (say, main's) in the same runs, beside this
//! one; `--callgrind` to count instructions with valgrind instead of
//! timing (repeatable on a busy machine); `--regenerate` to write the
//! inputs again.
//!
//! The same executable is also the deserialize-only baseline
//! (`--deserialize-only DIR`) and the peak-memory probe (`--peak CMD...`:
//! runs CMD and prints the children's maximum resident set, from
//! `getrusage(RUSAGE_CHILDREN)`, in KB); the run calls itself for both.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lateral::attempt::{timestamp, Answer, Attempt};
use lateral::grade::grade_question;
use lateral::quiz::{Kind, Quiz, Response};
use lateral::sheet::{correct_response, Sheet};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[path = "gen/text.rs"]
mod text;
use text::{generate_text, pick_quotes, rg_patterns};

/// Bumped whenever the generated inputs change, so old ones are rewritten.
const INPUTS_VERSION: &str = "3";
const SHEETS: usize = 10_000;
const ATTEMPTS: usize = 10_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--deserialize-only") => return deserialize_only(Path::new(&args[1])),
        Some("--peak") => return peak(&args[1..]),
        _ => {}
    }
    let options = Options::parse(&args);
    let root = target_dir().join("perf");
    let inputs = Inputs::prepare(&root, options.regenerate);
    let after = PathBuf::from(env!("CARGO_BIN_EXE_lateral"));
    if options.callgrind {
        return callgrind(&inputs, &after, options.before.as_deref());
    }
    println!(
        "lateral performance run: {} interleaved runs per case, medians; {} on {} cores{}",
        options.runs,
        uname(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average().map_or(String::new(), |l| format!(", load average {l}")),
    );
    let bench = Bench {
        inputs: &inputs,
        after,
        before: options.before.clone(),
        runs: options.runs,
    };
    let mut rows = Vec::new();
    bench.check_sources(&mut rows);
    bench.grade(&mut rows);
    bench.take(&mut rows);
    bench.history(&mut rows);
    bench.quiz_size(&mut rows);
    print_table(&rows, bench.before.is_some());
}

struct Options {
    runs: usize,
    before: Option<PathBuf>,
    callgrind: bool,
    regenerate: bool,
}

impl Options {
    fn parse(args: &[String]) -> Options {
        let mut o = Options {
            runs: 5,
            before: None,
            callgrind: false,
            regenerate: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--runs" => o.runs = it.next().and_then(|n| n.parse().ok()).unwrap_or(5).max(1),
                "--before" => o.before = it.next().map(PathBuf::from),
                "--callgrind" => o.callgrind = true,
                "--regenerate" => o.regenerate = true,
                // What cargo bench passes along.
                _ => {}
            }
        }
        o
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn uname() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    cpu
}

fn load_average() -> Option<String> {
    let l = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

// ---------------------------------------------------------------- inputs

/// The generated inputs, under one folder.
struct Inputs {
    root: PathBuf,
    quiz: PathBuf,
    /// Attempt files written into the data folder, by name, so that what a
    /// timed `take` adds can be removed after it.
    attempt_names: HashSet<String>,
}

impl Inputs {
    fn prepare(root: &Path, regenerate: bool) -> Inputs {
        let quiz = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes/viral-photo.ron");
        let marker = root.join("inputs-version");
        let fresh = !regenerate
            && std::fs::read_to_string(&marker).is_ok_and(|v| v.trim() == INPUTS_VERSION);
        if !fresh {
            let t0 = Instant::now();
            let _ = std::fs::remove_dir_all(root);
            std::fs::create_dir_all(root).expect("target/perf can be created");
            generate(root, &quiz);
            std::fs::write(&marker, INPUTS_VERSION).unwrap();
            println!(
                "inputs written to {} in {:.1} s",
                root.display(),
                t0.elapsed().as_secs_f64()
            );
        }
        let attempt_names = std::fs::read_dir(attempts_dir(&root.join("data")))
            .expect("the generated attempts are there")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        Inputs {
            root: root.to_path_buf(),
            quiz,
            attempt_names,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Removes what a `take` added to the data folder (its new attempt
    /// and lock file, in the quiz's folder or its `unfinished/` folder), so
    /// every run sees the same 10,000 attempts. lateral's own files (the
    /// index of finished attempts and the quiz's lock) are kept: they are
    /// what a data folder in use holds.
    fn restore_attempts(&self) {
        self.restore_attempts_in(&self.path("data"));
        self.restore_attempts_in(&self.path("data-before"));
    }

    /// [`Inputs::restore_attempts`] in one data folder.
    fn restore_attempts_in(&self, data: &Path) {
        let dir = attempts_dir(data);
        let kept = |name: &str| {
            self.attempt_names.contains(name) || name == ".finished-index" || name == ".quiz.lock"
        };
        for sub in [dir.clone(), dir.join("unfinished")] {
            for e in std::fs::read_dir(&sub).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !kept(&name) && e.file_type().is_ok_and(|t| t.is_file()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}

fn attempts_dir(data: &Path) -> PathBuf {
    data.join("attempts").join("viral-photo")
}

fn generate(root: &Path, quiz_path: &Path) {
    let quiz = lateral::load::parse::<Quiz>(&std::fs::read_to_string(quiz_path).unwrap())
        .expect("the shipped quiz parses")
        .value;
    let mut rng = ChaCha8Rng::seed_from_u64(2019);
    // Texts and quotes: 10 MB with 10 and 1,000 quotes, 50 MB with 1,000.
    for (mb, name) in [(10, "10mb"), (50, "50mb")] {
        let text = generate_text(&mut rng, mb * 1024 * 1024);
        let quotes = pick_quotes(&text, &mut rng, 1_000);
        let dir = root.join(format!("sources-{name}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("article.txt"), &text).unwrap();
        // ripgrep sees the text with quotes straightened, so the fixed
        // strings occur as typed.
        let straight = text
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .replace('\u{2019}', "'");
        std::fs::write(root.join(format!("straight-{name}.txt")), straight).unwrap();
        for n in [10, 1_000] {
            std::fs::write(
                root.join(format!("quotes-{name}-{n}.txt")),
                rg_patterns(&quotes[..n]),
            )
            .unwrap();
            std::fs::write(
                root.join(format!("cite-{name}-{n}.ron")),
                citing_quiz(&quotes[..n]),
            )
            .unwrap();
        }
    }
    // A class of sheets (10,000, and its first 1,000 for callgrind).
    for (n, dir) in [(SHEETS, "sheets"), (1_000, "sheets-1000")] {
        let dir = root.join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for i in 0..n {
            let mut sheet = Sheet::new(&quiz, None);
            sheet.responses = responses(&quiz, &mut rng);
            std::fs::write(dir.join(format!("s{i:05}.ron")), sheet.to_ron()).unwrap();
        }
    }
    // A data folder of 10,000 finished attempts (and one of 1,000).
    for (n, data) in [(ATTEMPTS, "data"), (1_000, "data-1000")] {
        let dir = attempts_dir(&root.join(data));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(root.join("empty-data")).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let start = 1_767_225_600; // 2026-01-01
        for i in 0..n {
            let seed = rng.next_u64() % 1_000_000;
            let began = start + i as u64 * 1_800;
            let mut a = Attempt::new(
                &quiz,
                &quiz_path.display().to_string(),
                seed,
                &lateral::shuffle::order(&quiz, seed),
                None,
                &timestamp(began),
            );
            let given = responses(&quiz, &mut rng);
            for id in a.asked.clone() {
                let q = quiz.question(&id).unwrap();
                let response = given
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| correct_response(q));
                let o = grade_question(q, Some(&response));
                a.answers.push(Answer {
                    question: id,
                    response,
                    points: o.points,
                    max: o.max,
                    opened: Vec::new(),
                });
            }
            a.finished = true;
            a.updated = timestamp(began + 600);
            let stamp: String = a
                .started
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            std::fs::write(dir.join(format!("{stamp}-{seed}.ron")), a.to_ron()).unwrap();
        }
    }
    // Quizzes of 1,000 and 10,000 questions.
    for n in [1_000, 10_000] {
        std::fs::write(root.join(format!("quiz-{n}.ron")), big_quiz(n)).unwrap();
    }
}

/// A number from 0 to 1.
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    f64::from(rng.next_u32()) / f64::from(u32::MAX)
}

/// One student's responses: each question right with a chance set by the
/// student's ability, now and then left out, otherwise answered wrong in a
/// way its kind allows (so every sheet is valid).
fn responses(quiz: &Quiz, rng: &mut ChaCha8Rng) -> BTreeMap<String, Response> {
    let ability = 0.2 + 0.75 * unit(rng);
    let mut out = BTreeMap::new();
    for q in &quiz.questions {
        if unit(rng) < 0.05 {
            continue;
        }
        let response = if unit(rng) < ability {
            correct_response(q)
        } else {
            match &q.kind {
                Kind::Single { options, answer } => Response::Choice(
                    options
                        .iter()
                        .find(|o| &o.id != answer)
                        .map_or_else(|| answer.clone(), |o| o.id.clone()),
                ),
                Kind::Multiple { options, .. } => Response::Choices(vec![options
                    [rng.next_u32() as usize % options.len()]
                .id
                .clone()]),
                Kind::TrueFalse { answer } => Response::Bool(!answer),
                Kind::Number { .. } => Response::Text("12345".into()),
                Kind::Text { .. } => Response::Text("someone else".into()),
                Kind::Matching { items, choices } => Response::Pairs(
                    items
                        .iter()
                        .map(|i| (i.id.clone(), choices[0].id.clone()))
                        .collect(),
                ),
                Kind::Ordering { items } => {
                    Response::Order(items.iter().rev().map(|i| i.id.clone()).collect())
                }
                Kind::Reflection { .. } => Response::Text("I would look elsewhere".into()),
            }
        };
        out.insert(q.id.clone(), response);
    }
    out
}

/// A RON string literal.
fn ron_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A quiz of true/false questions citing `quotes` (ten to a question) from
/// one source, `article.txt`.
fn citing_quiz(quotes: &[String]) -> String {
    let mut q = String::from(
        "(\n    format: 1,\n    id: \"citing\",\n    title: \"Quotes\",\n    description: \"Generated.\",\n    sources: [(id: \"article\", headline: \"An article\", file: \"article.txt\")],\n    questions: [\n",
    );
    for (i, chunk) in quotes.chunks(10).enumerate() {
        let citations: Vec<String> = chunk
            .iter()
            .map(|c| format!("(source: \"article\", quote: {})", ron_string(c)))
            .collect();
        q.push_str(&format!(
            "        (id: \"q{i}\", prompt: \"Does the article say this?\", kind: TrueFalse(answer: true), explanation: \"It does.\", citations: [{}]),\n",
            citations.join(", ")
        ));
    }
    q.push_str("    ],\n)\n");
    q
}

/// A quiz of `n` questions, single-choice and true/false in turn.
fn big_quiz(n: usize) -> String {
    let mut q = String::from(
        "(\n    format: 1,\n    id: \"big\",\n    title: \"Many questions\",\n    description: \"Generated.\",\n    pass_mark: 50,\n    sources: [(id: \"article\", headline: \"An article\", file: \"article.txt\")],\n    questions: [\n",
    );
    for i in 0..n {
        if i % 2 == 0 {
            q.push_str(&format!(
                "        (id: \"q{i}\", prompt: \"Which report named the photographer ({i})?\", tags: [\"facts\"], kind: Single(options: [(id: \"a\", text: \"The first one\"), (id: \"b\", text: \"The second one\"), (id: \"c\", text: \"The third one\")], answer: \"a\"), explanation: \"The first report names him.\", citations: [(source: \"article\", quote: \"the photographer was named\")]),\n"
            ));
        } else {
            q.push_str(&format!(
                "        (id: \"q{i}\", prompt: \"The reports agree on the date ({i}).\", tags: [\"cross-check\"], kind: TrueFalse(answer: true), explanation: \"They agree.\", citations: [(source: \"article\", quote: \"on the same date\")]),\n"
            ));
        }
    }
    q.push_str("    ],\n)\n");
    q
}

// ---------------------------------------------------------------- modes

/// Reads every `.ron` file under `dir` as a sheet with serde and ron, and
/// nothing else: the floor under `grade`.
fn deserialize_only(dir: &Path) {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut responses = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let sheet: Sheet = options.from_str(&text).unwrap();
        responses += sheet.responses.len();
    }
    println!("{responses}");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, files);
        } else if p.extension().is_some_and(|e| e == "ron") {
            files.push(p);
        }
    }
}

/// Runs a command (its output discarded) and prints the largest resident
/// set of the children waited for, in KB: this process has only that one.
fn peak(command: &[String]) {
    let status = Command::new(&command[0])
        .args(&command[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command runs");
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage");
    println!("{} {}", usage.max_rss(), status.code().unwrap_or(-1));
}

// ---------------------------------------------------------------- timing

/// One command line: the program, its arguments, its environment.
#[derive(Clone)]
struct Run {
    program: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// It ends in failure on purpose (a `take` whose input ends).
    may_fail: bool,
}

impl Run {
    fn new(program: impl Into<PathBuf>, args: &[&str]) -> Run {
        Run {
            program: program.into(),
            args: args.iter().map(|s| (*s).to_owned()).collect(),
            env: Vec::new(),
            may_fail: false,
        }
    }

    fn may_fail(mut self) -> Run {
        self.may_fail = true;
        self
    }

    fn env(mut self, key: &str, value: &Path) -> Run {
        self.env.push((key.to_owned(), value.display().to_string()));
        self
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    /// Runs once, whole process; the wall time.
    fn time(&self) -> Duration {
        let t0 = Instant::now();
        let _ = self.command().status().expect("the command runs");
        t0.elapsed()
    }

    /// Runs once, showing what it printed on standard error if it failed
    /// (and should not have).
    fn check(&self) {
        let out = self
            .command()
            .stderr(Stdio::piped())
            .output()
            .expect("the command runs");
        if !self.may_fail && !out.status.success() {
            panic!(
                "{} {:?} failed: {}",
                self.program.display(),
                self.args,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// Peak memory in KB, through `--peak`.
    fn peak_kb(&self) -> u64 {
        let mut c = Command::new(std::env::current_exe().unwrap());
        c.arg("--peak").arg(&self.program).args(&self.args);
        for (k, v) in &self.env {
            c.env(k, v);
        }
        let out = c.output().expect("the probe runs");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
            .and_then(|k| k.parse().ok())
            .unwrap_or(0)
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1000.0;
    if m < 10.0 {
        format!("{m:.1} ms")
    } else if m < 1000.0 {
        format!("{m:.0} ms")
    } else {
        format!("{:.2} s", m / 1000.0)
    }
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// One line of the table.
struct Row {
    work: String,
    figure: String,
    baseline: String,
    ratio: String,
    goal: String,
    met: String,
    /// The same figure from the `--before` build, and after ÷ before.
    before: Option<(String, String)>,
}

fn met(ok: Option<bool>) -> String {
    match ok {
        Some(true) => "yes",
        Some(false) => "no",
        None => "–",
    }
    .to_owned()
}

struct Bench<'a> {
    inputs: &'a Inputs,
    after: PathBuf,
    before: Option<PathBuf>,
    runs: usize,
}

/// What a goal is measured against.
enum Goal {
    /// At most this ratio to the baseline.
    Ratio(f64),
    /// At most this many milliseconds.
    Millis(f64),
    /// None set: the figure is reported.
    None,
}

impl Goal {
    fn text(&self) -> String {
        match self {
            Goal::Ratio(r) => format!("≤ {r}×"),
            Goal::Millis(m) => format!("≤ {m} ms"),
            Goal::None => "–".to_owned(),
        }
    }

    fn met(&self, figure: Duration, ratio: f64) -> Option<bool> {
        match self {
            Goal::Ratio(r) => Some(ratio <= *r),
            Goal::Millis(m) => Some(figure.as_secs_f64() * 1000.0 <= *m),
            Goal::None => None,
        }
    }
}

impl Bench<'_> {
    /// The lateral builds to time: this one, then `--before`'s.
    fn builds(&self) -> Vec<PathBuf> {
        let mut b = vec![self.after.clone()];
        b.extend(self.before.clone());
        b
    }

    /// Times `figure` (for each build) against `baseline`, interleaved:
    /// in each run the baseline, then each build, with `between` after
    /// every lateral run. Medians: baseline, then one per build.
    fn paired(
        &self,
        baseline: &Run,
        figure: impl Fn(&Path) -> Run,
        between: impl Fn(),
    ) -> (Duration, Vec<Duration>) {
        let builds = self.builds();
        baseline.check();
        let mut base = Vec::new();
        let mut times = vec![Vec::new(); builds.len()];
        for _ in 0..self.runs {
            base.push(baseline.time());
            for (b, t) in builds.iter().zip(&mut times) {
                t.push(figure(b).time());
                between();
            }
        }
        (median(base), times.into_iter().map(median).collect())
    }

    #[allow(clippy::too_many_arguments)]
    fn timed_row(
        &self,
        rows: &mut Vec<Row>,
        work: &str,
        baseline_name: &str,
        baseline: &Run,
        figure: impl Fn(&Path) -> Run,
        between: impl Fn(),
        goal: Goal,
    ) {
        let (base, figures) = self.paired(baseline, figure, between);
        let ratio = |f: Duration| f.as_secs_f64() / base.as_secs_f64();
        let after = figures[0];
        rows.push(Row {
            work: work.to_owned(),
            figure: ms(after),
            baseline: format!("{} {}", baseline_name, ms(base)),
            ratio: format!("{:.2}×", ratio(after)),
            goal: goal.text(),
            met: met(goal.met(after, ratio(after))),
            before: figures.get(1).map(|b| {
                (
                    format!("{} ({:.2}×)", ms(*b), ratio(*b)),
                    format!("{:.2}×", after.as_secs_f64() / b.as_secs_f64()),
                )
            }),
        });
    }

    fn peak_row(
        &self,
        rows: &mut Vec<Row>,
        work: &str,
        figure: impl Fn(&Path) -> Run,
        against: Option<(&str, u64)>,
        goal_mb: Option<f64>,
    ) {
        let builds = self.builds();
        let peaks: Vec<u64> = builds.iter().map(|b| figure(b).peak_kb()).collect();
        let after = peaks[0];
        let (baseline, ratio) = match against {
            Some((name, bytes)) => (
                format!("{name} {}", mb(bytes / 1024)),
                format!("{:.2}×", after as f64 * 1024.0 / bytes as f64),
            ),
            None => ("–".to_owned(), "–".to_owned()),
        };
        rows.push(Row {
            work: work.to_owned(),
            figure: mb(after),
            baseline,
            ratio,
            goal: goal_mb.map_or("–".to_owned(), |g| format!("≤ {g} MB")),
            met: met(goal_mb.map(|g| (after as f64 / 1024.0) <= g)),
            before: peaks
                .get(1)
                .map(|b| (mb(*b), format!("{:.2}×", after as f64 / *b as f64))),
        });
    }

    fn check_sources(&self, rows: &mut Vec<Row>) {
        let i = self.inputs;
        let sources = i.path("sources-10mb");
        for n in [10, 1_000] {
            let quiz = i.path(&format!("cite-10mb-{n}.ron"));
            let rg = Run::new(
                "rg",
                &[
                    "-F",
                    "-c",
                    "-f",
                    i.path(&format!("quotes-10mb-{n}.txt")).to_str().unwrap(),
                    i.path("straight-10mb.txt").to_str().unwrap(),
                ],
            );
            if Command::new("rg").arg("--version").output().is_err() {
                println!("(ripgrep is not installed: `check --sources` is not compared)");
                return;
            }
            let run = |b: &Path| {
                Run::new(
                    b,
                    &[
                        "check",
                        "--sources",
                        sources.to_str().unwrap(),
                        quiz.to_str().unwrap(),
                    ],
                )
            };
            run(&self.after).check();
            self.timed_row(
                rows,
                &format!("check --sources, 10 MB text, {n} quotes"),
                "rg -F -c -f",
                &rg,
                run,
                || {},
                Goal::None,
            );
        }
        let text_bytes = |dir: &str| {
            std::fs::metadata(i.path(dir).join("article.txt"))
                .unwrap()
                .len()
        };
        for name in ["10mb", "50mb"] {
            let sources = i.path(&format!("sources-{name}"));
            let quiz = i.path(&format!("cite-{name}-1000.ron"));
            self.peak_row(
                rows,
                &format!("check --sources peak memory, {name} text"),
                |b| {
                    Run::new(
                        b,
                        &[
                            "check",
                            "--sources",
                            sources.to_str().unwrap(),
                            quiz.to_str().unwrap(),
                        ],
                    )
                },
                Some(("the text", text_bytes(&format!("sources-{name}")))),
                None,
            );
        }
    }

    fn grade(&self, rows: &mut Vec<Row>) {
        let i = self.inputs;
        let sheets = i.path("sheets");
        let floor = Run::new(
            std::env::current_exe().unwrap(),
            &["--deserialize-only", sheets.to_str().unwrap()],
        );
        let quiz = i.quiz.to_str().unwrap().to_owned();
        for (json, goal) in [(false, Goal::Ratio(1.3)), (true, Goal::None)] {
            let run = |b: &Path| {
                let mut args = vec!["grade", quiz.as_str(), sheets.to_str().unwrap()];
                if json {
                    args.push("--json");
                }
                Run::new(b, &args)
            };
            run(&self.after).check();
            let flag = if json { " --json" } else { "" };
            self.timed_row(
                rows,
                &format!("grade{flag}, {SHEETS} sheets"),
                "deserialize only",
                &floor,
                run,
                || {},
                goal,
            );
        }
        for (dir, n) in [("sheets-1000", 1_000), ("sheets", SHEETS)] {
            let sheets = i.path(dir);
            self.peak_row(
                rows,
                &format!("grade --json peak memory, {n} sheets"),
                |b| {
                    Run::new(
                        b,
                        &["grade", quiz.as_str(), sheets.to_str().unwrap(), "--json"],
                    )
                },
                None,
                Some(20.0),
            );
        }
    }

    fn take(&self, rows: &mut Vec<Row>) {
        let i = self.inputs;
        let quiz = i.quiz.to_str().unwrap().to_owned();
        let empty = i.path("empty-data");
        let data = i.path("data");
        // Plain lines with nothing to read: each run stops at the first
        // question (standard input ends), after everything before it.
        let baseline = Run::new(&self.after, &["take", &quiz, "--restart"])
            .env("LATERAL_DATA_DIR", &empty)
            .may_fail();
        let clean_empty = || {
            let _ = std::fs::remove_dir_all(&empty);
            let _ = std::fs::create_dir_all(&empty);
        };
        // The generated folder is in the layout lateral had before it kept
        // an index of finished attempts: the first run of this build
        // writes the index (once, as in a data folder in use), untimed.
        Run::new(&self.after, &["history"])
            .env("LATERAL_DATA_DIR", &data)
            .check();
        // The build compared runs on a copy of its own: a `take` of one
        // build must not change the folder the other's next run sees.
        let data_before = i.path("data-before");
        if !data_before.exists() {
            let copied = std::process::Command::new("cp")
                .arg("-a")
                .arg(&data)
                .arg(&data_before)
                .status()
                .is_ok_and(|s| s.success());
            assert!(copied, "the data folder is copied for the other build");
        }
        let (base, figures) = self.paired(
            &baseline,
            |b| {
                let data = if b == self.after { &data } else { &data_before };
                Run::new(b, &["take", &quiz])
                    .env("LATERAL_DATA_DIR", data)
                    .may_fail()
            },
            || {
                i.restore_attempts();
                clean_empty();
            },
        );
        clean_empty();
        let after = figures[0];
        let goal = Goal::Millis(10.0);
        rows.push(Row {
            work: format!("take to the first question, {ATTEMPTS} attempts stored"),
            figure: ms(after),
            baseline: format!("take --restart, none stored {}", ms(base)),
            ratio: format!("{:.2}×", after.as_secs_f64() / base.as_secs_f64()),
            goal: goal.text(),
            met: met(goal.met(after, 0.0)),
            before: figures.get(1).map(|b| {
                (
                    ms(*b),
                    format!("{:.2}×", after.as_secs_f64() / b.as_secs_f64()),
                )
            }),
        });
    }

    fn history(&self, rows: &mut Vec<Row>) {
        let i = self.inputs;
        let empty = i.path("empty-data");
        let data = i.path("data");
        let baseline = Run::new(&self.after, &["history"]).env("LATERAL_DATA_DIR", &empty);
        let run = |b: &Path| Run::new(b, &["history"]).env("LATERAL_DATA_DIR", &data);
        run(&self.after).check();
        self.timed_row(
            rows,
            &format!("history, {ATTEMPTS} attempts"),
            "history, none stored",
            &baseline,
            run,
            || {},
            Goal::Millis(100.0),
        );
        self.peak_row(
            rows,
            &format!("history peak memory, {ATTEMPTS} attempts"),
            run,
            None,
            None,
        );
    }

    fn quiz_size(&self, rows: &mut Vec<Row>) {
        let i = self.inputs;
        let small = i.path("quiz-1000.ron");
        let large = i.path("quiz-10000.ron");
        for command in ["check", "test"] {
            let baseline = Run::new(&self.after, &[command, small.to_str().unwrap()]);
            let run = |b: &Path| Run::new(b, &[command, large.to_str().unwrap()]);
            run(&self.after).check();
            self.timed_row(
                rows,
                &format!("{command}, 10,000 questions"),
                &format!("{command}, 1,000 questions"),
                &baseline,
                run,
                || {},
                Goal::None,
            );
        }
    }
}

fn print_table(rows: &[Row], before: bool) {
    let mut header = vec!["work", "figure", "baseline", "ratio", "goal", "met"];
    if before {
        header.extend(["before (ratio)", "after ÷ before"]);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut c = vec![
                r.work.clone(),
                r.figure.clone(),
                r.baseline.clone(),
                r.ratio.clone(),
                r.goal.clone(),
                r.met.clone(),
            ];
            if before {
                let (b, x) = r.before.clone().unwrap_or_default();
                c.extend([b, x]);
            }
            c
        })
        .collect();
    println!();
    println!("| {} |", header.join(" | "));
    println!("|{}", "---|".repeat(header.len()));
    for c in cells {
        println!("| {} |", c.join(" | "));
    }
}

// ---------------------------------------------------------------- callgrind

/// Instruction counts under valgrind's callgrind, for the in-process parts:
/// the same on a quiet machine and a busy one.
fn callgrind(inputs: &Inputs, after: &Path, before: Option<&Path>) {
    if Command::new("valgrind").arg("--version").output().is_err() {
        println!("valgrind is not installed: no instruction counts");
        return;
    }
    let quiz = inputs.quiz.to_str().unwrap().to_owned();
    let sheets = inputs.path("sheets-1000");
    let data = inputs.path("data-1000");
    let big = inputs.path("quiz-1000.ron");
    let me = std::env::current_exe().unwrap();
    println!("instructions executed (callgrind), whole process");
    println!();
    let mut header = "| work | this build |".to_owned();
    if before.is_some() {
        header.push_str(" before | after ÷ before |");
    }
    println!("{header}");
    println!(
        "|---|---|{}",
        if before.is_some() { "---|---|" } else { "" }
    );
    let floor = Run::new(&me, &["--deserialize-only", sheets.to_str().unwrap()]);
    println!(
        "| deserialize only, 1,000 sheets | {} |",
        thousands(instructions(&floor))
    );
    // A data folder of the layout before the index of finished attempts:
    // the first history of this build reads every attempt and writes the
    // index (once); the row below it is every later run.
    let fresh = inputs.path("data-1000-first");
    let _ = std::fs::remove_dir_all(&fresh);
    let copied = Command::new("cp")
        .arg("-a")
        .arg(&data)
        .arg(&fresh)
        .status()
        .is_ok_and(|s| s.success());
    assert!(copied, "the data folder is copied");
    let quiz_dir = attempts_dir(&fresh);
    let _ = std::fs::remove_file(quiz_dir.join(".finished-index"));
    let _ = std::fs::remove_dir_all(quiz_dir.join("unfinished"));
    let first = Run::new(after, &["history"]).env("LATERAL_DATA_DIR", &fresh);
    println!(
        "| history, 1,000 attempts, first run of this build (writes the index) | {} |",
        thousands(instructions(&first))
    );
    let _ = std::fs::remove_dir_all(&fresh);
    Run::new(after, &["history"])
        .env("LATERAL_DATA_DIR", &data)
        .check();
    type Case<'a> = (&'a str, Box<dyn Fn(&Path) -> Run + 'a>);
    let cases: Vec<Case> = vec![
        (
            "grade, 1,000 sheets",
            Box::new(|b: &Path| Run::new(b, &["grade", &quiz, sheets.to_str().unwrap()])),
        ),
        (
            "grade --json, 1,000 sheets",
            Box::new(|b: &Path| Run::new(b, &["grade", &quiz, sheets.to_str().unwrap(), "--json"])),
        ),
        (
            "history, 1,000 attempts",
            Box::new(|b: &Path| Run::new(b, &["history"]).env("LATERAL_DATA_DIR", &data)),
        ),
        (
            "check, 1,000 questions",
            Box::new(|b: &Path| Run::new(b, &["check", big.to_str().unwrap()])),
        ),
    ];
    for (work, run) in cases {
        let a = instructions(&run(after));
        let mut line = format!("| {work} | {} |", thousands(a));
        if let Some(b) = before {
            let b = instructions(&run(b));
            line.push_str(&format!(
                " {} | {:.2}× |",
                thousands(b),
                a as f64 / b as f64
            ));
        }
        println!("{line}");
    }
}

/// Instructions a run executes, from callgrind's summary.
fn instructions(run: &Run) -> u64 {
    let mut c = Command::new("valgrind");
    c.args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(&run.program)
        .args(&run.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    for (k, v) in &run.env {
        c.env(k, v);
    }
    let out = c.output().expect("valgrind runs");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
