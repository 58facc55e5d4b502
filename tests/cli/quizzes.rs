//! Answer-key tests over every quiz in `quizzes/`: each one loads, its key
//! grades to full marks, every wrong option scores zero, and its own cases pass.

use std::collections::BTreeMap;
use std::path::Path;

use lateral::grade::{credit, grade};
use lateral::quiz::{Kind, Response};
use lateral::sheet::Sheet;

use crate::util::{root, shipped_quizzes, Lateral};

fn load(path: &Path) -> lateral::quiz::Quiz {
    lateral::cli::load_quiz(path)
        .unwrap_or_else(|e| panic!("{} does not load:\n{e}", path.display()))
        .value
}

#[test]
fn every_quiz_validates_and_its_key_earns_full_marks() {
    for path in shipped_quizzes() {
        let quiz = load(&path);
        let key = Sheet::key(&quiz);
        let report = grade(&quiz, &key.responses);
        assert_eq!(report.score, report.max, "{}", path.display());
        assert_eq!(report.passed, quiz.pass_mark.map(|_| true));
    }
}

#[test]
fn every_wrong_single_choice_option_scores_zero() {
    for path in shipped_quizzes() {
        let quiz = load(&path);
        for q in &quiz.questions {
            if let Kind::Single { options, answer } = &q.kind {
                for o in options.iter().filter(|o| &o.id != answer) {
                    assert_eq!(
                        credit(&q.kind, &Response::Choice(o.id.clone())),
                        0.0,
                        "{}: {} option {}",
                        path.display(),
                        q.id,
                        o.id
                    );
                }
            }
        }
    }
}

#[test]
fn an_empty_sheet_scores_zero() {
    for path in shipped_quizzes() {
        let quiz = load(&path);
        let report = grade(&quiz, &BTreeMap::new());
        assert_eq!(report.score, 0.0);
    }
}

#[test]
fn key_sheet_grades_to_full_marks_through_the_binary() {
    for path in shipped_quizzes() {
        let quiz = path.display().to_string();
        let key = Lateral::new().args(["key", &quiz, "--sheet"]).run();
        assert_eq!(key.code, 0, "{}", key.stderr);
        let lateral = Lateral::new().file("k.ron", &key.stdout);
        let run = lateral.args(["grade", &quiz, "k.ron", "--json"]).run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(v[0]["score"], v[0]["max"], "{quiz}");
        assert_eq!(v[0]["percent"], 100.0);
    }
}

#[test]
fn in_file_cases_pass() {
    for path in shipped_quizzes() {
        let quiz = path.display().to_string();
        let run = Lateral::new().args(["test", &quiz]).run();
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.ends_with(" 0 failed\n"), "{}", run.stdout);
        assert!(
            !load(&path).tests.is_empty(),
            "{quiz} has no answer-key cases"
        );
    }
}

#[test]
fn every_citation_is_found_in_its_article() {
    // The articles live beside the repository, never in it.
    let sources = root().join("../shared/sources");
    if !sources.is_dir() {
        // CI has the articles beside the clone and must prove every citation;
        // a plain `cargo test` on a machine without them says it skipped.
        assert!(
            !std::env::var("LATERAL_REQUIRE_TOOLS").is_ok_and(|v| v == "1"),
            "{} is required here (LATERAL_REQUIRE_TOOLS=1) but missing",
            sources.display()
        );
        eprintln!("skipped: {} is not here", sources.display());
        return;
    }
    for path in shipped_quizzes() {
        let quiz = path.display().to_string();
        let run = Lateral::new()
            .args(["check", "--sources", &sources.display().to_string(), &quiz])
            .run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains("citations found in their sources"),
            "{}",
            run.stdout
        );
    }
}
