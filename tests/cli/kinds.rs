//! Matching, ordering and reflection (quiz format 2): checked, taken in
//! plain mode and on a terminal, graded from sheets, and kept out of papers.

use std::collections::BTreeMap;

use expectrl::Expect;
use lateral::quiz::{Kind, Quiz, Response};
use lateral::shuffle::order;

use crate::util::{repo, right_lines, Lateral};

fn kinds() -> String {
    repo("tests/fixtures/kinds.ron")
}

fn load() -> Quiz {
    lateral::cli::load_quiz(std::path::Path::new(&kinds()))
        .unwrap()
        .value
}

#[test]
fn the_fixture_checks_with_its_sources_and_its_key_tests_pass() {
    let l = Lateral::new();
    let run = l.again(&[
        "check",
        "--sources",
        &repo("tests/fixtures/sources"),
        &kinds(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("ok (3 questions, 2 points, 4 answer-key tests, 6 citations"),
        "{}",
        run.stdout
    );
    let test = l.again(&["test", &kinds()]);
    assert_eq!(test.code, 0, "{}", test.stdout);
    assert_eq!(test.stdout.lines().last(), Some("6 passed, 0 failed"));
}

#[test]
fn a_plain_run_with_every_answer_right_scores_full_marks() {
    let quiz = load();
    let run = Lateral::new()
        .args(["take", &kinds(), "--seed", "5"])
        .stdin(right_lines(&quiz, 5))
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Score: 2 of 2 points (100%) · passed"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("✓ Right · 1 of 1 point").count(),
        2,
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("✎ Your answer is kept (not scored)"));
}

#[test]
fn sheets_with_pairs_and_an_order_are_graded_with_partial_credit() {
    let sheet = r#"(format: 2, quiz: "kinds", responses: {
        "who-where": Pairs({"tuesday": "a", "noon": "a", "minutes": "a"}),
        "sequence": Order(["lasted", "met", "left"]),
        "next": Text("anything"),
    })"#;
    let l = Lateral::new().file("s.ron", sheet);
    let run = l.again(&["grade", &kinds(), "s.ron", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let q = &v[0]["questions"];
    // Two of three pairs; `met, left` in order: 2 of 3 items.
    assert!(
        (q[0]["points"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9,
        "{q}"
    );
    assert!(
        (q[1]["points"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9,
        "{q}"
    );
    assert_eq!(q[2]["verdict"], "open");
    assert_eq!(q[2]["max"].as_f64(), Some(0.0));
    // A version 1 sheet is still read.
    let old = l.file(
        "old.ron",
        r#"(format: 1, quiz: "kinds", responses: {"next": Text("x")})"#,
    );
    assert_eq!(old.again(&["grade", &kinds(), "old.ron"]).code, 0);
}

#[test]
fn a_paper_holds_neither_the_pairs_nor_the_order_nor_the_model() {
    let l = Lateral::new();
    assert_eq!(
        l.run_with_input(&["paper", &kinds(), "-o", "p.ron"], "")
            .code,
        0
    );
    let paper = std::fs::read_to_string(l.path("p.ron")).unwrap();
    assert!(!paper.contains("answer:"), "{paper}");
    assert!(!paper.contains("His full name"), "{paper}");
    // The items are listed alphabetically, not in the key's order.
    let calderon = paper.find("Calderón said they will be back").unwrap();
    let neighbours = paper.find("Neighbours met behind the red door").unwrap();
    let lasted = paper.rfind("The meeting lasted nine minutes").unwrap();
    assert!(calderon < neighbours && neighbours < lasted, "{paper}");
}

#[test]
fn on_a_terminal_matching_ordering_and_reflection_are_answered() {
    let quiz = load();
    let pty = crate::pty::Pty::new();
    let seed = 2;
    let order = order(&quiz, seed);
    let mut p = pty.spawn(&["take", &kinds(), "--seed", "2"]);
    let mut given = BTreeMap::new();
    for (n, &qi) in order.questions.iter().enumerate() {
        let q = &quiz.questions[qi];
        p.expect(format!("Question {} of 3", n + 1).as_str())
            .unwrap();
        match &q.kind {
            Kind::Matching { items, .. } => {
                // Each item, in turn, with the first choice shown.
                for (k, _) in items.iter().enumerate() {
                    p.expect(format!("Match {} of {}", k + 1, items.len()).as_str())
                        .unwrap();
                    p.send("\r").unwrap();
                }
                given.insert(q.id.clone(), "matched");
            }
            Kind::Ordering { .. } => {
                p.expect("Put in order").unwrap();
                p.send("\r").unwrap();
                given.insert(q.id.clone(), "ordered");
            }
            Kind::Reflection { .. } => {
                p.expect("your answer").unwrap();
                p.send("Search the name and the street\r").unwrap();
                p.expect("A model answer").unwrap();
                given.insert(q.id.clone(), "reflected");
            }
            other => panic!("no {} question in the fixture", other.name()),
        }
        crate::pty::move_on(&mut p, n + 1 == order.questions.len());
    }
    p.expect("Result").unwrap();
    let _ = p.expect("Review the");
    p.send("n\r").unwrap();
    let _ = p.expect(expectrl::Eof);
    let attempt = lateral::store::read(&pty.attempts()[0]).unwrap();
    assert!(attempt.finished);
    // The order shown is the order given when nothing is moved.
    let shown: Vec<String> = attempt.options["sequence"].clone();
    assert_eq!(
        attempt.answer("sequence").unwrap().response,
        Response::Order(shown)
    );
    let Response::Pairs(pairs) = &attempt.answer("who-where").unwrap().response else {
        panic!("pairs expected")
    };
    let first = &attempt.options["who-where"][0];
    assert!(pairs.values().all(|c| c == first), "{pairs:?}");
    assert_eq!(
        attempt.answer("next").unwrap().response,
        Response::Text("Search the name and the street".into())
    );
    assert_eq!(given.len(), 3);
}
