//! On a real terminal: keys meant for one prompt never answer the next,
//! "select all" confirms an empty choice, the cursor row shows without
//! colour, a tiny terminal waits instead of crashing, and every signal
//! leaves the cursor visible.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::Expect;
use lateral::quiz::Kind;
use lateral::shuffle::order;

use crate::pty::{answer_range, exit_code, interrupt, load, Pty, DOWN};
use crate::util::repo;

fn mini() -> String {
    repo("tests/fixtures/mini.ron")
}

/// Everything lateral wrote until it ended.
fn rest(p: &mut OsSession) -> String {
    let found = p.expect(expectrl::Eof).unwrap();
    let mut bytes = found.before().to_vec();
    for m in found.matches() {
        bytes.extend_from_slice(m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The first seed whose first question is of the kind `is`.
fn seed_asking_first(is: impl Fn(&Kind) -> bool) -> u64 {
    let quiz = load(&mini());
    (0..100)
        .find(|&s| is(&quiz.questions[order(&quiz, s).questions[0]].kind))
        .unwrap()
}

#[test]
fn keys_typed_at_the_resume_question_do_not_answer_the_next() {
    let path = mini();
    let quiz = load(&path);
    let order = order(&quiz, 9);
    let pty = Pty::new();
    let mut given = BTreeMap::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "9"]);
    answer_range(&mut p, &quiz, &order, 0..2, &mut given);
    p.expect("Question 3 of 5").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    interrupt(&mut p);
    let file = pty.attempts().remove(0);
    let before = std::fs::read(&file).unwrap();

    let mut p = pty.spawn(&["take", &path]);
    p.expect("Resume your unfinished attempt").unwrap();
    // `y` alone does nothing yet: the question waits for Enter.
    p.send("y").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Enter resumes; the extra Enters typed at once must not answer question 3.
    p.send("\r\r\r").unwrap();
    p.expect("Question 3 of 5").unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a key typed before question 3 was drawn answered it"
    );
    p.send("\x03").unwrap();
    let _ = rest(&mut p);
}

#[test]
fn an_empty_select_all_asks_first_and_the_cursor_row_shows_without_colour() {
    let seed = seed_asking_first(|k| matches!(k, Kind::Multiple { .. }));
    let seed = seed.to_string();
    let pty = Pty::new();
    let mut p = pty.spawn_with(&["take", &mini(), "--seed", &seed], &[("NO_COLOR", "1")]);
    p.expect("Select all that apply").unwrap();
    // Without colour, the row under the cursor carries a `>`.
    p.expect("> ⬚").unwrap();
    p.send("\r").unwrap();
    p.expect("Nothing is selected. Submit \"none of these\"?")
        .unwrap();
    p.send("n\r").unwrap();
    // Back to the question; this time tick one.
    p.expect("Select all that apply").unwrap();
    p.send(" ").unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap();
    p.expect("You answered:").unwrap();
    crate::pty::move_on(&mut p, false);
    // Stop at the next question, once it is waiting.
    p.expect("Question 2 of 5").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send("\x03").unwrap();
    let _ = rest(&mut p);
    let saved = lateral::store::read(&pty.attempts()[0]).unwrap();
    assert_eq!(saved.answers.len(), 1);
    assert!(
        !matches!(&saved.answers[0].response, lateral::quiz::Response::Choices(c) if c.is_empty())
    );
}

#[test]
fn a_terminal_too_small_waits_and_a_resize_lets_the_quiz_go_on() {
    let pty = Pty::new();
    let mut p = pty.spawn_unsized(&["take", &mini(), "--seed", "1"]);
    p.get_process_mut().set_window_size(1, 1).unwrap();
    p.expect("too small to answer in").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.get_process_mut().set_window_size(80, 2).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.get_process_mut().set_window_size(80, 24).unwrap();
    p.expect("Select all that apply").unwrap();
    // Shrunk while the prompt is up: no panic; the prompt comes back.
    p.get_process_mut().set_window_size(80, 2).unwrap();
    p.send(DOWN).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.get_process_mut().set_window_size(80, 24).unwrap();
    p.send(DOWN).unwrap();
    p.expect("Select all that apply").unwrap();
    p.send("\x03").unwrap();
    let out = rest(&mut p);
    assert!(!out.contains("panicked"), "{out}");
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn ctrl_c_at_the_resume_question_restores_the_cursor_and_says_so() {
    let path = mini();
    let quiz = load(&path);
    let order = order(&quiz, 9);
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "9"]);
    answer_range(&mut p, &quiz, &order, 0..1, &mut BTreeMap::new());
    p.expect("Question 2 of 5").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    interrupt(&mut p);
    let mut p = pty.spawn(&["take", &path]);
    p.expect("Resume your unfinished attempt").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    interrupt(&mut p);
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn sigterm_sighup_and_sigquit_restore_the_cursor() {
    for (signal, code) in [("-TERM", 143), ("-HUP", 129), ("-QUIT", 131)] {
        let pty = Pty::new();
        let mut p = pty.spawn(&["take", &mini(), "--seed", "1"]);
        p.expect("Question 1 of 5").unwrap();
        p.expect("\x1b[?25l").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let pid = p.get_process().pid().to_string();
        assert!(Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success());
        let out = rest(&mut p);
        let shown = out.rfind("\x1b[?25h");
        let hidden = out.rfind("\x1b[?25l");
        assert!(
            shown.is_some() && shown > hidden,
            "{signal}: cursor left hidden: {out:?}"
        );
        assert_eq!(exit_code(&p), code, "{signal}");
    }
}
