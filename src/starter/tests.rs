//! The starter's unit tests: ids and RON strings as written, and every
//! starter (placeholder or built from texts) loading, validating and passing
//! its own answer-key tests.

use super::articles::Articles;
use super::*;
use crate::keytest;
use crate::load::parse;
use crate::quiz::Quiz;
use crate::validate::validate;

#[test]
fn source_ids_are_lowercase_letters_digits_and_dashes() {
    assert_eq!(
        source_id("000_ae29e3f9182fc890.txt"),
        "s000-ae29e3f9182fc890"
    );
    assert_eq!(source_id("Común Dreams (copy).txt"), "comun-dreams-copy");
    assert_eq!(source_id("__a__b__.txt"), "a-b");
    assert_eq!(source_id("report.v2.txt"), "report-v2");
    assert_eq!(source_id(".txt"), "txt");
    assert_eq!(source_id("日本.txt"), "source");
    assert_eq!(source_id(&format!("{}.txt", "x".repeat(100))).len(), 48);
}

#[test]
fn quiz_ids_keep_letters_digits_dashes_and_underscores() {
    assert_eq!(quiz_id("my_quiz-2"), "my_quiz-2");
    assert_eq!(quiz_id("Week 3: Élan!"), "week-3-elan");
    assert_eq!(quiz_id("--"), "quiz");
    assert_eq!(quiz_id(&"a".repeat(100)).len(), 64);
    let id = quiz_id("ab c/d.e é");
    assert!(id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
}

#[test]
fn taken_ids_get_a_number() {
    let texts = [
        SourceFile {
            name: "a b.txt".into(),
            text: "One two three.\n\nFour five six seven.".into(),
        },
        SourceFile {
            name: "a_b.txt".into(),
            text: "Eight nine ten.\n\nEleven twelve thirteen.".into(),
        },
    ];
    let articles = Articles::new(&texts);
    let ids: Vec<&str> = articles.all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a-b", "a-b-2"]);
}

#[test]
fn ron_strings_round_trip() {
    for s in [
        "plain",
        "quote \" and \\ back",
        "tab\tline\nret\r",
        "\u{1b}[2J \u{202e} \u{7f} \u{feff}",
        "“curly” ‘single’ é",
        "r#\"raw\"#",
    ] {
        let written = ron_string(s);
        let back: String = ron::from_str(&written).unwrap();
        assert_eq!(back, s, "{written}");
        assert!(!written.chars().any(|c| c.is_control() || c == '\u{202e}'));
    }
}

/// Loads a starter, checks it and runs its key tests, and returns it.
fn loads(text: &str) -> Quiz {
    let doc = parse::<Quiz>(text).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
    assert_eq!(validate(&doc), vec![], "{text}");
    let failed: Vec<_> = keytest::run(&doc.value)
        .into_iter()
        .filter(|r| !r.passed)
        .collect();
    assert!(failed.is_empty(), "{failed:?}\n{text}");
    doc.value
}

#[test]
fn the_placeholder_starter_loads_and_passes_its_tests() {
    let quiz = loads(&starter("q", &[]).unwrap());
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
    assert_eq!(quiz.sources[0].file, "article.txt");
}

#[test]
fn one_text_is_enough() {
    let texts = [SourceFile {
        name: "only.txt".into(),
        text: "A headline with words\n\n\u{201c}The body has \u{201c}curly\u{201d} quotes,\u{201d} here.\n".into(),
    }];
    let quiz = loads(&starter("q", &texts).unwrap());
    assert_eq!(quiz.sources[0].headline, "A headline with words");
    let quotes: Vec<&str> = quiz.questions[0]
        .citations
        .iter()
        .map(|c| c.quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        ["The body has \u{201c}curly\u{201d} quotes,\u{201d} here."]
    );
}

#[test]
fn texts_without_words_cannot_be_quoted() {
    let texts = [SourceFile {
        name: "empty.txt".into(),
        text: "\n  \nhi\n".into(),
    }];
    assert_eq!(starter("q", &texts), Err(StarterError::NothingToQuote));
}

#[test]
fn a_long_first_line_is_no_headline_and_a_short_one_is_skipped() {
    let long = "word ".repeat(60);
    let texts = [
        SourceFile { name: "a.txt".into(), text: format!("{long}\n") },
        SourceFile { name: "b.txt".into(), text: "Published on\n\nThe real headline is here, and not much shorter\n\nAnd a body line with \"quotes\" and \\ slashes.".into() },
    ];
    let quiz = loads(&starter("q", &texts).unwrap());
    assert_eq!(
        quiz.sources[0].headline,
        "(no headline) word word word word word word word word word word…"
    );
    assert_eq!(
        quiz.sources[1].headline,
        "The real headline is here, and not much shorter"
    );
}
