//! `lateral take` on a real pseudo-terminal: arrow keys, space and Enter drive
//! dialoguer, Ctrl-C and kill -9 interrupt it, and the next run resumes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Expect, Session};
use lateral::points::{Number, Points};
use lateral::quiz::{Kind, Question, Quiz, Response};
use lateral::shuffle::order;

use crate::util::repo;

pub const DOWN: &str = "\x1b[B";

/// A data directory of its own, so attempts from other tests never interfere.
pub struct Pty {
    data: tempfile::TempDir,
}

impl Pty {
    pub fn new() -> Self {
        Pty {
            data: tempfile::tempdir().unwrap(),
        }
    }

    pub fn spawn(&self, args: &[&str]) -> OsSession {
        self.spawn_with(args, &[])
    }

    /// Spawns with extra environment variables, on an 80 × 24 terminal
    /// whose size has arrived before lateral starts (otherwise lateral may
    /// read 0 × 0 and wait for a resize that never comes).
    pub fn spawn_with(&self, args: &[&str], env: &[(&str, &str)]) -> OsSession {
        self.spawn_sized(80, 24, args, env)
    }

    /// Spawns at once, whatever size the terminal has yet: for tests that
    /// resize it themselves.
    pub fn spawn_unsized(&self, args: &[&str]) -> OsSession {
        self.spawn_command(
            Command::new(assert_cmd::cargo::cargo_bin("lateral")),
            args,
            &[],
        )
    }

    /// Spawns on a terminal of `columns` × `rows`, set before lateral
    /// starts: the spawn sets 80 × 24 after the fork, so a shell waits
    /// until the size set here has arrived.
    pub fn spawn_sized(
        &self,
        columns: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> OsSession {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "while [ \"$(stty size)\" != \"{rows} {columns}\" ]; do sleep 0.02; done; exec \"$0\" \"$@\""
            ))
            .arg(assert_cmd::cargo::cargo_bin("lateral"));
        let mut session = self.spawn_command(cmd, args, env);
        session
            .get_process_mut()
            .set_window_size(columns, rows)
            .unwrap();
        session
    }
}

/// `cmd` run on a pty once its 80 × 24 size has arrived: expectrl sets the
/// size after the fork, and a program that reads it first sees 0 × 0.
pub fn spawn_once_sized(cmd: &Command) -> OsSession {
    let mut wrapped = Command::new("sh");
    wrapped
        .arg("-c")
        .arg("while [ \"$(stty size)\" != \"24 80\" ]; do sleep 0.02; done; exec \"$0\" \"$@\"")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        wrapped.current_dir(dir);
    }
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => wrapped.env(k, v),
            None => wrapped.env_remove(k),
        };
    }
    let mut session = Session::spawn(wrapped).expect("spawn on a pty");
    session.get_process_mut().set_window_size(80, 24).unwrap();
    session
}

impl Pty {
    fn spawn_command(&self, mut cmd: Command, args: &[&str], env: &[(&str, &str)]) -> OsSession {
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("PAGER")
            .env("LATERAL_DATA_DIR", self.data.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut session = Session::spawn(cmd).expect("spawn lateral on a pty");
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        session
    }

    /// The data directory this terminal's runs save to.
    pub fn data(&self) -> &Path {
        self.data.path()
    }

    pub fn attempts(&self) -> Vec<std::path::PathBuf> {
        let store = lateral::store::Store::at(&self.data.path().join("attempts"));
        store
            .history(None, false, &|_| None)
            .iter()
            .map(|i| i.path().to_path_buf())
            .collect()
    }
}

pub fn load(path: &str) -> Quiz {
    lateral::cli::load_quiz(Path::new(path)).unwrap().value
}

/// The start of the prompt lateral draws for a question of this kind.
pub fn prompt_of(kind: &Kind) -> &'static str {
    match kind {
        Kind::Single { .. } => "Choose one (↑/↓",
        Kind::Multiple { .. } => "Select all that apply (↑/↓",
        Kind::TrueFalse { .. } => "True or false? (↑/↓",
        // The arrow dialoguer draws after a typed prompt's label; the label
        // alone ("answer") is a word the welcome screen holds too.
        _ => "›",
    }
}

/// Answers one question with the keys a student would press; returns what
/// that answer is. Choice questions take the second option shown (or the
/// first two for "select all"); typed questions get the key's answer.
pub fn answer(p: &mut OsSession, q: &Question, shown: &[usize], refuse_first: bool) -> Response {
    match &q.kind {
        Kind::Single { options, .. } => {
            // The prompt itself, not words a question's text may hold: keys
            // typed before the prompt is drawn are thrown away.
            p.expect(prompt_of(&q.kind)).unwrap();
            p.send(DOWN).unwrap();
            p.send("\r").unwrap();
            Response::Choice(options[shown[1]].id.clone())
        }
        Kind::Multiple { options, .. } => {
            p.expect(prompt_of(&q.kind)).unwrap();
            p.send(" ").unwrap();
            p.send(DOWN).unwrap();
            p.send(" ").unwrap();
            p.send("\r").unwrap();
            Response::Choices(vec![
                options[shown[0]].id.clone(),
                options[shown[1]].id.clone(),
            ])
        }
        Kind::TrueFalse { .. } => {
            p.expect(prompt_of(&q.kind)).unwrap();
            p.send("\r").unwrap();
            Response::Bool(true)
        }
        Kind::Number { answer, .. } => {
            p.expect(prompt_of(&q.kind)).unwrap();
            if refuse_first {
                // An answer that cannot be read is refused with a hint, and asked again.
                p.send("abc\r").unwrap();
                p.expect("is not a number").unwrap();
            }
            let typed = Number(*answer).to_string();
            p.send(format!("{typed}\r")).unwrap();
            Response::Text(typed)
        }
        Kind::Text { accept, .. } => {
            p.expect(prompt_of(&q.kind)).unwrap();
            p.send(format!("{}\r", accept[0])).unwrap();
            Response::Text(accept[0].clone())
        }
        other => unreachable!("these quizzes have no {} question", other.name()),
    }
}

/// After feedback, the terminal waits for a key: `last` says whether the
/// report comes next rather than another question. Presses one.
pub fn move_on(p: &mut OsSession, last: bool) {
    let line = match last {
        true => "Press any key to see your results",
        false => "Press any key for the next question",
    };
    p.expect(line).unwrap();
    p.send(" ").unwrap();
}

/// Answers the questions at positions `range` of the order, each after its
/// header, and waits for each one's feedback, then moves on.
pub fn answer_range(
    p: &mut OsSession,
    quiz: &Quiz,
    order: &lateral::shuffle::Order,
    range: std::ops::Range<usize>,
    given: &mut BTreeMap<String, Response>,
) {
    for n in range {
        let qi = order.questions[n];
        let q = &quiz.questions[qi];
        let header = format!("Question {} of {}", n + 1, quiz.questions.len());
        p.expect(header.as_str()).unwrap();
        given.insert(q.id.clone(), answer(p, q, &order.options[qi], false));
        p.expect("Why:").unwrap();
        move_on(p, n + 1 == quiz.questions.len());
    }
}

/// The points `response` earns, by the rules in docs/quiz-format.md, for
/// the kinds and answers these tests give: a second, plain implementation,
/// so the score the tests expect does not come from lateral's grading.
fn expected_points(q: &Question, response: &Response) -> f64 {
    let share = match (&q.kind, response) {
        (Kind::Single { answer, .. }, Response::Choice(c)) => f64::from(u8::from(c == answer)),
        (Kind::Multiple { answers, .. }, Response::Choices(chosen)) => {
            let right = chosen.iter().filter(|c| answers.contains(c)).count() as f64;
            let wrong = chosen.len() as f64 - right;
            ((right - wrong) / answers.len() as f64).max(0.0)
        }
        (Kind::TrueFalse { answer }, Response::Bool(b)) => f64::from(u8::from(answer == b)),
        // The key's own answer is typed.
        (Kind::Number { .. } | Kind::Text { .. }, Response::Text(_)) => 1.0,
        other => unreachable!("these tests give no {other:?}"),
    };
    share * q.points
}

/// The score line the report must show for `given`.
fn score_line(quiz: &Quiz, given: &BTreeMap<String, Response>) -> (String, bool) {
    let max: f64 = quiz.questions.iter().map(|q| q.points).sum();
    let score: f64 = quiz
        .questions
        .iter()
        .filter_map(|q| given.get(&q.id).map(|r| expected_points(q, r)))
        .sum();
    let line = format!("Score: {} of {} points", Points(score), Points(max));
    (line, score < max)
}

/// Expects the final score, declines the offer to review missed questions
/// when there is one, and waits for the end.
fn finish(p: &mut OsSession, quiz: &Quiz, given: &BTreeMap<String, Response>) {
    let (line, missed) = score_line(quiz, given);
    p.expect(line.as_str()).unwrap();
    if missed {
        p.expect("Review the").unwrap();
        // Yes/no questions wait for Enter.
        p.send("n\r").unwrap();
    }
    p.expect(expectrl::Eof).unwrap();
}

/// Sends Ctrl-C and checks that lateral leaves the cursor visible: the last
/// cursor code it writes is "show".
pub fn interrupt(p: &mut OsSession) {
    p.send("\x03").unwrap();
    let rest = p.expect(expectrl::Eof).unwrap();
    let mut bytes = rest.before().to_vec();
    for m in rest.matches() {
        bytes.extend_from_slice(m);
    }
    let out = String::from_utf8_lossy(&bytes).into_owned();
    assert!(out.contains("interrupted"), "{out}");
    let shown = out.rfind("\x1b[?25h");
    let hidden = out.rfind("\x1b[?25l");
    assert!(
        shown.is_some() && shown > hidden,
        "cursor left hidden: {out:?}"
    );
}

pub fn exit_code(p: &OsSession) -> i32 {
    match p.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("lateral did not exit normally: {other:?}"),
    }
}

#[test]
fn the_sample_quiz_is_taken_with_arrow_keys_space_and_enter() {
    let path = repo("quizzes/viral-photo.ron");
    let quiz = load(&path);
    let order = order(&quiz, 7);
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "7"]);
    p.expect("Keys: ↑/↓ move").unwrap();
    p.expect("To get this same order again: --seed 7").unwrap();
    let mut given = BTreeMap::new();
    let mut refused = false;
    for (n, &qi) in order.questions.iter().enumerate() {
        let q = &quiz.questions[qi];
        p.expect(format!("Question {} of {}", n + 1, quiz.questions.len()).as_str())
            .unwrap();
        let refuse = !refused && matches!(q.kind, Kind::Number { .. });
        refused |= refuse;
        given.insert(q.id.clone(), answer(&mut p, q, &order.options[qi], refuse));
        p.expect("Why:").unwrap();
        move_on(&mut p, n + 1 == order.questions.len());
    }
    assert!(refused, "the sample quiz has a number question");
    finish(&mut p, &quiz, &given);
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn an_exam_shows_no_feedback_until_the_end() {
    let path = repo("tests/fixtures/mini.ron");
    let quiz = load(&path);
    let order = order(&quiz, 3);
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "3", "--exam"]);
    p.expect("Exam mode").unwrap();
    let mut given = BTreeMap::new();
    for (n, &qi) in order.questions.iter().enumerate() {
        let q = &quiz.questions[qi];
        let header = format!("Question {} of 5", n + 1);
        let before = p.expect(header.as_str()).unwrap();
        // Nothing between questions explains or scores an answer.
        let between = String::from_utf8_lossy(before.before()).into_owned();
        assert!(!between.contains("Why:"), "{between}");
        assert!(!between.contains("score so far"), "{between}");
        assert!(!between.contains("Right"), "{between}");
        assert!(!between.contains("Wrong"), "{between}");
        given.insert(q.id.clone(), answer(&mut p, q, &order.options[qi], false));
    }
    // At the end: every question's feedback, then the report.
    let review = p.expect("Result").unwrap();
    let shown = String::from_utf8_lossy(review.before()).into_owned();
    assert_eq!(shown.matches("Why:").count(), 5, "{shown}");
    finish(&mut p, &quiz, &given);
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn ctrl_c_after_question_3_then_resume_finishes_with_the_right_total() {
    let path = repo("tests/fixtures/mini.ron");
    let quiz = load(&path);
    let order = order(&quiz, 9);
    let pty = Pty::new();
    let mut given = BTreeMap::new();

    let mut p = pty.spawn(&["take", &path, "--seed", "9"]);
    answer_range(&mut p, &quiz, &order, 0..3, &mut given);
    p.expect("Question 4 of 5").unwrap();
    // The prompt itself is drawn, not just the header.
    p.expect(prompt_of(&quiz.questions[order.questions[3]].kind))
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    interrupt(&mut p);
    assert_eq!(exit_code(&p), 130);

    // The next run offers to resume, with the same order and the earlier answers.
    let mut p = pty.spawn(&["take", &path]);
    p.expect("Resume your unfinished attempt").unwrap();
    p.expect("(3 of 5 answered)").unwrap();
    p.send("\r").unwrap();
    p.expect("Resuming your attempt").unwrap();
    p.expect("3 of 5 answered").unwrap();
    answer_range(&mut p, &quiz, &order, 3..5, &mut given);
    finish(&mut p, &quiz, &given);
    assert_eq!(exit_code(&p), 0);
    assert_eq!(
        pty.attempts().len(),
        1,
        "the resumed attempt is the same file"
    );
}

#[test]
fn kill_9_mid_run_leaves_a_readable_attempt_that_resumes() {
    let path = repo("tests/fixtures/mini.ron");
    let quiz = load(&path);
    let order = order(&quiz, 4);
    let pty = Pty::new();
    let mut given = BTreeMap::new();

    let mut p = pty.spawn(&["take", &path, "--seed", "4"]);
    answer_range(&mut p, &quiz, &order, 0..2, &mut given);
    p.expect("Question 3 of 5").unwrap();
    let pid = p.get_process().pid();
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = p.expect(expectrl::Eof);

    let files = pty.attempts();
    assert_eq!(files.len(), 1);
    let saved = lateral::store::read(&files[0]).expect("the attempt is readable");
    assert_eq!(saved.answers.len(), 2);
    assert!(!saved.finished);

    let mut p = pty.spawn(&["take", &path]);
    p.expect("Resume your unfinished attempt").unwrap();
    p.send("y\r").unwrap();
    p.expect("2 of 5 answered").unwrap();
    answer_range(&mut p, &quiz, &order, 2..5, &mut given);
    finish(&mut p, &quiz, &given);
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn ctrl_c_at_a_prompt_shows_the_cursor_and_exits_130() {
    let path = repo("tests/fixtures/mini.ron");
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "1"]);
    p.expect("Question 1 of 5").unwrap();
    p.expect("\x1b[?25l").unwrap();
    interrupt(&mut p);
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn sources_are_listed_with_the_options_and_read_again_after_the_feedback() {
    let path = repo("tests/fixtures/mini.ron");
    let sources = repo("tests/fixtures/sources");
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "1", "--sources", &sources]);
    // Seed 1 asks "Which reports name the street?" first (a) Report B,
    // b) Neither, c) Report A); it cites both reports. The options come
    // first, the sources after them.
    p.expect("Select all that apply").unwrap();
    p.expect("C. Report A").unwrap();
    p.expect("2. Read: Daily B — Report B").unwrap();
    p.send("2").unwrap();
    p.send("\r").unwrap();
    p.expect("Report B · 100%").unwrap();
    p.expect("The group gathered at a red door").unwrap();
    p.send("q").unwrap();
    p.expect("Which reports name the street?").unwrap();
    p.expect("Select all that apply").unwrap();
    // Letters tick in "select all that apply": Report A, then Report B.
    p.send("c").unwrap();
    p.send("a").unwrap();
    p.send("\r").unwrap();
    p.expect("in context: Report A: a meeting on Elm Street")
        .unwrap();
    p.expect("Continue, or read a source in full").unwrap();
    p.send("1").unwrap();
    p.send("\r").unwrap();
    p.expect("Report A · 100%").unwrap();
    p.expect("Neighbours met behind the red door").unwrap();
    p.send("q").unwrap();
    // Back from the article: the feedback and the menu again, the cursor on
    // the source; Home, then Enter goes on to question 2.
    p.expect("Reported by 2 of 2 sources.").unwrap();
    p.expect("Continue, or read a source in full").unwrap();
    p.send("\x1b[H").unwrap();
    p.send("\r").unwrap();
    p.expect("Question 2 of 5").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send("\x03").unwrap();
    p.expect(expectrl::Eof).unwrap();
    // The attempt recorded the source opened before answering, and the answer.
    let files = pty.attempts();
    let saved = lateral::store::read(&files[0]).unwrap();
    assert_eq!(saved.answers[0].opened, vec!["b".to_owned()]);
    assert_eq!(
        saved.answers[0].response,
        Response::Choices(vec!["b".to_owned(), "a".to_owned()])
    );
}

#[test]
fn escape_sequences_in_a_quiz_are_shown_not_obeyed() {
    let evil = std::fs::read_to_string(repo("tests/fixtures/mini.ron"))
        .unwrap()
        .replace(
            "Which colour was the door?",
            "Which colour \\u{1b}]0;pwned\\u{7} was \\u{1b}[2J the door?",
        )
        .replace(
            "(id: \"green\", text: \"Green\")",
            "(id: \"green\", text: \"Gr\\u{1b}[31meen\")",
        );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.ron");
    std::fs::write(&file, evil).unwrap();
    let pty = Pty::new();
    // Seed 0 asks the door question first.
    let quiz = load(&file.display().to_string());
    let order = order(&quiz, 0);
    assert_eq!(quiz.questions[order.questions[0]].id, "pick");
    let mut p = pty.spawn(&["take", &file.display().to_string(), "--seed", "0"]);
    let seen = p.expect("Choose one").unwrap();
    let screen = String::from_utf8_lossy(seen.before()).into_owned();
    assert!(
        screen.contains("Which colour \\x1b]0;pwned\\x07 was \\x1b[2J the door?"),
        "{screen:?}"
    );
    assert!(
        !screen.contains("\x1b]0;pwned"),
        "an OSC sequence reached the terminal"
    );
    assert!(
        !screen.contains("\x1b[2J"),
        "a clear-screen sequence reached the terminal"
    );
    let items = p.expect("Gr\\x1b[31meen").unwrap();
    assert!(!String::from_utf8_lossy(items.before()).contains("Gr\x1b[31meen"));
    p.send("\x03").unwrap();
    p.expect(expectrl::Eof).unwrap();
}

/// Everything `p` prints until `needle`, with `needle`.
fn read_until(p: &mut OsSession, needle: &str) -> String {
    let found = match p.expect(needle) {
        Ok(found) => found,
        Err(e) => {
            let mut rest = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = p.try_read(&mut buf) {
                if n == 0 {
                    break;
                }
                rest.extend_from_slice(&buf[..n]);
            }
            panic!("{e}: no {needle:?} in {:?}", String::from_utf8_lossy(&rest));
        }
    };
    let mut bytes = found.before().to_vec();
    for m in found.matches() {
        bytes.extend_from_slice(m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_terminal_gets_colour_unless_no_color_or_a_dumb_terminal_says_otherwise() {
    let path = repo("tests/fixtures/mini.ron");
    let quiz = load(&path);
    let order = order(&quiz, 3);
    let first = &quiz.questions[order.questions[0]];
    for (env, coloured) in [
        (vec![], true),
        (vec![("NO_COLOR", "1")], false),
        (vec![("TERM", "dumb")], false),
        // An empty NO_COLOR is no request, as no-color.org says.
        (vec![("NO_COLOR", "")], true),
    ] {
        let pty = Pty::new();
        let mut p = pty.spawn_with(&["take", &path, "--seed", "3"], &env);
        answer(&mut p, first, &order.options[order.questions[0]], false);
        let shown = read_until(&mut p, "Why:");
        // SGR colour codes: foreground colours 30–37 and bold.
        let has_colour = ["\x1b[31m", "\x1b[32m", "\x1b[1m"]
            .iter()
            .any(|c| shown.contains(c));
        assert_eq!(has_colour, coloured, "{env:?}: {shown:?}");
        interrupt(&mut p);
    }
}
