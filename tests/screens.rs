//! Whole screens, rendered at a fixed width, as a student sees them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lateral::grade::{grade, grade_question};
use lateral::quiz::{Quiz, Response};
use lateral::screen;

fn mini() -> Quiz {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.ron");
    lateral::cli::load_quiz(&path).unwrap().value
}

#[test]
fn welcome_screen() {
    let quiz = mini();
    let mut s = String::new();
    screen::welcome(&mut s, &quiz, 60).unwrap();
    writeln!(s).unwrap();
    screen::seed_line(&mut s, 42, 60).unwrap();
    insta::assert_snapshot!(s);
}

#[test]
fn feedback_for_a_wrong_choice_shows_the_option_feedback_and_evidence() {
    let quiz = mini();
    let q = quiz.question("pick").unwrap();
    let response = Response::Choice("blue".into());
    let outcome = grade_question(q, Some(&response));
    let mut s = String::new();
    screen::feedback(&mut s, &quiz, q, &response, &outcome, &BTreeMap::new(), 60).unwrap();
    insta::assert_snapshot!(s);
}

#[test]
fn final_report_has_bars_per_tag_and_the_missed_questions() {
    let quiz = mini();
    let mut responses = BTreeMap::new();
    responses.insert("pick".to_owned(), Response::Choice("red".into()));
    responses.insert("all".to_owned(), Response::Choices(vec!["a".into()]));
    responses.insert("tf".to_owned(), Response::Bool(false));
    let report = grade(&quiz, &responses);
    let mut s = String::new();
    screen::report(&mut s, &quiz, &report, None, 80).unwrap();
    insta::assert_snapshot!(s);
}

/// The mini quiz's report with the first three questions answered, the
/// last of them wrong.
fn three_answered() -> (Quiz, lateral::grade::Report) {
    let quiz = mini();
    let mut responses = BTreeMap::new();
    responses.insert("pick".to_owned(), Response::Choice("red".into()));
    responses.insert("all".to_owned(), Response::Choices(vec!["a".into()]));
    responses.insert("tf".to_owned(), Response::Bool(false));
    let report = grade(&quiz, &responses);
    (quiz, report)
}

#[test]
fn report_with_the_time_taken() {
    let (quiz, report) = three_answered();
    let mut s = String::new();
    screen::report(&mut s, &quiz, &report, Some(4 * 60 + 12), 80).unwrap();
    assert!(s.contains("\nTime taken: 4 min 12 s\n"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn report_with_the_time_taken_at_forty_columns() {
    let (quiz, report) = three_answered();
    let mut s = String::new();
    screen::report(&mut s, &quiz, &report, Some(3600 + 5 * 60 + 7), 40).unwrap();
    assert!(s.contains("\nTime taken: 1 h 5 min\n"), "{s}");
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "line too wide: {line:?}"
        );
    }
    insta::assert_snapshot!(s);
}

/// The question header of question `number` of `total` at `width` columns.
fn header(number: usize, total: usize, width: usize) -> String {
    let quiz = mini();
    let mut s = String::new();
    screen::question_header(&mut s, number, total, Some(2.0), &quiz.questions[0], width).unwrap();
    s
}

#[test]
fn question_header_with_progress() {
    let s = header(3, 10, 80);
    // The bar, on the second line: 12 of 40 columns done (3 of 10).
    let bar = s.lines().nth(2).unwrap();
    assert_eq!(bar, format!("{}{}", "█".repeat(12), "░".repeat(28)));
    insta::assert_snapshot!(s);
}

#[test]
fn question_header_with_progress_at_twenty_columns() {
    let s = header(3, 10, 20);
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 20,
            "line too wide: {line:?}"
        );
    }
    assert!(s.contains("Question 3 of 10"), "{s}");
    // Half the width: 3 of 10 columns done.
    assert!(s.contains("\n███░░░░░░░\n"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn the_progress_bar_is_empty_of_nothing_and_full_at_the_last_question() {
    let bar = |number, total| header(number, total, 80).lines().nth(2).unwrap().to_owned();
    // 40 columns at most: one in forty is one column, never none.
    assert_eq!(bar(1, 40), format!("█{}", "░".repeat(39)));
    assert_eq!(bar(1, 200), format!("█{}", "░".repeat(39)));
    assert_eq!(bar(20, 40), format!("{}{}", "█".repeat(20), "░".repeat(20)));
    assert_eq!(bar(7, 7), "█".repeat(40));
}

#[test]
fn long_words_and_narrow_widths_do_not_break_the_layout() {
    let mut quiz = mini();
    quiz.questions[0].prompt = format!("{} {}", "word ".repeat(40), "x".repeat(120));
    let mut s = String::new();
    screen::question_header(&mut s, 1, 5, Some(0.0), &quiz.questions[0], 40).unwrap();
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "line too wide: {line:?}"
        );
    }
}

/// Six sheets of the mini quiz, strongest first, two of them taken with the
/// sources at hand: everyone gets `tf` right, nobody `count`, and `who` is
/// got right by the weaker students.
fn class_of_six() -> (Quiz, lateral::stats::ItemAnalysis) {
    let quiz = lateral::load::parse::<Quiz>(include_str!("fixtures/mini.ron"))
        .unwrap()
        .value;
    let sheet = |pick: &str, all: &[&str], tf: bool, count: &str, who: &str| {
        let mut r = BTreeMap::new();
        r.insert("pick".to_owned(), Response::Choice(pick.into()));
        r.insert(
            "all".to_owned(),
            Response::Choices(all.iter().map(|s| s.to_string()).collect()),
        );
        r.insert("tf".to_owned(), Response::Bool(tf));
        if !count.is_empty() {
            r.insert("count".to_owned(), Response::Text(count.into()));
        }
        r.insert("who".to_owned(), Response::Text(who.into()));
        r
    };
    let sheets = [
        sheet("red", &["a", "b"], true, "nineteen", "Sarukhan"),
        sheet("red", &["a", "b"], true, "10", "Obrador"),
        sheet("blue", &["a"], true, "", "Calderon"),
        sheet("red", &["a", "none"], true, "8", "Calderón"),
        sheet("green", &["b"], true, "", "Calderón"),
        sheet("blue", &[], true, "", "Sarukhan"),
    ];
    let opened = |pairs: &[(&str, &[&str])]| -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(q, ids)| (q.to_string(), ids.iter().map(|s| s.to_string()).collect()))
            .collect()
    };
    let first = opened(&[("pick", &["a"]), ("all", &["a", "b"]), ("who", &["a"])]);
    let fifth = opened(&[("all", &["b"])]);
    let mut stats = lateral::stats::Stats::new(&quiz);
    for (i, r) in sheets.iter().enumerate() {
        stats.add(&lateral::stats::Submission {
            responses: r,
            opened: match i {
                0 => Some(&first),
                4 => Some(&fifth),
                _ => None,
            },
        });
    }
    let analysis = stats.finish();
    (quiz, analysis)
}

#[test]
fn item_analysis_of_a_class() {
    let (quiz, analysis) = class_of_six();
    let mut s = String::new();
    screen::stats(&mut s, &quiz, &analysis, 100).unwrap();
    insta::assert_snapshot!(s);
}

#[test]
fn item_analysis_wraps_at_sixty_columns() {
    let (quiz, analysis) = class_of_six();
    let mut s = String::new();
    screen::stats(&mut s, &quiz, &analysis, 60).unwrap();
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 60,
            "line too wide: {line:?}"
        );
    }
    insta::assert_snapshot!(s);
}

#[test]
fn evidence_shows_each_source_once_and_never_doubles_quote_marks() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds.ron"),
    )
    .unwrap()
    // A quote that is itself a quotation, marks included.
    .replace("quote: \"on Tuesday\"", "quote: \"“on Tuesday”\"");
    let quiz: Quiz = lateral::load::parse(&text).unwrap().value;
    let q = quiz.question("who-where").unwrap();
    let mut s = String::new();
    screen::citations(&mut s, &quiz, q, &BTreeMap::new(), 80).unwrap();
    assert_eq!(
        s,
        "\n  Evidence:\n  [a] Report A\n      “on Tuesday”\n      “lasted nine minutes”\n  [b] Report B\n      “before noon”\n"
    );
}

/// A schedule written out by hand: day 1 answered three questions (two
/// right, one missed), day 2 the missed one right.
fn practised() -> lateral::practice::Schedule {
    use lateral::practice::{Mark, Schedule};
    let day = |d: &str| d.parse().unwrap();
    let mut s = Schedule::new();
    s.answer("mini", "pick", Mark::Right, day("2026-12-01"));
    s.answer("mini", "tf", Mark::Right, day("2026-12-01"));
    s.answer("mini", "count", Mark::Missed, day("2026-12-01"));
    s.answer("other", "x", Mark::Missed, day("2026-12-01"));
    s.answer("mini", "count", Mark::Right, day("2026-12-02"));
    s
}

#[test]
fn practice_status_counts_each_box_and_what_is_due() {
    let s = practised();
    let today = "2026-12-03".parse().unwrap();
    let mut out = String::new();
    screen::practice_status(
        &mut out,
        &s.boxes(today, |_| true),
        &s.upcoming(today, |_| true),
        today,
        60,
    )
    .unwrap();
    insta::assert_snapshot!(out);
}

#[test]
fn practice_welcome_and_end_say_what_is_due_and_when() {
    let s = practised();
    let today = "2026-12-02".parse().unwrap();
    let mut out = String::new();
    screen::practice_welcome(&mut out, 2, 1, today, 7, false, 60).unwrap();
    let mini = |c: &lateral::practice::Card| c.quiz == "mini";
    screen::practice_end(&mut out, 2, 1, &s.upcoming(today, mini), today, 60).unwrap();
    insta::assert_snapshot!(out);
}
