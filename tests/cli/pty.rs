//! `lateral take` on a real pseudo-terminal: arrow keys, space and Enter drive dialoguer.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Duration;

use expectrl::{Expect, Session};
use lateral::grade::{format_points, grade};
use lateral::quiz::{Kind, Response};
use lateral::sheet::format_number;
use lateral::shuffle::order;

use crate::util::repo;

const DOWN: &str = "\x1b[B";

fn spawn(args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("lateral"));
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env(
            "LATERAL_DATA_DIR",
            std::env::temp_dir().join("lateral-pty-test"),
        );
    let mut session = Session::spawn(cmd).expect("spawn lateral on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

#[test]
fn the_sample_quiz_is_taken_with_arrow_keys_space_and_enter() {
    let path = repo("quizzes/viral-photo.ron");
    let quiz = lateral::cli::load_quiz(std::path::Path::new(&path))
        .unwrap()
        .value;
    let seed = 7;
    let order = order(&quiz, seed);
    let mut p = spawn(&["take", &path, "--seed", "7"]);
    p.expect("Seed 7").unwrap();
    let mut given = BTreeMap::new();
    let mut refused_once = false;
    for (n, &qi) in order.questions.iter().enumerate() {
        let q = &quiz.questions[qi];
        let shown = &order.options[qi];
        p.expect(format!("Question {} of {}", n + 1, quiz.questions.len()).as_str())
            .unwrap();
        let response = match &q.kind {
            Kind::Single { options, .. } => {
                p.expect("Choose one").unwrap();
                p.send(DOWN).unwrap();
                p.send("\r").unwrap();
                Response::Choice(options[shown[1]].id.clone())
            }
            Kind::Multiple { options, .. } => {
                p.expect("Select all that apply").unwrap();
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
                p.expect("True or false?").unwrap();
                p.send("\r").unwrap();
                Response::Bool(true)
            }
            Kind::Number { answer, .. } => {
                p.expect("number").unwrap();
                if !refused_once {
                    // An answer that cannot be read is refused with a hint, and asked again.
                    p.send("abc\r").unwrap();
                    p.expect("is not a number").unwrap();
                    refused_once = true;
                }
                let typed = format_number(*answer);
                p.send(format!("{typed}\r")).unwrap();
                Response::Text(typed)
            }
            Kind::Text { accept, .. } => {
                p.expect("answer").unwrap();
                p.send(format!("{}\r", accept[0])).unwrap();
                Response::Text(accept[0].clone())
            }
        };
        p.expect("Why:").unwrap();
        given.insert(q.id.clone(), response);
    }
    assert!(refused_once, "the sample quiz has a number question");
    let report = grade(&quiz, &given);
    let expected = format!(
        "Score: {} of {} points",
        format_points(report.score),
        format_points(report.max)
    );
    p.expect(expected.as_str()).unwrap();
    p.expect(expectrl::Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert_eq!(
        status,
        expectrl::process::unix::WaitStatus::Exited(p.get_process().pid(), 0)
    );
}

#[test]
fn ctrl_c_at_a_prompt_shows_the_cursor_and_exits_130() {
    let path = repo("tests/fixtures/mini.ron");
    let mut p = spawn(&["take", &path, "--seed", "1"]);
    p.expect("Question 1 of 5").unwrap();
    // Wait for the prompt to hide the cursor, then interrupt it.
    p.expect("\x1b[?25l").unwrap();
    p.send("\x03").unwrap();
    p.expect("\x1b[?25h").unwrap();
    p.expect("interrupted").unwrap();
    p.expect(expectrl::Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert_eq!(
        status,
        expectrl::process::unix::WaitStatus::Exited(p.get_process().pid(), 130)
    );
}

#[test]
fn a_cited_source_opens_in_the_built_in_pager_and_the_quiz_goes_on() {
    let path = repo("tests/fixtures/mini.ron");
    let sources = repo("tests/fixtures/sources");
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("lateral"));
    cmd.args(["take", &path, "--seed", "1", "--sources", &sources])
        .env("TERM", "xterm-256color")
        .env_remove("PAGER");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    // Seed 1 asks "Which reports name the street?" first; it cites both reports.
    p.expect("Select all that apply").unwrap();
    p.send(" ").unwrap();
    p.send("\r").unwrap();
    p.expect("in context: Report A: a meeting on Elm Street")
        .unwrap();
    p.expect("Continue, or read a source in full").unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap();
    p.expect("Report A · lines 1–").unwrap();
    p.expect("Neighbours met behind the red door").unwrap();
    p.send("q").unwrap();
    // Back from the article: the feedback and the menu again, then on to question 2.
    p.expect("Reported by 2 of 2 sources.").unwrap();
    p.expect("Continue, or read a source in full").unwrap();
    p.send("\r").unwrap();
    p.expect("Question 2 of 5").unwrap();
    p.send("\x03").unwrap();
    p.expect(expectrl::Eof).unwrap();
}
