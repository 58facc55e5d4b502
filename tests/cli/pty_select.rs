//! The choice prompts and the pager on a real terminal: letters, the
//! sources beside the options, the alternate screen, narrow and wide
//! terminals, and `review` paged.

use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::Expect;
use lateral::quiz::Response;

use crate::pty::{exit_code, Pty, DOWN};
use crate::util::{repo, right_lines};

/// Everything lateral wrote until the text `until`, the text included.
fn upto(p: &mut OsSession, until: &str) -> String {
    let found = p.expect(until).unwrap();
    let mut bytes = found.before().to_vec();
    for m in found.matches() {
        bytes.extend_from_slice(m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Stops the run at the question now waiting, and returns the saved answers.
fn stop(p: &mut OsSession, pty: &Pty) -> Vec<lateral::attempt::Answer> {
    std::thread::sleep(Duration::from_millis(300));
    p.send("\x03").unwrap();
    p.expect(expectrl::Eof).unwrap();
    lateral::store::read(&pty.attempts()[0]).unwrap().answers
}

#[test]
fn a_letter_moves_to_its_option_and_enter_answers_it() {
    let pty = Pty::new();
    let mut p = pty.spawn_with(
        &["take", &repo("tests/fixtures/mini.ron"), "--seed", "0"],
        &[("NO_COLOR", "1")],
    );
    // Seed 0 asks "Which colour was the door?" first: A. Green, B. Red, C. Blue.
    p.expect("Choose one (↑/↓ or a letter moves, Enter answers)")
        .unwrap();
    p.expect("> A. Green").unwrap();
    p.send("c").unwrap();
    p.expect("> C. Blue").unwrap();
    // The letter alone answers nothing.
    std::thread::sleep(Duration::from_millis(300));
    for file in pty.attempts() {
        assert!(lateral::store::read(&file).unwrap().answers.is_empty());
    }
    p.send("\r").unwrap();
    p.expect("You answered: Blue").unwrap();
    p.expect("Report A says red.").unwrap();
    crate::pty::move_on(&mut p, false);
    p.expect("Question 2 of 5").unwrap();
    let answers = stop(&mut p, &pty);
    assert_eq!(answers[0].response, Response::Choice("blue".to_owned()));
}

#[test]
fn the_pager_uses_the_alternate_screen_and_the_question_comes_back() {
    let pty = Pty::new();
    let mut p = pty.spawn_with(
        &[
            "take",
            &repo("tests/fixtures/mini.ron"),
            "--seed",
            "0",
            "--sources",
            &repo("tests/fixtures/sources"),
        ],
        &[("NO_COLOR", "1")],
    );
    p.expect("1. Read: Report A").unwrap();
    // Down to B. Red, then to the first source with its digit.
    p.send(DOWN).unwrap();
    p.expect("> B. Red").unwrap();
    p.send("1").unwrap();
    p.expect("> 1. Read: Report A").unwrap();
    p.send("\r").unwrap();
    p.expect("\x1b[?1049h").unwrap();
    p.expect("Neighbours met behind the red door").unwrap();
    p.send("q").unwrap();
    let back = upto(&mut p, "> 1. Read: Report A");
    let left = back
        .find("\x1b[?1049l")
        .expect("the alternate screen is left");
    let question = back
        .rfind("Which colour was the door?")
        .expect("the question is drawn again");
    assert!(left < question, "{back:?}");
    // The cursor is where it was; back up to B. Red and answer.
    p.send("b").unwrap();
    p.expect("> B. Red").unwrap();
    p.send("\r").unwrap();
    p.expect("You answered: Red").unwrap();
    // The feedback offers the cited sources; on to question 2.
    p.expect("Continue, or read a source in full").unwrap();
    p.send("\r").unwrap();
    p.expect("Question 2 of 5").unwrap();
    let answers = stop(&mut p, &pty);
    assert_eq!(answers[0].response, Response::Choice("red".to_owned()));
    assert_eq!(answers[0].opened, ["a"]);
}

#[test]
fn ctrl_c_in_the_pager_leaves_the_alternate_screen() {
    let pty = Pty::new();
    let mut p = pty.spawn(&[
        "take",
        &repo("tests/fixtures/mini.ron"),
        "--seed",
        "0",
        "--sources",
        &repo("tests/fixtures/sources"),
    ]);
    p.expect("Read: Report A").unwrap();
    p.send("1").unwrap();
    p.send("\r").unwrap();
    p.expect("Neighbours met behind the red door").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    p.send("\x03").unwrap();
    let rest = upto(&mut p, "interrupted");
    assert!(rest.contains("\x1b[?1049l"), "{rest:?}");
    p.expect(expectrl::Eof).unwrap();
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn the_help_line_shows_at_40_and_200_columns() {
    // Report A is short: the whole article is on one page, 100%.
    for (columns, help) in [
        (40, "100% · ↑/↓ · q returns to the quiz"),
        (
            200,
            "Report A · 100% · ↑/↓ PgUp/PgDn Home/End · q returns to the quiz",
        ),
    ] {
        let pty = Pty::new();
        let mut p = pty.spawn_sized(
            columns,
            24,
            &[
                "take",
                &repo("tests/fixtures/mini.ron"),
                "--seed",
                "0",
                "--sources",
                &repo("tests/fixtures/sources"),
            ],
            &[("NO_COLOR", "1")],
        );
        p.expect("Read: Report A").unwrap();
        p.send("1").unwrap();
        p.send("\r").unwrap();
        p.expect(help).unwrap();
        p.send("q").unwrap();
        p.expect("Which colour was the door?").unwrap();
        p.expect("Read: Report A").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        p.send("\x03").unwrap();
        p.expect(expectrl::Eof).unwrap();
    }
}

/// mini.ron with a long first option, asked first under seed 0 as A.
fn long_option_quiz(dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(repo("tests/fixtures/mini.ron"))
        .unwrap()
        .replace(
            "(id: \"green\", text: \"Green\")",
            "(id: \"green\", text: \"The green door was painted over before the meeting on Elm Street began\")",
        );
    let file = dir.join("long.ron");
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}

#[test]
fn a_long_option_wraps_at_spaces_on_a_narrow_terminal_and_not_on_a_wide_one() {
    let dir = tempfile::tempdir().unwrap();
    let quiz = long_option_quiz(dir.path());
    // 40 columns: rows of at most 39, the option under its own text; the
    // hint line wraps too. 7 rows in all, which a redraw clears.
    // 200 columns: one row each, 4 in all.
    for (columns, option, rows) in [
        (
            40,
            "> A. The green door was painted over\r\n     before the meeting on Elm Street\r\n     began\r\n",
            7,
        ),
        (
            200,
            "> A. The green door was painted over before the meeting on Elm Street began\r\n",
            4,
        ),
    ] {
        let pty = Pty::new();
        let mut p = pty.spawn_sized(
            columns,
            24,
            &["take", &quiz, "--seed", "0"],
            &[("NO_COLOR", "1")],
        );
        p.expect("Question 1 of 5").unwrap();
        let drawn = upto(&mut p, "C. Blue");
        assert!(drawn.contains(option), "{columns}: {drawn:?}");
        p.send(DOWN).unwrap();
        let redrawn = upto(&mut p, "> B. Red");
        assert!(
            redrawn.contains(&format!("\x1b[{rows}A")),
            "{columns}: {redrawn:?}"
        );
        p.send("a").unwrap();
        p.expect("> A. The green door").unwrap();
        p.send("\r").unwrap();
        crate::pty::move_on(&mut p, false);
        p.expect("Question 2 of 5").unwrap();
        let answers = stop(&mut p, &pty);
        assert_eq!(answers[0].response, Response::Choice("green".to_owned()));
    }
}

#[test]
fn a_long_review_is_paged_on_a_terminal() {
    let pty = Pty::new();
    let (attempt, _) = reviewed_attempt(&pty);
    // The review is taller than 12 rows: paged, on the alternate screen.
    let mut p = pty.spawn_sized(80, 12, &["review", &attempt], &[]);
    p.expect("\x1b[?1049h").unwrap();
    p.expect("q quits").unwrap();
    p.send("G").unwrap();
    p.expect("100% · ").unwrap();
    p.send("q").unwrap();
    p.expect("\x1b[?1049l").unwrap();
    p.expect(expectrl::Eof).unwrap();
    assert_eq!(exit_code(&p), 0);
}

/// A finished attempt at the mini quiz (seed 2, every answer right) in
/// `pty`'s data folder, and `review`'s plain text of it (not a terminal).
fn reviewed_attempt(pty: &Pty) -> (String, String) {
    let path = repo("tests/fixtures/mini.ron");
    let quiz = crate::pty::load(&path);
    let done = assert_cmd::Command::cargo_bin("lateral")
        .unwrap()
        .args(["take", &path, "--seed", "2"])
        .env("LATERAL_DATA_DIR", pty.data())
        .write_stdin(right_lines(&quiz, 2))
        .output()
        .unwrap();
    assert!(done.status.success());
    let attempt = pty.attempts()[0].display().to_string();
    let plain = assert_cmd::Command::cargo_bin("lateral")
        .unwrap()
        .args(["review", &attempt])
        .env("LATERAL_DATA_DIR", pty.data())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(plain.status.success());
    (attempt, String::from_utf8(plain.stdout).unwrap())
}

#[test]
fn the_review_pager_moves_with_its_keys() {
    let pty = Pty::new();
    let (attempt, plain) = reviewed_attempt(&pty);
    let lines: Vec<&str> = plain.lines().filter(|l| !l.trim().is_empty()).collect();
    let (first, last) = (lines[0].trim(), lines[lines.len() - 1].trim());
    assert!(lines.len() > 22, "{plain}");
    let mut p = pty.spawn_sized(80, 12, &["review", &attempt], &[("NO_COLOR", "1")]);
    // Each key draws the page again from the top-left corner: a page's
    // lines are what comes after its help line and before the next draw,
    // which a key the pager ignores (x) brings.
    let page = |p: &mut OsSession, key: &str| -> String {
        p.send(key).unwrap();
        p.expect("q quits").unwrap();
        p.send("x").unwrap();
        let lines = upto(p, "\x1b[H");
        p.expect("q quits").unwrap();
        lines
    };
    let start = upto(&mut p, "q quits");
    assert!(start.contains("\x1b[?1049h"));
    let opening = page(&mut p, "x");
    assert!(opening.contains(first), "{opening}");
    assert!(!opening.contains(last), "{opening}");
    // End, then Home (G and g): the last line, then the first again.
    let end = page(&mut p, "G");
    assert!(end.contains(last) && !end.contains(first), "{end}");
    let home = page(&mut p, "g");
    assert!(home.contains(first) && !home.contains(last), "{home}");
    // Space pages down, b back up; j and k move one line.
    let down = page(&mut p, " ");
    assert!(!down.contains(first), "{down}");
    let up = page(&mut p, "b");
    assert!(up.contains(first), "{up}");
    let _ = page(&mut p, "j");
    let back = page(&mut p, "k");
    assert!(back.contains(first), "{back}");
    // Escape leaves like q.
    p.send("\x1b").unwrap();
    p.expect("\x1b[?1049l").unwrap();
    p.expect(expectrl::Eof).unwrap();
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn the_review_goes_through_pager_with_less_r_when_pager_is_set() {
    let pty = Pty::new();
    let (attempt, plain) = reviewed_attempt(&pty);
    let paged = pty.data().join("paged.txt");
    let paged_str = paged.display().to_string();
    for (less, expected) in [(None, "LESS=R"), (Some("FX"), "LESS=FX")] {
        let mut env = vec![
            (
                "PAGER",
                "cat > \"$PAGED\"; echo \"LESS=$LESS\" >> \"$PAGED\"; echo paged",
            ),
            ("PAGED", paged_str.as_str()),
            ("NO_COLOR", "1"),
        ];
        if let Some(less) = less {
            env.push(("LESS", less));
        }
        let mut p = pty.spawn_sized(80, 12, &["review", &attempt], &env);
        let out = upto(&mut p, "paged");
        p.expect(expectrl::Eof).unwrap();
        assert_eq!(exit_code(&p), 0);
        // The pager, not the built-in view: no alternate screen.
        assert!(!out.contains("\x1b[?1049h"), "{out:?}");
        let text = std::fs::read_to_string(&paged).unwrap();
        // Every line of the plain review reached the pager, and LESS.
        for line in plain.lines().filter(|l| !l.trim().is_empty()) {
            assert!(text.contains(line.trim()), "{line:?} not in {text}");
        }
        assert_eq!(text.lines().last(), Some(expected));
    }
}

#[test]
fn a_typed_answer_can_wait_while_a_source_is_read() {
    let path = repo("tests/fixtures/mini.ron");
    let quiz = crate::pty::load(&path);
    let seed = (0..100)
        .find(|&s| {
            let first = &quiz.questions[lateral::shuffle::order(&quiz, s).questions[0]];
            first.id == "count"
        })
        .unwrap()
        .to_string();
    let pty = Pty::new();
    let mut p = pty.spawn_with(
        &[
            "take",
            &path,
            "--seed",
            &seed,
            "--sources",
            &repo("tests/fixtures/sources"),
        ],
        &[("NO_COLOR", "1")],
    );
    p.expect("How many minutes did the meeting last?").unwrap();
    p.expect("Answer, or read a source first").unwrap();
    p.expect("> Type your answer").unwrap();
    p.send("2").unwrap();
    p.expect("> 2. Read: Daily B — Report B").unwrap();
    p.send("\r").unwrap();
    p.expect("The group gathered at a red door").unwrap();
    p.send("q").unwrap();
    p.expect("How many minutes did the meeting last?").unwrap();
    p.expect("> 2. Read: Daily B — Report B").unwrap();
    p.send("\x1b[H").unwrap();
    p.expect("> Type your answer").unwrap();
    p.send("\r").unwrap();
    p.expect("number (minutes)").unwrap();
    p.send("9\r").unwrap();
    p.expect("You answered: 9").unwrap();
    p.expect("Continue, or read a source in full").unwrap();
    p.send("\r").unwrap();
    p.expect("Question 2 of 5").unwrap();
    let answers = stop(&mut p, &pty);
    assert_eq!(answers[0].response, Response::Text("9".to_owned()));
    assert_eq!(answers[0].opened, ["b"]);
}

#[test]
fn an_ordering_is_put_together_with_letters_space_and_arrows() {
    let pty = Pty::new();
    let mut p = pty.spawn_with(
        &["take", &repo("tests/fixtures/kinds.ron"), "--seed", "1"],
        &[("NO_COLOR", "1")],
    );
    // Seed 1 asks the ordering first: A. Calderón said…, B. The meeting
    // lasted…, C. Neighbours met…
    p.expect("Put in order, first at the top").unwrap();
    p.expect("C. Neighbours met behind the red door").unwrap();
    p.send("c").unwrap();
    p.expect(">   C. Neighbours met").unwrap();
    p.send(" ").unwrap();
    p.expect("> ↕ C. Neighbours met").unwrap();
    p.send("\x1b[H").unwrap();
    p.expect("> ↕ C. Neighbours met behind the red door\r\n    A. Calderón")
        .unwrap();
    p.send(" ").unwrap();
    p.expect(">   C. Neighbours met").unwrap();
    p.send("\r").unwrap();
    p.expect("You answered: Neighbours met behind the red door, then")
        .unwrap();
    crate::pty::move_on(&mut p, false);
    p.expect("Question 2 of 3").unwrap();
    let answers = stop(&mut p, &pty);
    assert_eq!(
        answers[0].response,
        Response::Order(vec!["met".into(), "left".into(), "lasted".into()])
    );
}
