//! The schedule over simulated days. Every date and box below is written
//! out by hand from the rule (box n every 2^(n-1) days; a miss back to box
//! 1, due the next day), not computed by the code under test.

use super::*;

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// (box, due) of a card.
fn at(s: &Schedule, question: &str) -> (u8, Date) {
    let c = s.card("q", question).unwrap();
    (c.level, c.due)
}

fn all(_: &Card) -> bool {
    true
}

#[test]
fn the_intervals_are_one_two_four_eight_sixteen_days() {
    let written: Vec<i32> = (1..=BOXES).map(interval).collect();
    assert_eq!(written, vec![1, 2, 4, 8, 16]);
}

#[test]
fn full_marks_right_and_anything_else_missed_and_a_reflection_is_no_card() {
    assert_eq!(mark(Verdict::Correct), Some(Mark::Right));
    assert_eq!(mark(Verdict::Partial), Some(Mark::Missed));
    assert_eq!(mark(Verdict::Wrong), Some(Mark::Missed));
    assert_eq!(mark(Verdict::Unanswered), Some(Mark::Missed));
    assert_eq!(mark(Verdict::Open), None);
}

#[test]
fn a_first_right_answer_goes_to_box_2_due_two_days_later() {
    let mut s = Schedule::new();
    s.answer("q", "a", Mark::Right, day("2026-12-01"));
    assert_eq!(at(&s, "a"), (2, day("2026-12-03")));
    let c = s.card("q", "a").unwrap();
    assert_eq!((c.last, c.right, c.missed), (day("2026-12-01"), 1, 0));
}

#[test]
fn a_first_miss_stays_in_box_1_due_the_next_day() {
    let mut s = Schedule::new();
    s.answer("q", "a", Mark::Missed, day("2026-12-31"));
    assert_eq!(at(&s, "a"), (1, day("2027-01-01")));
}

#[test]
fn right_every_time_it_is_due_climbs_the_boxes_then_stays_in_box_5() {
    let mut s = Schedule::new();
    // Each line: the day it is answered right, then its box and due day after.
    let days = [
        ("2026-12-01", 2, "2026-12-03"),
        ("2026-12-03", 3, "2026-12-07"),
        ("2026-12-07", 4, "2026-12-15"),
        ("2026-12-15", 5, "2026-12-31"),
        ("2026-12-31", 5, "2027-01-16"),
        ("2027-01-16", 5, "2027-02-01"),
    ];
    for (answered, level, due) in days {
        s.answer("q", "a", Mark::Right, day(answered));
        assert_eq!(at(&s, "a"), (level, day(due)), "answered {answered}");
    }
    assert_eq!(s.card("q", "a").unwrap().right, 6);
}

#[test]
fn a_miss_sends_a_card_from_any_box_back_to_box_1() {
    let mut s = Schedule::new();
    s.answer("q", "a", Mark::Right, day("2026-12-01")); // box 2, due 12-03
    s.answer("q", "a", Mark::Right, day("2026-12-03")); // box 3, due 12-07
    s.answer("q", "a", Mark::Missed, day("2026-12-07"));
    assert_eq!(at(&s, "a"), (1, day("2026-12-08")));
    s.answer("q", "a", Mark::Right, day("2026-12-08"));
    assert_eq!(at(&s, "a"), (2, day("2026-12-10")));
    let c = s.card("q", "a").unwrap();
    assert_eq!((c.right, c.missed), (3, 1));
}

#[test]
fn a_card_answered_late_moves_up_one_box_from_the_day_it_was_answered() {
    let mut s = Schedule::new();
    s.answer("q", "a", Mark::Right, day("2026-12-01")); // due 12-03
    s.answer("q", "a", Mark::Right, day("2026-12-20"));
    assert_eq!(at(&s, "a"), (3, day("2026-12-24")));
}

#[test]
fn right_before_it_is_due_changes_nothing_but_a_miss_still_counts() {
    let mut s = Schedule::new();
    s.answer("q", "a", Mark::Right, day("2026-12-01")); // box 2, due 12-03
                                                        // The same quiz again on the same day, and the next: no skipping boxes.
    s.answer("q", "a", Mark::Right, day("2026-12-01"));
    s.answer("q", "a", Mark::Right, day("2026-12-02"));
    assert_eq!(at(&s, "a"), (2, day("2026-12-03")));
    assert_eq!(s.card("q", "a").unwrap().last, day("2026-12-02"));
    s.answer("q", "a", Mark::Missed, day("2026-12-02"));
    assert_eq!(at(&s, "a"), (1, day("2026-12-03")));
}

#[test]
fn what_is_due_and_when_over_a_week() {
    let mut s = Schedule::new();
    let d1 = day("2026-12-01");
    s.answer("q", "a", Mark::Right, d1); // box 2, due 12-03
    s.answer("q", "b", Mark::Missed, d1); // box 1, due 12-02
    s.answer("q", "c", Mark::Right, d1); // box 2, due 12-03
    s.answer("other", "x", Mark::Missed, d1); // box 1, due 12-02
    assert!(s.due(d1, all).is_empty());
    let ids = |cards: Vec<&Card>| -> Vec<String> {
        cards
            .iter()
            .map(|c| format!("{}/{}", c.quiz, c.question))
            .collect()
    };
    assert_eq!(ids(s.due(day("2026-12-02"), all)), ["other/x", "q/b"]);
    // Only the quiz given.
    let only_q = |c: &Card| c.quiz == "q";
    assert_eq!(ids(s.due(day("2026-12-02"), only_q)), ["q/b"]);
    assert_eq!(
        s.upcoming(d1, only_q),
        vec![(day("2026-12-02"), 1), (day("2026-12-03"), 2)]
    );
    // Day 2: b right, to box 2 due 12-04.
    s.answer("q", "b", Mark::Right, day("2026-12-02"));
    assert_eq!(
        s.upcoming(day("2026-12-02"), only_q),
        vec![(day("2026-12-03"), 2), (day("2026-12-04"), 1)]
    );
    // Seen from a later day, overdue cards count as due that day.
    assert_eq!(
        s.upcoming(day("2026-12-10"), all),
        vec![(day("2026-12-10"), 4)]
    );
    assert_eq!(
        ids(s.due(day("2026-12-03"), all)),
        ["other/x", "q/a", "q/c"]
    );
}

#[test]
fn boxes_count_cards_and_those_due() {
    let mut s = Schedule::new();
    let d1 = day("2026-12-01");
    s.answer("q", "a", Mark::Right, d1); // box 2, due 12-03
    s.answer("q", "b", Mark::Missed, d1); // box 1, due 12-02
    s.answer("q", "c", Mark::Missed, d1); // box 1, due 12-02
    s.answer("q", "c", Mark::Right, day("2026-12-02")); // box 2, due 12-04
    let counts = s.boxes(day("2026-12-03"), all);
    let table: Vec<(u8, i32, usize, usize)> = counts
        .iter()
        .map(|b| (b.level, b.every_days, b.cards, b.due))
        .collect();
    assert_eq!(
        table,
        vec![
            (1, 1, 1, 1),
            (2, 2, 2, 1),
            (3, 4, 0, 0),
            (4, 8, 0, 0),
            (5, 16, 0, 0)
        ]
    );
}

#[test]
fn cards_are_kept_in_quiz_and_question_order_and_round_trip_through_ron() {
    let mut s = Schedule::new();
    for (quiz, question) in [("b", "2"), ("a", "9"), ("b", "1"), ("a", "10")] {
        s.answer(quiz, question, Mark::Right, day("2026-12-01"));
    }
    let keys: Vec<(&str, &str)> = s
        .cards
        .iter()
        .map(|c| (c.quiz.as_str(), c.question.as_str()))
        .collect();
    assert_eq!(keys, [("a", "10"), ("a", "9"), ("b", "1"), ("b", "2")]);
    let text = s.to_ron();
    assert!(text.contains("box: 2,"), "{text}");
    assert!(text.contains("due: \"2026-12-03\","), "{text}");
    let back: Schedule = crate::load::parse(&text).unwrap().value;
    assert_eq!(back, s);
}

#[test]
fn a_file_out_of_order_is_sorted_but_a_doubled_card_or_a_sixth_box_is_refused() {
    let card = |question: &str, level: u8| Card {
        quiz: "q".to_owned(),
        question: question.to_owned(),
        level,
        due: day("2026-12-01"),
        last: day("2026-12-01"),
        right: 0,
        missed: 0,
    };
    let s = Schedule {
        format: 1,
        cards: vec![card("b", 1), card("a", 2)],
    };
    let tidy = s.tidy().unwrap();
    assert_eq!(tidy.card("q", "a").unwrap().level, 2);
    let doubled = Schedule {
        format: 1,
        cards: vec![card("a", 1), card("a", 2)],
    };
    assert_eq!(
        doubled.tidy().unwrap_err(),
        "question `a` of quiz `q` has two cards"
    );
    let sixth = Schedule {
        format: 1,
        cards: vec![card("a", 6)],
    };
    assert_eq!(
        sixth.tidy().unwrap_err(),
        "question `a` of quiz `q` is in box 6; boxes go from 1 to 5"
    );
}
