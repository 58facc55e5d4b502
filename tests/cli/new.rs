//! `lateral new`: a starter quiz that `check` and `test` pass, never
//! written over an existing file.

use std::path::Path;

use lateral::load::parse;
use lateral::quiz::Quiz;

use crate::util::{root, Lateral};

/// Reads and parses the quiz `new` wrote.
fn written(t: &Lateral, name: &str) -> Quiz {
    let text = std::fs::read_to_string(t.path(name)).unwrap();
    parse::<Quiz>(&text).unwrap().value
}

#[test]
fn a_starter_without_sources_passes_check_and_test() {
    let t = Lateral::new().args(["new", "q.ron"]);
    let run = t.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote q.ron: a starter quiz with one question of each kind; replace the placeholders\n\
         next:\n  lateral check q.ron\n  lateral test q.ron\n  lateral take q.ron\n  \
         lateral check --sources DIR q.ron   (once DIR holds article.txt)\n"
    );
    let check = t.again(&["check", "q.ron"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "");
    let test = t.again(&["test", "q.ron"]);
    assert_eq!(test.code, 0, "{}", test.stdout);
    assert!(
        test.stdout.ends_with(" passed, 0 failed\n"),
        "{}",
        test.stdout
    );
    let quiz = written(&t, "q.ron");
    assert_eq!(quiz.id, "q");
    assert_eq!(quiz.sources[0].file, "article.txt");
    let text = std::fs::read_to_string(t.path("q.ron")).unwrap();
    assert!(text.contains("docs/quiz-format.md"));
}

#[test]
fn the_starter_holds_one_question_of_each_kind() {
    let t = Lateral::new().args(["new", "Week 3: Élan!.ron"]);
    assert_eq!(t.run().code, 0);
    let quiz = written(&t, "Week 3: Élan!.ron");
    let kinds: Vec<&str> = quiz.questions.iter().map(|q| q.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "Single",
            "Multiple",
            "TrueFalse",
            "Number",
            "Text",
            "Matching",
            "Ordering",
            "Reflection"
        ]
    );
    assert_eq!(quiz.id, "week-3-elan");
}

/// Small texts with the quirks of real ones: curly quotes, a first line
/// that is a whole paragraph, page furniture before the headline, an odd
/// file name, and files that are not texts.
fn small_sources(t: Lateral) -> Lateral {
    let long = "The images of migrants facing desperation at the border continue to circulate on social media, shedding light on what they encounter. ".repeat(3);
    t.file(
        "texts/000_ae29e3f9182fc890.txt",
        "\u{2018}Let Me Pass\u{2019}: Photo of Mother Goes Viral\n\n\
         A photo of a mother pleading with a soldier has gone viral.\n\n\
         \u{201c}I beg of you,\u{201d} she said \u{2014} twice.\n",
    )
    .file("texts/Común Dreams (copy).txt", "Published on\n\n\"Don't Let Them Send Me Back\": Stopped Inches From the Border\n\nAfter traveling 1,500 miles from Guatemala, she begged.\n")
    .file("texts/zz long.txt", format!("{long}\n\nSecond paragraph with a \\ backslash and \"quotes\".\n"))
    .file("texts/README.md", "not a source")
    .file("texts/sub.txt/inner.txt", "a folder, not a text")
}

#[test]
fn a_starter_from_sources_passes_check_with_sources() {
    let t = small_sources(Lateral::new()).args(["new", "q.ron", "--sources", "texts"]);
    let run = t.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("wrote q.ron: a starter quiz with one question of each kind, built from 3 source texts in texts\n"), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("  lateral check --sources texts q.ron\n"));
    let check = t.again(&["check", "--sources", "texts", "q.ron"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("citations found in their sources"),
        "{}",
        check.stdout
    );
    let test = t.again(&["test", "q.ron"]);
    assert_eq!(test.code, 0, "{}", test.stdout);
    let quiz = written(&t, "q.ron");
    let sources: Vec<(&str, &str, &str)> = quiz
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.file.as_str(), s.headline.as_str()))
        .collect();
    assert_eq!(
        sources,
        [
            (
                "s000-ae29e3f9182fc890",
                "000_ae29e3f9182fc890.txt",
                "\u{2018}Let Me Pass\u{2019}: Photo of Mother Goes Viral"
            ),
            (
                "comun-dreams-copy",
                "Común Dreams (copy).txt",
                "\"Don't Let Them Send Me Back\": Stopped Inches From the Border"
            ),
            (
                "zz-long",
                "zz long.txt",
                "(no headline) The images of migrants facing desperation at the border continue…"
            ),
        ]
    );
    let kinds: Vec<&str> = quiz.questions.iter().map(|q| q.kind.name()).collect();
    // No text here has three passages to order, so there is no ordering
    // question: its key could not be right by construction.
    assert_eq!(
        kinds,
        [
            "Single",
            "Multiple",
            "TrueFalse",
            "Number",
            "Text",
            "Matching",
            "Reflection"
        ]
    );
}

#[test]
fn a_starter_from_the_shared_sources_passes_check_with_sources() {
    let shared = root().join("../shared/sources");
    if !shared.join("000_ae29e3f9182fc890.txt").is_file() {
        return;
    }
    let dir = shared.display().to_string();
    let t = Lateral::new().args(["new", "viral.ron", "--sources", &dir]);
    let run = t.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = t.again(&["check", "--sources", &dir, "viral.ron"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let test = t.again(&["test", "viral.ron"]);
    assert_eq!(test.code, 0, "{}", test.stdout);
    assert_eq!(written(&t, "viral.ron").sources.len(), 5);
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let t = Lateral::new()
        .file("q.ron", "my own quiz")
        .args(["new", "q.ron"]);
    let run = t.run();
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "q.ron already exists; `lateral new` never overwrites a file: choose another name\n"
    );
    assert_eq!(
        std::fs::read_to_string(t.path("q.ron")).unwrap(),
        "my own quiz"
    );
}

#[test]
fn a_missing_folder_is_named() {
    let t = Lateral::new().args(["new", "quizzes/q.ron"]);
    let run = t.run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "quizzes/q.ron: cannot write: the folder quizzes does not exist; create it first\n"
    );
    assert!(!Path::new(&t.path("quizzes")).exists());
}

#[test]
fn a_sources_folder_without_texts_is_refused() {
    let t = Lateral::new()
        .file("texts/README.md", "no texts here")
        .args(["new", "q.ron", "--sources", "texts"]);
    let run = t.run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "texts: no .txt files; a starter quiz quotes the .txt files of its sources folder\n"
    );
    assert!(!t.path("q.ron").exists());
}
