//! The session in process: plain prompts over byte slices, a store in a
//! temporary folder, and the attempt files read back from disk.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::grade::Verdict;
use crate::load::parse;
use crate::quiz::Kind;
use crate::screen::letter;
use crate::ui::Plain;

const MINI: &str = include_str!("../../tests/fixtures/mini.ron");

fn mini() -> Quiz {
    parse::<Quiz>(MINI).expect("the fixture parses").value
}

/// A plain prompter that reads `input` and writes a transcript.
fn plain(input: &str) -> Plain<&[u8], Vec<u8>> {
    Plain::new(input.as_bytes(), Vec::new(), 80, true)
}

fn transcript(p: &Plain<&[u8], Vec<u8>>) -> String {
    String::from_utf8(p.output().clone()).unwrap()
}

fn settings(seed: u64) -> Settings {
    Settings {
        quiz_path: "mini.ron".to_owned(),
        seed: Some(seed),
        ..Settings::default()
    }
}

/// Plans a `take` with no prompt expected (nothing to resume).
fn start<'q>(quiz: &'q Quiz, store: &Store, settings: &Settings) -> Session<'q> {
    let mut notes = Vec::new();
    match plan(quiz, store, settings, &mut plain(""), &mut notes).unwrap() {
        Plan::Take(session) => *session,
        Plan::NothingMissed => panic!("expected a session"),
    }
}

/// Plans a `take` that finds an unfinished attempt and resumes it ("y").
fn resume<'q>(quiz: &'q Quiz, store: &Store, settings: &Settings) -> Session<'q> {
    match plan(quiz, store, settings, &mut plain("y\n"), &mut Vec::new()).unwrap() {
        Plan::Take(session) => *session,
        Plan::NothingMissed => panic!("expected to resume"),
    }
}

/// The line a student types to answer `id` right, given the option order
/// the attempt shows. The keys here are written out, not read from the quiz.
fn right(session: &Session, id: &str) -> String {
    let quiz = session.quiz;
    let q = quiz.question(id).unwrap();
    let shown = session.attempt().shown_options(q);
    let letter_of = |option: &str| letter(shown.iter().position(|o| o.id == option).unwrap());
    match id {
        "pick" => letter_of("red").to_string(),
        "all" => format!("{},{}", letter_of("a"), letter_of("b")),
        "tf" => "t".to_owned(),
        "count" => "nine minutes".to_owned(),
        "who" => "calderon".to_owned(),
        other => panic!("no answer written for {other}"),
    }
}

/// A line that answers `id` wrong.
fn wrong(session: &Session, id: &str) -> String {
    let q = session.quiz.question(id).unwrap();
    let shown = session.attempt().shown_options(q);
    match &q.kind {
        Kind::Single { .. } | Kind::Multiple { .. } => letter(
            shown
                .iter()
                .position(|o| o.id == "green" || o.id == "none")
                .unwrap(),
        )
        .to_string(),
        Kind::TrueFalse { .. } => "f".to_owned(),
        Kind::Number { .. } => "10".to_owned(),
        Kind::Text { .. } => "Sarukhan".to_owned(),
        other => unreachable!("the fixture has no {} question", other.name()),
    }
}

/// Lines answering the attempt's unanswered questions, in the order asked.
fn lines(session: &Session, answer: impl Fn(&Session, &str) -> String) -> String {
    let a = session.attempt();
    a.asked
        .iter()
        .filter(|id| a.answer(id).is_none())
        .map(|id| answer(session, id) + "\n")
        .collect()
}

/// The first `n` lines of `input`.
fn first_lines(input: &str, n: usize) -> String {
    input.lines().take(n).map(|l| format!("{l}\n")).collect()
}

/// A store in a fresh temporary folder (kept alive by the first value).
fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    (dir, store)
}

fn saved(file: &Path) -> Attempt {
    store::read(file).expect("the attempt file reads back")
}

#[test]
fn every_answer_is_saved_and_the_report_counts_them() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(3));
    let input = lines(&session, right);
    let mut p = plain(&input);
    let report = session
        .run(&mut p, &BTreeMap::new())
        .unwrap()
        .expect("a quiz is graded");
    // `all` is worth 2 points, the other four 1 each.
    assert_eq!((report.score, report.max), (6.0, 6.0));
    assert_eq!(report.passed, Some(true));
    let on_disk = saved(session.file());
    assert!(on_disk.finished);
    assert_eq!(on_disk.answers.len(), 5);
    assert!(on_disk.answers.iter().all(|a| a.points == a.max));
    assert_eq!(&on_disk, session.attempt());
    let shown = transcript(&p);
    assert_eq!(shown.matches("✓ Right").count(), 5, "{shown}");
    assert!(
        shown.contains("Score: 6 of 6 points (100%) · passed"),
        "{shown}"
    );
}

#[test]
fn input_that_ends_early_says_which_question_waited_and_keeps_the_answers() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(4));
    let two = first_lines(&lines(&session, right), 2);
    let err = session.run(&mut plain(&two), &BTreeMap::new()).unwrap_err();
    let file = session.file().display().to_string();
    match err {
        Error::EndOfInput { waiting, saved } => {
            assert_eq!(waiting, Some((3, 5)));
            assert_eq!(saved.as_deref(), Some(file.as_str()));
        }
        other => panic!("expected the end of input, got {other:?}"),
    }
    let on_disk = saved(session.file());
    assert!(!on_disk.finished);
    assert_eq!(on_disk.answers.len(), 2);
}

#[test]
fn a_resumed_attempt_keeps_its_order_and_earlier_answers() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut first = start(&quiz, &store, &settings(5));
    let two = first_lines(&lines(&first, wrong), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    let before = saved(first.file());
    let first_file = first.file().to_path_buf();
    // While the first session lives, its attempt is locked and not offered.
    let Plan::Take(other) =
        plan(&quiz, &store, &settings(5), &mut plain(""), &mut Vec::new()).unwrap()
    else {
        panic!("expected a new attempt")
    };
    assert_ne!(
        other.file(),
        first_file,
        "same seed, same second: another file"
    );
    drop((first, other));

    // No seed this time: a resumed attempt keeps the one it started with.
    let mut again = plain("y\n");
    let mut notes = Vec::new();
    let planned = plan(&quiz, &store, &Settings::default(), &mut again, &mut notes).unwrap();
    let Plan::Take(mut resumed) = planned else {
        panic!("expected to resume")
    };
    assert!(transcript(&again).contains("(2 of 5 answered)?"));
    assert_eq!(resumed.file(), first_file);
    assert_eq!(resumed.attempt().seed, 5);
    assert_eq!(resumed.attempt().asked, before.asked);
    assert_eq!(resumed.attempt().options, before.options);

    let input = lines(&resumed, right);
    let mut p = plain(&input);
    let report = resumed
        .run(&mut p, &BTreeMap::new())
        .unwrap()
        .expect("a quiz is graded");
    let on_disk = saved(resumed.file());
    assert!(on_disk.finished);
    assert_eq!(on_disk.answers[..2], before.answers[..]);
    // The first two wrong, the rest right; `all` is worth 2 points.
    let points = |id: &String| if id == "all" { 2.0 } else { 1.0 };
    let rest: f64 = before.asked[2..].iter().map(points).sum();
    assert_eq!(report.score, rest);
    assert!(transcript(&p).contains("Resuming your attempt from"));
}

#[test]
fn exam_mode_shows_no_feedback_until_every_question_is_answered() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let exam = Settings {
        exam: true,
        ..settings(6)
    };
    let mut session = start(&quiz, &store, &exam);
    let input = lines(&session, wrong);
    let mut p = plain(&input);
    let report = session
        .run(&mut p, &BTreeMap::new())
        .unwrap()
        .expect("a quiz is graded");
    assert!(report.outcomes.iter().all(|o| o.verdict == Verdict::Wrong));
    let shown = transcript(&p);
    let last_prompt = shown.rfind("> ").unwrap();
    for verdict in ["✗ Wrong", "Why:", "Evidence:"] {
        let first = shown.find(verdict).expect(verdict);
        assert!(
            first > last_prompt,
            "{verdict} shown before the end:\n{shown}"
        );
    }
    assert!(shown.contains("Exam mode"));
    // Nothing before the end depends on whether an answer was right.
    assert!(!shown.contains("score so far"), "{shown}");
    assert!(saved(session.file()).exam);
}

#[test]
fn an_unreadable_attempt_is_set_aside_and_a_new_one_started() {
    let (dir, store) = fresh_store();
    let quiz = mini();
    let broken = dir.path().join("mini").join("20260101T000000Z-1.ron");
    std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
    std::fs::write(&broken, "(format: 1, quiz: ").unwrap();
    // Found in the quiz's folder (where an earlier lateral kept unfinished
    // attempts), it is set aside there.
    let mut notes = Vec::new();
    let planned = plan(&quiz, &store, &settings(7), &mut plain(""), &mut notes).unwrap();
    let notes = String::from_utf8(notes).unwrap();
    assert!(notes.starts_with("lateral: set aside "), "{notes}");
    assert!(notes.contains("it cannot be read (line 1"), "{notes}");
    assert!(!broken.exists());
    let kept = broken.with_file_name("20260101T000000Z-1.ron.set-aside");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "(format: 1, quiz: ");
    let Plan::Take(session) = planned else {
        panic!("expected a new attempt")
    };
    assert!(session.attempt().answers.is_empty());
    assert_ne!(session.file(), broken);
}

#[test]
fn missed_asks_only_what_the_last_finished_attempt_missed() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let missed = Settings {
        missed: true,
        ..settings(8)
    };
    let none = plan(&quiz, &store, &missed, &mut plain(""), &mut Vec::new());
    assert!(matches!(none, Err(Error::NoFinishedAttempt { ref quiz }) if quiz == "mini"));

    let mut first = start(&quiz, &store, &settings(8));
    let answers = lines(&first, |s, id| {
        if id == "tf" || id == "who" {
            wrong(s, id)
        } else {
            right(s, id)
        }
    });
    first.run(&mut plain(&answers), &BTreeMap::new()).unwrap();

    let Plan::Take(second) = plan(&quiz, &store, &missed, &mut plain(""), &mut Vec::new()).unwrap()
    else {
        panic!("expected the missed questions")
    };
    let mut asked = second.attempt().asked.clone();
    asked.sort();
    assert_eq!(asked, ["tf", "who"]);
    // The welcome counts the questions asked, not the quiz's.
    let mut second = *second;
    let input = lines(&second, right);
    let mut p = plain(&input);
    second.run(&mut p, &BTreeMap::new()).unwrap();
    let shown = transcript(&p);
    assert!(
        shown.contains("2 questions, 2 points, pass mark 60%."),
        "{shown}"
    );
    assert!(shown.contains("Score: 2 of 2 points (100%)"), "{shown}");
}

#[test]
fn an_unwritable_attempt_folder_is_reported_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the quiz's folder of attempts should be.
    std::fs::write(dir.path().join("mini"), "not a folder").unwrap();
    let store = Store::at(dir.path());
    let quiz = mini();
    let mut p = plain("a\n");
    let err = match plan(&quiz, &store, &settings(9), &mut p, &mut Vec::new()) {
        Err(e) => e,
        Ok(_) => panic!("an attempt cannot be created under a file"),
    };
    assert!(matches!(err, Error::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("cannot write"), "{err}");
    assert_eq!(transcript(&p), "", "nothing was shown or asked");
}

#[test]
fn input_ending_before_any_answer_claims_nothing_was_saved() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(10));
    let err = session.run(&mut plain(""), &BTreeMap::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "input ended before question 1 of 5 was answered"
    );
    assert!(!session.file().exists());
}

/// The settings of taking the paper of the mini quiz.
fn paper_settings(seed: u64, name: Option<&str>) -> Settings {
    Settings {
        paper: Some(crate::attempt::fingerprint(&mini())),
        name: name.map(str::to_owned),
        ..settings(seed)
    }
}

#[test]
fn a_paper_asks_the_name_saves_a_named_sheet_and_shows_no_result() {
    let (_dir, store) = fresh_store();
    let paper = crate::paper::Paper::of(&mini()).questions_only();
    let mut ask = plain("  \nAna García\n");
    let Plan::Take(mut session) = plan(
        &paper,
        &store,
        &paper_settings(11, None),
        &mut ask,
        &mut Vec::new(),
    )
    .unwrap() else {
        panic!("expected a sheet")
    };
    // A blank name is refused with a hint, then the name is taken.
    assert!(transcript(&ask).contains("type your name"));
    let name = session
        .file()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("mini-ana-garcia-"), "{name}");
    // The options are the quiz's, so the same letters answer them.
    let input = lines(&session, wrong);
    let mut p = plain(&input);
    assert_eq!(session.run(&mut p, &BTreeMap::new()).unwrap(), None);
    let shown = transcript(&p);
    assert!(shown.contains("Submitted: 5 of 5 answered."), "{shown}");
    for secret in ["Right", "Wrong", "Why:", "Score", "score so far", "Answer:"] {
        assert!(!shown.contains(secret), "{secret} shown:\n{shown}");
    }
    let sheet = saved(session.file());
    assert_eq!(sheet.name.as_deref(), Some("Ana García"));
    assert!(sheet.paper && sheet.exam && sheet.finished);
    assert_eq!(sheet.fingerprint, crate::attempt::fingerprint(&mini()));
    assert!(
        sheet.answers.iter().all(|a| a.points == 0.0),
        "not graded here"
    );
    // Graded against the quiz, the sheet earns what its answers are worth.
    assert_eq!(grade_responses(&sheet), 0.0);
}

/// What the quiz gives an answer sheet's responses.
fn grade_responses(sheet: &Attempt) -> f64 {
    crate::grade::grade(&mini(), &sheet.responses()).score
}

#[test]
fn an_unfinished_paper_is_resumed_only_by_the_same_student() {
    let (_dir, store) = fresh_store();
    let paper = crate::paper::Paper::of(&mini()).questions_only();
    let ana = paper_settings(12, Some("Ana"));
    let Plan::Take(mut first) =
        plan(&paper, &store, &ana, &mut plain(""), &mut Vec::new()).unwrap()
    else {
        panic!("expected a sheet")
    };
    let two = first_lines(&lines(&first, right), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    let file = first.file().to_path_buf();
    drop(first);
    // Another student on the same machine is not offered Ana's sheet.
    let ben = paper_settings(12, Some("Ben"));
    let Plan::Take(other) = plan(&paper, &store, &ben, &mut plain(""), &mut Vec::new()).unwrap()
    else {
        panic!("expected a sheet")
    };
    assert_ne!(other.file(), file);
    assert!(other.attempt().answers.is_empty());
    drop(other);
    // Ana is, and goes on where she stopped.
    let mut yes = plain("y\n");
    let Plan::Take(mut again) = plan(&paper, &store, &ana, &mut yes, &mut Vec::new()).unwrap()
    else {
        panic!("expected Ana's sheet")
    };
    assert_eq!(again.file(), file);
    let rest = lines(&again, right);
    again.run(&mut plain(&rest), &BTreeMap::new()).unwrap();
    // Finished, it is moved out of `unfinished/` into the quiz's folder.
    assert!(!file.exists());
    assert_eq!(again.file().parent(), file.parent().unwrap().parent());
    let sheet = saved(again.file());
    assert!(sheet.finished);
    assert_eq!(grade_responses(&sheet), 6.0);
}

const KINDS: &str = include_str!("../../tests/fixtures/kinds.ron");

#[test]
fn matching_ordering_and_reflection_are_asked_saved_and_graded() {
    let (_dir, store) = fresh_store();
    let quiz = parse::<Quiz>(KINDS).unwrap().value;
    let mut session = start(&quiz, &store, &settings(3));
    // Answers written from the key in the fixture, in the order shown.
    let a = session.attempt().clone();
    let mut input = String::new();
    for id in &a.asked {
        let q = quiz.question(id).unwrap();
        let shown = a.shown_options(q);
        let number = |choice: &str| shown.iter().position(|o| o.id == choice).unwrap() + 1;
        let letter_of = |item: &str| letter(shown.iter().position(|o| o.id == item).unwrap());
        let line = match id.as_str() {
            // Items in the quiz's order: tuesday → a, noon → b, minutes → a;
            // one pair wrong on purpose.
            "who-where" => format!("a{} b{} c{}", number("a"), number("b"), number("b")),
            "sequence" => format!(
                "{},{},{}",
                letter_of("met"),
                letter_of("lasted"),
                letter_of("left")
            ),
            "next" => "His name and the town.".to_owned(),
            other => panic!("unexpected question {other}"),
        };
        input.push_str(&line);
        input.push('\n');
    }
    let mut p = plain(&input);
    let report = session.run(&mut p, &BTreeMap::new()).unwrap().unwrap();
    // Two of three pairs (2/3 of a point), the whole order (1), the
    // reflection worth nothing.
    assert!(
        (report.score - (2.0 / 3.0 + 1.0)).abs() < 1e-9,
        "{}",
        report.score
    );
    assert_eq!(report.max, 2.0);
    let shown = transcript(&p);
    assert!(
        shown.contains("◐ Partly right · 0.67 of 1 point"),
        "{shown}"
    );
    assert!(
        shown.contains("✎ Your answer is kept (not scored)"),
        "{shown}"
    );
    assert!(shown.contains("A model answer: His full name"), "{shown}");
    let on_disk = saved(session.file());
    let reflection = on_disk.answer("next").unwrap();
    assert_eq!(
        reflection.response,
        Response::Text("His name and the town.".into())
    );
    assert_eq!((reflection.points, reflection.max), (0.0, 0.0));
    assert!(matches!(
        on_disk.answer("who-where").unwrap().response,
        Response::Pairs(_)
    ));
    assert_eq!(
        on_disk.answer("sequence").unwrap().response,
        Response::Order(vec!["met".into(), "lasted".into(), "left".into()])
    );
}

/// The questions of a test prompter, asked by its `inner` plain prompter:
/// the test prompters differ only in what they write down.
macro_rules! asks_through_inner {
    () => {
        fn show(&mut self, text: &str) -> std::io::Result<()> {
            self.inner.show(text)
        }
        fn single(&mut self, items: &[String]) -> Result<usize, AskError> {
            self.inner.single(items)
        }
        fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
            self.inner.multiple(items)
        }
        fn true_false(&mut self) -> Result<bool, AskError> {
            self.inner.true_false()
        }
        fn matching(
            &mut self,
            items: &[String],
            choices: &[String],
        ) -> Result<Vec<usize>, AskError> {
            self.inner.matching(items, choices)
        }
        fn ordering(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
            self.inner.ordering(items)
        }
        fn typed(
            &mut self,
            label: &str,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> Result<String, AskError> {
            self.inner.typed(label, check)
        }
        fn width(&self) -> usize {
            self.inner.width()
        }
        fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, AskError> {
            self.inner.confirm(prompt, default)
        }
    };
}

/// Plain prompts that also write down each pause: its message and the
/// transcript as it stood then.
struct Pausing<'a> {
    inner: Plain<&'a [u8], Vec<u8>>,
    pauses: Vec<(String, String)>,
}

impl Prompter for Pausing<'_> {
    asks_through_inner!();
    fn pause(&mut self, message: &str) -> Result<(), AskError> {
        let so_far = String::from_utf8(self.inner.output().clone()).unwrap();
        self.pauses.push((message.to_owned(), so_far));
        Ok(())
    }
}

#[test]
fn each_feedback_waits_before_the_next_question_and_the_last_before_the_report() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(3));
    let input = lines(&session, wrong);
    let mut p = Pausing {
        inner: plain(&input),
        pauses: Vec::new(),
    };
    session.run(&mut p, &BTreeMap::new()).unwrap();
    let messages: Vec<&str> = p.pauses.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Press any key for the next question",
            "Press any key for the next question",
            "Press any key for the next question",
            "Press any key for the next question",
            "Press any key to see your results",
        ]
    );
    for (k, (_, so_far)) in p.pauses.iter().enumerate() {
        // The feedback of question k + 1 is the last thing shown...
        let header = format!("Question {} of 5", k + 1);
        let feedback = so_far.rfind("✗ Wrong").unwrap();
        assert!(feedback > so_far.rfind(&header).unwrap(), "{so_far}");
        // ...and neither the next question nor the report is drawn yet.
        assert!(!so_far.contains(&format!("Question {} of 5", k + 2)));
        assert!(!so_far.contains("Score:"), "{so_far}");
    }
    // The results' pause comes after the attempt is saved as finished.
    assert!(saved(session.file()).finished);
}

#[test]
fn an_exam_shows_no_feedback_so_never_pauses() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let exam = Settings {
        exam: true,
        ..settings(4)
    };
    let mut session = start(&quiz, &store, &exam);
    let input = lines(&session, right);
    let mut p = Pausing {
        inner: plain(&input),
        pauses: Vec::new(),
    };
    session.run(&mut p, &BTreeMap::new()).unwrap();
    assert!(p.pauses.is_empty(), "{:?}", p.pauses);
}

#[test]
fn active_time_adds_up_across_a_resume_and_is_saved_with_every_answer() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut first = start(&quiz, &store, &settings(5));
    // A new attempt starts at nothing.
    assert_eq!(first.attempt().active_seconds, Some(0));
    first.set_clock(|| Duration::from_millis(100_900));
    let two = first_lines(&lines(&first, right), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    // Saved with the answers, before the attempt is finished.
    assert_eq!(saved(first.file()).active_seconds, Some(100));
    drop(first);

    // The time between the sittings is not counted: the second sitting's
    // clock starts from nothing.
    let mut resumed = resume(&quiz, &store, &settings(5));
    resumed.set_clock(|| Duration::from_secs(42));
    let input = lines(&resumed, right);
    let mut p = plain(&input);
    resumed.run(&mut p, &BTreeMap::new()).unwrap();
    let on_disk = saved(resumed.file());
    assert!(on_disk.finished);
    assert_eq!(on_disk.active_seconds, Some(142));
    assert!(transcript(&p).contains("Time taken: 2 min 22 s"));
    let text = std::fs::read_to_string(resumed.file()).unwrap();
    assert!(text.contains("format: 3,"), "{text}");
    assert!(text.contains("active_seconds: 142,"), "{text}");
}

#[test]
fn an_attempt_begun_before_time_was_recorded_shows_no_time() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut first = start(&quiz, &store, &settings(5));
    let two = first_lines(&lines(&first, right), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    // The file as an earlier lateral wrote it: format 2, no time.
    let file = first.file().to_path_buf();
    drop(first);
    let text = std::fs::read_to_string(&file).unwrap();
    let old = text
        .replace("format: 3,", "format: 2,")
        .replace("    active_seconds: 0,\n", "");
    assert_ne!(old, text);
    std::fs::write(&file, &old).unwrap();
    assert_eq!(saved(&file).active_seconds, None);

    let mut resumed = resume(&quiz, &store, &settings(5));
    resumed.set_clock(|| Duration::from_secs(42));
    let input = lines(&resumed, right);
    let mut p = plain(&input);
    resumed.run(&mut p, &BTreeMap::new()).unwrap();
    // Only part of the time is known, so none is claimed.
    let file = resumed.file().to_path_buf();
    let on_disk = saved(&file);
    assert!(on_disk.finished);
    assert_eq!(on_disk.active_seconds, None);
    assert!(!transcript(&p).contains("Time taken"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("format: 2,"), "{text}");
    assert!(!text.contains("active_seconds"), "{text}");
}

/// Settings that save to `file` instead of the store.
fn save_to(seed: u64, file: &Path) -> Settings {
    Settings {
        save: Some(file.to_path_buf()),
        ..settings(seed)
    }
}

/// Whether the store's folder holds any attempt file at all.
fn store_is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn a_save_file_is_made_in_a_new_folder_resumed_there_and_kept_aside_once_finished() {
    let (store_dir, store) = fresh_store();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("new").join("sub").join("mine.ron");
    let quiz = mini();
    // The folders named are made; the attempt goes to the file, not the store.
    let mut first = start(&quiz, &store, &save_to(13, &file));
    assert_eq!(first.file(), file);
    let two = first_lines(&lines(&first, wrong), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    assert_eq!(saved(&file).answers.len(), 2);
    drop(first);

    // Unfinished, the same student's: offered, and resumed in the same file.
    let mut again = resume(&quiz, &store, &save_to(13, &file));
    assert_eq!(again.file(), file);
    assert_eq!(again.attempt().answers.len(), 2);
    let rest = lines(&again, right);
    again.run(&mut plain(&rest), &BTreeMap::new()).unwrap();
    assert!(saved(&file).finished);
    drop(again);

    // Finished, it is not offered (nothing is asked) but kept aside.
    let mut notes = Vec::new();
    let mut p = plain("");
    let Plan::Take(third) = plan(&quiz, &store, &save_to(13, &file), &mut p, &mut notes).unwrap()
    else {
        panic!("expected a new attempt")
    };
    assert_eq!(transcript(&p), "", "nothing asked");
    assert_eq!(third.file(), file);
    assert!(third.attempt().answers.is_empty());
    let notes = String::from_utf8(notes).unwrap();
    assert!(notes.starts_with("lateral: kept the earlier "), "{notes}");
    let aside = file.with_file_name("mine.ron.set-aside");
    let kept = saved(&aside);
    assert!(kept.finished);
    assert_eq!(kept.answers.len(), 5);
    assert!(
        store_is_empty(store_dir.path()),
        "nothing saved in the store"
    );
}

#[test]
fn declining_to_resume_a_save_file_keeps_it_aside_and_starts_over_in_it() {
    let (store_dir, store) = fresh_store();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("mine.ron");
    let quiz = mini();
    let mut first = start(&quiz, &store, &save_to(14, &file));
    let two = first_lines(&lines(&first, right), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    drop(first);

    let mut notes = Vec::new();
    let mut no = plain("n\n");
    let Plan::Take(fresh) = plan(&quiz, &store, &save_to(14, &file), &mut no, &mut notes).unwrap()
    else {
        panic!("expected a new attempt")
    };
    assert!(transcript(&no).contains("(2 of 5 answered)?"));
    // Still the --save file, not one in the store.
    assert_eq!(fresh.file(), file);
    assert!(fresh.attempt().answers.is_empty());
    assert!(String::from_utf8(notes)
        .unwrap()
        .contains("kept the earlier"));
    let aside = saved(&file.with_file_name("mine.ron.set-aside"));
    assert_eq!((aside.finished, aside.answers.len()), (false, 2));
    assert!(store_is_empty(store_dir.path()));
}

/// A store holding one unfinished attempt of the mini quiz, two answers in;
/// returns its file.
fn two_answered(quiz: &Quiz, store: &Store, seed: u64) -> std::path::PathBuf {
    let mut first = start(quiz, store, &settings(seed));
    let two = first_lines(&lines(&first, right), 2);
    assert!(first.run(&mut plain(&two), &BTreeMap::new()).is_err());
    first.file().to_path_buf()
}

#[test]
fn restart_starts_a_new_attempt_without_asking() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let old = two_answered(&quiz, &store, 15);
    let restart = Settings {
        restart: true,
        ..settings(15)
    };
    let mut p = plain("");
    let Plan::Take(fresh) = plan(&quiz, &store, &restart, &mut p, &mut Vec::new()).unwrap() else {
        panic!("expected a new attempt")
    };
    assert_eq!(transcript(&p), "", "nothing asked");
    assert_ne!(fresh.file(), old);
    assert!(fresh.attempt().answers.is_empty());
    // The unfinished attempt is left as it was.
    assert_eq!(saved(&old).answers.len(), 2);
}

#[test]
fn input_ending_at_the_resume_question_names_the_next_question_and_the_file() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let old = two_answered(&quiz, &store, 16);
    let err = plan(
        &quiz,
        &store,
        &settings(16),
        &mut plain(""),
        &mut Vec::new(),
    )
    .unwrap_err();
    match err {
        Error::EndOfInput { waiting, saved } => {
            // Two of five answered: the third waits.
            assert_eq!(waiting, Some((3, 5)));
            assert_eq!(saved, Some(old.display().to_string()));
        }
        other => panic!("expected the end of input, got {other:?}"),
    }
}

#[test]
fn plain_prompts_show_the_options_and_a_new_attempt_no_resume_or_reading_lines() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(17));
    let input = lines(&session, right);
    let mut p = plain(&input);
    session.run(&mut p, &BTreeMap::new()).unwrap();
    let shown = transcript(&p);
    // Plain mode lists the options itself, with how to answer.
    assert!(
        shown.contains("(answer with one letter, a to c)"),
        "{shown}"
    );
    assert!(shown.contains("(answer t (true) or f (false))"), "{shown}");
    assert!(!shown.contains("Resuming"), "{shown}");
    // No sources at hand and none opened: no reading summary, and the
    // attempt is not marked as one where sources could be opened.
    assert!(!shown.contains("Lateral reading"), "{shown}");
    assert!(!saved(session.file()).sources);
}

/// Plain prompts that also write down the sources' offers, readings and
/// pauses, in order; the `fail_reading`-th reading of sources (from 1)
/// ends the input.
struct Reading<'a> {
    inner: Plain<&'a [u8], Vec<u8>>,
    events: Vec<String>,
    readings: usize,
    fail_reading: usize,
}

impl<'a> Reading<'a> {
    fn new(input: &'a str, fail_reading: usize) -> Reading<'a> {
        Reading {
            inner: plain(input),
            events: Vec::new(),
            readings: 0,
            fail_reading,
        }
    }
}

impl Prompter for Reading<'_> {
    asks_through_inner!();
    fn offer_sources(&mut self, _quiz: &Quiz, texts: &BTreeMap<String, SourceText>) {
        let ids: Vec<&str> = texts.keys().map(String::as_str).collect();
        self.events.push(format!("offer {}", ids.join(",")));
    }
    fn read_sources(
        &mut self,
        _quiz: &Quiz,
        q: &Question,
        _texts: &BTreeMap<String, SourceText>,
        _feedback: &str,
    ) -> Result<(), AskError> {
        self.readings += 1;
        self.events.push(format!("read {}", q.id));
        if self.readings == self.fail_reading {
            return Err(AskError::EndOfInput);
        }
        Ok(())
    }
    fn pause(&mut self, message: &str) -> Result<(), AskError> {
        self.events.push(format!("pause {message}"));
        Ok(())
    }
}

/// Source texts by id, with placeholder text.
fn texts(ids: &[&str]) -> BTreeMap<String, SourceText> {
    ids.iter()
        .map(|id| (id.to_string(), SourceText::new(format!("Text of {id}."))))
        .collect()
}

#[test]
fn sources_at_hand_are_offered_at_each_question_and_read_after_the_feedback_of_those_citing_them() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(18));
    let asked = session.attempt().asked.clone();
    let input = lines(&session, right);
    // Only source b at hand: `pick`, `all` and `tf` cite it (the fixture's
    // citations); `count` and `who` cite only a.
    let cites_b = ["pick", "all", "tf"];
    let mut p = Reading::new(&input, 0);
    session.run(&mut p, &texts(&["b"])).unwrap();
    let mut expected = Vec::new();
    for (k, id) in asked.iter().enumerate() {
        expected.push("offer b".to_owned());
        if cites_b.contains(&id.as_str()) {
            expected.push(format!("read {id}"));
        } else if k + 1 < asked.len() {
            expected.push("pause Press any key for the next question".to_owned());
        } else {
            expected.push("pause Press any key to see your results".to_owned());
        }
    }
    assert_eq!(p.events, expected);
    // Sources could be opened: said in the file and in the summary.
    assert!(saved(session.file()).sources);
    let shown = transcript(&p.inner);
    assert!(
        shown.contains(
            "Lateral reading: you checked 0 sources on the 5 questions you got right, 0 sources on the 0 you missed."
        ),
        "{shown}"
    );
}

#[test]
fn input_ending_while_sources_are_read_names_the_question_and_the_file() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(19));
    let input = lines(&session, right);
    // Both sources at hand: every question cites one. The second reading
    // (after question 2's feedback) ends the input.
    let mut p = Reading::new(&input, 2);
    let err = session.run(&mut p, &texts(&["a", "b"])).unwrap_err();
    match err {
        Error::EndOfInput { waiting, saved } => {
            assert_eq!(waiting, Some((2, 5)));
            assert_eq!(saved, Some(session.file().display().to_string()));
        }
        other => panic!("expected the end of input, got {other:?}"),
    }
    assert_eq!(saved(session.file()).answers.len(), 2);
}

/// A finished attempt of the mini quiz that missed only `tf`.
fn missed_only_tf<'q>(quiz: &'q Quiz, store: &Store, seed: u64) -> Session<'q> {
    let mut session = start(quiz, store, &settings(seed));
    let input = lines(&session, |s, id| {
        if id == "tf" {
            wrong(s, id)
        } else {
            right(s, id)
        }
    });
    session.run(&mut plain(&input), &BTreeMap::new()).unwrap();
    session
}

#[test]
fn a_practice_round_is_taken_when_accepted_and_skipped_when_declined() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let session = missed_only_tf(&quiz, &store, 20);
    // Declined: nothing more is asked.
    let mut no = plain("n\n");
    assert!(!session
        .practice_round(&mut no, &store, &BTreeMap::new())
        .unwrap());
    assert!(transcript(&no).contains("Review the 1 missed question now? (y/N)"));
    assert!(!transcript(&no).contains("Question 1 of 1"));
    // Accepted: the one missed question is asked again, alone.
    let mut yes = plain("y\nt\n");
    assert!(session
        .practice_round(&mut yes, &store, &BTreeMap::new())
        .unwrap());
    let shown = transcript(&yes);
    assert!(shown.contains("Question 1 of 1"), "{shown}");
    assert!(shown.contains("Score: 1 of 1 point (100%)"), "{shown}");
}

#[test]
fn a_practice_round_is_not_offered_when_nothing_was_missed() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(21));
    let input = lines(&session, right);
    session.run(&mut plain(&input), &BTreeMap::new()).unwrap();
    let mut p = plain("y\n");
    assert!(!session
        .practice_round(&mut p, &store, &BTreeMap::new())
        .unwrap());
    assert_eq!(transcript(&p), "", "nothing asked");
}

/// What planning a `take` with `settings` fails with.
fn plan_error(quiz: &Quiz, store: &Store, settings: &Settings) -> Error {
    plan(quiz, store, settings, &mut plain(""), &mut Vec::new()).unwrap_err()
}

/// A file name of `len` bytes. Linux names hold at most 255 bytes: the
/// lock file adds 6 (`.NAME.lock`), a set-aside name 10 (`NAME.set-aside`).
#[cfg(unix)]
#[test]
fn a_save_file_whose_folder_cannot_be_made_is_refused_before_any_question() {
    let (dir, store) = fresh_store();
    // A link to nowhere: the file under it is not found, but no folder
    // can be made in the link's place.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("nowhere/at-all"), &link).unwrap();
    match plan_error(&mini(), &store, &save_to(1, &link.join("a.ron"))) {
        Error::Write { path, .. } => assert_eq!(path, link.display().to_string()),
        other => panic!("expected a write error, got {other:?}"),
    }
}

#[test]
fn a_save_file_another_take_holds_is_refused() {
    let (dir, store) = fresh_store();
    let file = dir.path().join("a.ron");
    let _held = Lock::try_acquire(&file).unwrap().unwrap();
    match plan_error(&mini(), &store, &save_to(1, &file)) {
        Error::InUse { path } => assert_eq!(path, file.display().to_string()),
        other => panic!("expected in use, got {other:?}"),
    }
}

#[test]
fn a_save_file_that_cannot_be_locked_or_kept_aside_is_refused_and_left_as_it_was() {
    let (dir, store) = fresh_store();
    let quiz = mini();
    // 251 + 6 bytes: the lock file's name is too long.
    let file = dir.path().join(crate::store::long_file_name(251));
    match plan_error(&quiz, &store, &save_to(1, &file)) {
        Error::Write { path, .. } => assert_eq!(path, file.display().to_string()),
        other => panic!("expected a write error, got {other:?}"),
    }
    // 248 + 6 bytes fit, 248 + 10 do not: locked, but not kept aside.
    let file = dir.path().join(crate::store::long_file_name(248));
    std::fs::write(&file, "earlier").unwrap();
    let restart = Settings {
        restart: true,
        ..save_to(1, &file)
    };
    match plan_error(&quiz, &store, &restart) {
        Error::Write { path, .. } => assert_eq!(path, file.display().to_string()),
        other => panic!("expected a write error, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "earlier");
}

#[test]
fn a_session_shows_how_long_its_sitting_has_lasted_when_debugged() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(22));
    session.set_clock(|| Duration::from_secs(7));
    let shown = format!("{session:?}");
    assert!(shown.contains("clock: Clock(7s)"), "{shown}");
}

#[test]
fn a_question_the_quiz_lacks_in_an_attempt_edited_by_hand_is_skipped() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let file = {
        let session = start(&quiz, &store, &settings(23));
        let mut a = session.attempt().clone();
        a.asked.insert(0, "ghost".to_owned());
        store::save(session.file(), &a).unwrap();
        session.file().to_path_buf()
    };
    let mut session = resume(&quiz, &store, &settings(23));
    assert_eq!(session.attempt().asked[0], "ghost");
    let input: String = session.attempt().asked[1..]
        .iter()
        .map(|id| right(&session, id) + "\n")
        .collect();
    let report = session.run(&mut plain(&input), &BTreeMap::new()).unwrap();
    // The fixture's five questions, all right: 1 + 2 (`all`) + 1 + 1 + 1
    // points, none for the missing one.
    let report = report.unwrap();
    assert_eq!((report.score, report.max), (6.0, 6.0));
    let on_disk = saved(session.file());
    assert!(on_disk.finished);
    assert_eq!(on_disk.answers.len(), 5);
    assert!(on_disk.answer("ghost").is_none());
    assert_ne!(session.file(), file, "moved among the finished attempts");
}

#[test]
fn sources_opened_in_an_earlier_sitting_are_summed_up_without_the_texts() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(24));
    let tf = quiz.question("tf").unwrap();
    session
        .record(tf, Response::Bool(true), vec!["a".to_owned()])
        .unwrap();
    let input = lines(&session, right);
    let mut p = plain(&input);
    session.run(&mut p, &BTreeMap::new()).unwrap();
    // One source opened, at `tf`, answered right like the other four.
    let shown = transcript(&p);
    assert!(
        shown.contains(
            "Lateral reading: you checked 1 source on the 5 questions you got right, 0 sources on the 0 you missed."
        ),
        "{shown}"
    );
}

/// Plain prompts whose every pause finds the input ended.
struct EndsAtPause<'a> {
    inner: Plain<&'a [u8], Vec<u8>>,
}

impl Prompter for EndsAtPause<'_> {
    asks_through_inner!();
    fn pause(&mut self, _message: &str) -> Result<(), AskError> {
        Err(AskError::EndOfInput)
    }
}

#[test]
fn input_ending_at_a_pause_names_no_question_and_the_file() {
    let (_dir, store) = fresh_store();
    let quiz = mini();
    let mut session = start(&quiz, &store, &settings(25));
    let input = lines(&session, right);
    let mut p = EndsAtPause {
        inner: plain(&input),
    };
    match session.run(&mut p, &BTreeMap::new()).unwrap_err() {
        Error::EndOfInput { waiting, saved } => {
            assert_eq!(waiting, None);
            assert_eq!(saved, Some(session.file().display().to_string()));
        }
        other => panic!("expected the end of input, got {other:?}"),
    }
    // The pause after the first feedback.
    assert_eq!(saved(session.file()).answers.len(), 1);
}
