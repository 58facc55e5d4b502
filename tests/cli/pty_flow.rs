//! What a student sees between questions on a real pseudo-terminal: the
//! feedback stays until a key is pressed, and each question says how far
//! along the attempt is.

use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::Expect;
use lateral::shuffle::order;

use crate::pty::{answer, answer_range, exit_code, interrupt, load, Pty};
use crate::util::repo;

fn mini() -> String {
    repo("tests/fixtures/mini.ron")
}

/// A seed that asks the single-choice question ("Choose one") first.
fn seed_asking_pick_first() -> String {
    let quiz = load(&mini());
    (0..100)
        .find(|&s| quiz.questions[order(&quiz, s).questions[0]].id == "pick")
        .unwrap()
        .to_string()
}

/// Everything the terminal shows until `text`, with colour codes removed.
fn until(p: &mut OsSession, text: &str) -> String {
    let found = p.expect(text).unwrap();
    let shown = String::from_utf8_lossy(found.before()).into_owned();
    without_colour(&shown)
}

/// `text` without SGR (colour and style) sequences.
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if after[end..].starts_with('m') => rest = &after[end + 1..],
            _ => {
                out.push_str("\x1b[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Everything shown until the program ends.
fn rest(p: &mut OsSession) -> String {
    let found = p.expect(expectrl::Eof).unwrap();
    let mut bytes = found.before().to_vec();
    for m in found.matches() {
        bytes.extend_from_slice(m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether `text` appears within `wait`.
fn appears_within(p: &mut OsSession, text: &str, wait: Duration) -> bool {
    p.set_expect_timeout(Some(wait));
    let seen = p.expect(text).is_ok();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    seen
}

#[test]
fn feedback_stays_until_a_key_and_a_key_typed_ahead_does_not_skip_it() {
    let path = mini();
    let seed = seed_asking_pick_first();
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", &seed]);
    p.expect("Question 1 of 5").unwrap();
    p.expect("Choose one (↑/↓").unwrap();
    // Enter, and a key right behind it, in one write: the key is waiting
    // before the feedback is drawn, and is thrown away.
    p.send("\r ").unwrap();
    let shown = until(&mut p, "Press any key for the next question");
    assert!(
        shown.contains("✓ Right") || shown.contains("✗ Wrong") || shown.contains("◐"),
        "{shown}"
    );
    assert!(shown.contains("Why:"), "{shown}");
    // The next question is not drawn until a key is pressed...
    assert!(
        !appears_within(&mut p, "Question 2 of 5", Duration::from_millis(1500)),
        "the next question came without a key"
    );
    assert_eq!(
        lateral::store::read(&pty.attempts()[0])
            .unwrap()
            .answers
            .len(),
        1,
        "the answer is saved before the pause"
    );
    // ...and then it is.
    p.send("x").unwrap();
    p.expect("Question 2 of 5").unwrap();
    // Ctrl-C once the next prompt is up, as a student would.
    let quiz = load(&path);
    let second = &quiz.questions[order(&quiz, seed.parse().unwrap()).questions[1]];
    p.expect(crate::pty::prompt_of(&second.kind)).unwrap();
    interrupt(&mut p);
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn ctrl_c_at_the_pause_says_the_answers_are_saved_and_exits_130() {
    let path = mini();
    let quiz = load(&path);
    let order = order(&quiz, 3);
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "3"]);
    p.expect("Question 1 of 5").unwrap();
    let qi = order.questions[0];
    answer(&mut p, &quiz.questions[qi], &order.options[qi], false);
    p.expect("Press any key for the next question").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    p.send("\x03").unwrap();
    let out = rest(&mut p);
    assert!(
        out.contains("interrupted; the answers given so far are saved in"),
        "{out}"
    );
    let (shown, hidden) = (out.rfind("\x1b[?25h"), out.rfind("\x1b[?25l"));
    assert!(
        shown.is_some() && shown > hidden,
        "cursor left hidden: {out:?}"
    );
    assert_eq!(exit_code(&p), 130);
    let saved = lateral::store::read(&pty.attempts()[0]).unwrap();
    assert_eq!(saved.answers.len(), 1);
    assert!(!saved.finished);
}

#[test]
fn ctrl_c_before_the_results_says_the_attempt_is_finished() {
    let path = mini();
    let quiz = load(&path);
    let order = order(&quiz, 9);
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "9"]);
    answer_range(&mut p, &quiz, &order, 0..4, &mut Default::default());
    p.expect("Question 5 of 5").unwrap();
    let qi = order.questions[4];
    answer(&mut p, &quiz.questions[qi], &order.options[qi], false);
    let shown = until(&mut p, "Press any key to see your results");
    assert!(!shown.contains("Score:"), "{shown}");
    std::thread::sleep(Duration::from_millis(200));
    p.send("\x03").unwrap();
    let out = rest(&mut p);
    assert!(
        out.contains("interrupted; your finished attempt is saved in"),
        "{out}"
    );
    assert_eq!(exit_code(&p), 130);
    assert!(lateral::store::read(&pty.attempts()[0]).unwrap().finished);
}

/// The lines of the first question's header on a terminal `columns` wide,
/// as shown with `env`.
fn first_header(columns: u16, env: &[(&str, &str)]) -> Vec<String> {
    let pty = Pty::new();
    let seed = seed_asking_pick_first();
    let mut p = pty.spawn_sized(columns, 30, &["take", &mini(), "--seed", &seed], env);
    until(&mut p, "Keys:");
    let shown = until(&mut p, "Choose one").replace('\r', "");
    p.send("\x03").unwrap();
    let _ = p.expect(expectrl::Eof);
    let from = shown.find("Question 1 of 5").expect("the header");
    shown[from..].lines().map(str::to_owned).collect()
}

#[test]
fn the_progress_bar_fits_forty_columns_without_colour() {
    let lines = first_header(40, &[("NO_COLOR", "1")]);
    assert!(lines[0].starts_with("Question 1 of 5 · "), "{lines:?}");
    // Screens are drawn one column short of the terminal, 39 wide here,
    // the bar half of that: 19 columns, 4 of them for 1 of 5.
    let bar = lines
        .iter()
        .find(|l| l.contains('░'))
        .expect("a progress bar");
    assert_eq!(bar, &format!("{}{}", "█".repeat(4), "░".repeat(15)));
    for line in &lines[..3] {
        assert!(line.chars().count() <= 40, "{line:?}");
    }
}

#[test]
fn the_progress_bar_is_at_most_forty_columns_at_two_hundred() {
    // In colour, and on a terminal that has none.
    for env in [&[][..], &[("TERM", "dumb")][..]] {
        let lines = first_header(200, env);
        assert!(lines[0].starts_with("Question 1 of 5 · "), "{lines:?}");
        // Screens are at most 100 columns wide, the bar 40: 8 for 1 of 5.
        assert_eq!(lines[1], format!("{}{}", "█".repeat(8), "░".repeat(32)));
    }
}

#[test]
fn the_practice_round_pauses_after_each_feedback_too() {
    let path = mini();
    let quiz = load(&path);
    let order = order(&quiz, 9);
    let pty = Pty::new();
    let mut p = pty.spawn(&["take", &path, "--seed", "9"]);
    let mut given = std::collections::BTreeMap::new();
    answer_range(&mut p, &quiz, &order, 0..5, &mut given);
    let report = lateral::grade::grade(&quiz, &given);
    let missed = report.outcomes.iter().filter(|o| !o.is_correct()).count();
    assert!(missed > 0, "seed 9 misses something with these keys");
    p.expect("Review the").unwrap();
    p.send("y\r").unwrap();
    // The practice round's own order is fresh: answer whatever is asked.
    for k in 1..=missed {
        p.expect(format!("Question {k} of {missed}").as_str())
            .unwrap();
        let prompt = p
            .expect(expectrl::Regex(
                "Choose one|Select all that apply|True or false|number|answer",
            ))
            .unwrap();
        let asked = String::from_utf8_lossy(prompt.matches().next().unwrap()).into_owned();
        let keys = match asked.as_str() {
            "Select all that apply" => " \r",
            "number" => "9\r",
            "answer" => "calderon\r",
            _ => "\r",
        };
        p.send(keys).unwrap();
        let shown = match k == missed {
            true => until(&mut p, "Press any key to see your results"),
            false => until(&mut p, "Press any key for the next question"),
        };
        assert!(shown.contains("Why:"), "{shown}");
        assert!(
            !appears_within(&mut p, "Question", Duration::from_millis(500)),
            "drawn before a key was pressed"
        );
        p.send("\r").unwrap();
    }
    p.expect("Score:").unwrap();
}
